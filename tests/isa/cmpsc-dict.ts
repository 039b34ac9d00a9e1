// Test helper for COMPRESSION CALL: builds compression and expansion dictionaries (formats of SA22-7208 / POP
// "COMPRESSION CALL") from a symbol tree, a reference compressor that walks the same tree, an LZ78-style tree
// generator for larger data, and a bit packer/unpacker for index symbols.

/** One dictionary symbol below its parent: `edge` is the child character followed by its additional extension
 * characters (at most one for a node with several children, four with one child, five for a leaf). */
export interface DictNode {
  edge: string
  kids: DictNode[]
}

export interface Dictionary {
  /** Compression dictionary followed by the expansion dictionary (8 * 2^(8+cdss) bytes each). */
  bytes: Uint8Array
  /** Index symbol of every node. */
  index: Map<DictNode, number>
}

const code = (s: string, i = 0): number => s.charCodeAt(i) & 0xff

/** Lays out `roots` (alphabet entries: one-character edges) as a format-0 or format-1 dictionary. */
export function buildDictionary(roots: readonly DictNode[], cdss: number, f1: boolean): Dictionary {
  const size = 1 << (8 + cdss)
  const cmp = new Uint8Array(size * 8)
  const exp = new Uint8Array(size * 8)
  const index = new Map<DictNode, number>()
  const full = new Map<DictNode, string>()
  let next = 256
  const alloc = (): number => {
    if (next >= size) throw new Error(`dictionary: more than ${size} entries for CDSS ${cdss}`)
    return next++
  }
  const examine = (n: DictNode): boolean => n.kids.length > 0 || n.edge.length > 1
  const queue: DictNode[] = []
  for (const r of roots) {
    if (r.edge.length !== 1) throw new Error(`dictionary: alphabet entry '${r.edge}' must be one character`)
    index.set(r, code(r.edge))
    full.set(r, r.edge)
    queue.push(r)
  }
  const placeKid = (parent: DictNode, kid: DictNode, at: number): void => {
    index.set(kid, at)
    const s = full.get(parent)! + kid.edge
    full.set(kid, s)
    const e = at * 8
    if (s.length <= 7) {
      exp[e] = s.length
      for (let i = 0; i < s.length; i++) exp[e + 1 + i] = code(s, i)
    } else {
      if (kid.edge.length > 5) throw new Error(`dictionary: edge '${kid.edge}' longer than 5 after 7 characters`)
      const p = index.get(parent)!
      exp[e] = (kid.edge.length << 5) | (p >> 8)
      exp[e + 1] = p & 0xff
      for (let i = 0; i < kid.edge.length; i++) exp[e + 2 + i] = code(kid.edge, i)
      exp[e + 7] = full.get(parent)!.length
    }
    queue.push(kid)
  }
  while (queue.length > 0) {
    const node = queue.shift()!
    const i = index.get(node)! * 8
    const aec = node.edge.slice(1)
    const kids = node.kids
    if (kids.length === 0) {
      if (aec.length > 5) throw new Error(`dictionary: leaf '${node.edge}' has more than 5 extension characters`)
      cmp[i + 1] = aec.length << 5
      for (let j = 0; j < aec.length; j++) cmp[i + 3 + j] = code(aec, j)
      continue
    }
    if (kids.length === 1) {
      if (aec.length > 4) throw new Error(`dictionary: '${node.edge}' with one child has more than 4 extension characters`)
      const cptr = alloc()
      cmp[i] = (1 << 5) | (examine(kids[0]!) ? 0x10 : 0)
      cmp[i + 1] = (aec.length << 5) | (cptr >> 8)
      cmp[i + 2] = cptr & 0xff
      for (let j = 0; j < aec.length; j++) cmp[i + 3 + j] = code(aec, j)
      cmp[i + 3 + aec.length] = code(kids[0]!.edge)
      placeKid(node, kids[0]!, cptr)
      continue
    }
    if (aec.length > 1) throw new Error(`dictionary: '${node.edge}' with children has more than 1 extension character`)
    const d = aec.length
    const max = 5 - d
    const listed = kids.slice(0, max)
    const rest = kids.slice(max)
    const cptr = next
    let x = 0
    listed.forEach((k, j) => {
      placeKid(node, k, alloc())
      if (examine(k)) x |= 0x10 >> j
    })
    let y = 0
    const per = f1 ? 14 : 7
    for (let first = true; rest.length > 0; first = false) {
      const more = rest.length > per
      const group = rest.splice(0, more ? per : rest.length)
      const sd = alloc()
      const s = sd * 8
      group.forEach((k, j) => {
        placeKid(node, k, alloc())
        const ex = examine(k)
        if (!f1) {
          cmp[s + 1 + j] = code(k.edge)
          if (j < 5 && ex) cmp[s] = cmp[s]! | (0x10 >> j)
          if (j >= 5 && first && ex) y |= j === 5 ? 2 : 1
        } else {
          if (j < 6) cmp[s + 2 + j] = code(k.edge)
          else exp[s + j - 6] = code(k.edge)
          if (j < 4 && ex) cmp[s] = cmp[s]! | (0x08 >> j)
          else if (j < 12 && ex) cmp[s + 1] = cmp[s + 1]! | (0x80 >> (j - 4))
          else if (j >= 12 && first && ex) y |= j === 12 ? 2 : 1
        }
      })
      // SCT: 7 (14) characters and another descriptor is 0 in format 0, 15 in format 1
      cmp[s] = cmp[s]! | ((more ? (f1 ? 15 : 0) : group.length) << (f1 ? 4 : 5))
    }
    const cct = kids.length > max ? max + 1 : kids.length
    cmp[i] = (cct << 5) | x
    cmp[i + 1] = (y << 6) | (d << 5) | (cptr >> 8)
    cmp[i + 2] = cptr & 0xff
    if (d) cmp[i + 3] = code(aec)
    listed.forEach((k, j) => (cmp[i + 3 + d + j] = code(k.edge)))
  }
  const bytes = new Uint8Array(size * 16)
  bytes.set(cmp, 0)
  bytes.set(exp, size * 8)
  return { bytes, index }
}

