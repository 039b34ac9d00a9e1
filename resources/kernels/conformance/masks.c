/*
 * Mask-driven and checksum instructions (POP ch. 7):
 * - INSERT CHARACTERS UNDER MASK (ICM, ICMY: bits 32-63; ICMH: bits 0-31) with all 16 masks: one storage byte per
 *   mask bit, left to right, into the selected byte positions; CC 0 when the inserted bits are all zero (or the
 *   mask is zero), 1 when the leftmost inserted bit is one, 2 otherwise;
 * - COMPARE LOGICAL CHARACTERS UNDER MASK (CLM, CLMY: bits 32-63; CLMH: bits 0-31) with all 16 masks: the selected
 *   bytes against contiguous storage bytes, unsigned; CC 0 equal (or mask zero), 1 register low, 2 register high;
 * - STORE PAIR TO QUADWORD: an even/odd pair to a quadword-aligned location (specification otherwise);
 * - CHECKSUM: 32-bit sum with end-around carry of the words of the second operand, a short last word padded with
 *   zeros on the right, R2 advanced and R2+1 counted down; an odd R2 is a specification exception.
 * The masks are set through EXECUTE (R1 bits 56-63 ORed into the M3 field of the target).
 */
#include "conf.h"

static const u8 data[4] __attribute__((aligned(8))) = { 0x80, 0x00, 0x7f, 0xff };
#define REG_ICM 0xa5a5a5a55a5a5a5aUL
/* compared field bytes: 80 01 7f 00 (in both halves) */
#define REG_CLM 0x80017f0080017f00UL

#define DEF_MASKED(fn, insn)                                                                                 \
	static u64 fn(u64 in, int m, int *ccp)                                                               \
	{                                                                                                    \
		u64 out;                                                                                     \
		int c;                                                                                       \
		asm volatile("lgr %%r2,%[in]\n lgr %%r3,%[d]\n larl %%r1,1f\n ex %[m],0(%%r1)\n"             \
			     "ipm %[c]\n srl %[c],28\n lgr %[out],%%r2\n j 2f\n"                             \
			     "1: " insn " %%r2,0,0(%%r3)\n 2:\n"                                             \
			     : [out] "=d"(out), [c] "=&d"(c)                                                 \
			     : [in] "d"(in), [m] "a"((u64)m), [d] "a"(data)                                  \
			     : "r1", "r2", "r3", "cc", "memory");                                            \
		*ccp = c;                                                                            \
		return out;                                                                                  \
	}
DEF_MASKED(do_icm, "icm")
DEF_MASKED(do_icmy, "icmy")
DEF_MASKED(do_icmh, "icmh")
DEF_MASKED(do_clm, "clm")
DEF_MASKED(do_clmy, "clmy")
DEF_MASKED(do_clmh, "clmh")

/* The POP's definition of ICM on a 32-bit field: the result field and the CC. */
static u32 icm_model(u32 field, int m, int *cc)
{
	int k = 0, first = -1;
	bool any = false;

	for (int i = 0; i < 4; i++) {
		if (!(m & (8 >> i)))
			continue;
		u8 b = data[k++];
		field = (field & ~(0xffu << (24 - 8 * i))) | ((u32)b << (24 - 8 * i));
		if (first < 0)
			first = b >> 7;
		any |= b != 0;
	}
	*cc = !any ? 0 : first ? 1 : 2;
	return field;
}

static int clm_model(u32 field, int m)
{
	int k = 0;

	for (int i = 0; i < 4; i++) {
		if (!(m & (8 >> i)))
			continue;
		u8 r = field >> (24 - 8 * i), s = data[k++];
		if (r != s)
			return r < s ? 1 : 2;
	}
	return 0;
}

static void test_icm(void)
{
	for (int m = 0; m < 16; m++) {
		int cc, cc2, cc3, want_cc;
		u64 lo = do_icm(REG_ICM, m, &cc), lo_y = do_icmy(REG_ICM, m, &cc2), hi = do_icmh(REG_ICM, m, &cc3);
		u64 want_lo = (REG_ICM & 0xffffffff00000000UL) | icm_model((u32)REG_ICM, m, &want_cc);
		u64 want_hi = ((u64)icm_model(REG_ICM >> 32, m, &want_cc) << 32) | (REG_ICM & 0xffffffffUL);

		report(lo == want_lo && cc == want_cc, "ICM mask %x: register and CC %d", m, want_cc);
		report(lo_y == want_lo && cc2 == want_cc, "ICMY mask %x: register and CC %d", m, want_cc);
		report(hi == want_hi && cc3 == want_cc, "ICMH mask %x: register and CC %d", m, want_cc);
		if (lo != want_lo || lo_y != want_lo || hi != want_hi || cc != want_cc || cc2 != want_cc || cc3 != want_cc)
			report_info("mask %x: ICM %016lx cc %d, ICMY %016lx cc %d, ICMH %016lx cc %d", m, lo, cc, lo_y, cc2, hi, cc3);
	}
}

