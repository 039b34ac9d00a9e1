// EBCDIC (code page 037) decoding for the line-mode console; printable characters only, others become '.'.

/** Code page 037 → ASCII, one character per EBCDIC code point. */
const CP037 =
  '................................................................ ...........<(+|&.........!$*);.-/.........,%_>?.........`:#@\'=".abcdefghi.......jklmnopqr.......~stuvwxyz......^.........[]....{ABCDEFGHI......}JKLMNOPQR......\\.STUVWXYZ......0123456789......'

/** ASCII character for an EBCDIC byte. */
export function ebcdicToAscii(b: number): string {
  return CP037[b & 0xff]!
}
