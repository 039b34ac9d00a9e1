/*
 * Address wraparound (POP ch. 5 "Address Wraparound", "Instruction Fetching"; ch. 5 "Address Generation"): in the
 * 31-bit mode an operand that runs past 0x7fffffff continues at 0, and so does an instruction and the sequential
 * instruction fetch after it; in the 24-bit mode the same happens past 0xffffff. Checked with MVC (either operand
 * across the wrap), CLC, XC, L, ST, STM, LM and an instruction that straddles the wrap.
 *
 * The 31-bit checks run with DAT on (the tests have 128 MiB, not 2 GiB): a segment table of 2048 entries maps the
 * first 16 MiB to themselves and virtual 0x7ffff000-0x7fffffff to a page of this kernel, so virtual 0 is real 0 (the
 * IPL PSW and CCW bytes, no longer used; saved and restored around each check). The 24-bit checks run with DAT
 * off at real 0xfff000, which exists. Each checked sequence runs inside CATCH (conf.h): a wrong wrap shows as an
 * exception (a translation exception past 2 GiB, an addressing exception past 16 MiB on a small machine) or as
 * bytes in the wrong place.
 */
#include "conf.h"

#define STE_INVALID 0x20UL
#define PTE_INVALID 0x400UL
#define ID_SEGS 16

static u64 seg[2048] __attribute__((aligned(4096)));
static u64 pt_id[ID_SEGS * 256] __attribute__((aligned(4096)));
static u64 pt_top[256] __attribute__((aligned(2048)));
static u8 top_page[4096] __attribute__((aligned(4096)));
static struct caught out __attribute__((aligned(8)));
static u8 smask;
static u8 low_saved[16];
static volatile u8 *low; /* real 0, as a pointer the compiler cannot see is null */

static const u8 PAT[16] = { 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f };

/* The body runs in the mode: the 31-bit mode with DAT on, or the 24-bit mode with DAT off. CATCH_END's clean PSW
 * (64-bit, DAT off) ends both. */
#define RUN(m31, body, ...)                                                                                  \
	do {                                                                                                 \
		if (m31)                                                                                     \
			asm volatile(CATCH_BEGIN "stosm 0(%[sm]),0x04\n sam31\n" body CATCH_END __VA_ARGS__); \
		else                                                                                         \
			asm volatile(CATCH_BEGIN "sam24\n" body CATCH_END __VA_ARGS__);                       \
	} while (0)

struct mode {
	const char *name;
	bool m31;
	u64 end;           /* the mode's highest address + 1 */
	volatile u8 *last; /* where the bytes just below `end` are, with DAT off */
};

static void save_low(void)
{
	for (int i = 0; i < 16; i++) {
		low_saved[i] = low[i];
		low[i] = 0;
	}
}

static void restore_low(void)
{
	for (int i = 0; i < 16; i++)
		low[i] = low_saved[i];
}

/* True when nothing was caught; otherwise reports the interruption. */
static bool clean(const char *what)
{
	if (out.took == 0)
		return true;
	report_info("%s: program interruption code 0x%02x, ILC %d, old PSW %016lx %016lx", what, caught_code(&out),
		    caught_ilc(&out), out.mask, out.addr);
	return false;
}