static void test_clm(void)
{
	for (int m = 0; m < 16; m++) {
		int cc, cc2, cc3, want = clm_model((u32)REG_CLM, m);
		u64 r1 = do_clm(REG_CLM, m, &cc), r2 = do_clmy(REG_CLM, m, &cc2), r3 = do_clmh(REG_CLM, m, &cc3);

		report(cc == want && r1 == REG_CLM, "CLM mask %x: CC %d", m, want);
		report(cc2 == want && r2 == REG_CLM, "CLMY mask %x: CC %d", m, want);
		report(cc3 == want && r3 == REG_CLM, "CLMH mask %x: CC %d", m, want);
	}
}

static u64 quad[4] __attribute__((aligned(16)));

static void stpq(u64 *at, u64 hi, u64 lo)
{
	register u64 r4 asm("4") = hi;
	register u64 r5 asm("5") = lo;

	asm volatile(".insn rxy,0xe3000000008e,%%r4,0(%[q])\n" : : [q] "a"(at), "d"(r4), "d"(r5) : "memory");
}

static void test_stpq(void)
{
	const u64 hi = 0x0102030405060708UL, lo = 0x1112131415161718UL;

	memset(quad, 0, sizeof(quad));
	stpq(&quad[0], hi, lo);
	report(quad[0] == hi && quad[1] == lo, "STPQ stores the even/odd pair");

	expect_pgm_int();
	stpq(&quad[1], hi, lo);
	report(clear_pgm_int() == PGM_SPECIFICATION && quad[1] == lo && quad[2] == 0, "STPQ not on a quadword boundary: specification, nothing stored");

	expect_pgm_int();
	asm volatile(".insn rxy,0xe3000000008e,%%r5,0(%[q])\n" : : [q] "a"(&quad[2]) : "memory");
	report(clear_pgm_int() == PGM_SPECIFICATION && quad[2] == 0, "STPQ with an odd register: specification, nothing stored");
}

static const u8 ck[14] __attribute__((aligned(8))) = { 0x00, 0x01, 0x00, 0x02, 0x00, 0x03, 0x00, 0x04,
						       0xff, 0xff, 0xff, 0xff, 0x12, 0x34 };

static void test_cksm(void)
{
	u64 sum = 0xa5a5a5a500000000UL, addr, len;
	int cc;

	/* 00010002 + 00030004 = 00040006; + ffffffff = 1 00040005 -> end-around 00040006; + 12340000 = 12380006 */
	{
		register u64 r4 asm("4") = (u64)ck;
		register u64 r5 asm("5") = sizeof(ck);

		asm volatile("0: cksm %[s],%%r4\n jo 0b\n ipm %[c]\n srl %[c],28\n"
			     : [s] "+d"(sum), "+d"(r4), "+d"(r5), [c] "=d"(cc) : : "cc", "memory");
		addr = r4;
		len = r5;
	}
	report(sum == 0xa5a5a5a512380006UL && cc == 0, "CKSM: sum with end-around carry, short last word padded, CC 0");
	report(addr == (u64)ck + sizeof(ck) && len == 0, "CKSM: R2 advanced by the length, R2+1 zero");
	if (sum != 0xa5a5a5a512380006UL || addr != (u64)ck + sizeof(ck) || len != 0)
		report_info("CKSM: R1 %016lx R2 %016lx R3 %016lx cc %d", sum, addr, len, cc);

	expect_pgm_int();
	asm volatile(".insn rre,0xb2410000,%%r2,%%r5\n" : : : "r2", "r5", "cc", "memory");
	report(clear_pgm_int() == PGM_SPECIFICATION, "CKSM with an odd R2: specification");
}

int main(int argc, char **argv)
{
	report_prefix_push("masks");
	test_icm();
	test_clm();
	test_stpq();
	test_cksm();
	report_prefix_pop();
	conf_exit();
}