/** Index symbols the compression must produce for `data`: the walk down the tree (children in order). */
export function referenceCompress(roots: readonly DictNode[], index: Map<DictNode, number>, data: Uint8Array): number[] {
  const byChar = new Map(roots.map((r) => [code(r.edge), r]))
  const out: number[] = []
  let p = 0
  while (p < data.length) {
    let node = byChar.get(data[p]!)
    let sym = data[p]!
    p++
    while (node !== undefined && p < data.length) {
      const kid: DictNode | undefined = node.kids.find((k) => code(k.edge) === data[p])
      if (kid === undefined) break
      const aec = kid.edge.slice(1)
      if (p + kid.edge.length > data.length || [...aec].some((ch, i) => code(ch) !== data[p + 1 + i])) break
      p += kid.edge.length
      node = kid
      sym = index.get(kid)!
    }
    out.push(sym)
  }
  return out
}

/** A tree grown LZ78-style from `text` (single-character edges, every `aecEvery`-th new leaf with one extension
 * character), at most `limit` nodes below the alphabet, after a fan of children under the most frequent byte. */
export function growTree(text: Uint8Array, limit: number, aecEvery: number): DictNode[] {
  const roots = new Map<number, DictNode>()
  for (const b of text) if (!roots.has(b)) roots.set(b, { edge: String.fromCharCode(b), kids: [] })
  // The most frequent byte first gets a child for every byte that follows it (a wide fan: sibling descriptors).
  const freq = new Map<number, number>()
  for (const b of text) freq.set(b, (freq.get(b) ?? 0) + 1)
  const top = roots.get([...freq.entries()].sort((x, y) => y[1] - x[1])[0]![0])!
  let added = 0
  for (let i = 0; i + 1 < text.length && added < limit; i++) {
    if (text[i] === code(top.edge) && !top.kids.some((k) => code(k.edge) === text[i + 1])) {
      top.kids.push({ edge: String.fromCharCode(text[i + 1]!), kids: [] })
      added++
    }
  }
  let p = 0
  while (p < text.length && added < limit) {
    let node = roots.get(text[p]!)!
    p++
    for (;;) {
      if (p >= text.length) break
      const kid = node.kids.find((k) => code(k.edge) === text[p] && [...k.edge.slice(1)].every((ch, i) => code(ch) === text[p + 1 + i]))
      if (kid !== undefined && p + kid.edge.length <= text.length) {
        node = kid
        p += kid.edge.length
        continue
      }
      if (node.kids.some((k) => code(k.edge) === text[p])) break
      const two = ++added % aecEvery === 0 && p + 1 < text.length
      node.kids.push({ edge: String.fromCharCode(text[p]!) + (two ? String.fromCharCode(text[p + 1]!) : ''), kids: [] })
      p += two ? 2 : 1
      break
    }
  }
  return [...roots.values()]
}

/** Packs index symbols of `bits` bits from bit `cbn` (0-7) of a fresh buffer. */
export function pack(symbols: readonly number[], bits: number, cbn = 0): Uint8Array {
  const out = new Uint8Array(Math.ceil((cbn + symbols.length * bits) / 8))
  let bit = cbn
  for (const s of symbols) {
    for (let i = bits - 1; i >= 0; i--, bit++) if ((s >> i) & 1) out[bit >> 3]! |= 0x80 >> (bit & 7)
  }
  return out
}

/** Unpacks `count` index symbols of `bits` bits from bit 0. */
export function unpack(buf: Uint8Array, bits: number, count: number): number[] {
  const out: number[] = []
  for (let n = 0, bit = 0; n < count; n++) {
    let v = 0
    for (let i = 0; i < bits; i++, bit++) v = (v << 1) | ((buf[bit >> 3]! >> (7 - (bit & 7))) & 1)
    out.push(v)
  }
  return out
}
