/*
 * SCLP service calls and the console: every line goes out twice, as an ASCII VT220 event (type 0x1a)
 * and as a line-mode message event (type 0x02: MDB with a GO and one MTO object, text in EBCDIC 037).
 */
#include "kernel.h"

#define EVENT_TYPE_MESSAGE 0x02
#define EVENT_TYPE_ASCII 0x1a
#define EVENT_MASK_MESSAGE 0x40000000u
#define EVENT_MASK_ASCII 0x00000040u
#define LINE_MAX 119 /* line-mode records are flushed at newline or at this many characters */
#define CR0_SERVICE_SIGNAL (1UL << (63 - 54))

u8 sccb_page[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static volatile int sclp_busy;
static char line[LINE_MAX + 1];
static int line_len;
static bool console_ready;

/* EBCDIC code page 037 for ASCII 0x20..0x7e, in ASCII order */
static const u8 ebcdic_printable[95] = {
	0x40, 0x5a, 0x7f, 0x7b, 0x5b, 0x6c, 0x50, 0x7d, 0x4d, 0x5d, 0x5c, 0x4e, 0x6b, 0x60, 0x4b, 0x61, /* sp ! " # $ % & ' ( ) * + , - . / */
	0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9,                                     /* 0-9 */
	0x7a, 0x5e, 0x4c, 0x7e, 0x6e, 0x6f, 0x7c,                                                       /* : ; < = > ? @ */
	0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9,                                           /* A-I */
	0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9,                                           /* J-R */
	0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9,                                                 /* S-Z */
	0xba, 0xe0, 0xbb, 0xb0, 0x6d, 0x79,                                                             /* [ \ ] ^ _ ` */
	0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89,                                           /* a-i */
	0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99,                                           /* j-r */
	0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9,                                                 /* s-z */
	0xc0, 0x4f, 0xd0, 0xa1,                                                                         /* { | } ~ */
};

u8 ascii_to_ebcdic(u8 c)
{
	if (c >= 0x20 && c <= 0x7e)
		return ebcdic_printable[c - 0x20];
	return c == '\t' ? 0x05 : 0x6f; /* '?' for anything else */
}

u8 ebcdic_to_ascii(u8 c)
{
	unsigned i;

	for (i = 0; i < sizeof(ebcdic_printable); i++)
		if (ebcdic_printable[i] == c)
			return (u8)(0x20 + i);
	return c == 0 ? 0 : '.';
}

/* Called from the external-interrupt handler for code 0x2401. */
void sclp_service_signal(void)
{
	lctlg0(stctg0() & ~CR0_SERVICE_SIGNAL);
	sclp_busy = 0;
}

int sclp_call(u32 command, void *sccb)
{
	u8 old_mask;
	int cc, tries = 0, pgms = pgm_count;

	lctlg0(stctg0() | CR0_SERVICE_SIGNAL);
	sclp_busy = 1;
	do { /* CC 2: the SCLP is busy with an earlier request, try again */
		asm volatile(".insn rre,0xb2200000,%[cmd],%[sccb]\n" /* SERVC */
			     "ipm %[cc]\n"
			     "srl %[cc],28\n"
			     : [cc] "=d"(cc)
			     : [cmd] "d"((u64)command), [sccb] "a"(sccb)
			     : "cc", "memory");
	} while (cc == 2 && ++tries < 1000000 && pgms == pgm_count);
	if (pgms != pgm_count)
		cc = -1; /* refused with a program check (tests provoke this): nothing will complete */
	if (cc != 0) {
		sclp_busy = 0;
		lctlg0(stctg0() & ~CR0_SERVICE_SIGNAL);
		return cc;
	}
	/* Wait with external interrupts enabled: the service signal may arrive at any later time. */
	asm volatile("stosm %0,0x01" : "=Q"(old_mask) : : "memory");
	while (sclp_busy)
		barrier();
	if (!(old_mask & 0x01))
		asm volatile("stnsm %0,0xfe" : "=Q"(old_mask) : : "memory");
	return 0;
}

static void write_ascii(const char *s, int n)
{
	u8 *p = sccb_page;
	int total = 8 + 6 + n;

	memset(p, 0, 16);
	p[0] = (u8)(total >> 8);
	p[1] = (u8)total;
	p[8] = (u8)((6 + n) >> 8); /* event buffer header: length, type */
	p[9] = (u8)(6 + n);
	p[10] = EVENT_TYPE_ASCII;
	memcpy(p + 14, s, n);
	sclp_call(SCLP_CMD_WRITE_EVENT_DATA, p);
}

static void put16(u8 *p, unsigned v)
{
	p[0] = (u8)(v >> 8);
	p[1] = (u8)v;
}

static void put32(u8 *p, u32 v)
{
	put16(p, v >> 16);
	put16(p + 2, v & 0xffff);
}

static void write_line_mode(const char *s, int n)
{
	const int go_len = 56, mto_len = 10;
	u8 *p = sccb_page;
	u8 *mdb = p + 14, *go = mdb + 12, *mto = go + go_len;
	int mdb_len = 12 + go_len + mto_len + n;
	int i;

	memset(p, 0, 14 + mdb_len);
	put16(p, 14 + mdb_len);          /* SCCB length */
	put16(p + 8, 6 + mdb_len);       /* event buffer length */
	p[10] = EVENT_TYPE_MESSAGE;
	put16(mdb, mdb_len);             /* MDB header: length, type 1, tag "MDB ", revision 1 */
	put16(mdb + 2, 1);
	put32(mdb + 4, 0xd4c4c240);
	put32(mdb + 8, 1);
	put16(go, go_len);               /* general object, type 1 */
	put16(go + 2, 1);
	put16(mto, mto_len + n);         /* message-text object, type 4, end-text line */
	put16(mto + 2, 4);
	put16(mto + 4, 0x1000);
	for (i = 0; i < n; i++)
		mto[mto_len + i] = ascii_to_ebcdic((u8)s[i]);
	sclp_call(SCLP_CMD_WRITE_EVENT_DATA, p);
}

static void flush_line(bool newline)
{
	if (newline)
		line[line_len] = '\n';
	if (console_ready) {
		write_ascii(line, line_len + (newline ? 1 : 0));
		write_line_mode(line, line_len);
	}
	line_len = 0;
}

void console_flush(void)
{
	if (line_len)
		flush_line(false);
}

void puts(const char *s)
{
	for (; *s; s++) {
		if (*s == '\n') {
			flush_line(true);
			continue;
		}
		line[line_len++] = *s;
		if (line_len == LINE_MAX)
			flush_line(false);
	}
}

void console_setup(void)
{
	u8 *p = sccb_page;

	memset(p, 0, 32);
	put16(p, 8 + 4 + 16);            /* header + reserved + mask length + 4 masks of 4 bytes */
	put16(p + 10, 4);                /* mask length */
	put32(p + 12, 0);                /* receive mask: we read nothing */
	put32(p + 16, EVENT_MASK_MESSAGE | EVENT_MASK_ASCII); /* send mask */
	sclp_call(SCLP_CMD_WRITE_EVENT_MASK, p);
	console_ready = true;
}