static bool same(volatile const u8 *a, const u8 *b, int n)
{
	for (int i = 0; i < n; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

static void check_mvc(const struct mode *m)
{
	volatile u8 *t = m->last - 8;
	u8 buf[8];
	bool ok;

	/* first operand across the wrap: 8 bytes below the end, 8 at 0 */
	save_low();
	for (int i = 0; i < 8; i++)
		t[i] = 0;
	RUN(m->m31, "mvc 0(16,%[t]),0(%[s])", : : [o] "a"(&out), [sm] "a"(&smask), [t] "a"(m->end - 8), [s] "a"(PAT)
	    : "r0", "memory");
	ok = clean("MVC to the wrap") && same(t, PAT, 8) && same(low, PAT + 8, 8);
	restore_low();
	report(ok, "MVC whose first operand runs past the end continues at 0");

	/* second operand across the wrap: 4 bytes below the end, 4 at 0 */
	save_low();
	for (int i = 0; i < 4; i++) {
		m->last[i - 4] = PAT[i];
		low[i] = PAT[4 + i];
	}
	for (int i = 0; i < 8; i++)
		buf[i] = 0;
	RUN(m->m31, "mvc 0(8,%[d]),0(%[t])", : : [o] "a"(&out), [sm] "a"(&smask), [t] "a"(m->end - 4), [d] "a"(buf)
	    : "r0", "memory");
	ok = clean("MVC from the wrap") && same(buf, PAT, 8);
	restore_low();
	report(ok, "MVC whose second operand runs past the end continues at 0");
}

static void check_clc_xc(const struct mode *m)
{
	u8 other[8];
	u32 cc_eq = 9, cc_lo = 9;
	bool ok;

	save_low();
	for (int i = 0; i < 4; i++) {
		m->last[i - 4] = PAT[i];
		low[i] = PAT[4 + i];
	}
	for (int i = 0; i < 8; i++)
		other[i] = PAT[i];
	RUN(m->m31, "clc 0(8,%[t]),0(%[s])\n ipm %[c]\n srl %[c],28", : [c] "+d"(cc_eq)
	    : [o] "a"(&out), [sm] "a"(&smask), [t] "a"(m->end - 4), [s] "a"(other) : "r0", "cc", "memory");
	ok = clean("CLC equal");
	other[7] = PAT[7] + 1; /* the byte at 3 is now the lower one */
	RUN(m->m31, "clc 0(8,%[t]),0(%[s])\n ipm %[c]\n srl %[c],28", : [c] "+d"(cc_lo)
	    : [o] "a"(&out), [sm] "a"(&smask), [t] "a"(m->end - 4), [s] "a"(other) : "r0", "cc", "memory");
	ok = clean("CLC low") && ok && cc_eq == 0 && cc_lo == 1;
	if (cc_eq != 0 || cc_lo != 1)
		report_info("CLC: CC %u for equal operands, %u for a low last byte (expected 0 and 1)", cc_eq, cc_lo);
	report(ok, "CLC compares the bytes at 0 after the end");

	RUN(m->m31, "xc 0(8,%[t]),0(%[t])", : : [o] "a"(&out), [sm] "a"(&smask), [t] "a"(m->end - 4) : "r0", "memory");
	ok = clean("XC") && m->last[-4] == 0 && m->last[-1] == 0 && low[0] == 0 && low[3] == 0 && low[4] == 0;
	restore_low();
	report(ok, "XC of an operand with itself across the end clears both parts");
}

static void check_l_st(const struct mode *m)
{
	u64 v = 0xa5a5a5a5UL << 32;
	bool ok;

	save_low();
	m->last[-2] = 0x12;
	m->last[-1] = 0x34;
	low[0] = 0x56;
	low[1] = 0x78;
	RUN(m->m31, "l %[v],0(%[t])", : [v] "+d"(v) : [o] "a"(&out), [sm] "a"(&smask), [t] "a"(m->end - 2) : "r0", "memory");
	ok = clean("L") && v == ((0xa5a5a5a5UL << 32) | 0x12345678);
	if (!ok)
		report_info("L: got %016lx", v);
	report(ok, "L of a word across the end");

	v = 0x9abcdef0;
	RUN(m->m31, "st %[v],0(%[t])", : : [v] "d"(v), [o] "a"(&out), [sm] "a"(&smask), [t] "a"(m->end - 2) : "r0", "memory");
	ok = clean("ST") && m->last[-2] == 0x9a && m->last[-1] == 0xbc && low[0] == 0xde && low[1] == 0xf0 && low[2] == 0;
	restore_low();
	report(ok, "ST of a word across the end");
}

static void check_stm_lm(const struct mode *m)
{
	static const u8 WORDS[16] = { 0x11, 0x11, 0x11, 0x11, 0x22, 0x22, 0x22, 0x22, 0x33, 0x33, 0x33, 0x33, 0x44, 0x44, 0x44, 0x44 };
	u8 back[16];
	bool ok;

	save_low();
	RUN(m->m31, "llilf %%r6,0x11111111\n llilf %%r7,0x22222222\n llilf %%r8,0x33333333\n llilf %%r9,0x44444444\n"
		    "stm %%r6,%%r9,0(%[t])",
	    : : [o] "a"(&out), [sm] "a"(&smask), [t] "a"(m->end - 8) : "r0", "r6", "r7", "r8", "r9", "memory");
	ok = clean("STM") && same(m->last - 8, WORDS, 8) && same(low, WORDS + 8, 8);
	report(ok, "STM of four registers across the end");

	/* LM reads what is placed here, not what STM stored (a machine without the wrap stored past the end) */
	for (int i = 0; i < 8; i++) {
		m->last[i - 8] = WORDS[i];
		low[i] = WORDS[8 + i];
		if (!m->m31)
			m->last[i] = 0;
	}
	for (int i = 0; i < 16; i++)
		back[i] = 0;
	RUN(m->m31, "lm %%r6,%%r9,0(%[t])\n stm %%r6,%%r9,0(%[b])",
	    : : [o] "a"(&out), [sm] "a"(&smask), [t] "a"(m->end - 8), [b] "a"(back) : "r0", "r6", "r7", "r8", "r9", "memory");
	ok = clean("LM") && same(back, WORDS, 16);
	restore_low();
	report(ok, "LM of four registers across the end");
}

/* AHI R2,1 at end-2 (its second halfword at 0), AHI R2,2 at 2, BR R14 at 6 */
static void check_ifetch(const struct mode *m)
{
	static const u8 AT0[8] = { 0x00, 0x01, 0xa7, 0x2a, 0x00, 0x02, 0x07, 0xfe };
	u64 r2 = 0;
	bool ok;

	save_low();
	m->last[-2] = 0xa7;
	m->last[-1] = 0x2a;
	for (int i = 0; i < 8; i++)
		low[i] = AT0[i];
	RUN(m->m31, "lghi %%r2,0\n larl %%r14,1f\n br %[t]\n 1: lgr %[r],%%r2", : [r] "=&d"(r2)
	    : [o] "a"(&out), [sm] "a"(&smask), [t] "a"(m->end - 2) : "r0", "r2", "r14", "cc", "memory");
	ok = clean("instruction across the end") && r2 == 3;
	restore_low();
	if (!ok)
		report_info("R2 %lu (expected 3)", r2);
	report(ok, "an instruction across the end and the next one at 2");
}

static void run_mode(const struct mode *m)
{
	report_prefix_push(m->name);
	check_mvc(m);
	check_clc_xc(m);
	check_l_st(m);
	check_stm_lm(m);
	if (m->m31)
		check_ifetch(m); /* the 24-bit mode's is in ipl-amode */
	report_prefix_pop();
}

int main(int argc, char **argv)
{
	struct mode m31 = { "31-bit", true, 0x80000000UL, top_page + 4096 };
	struct mode m24 = { "24-bit", false, 0x1000000UL, (volatile u8 *)0x1000000UL };
	u64 zero;

	asm volatile("lghi %0,0" : "=d"(zero));
	low = (volatile u8 *)zero;
	report_prefix_push("wrap");
	for (int i = 0; i < 2048; i++)
		seg[i] = STE_INVALID;
	for (int s = 0; s < ID_SEGS; s++) {
		for (int p = 0; p < 256; p++)
			pt_id[s * 256 + p] = ((u64)s << 20) | ((u64)p << 12);
		seg[s] = (u64)&pt_id[s * 256];
	}
	for (int p = 0; p < 256; p++)
		pt_top[p] = PTE_INVALID;
	pt_top[255] = (u64)top_page;
	seg[2047] = (u64)pt_top;
	lctlg(1, (u64)seg | 3); /* segment-table designation, TL 3: 2048 entries, 2 GiB */

	run_mode(&m31);
	run_mode(&m24);

	lctlg(1, 0);
	report_prefix_pop();
	conf_exit();
}
