/*
 * Base and optional instructions beyond what the kvm-unit-tests kernels execute (POP ch. 7 and 10; z/VM CP
 * Programming Services for STHYI):
 * - PERFORM LOCKED OPERATION: the test bit (CC 0 for function codes 0-23, CC 3 for 24), compare-and-swap (4),
 *   double compare-and-swap with the second comparison unequal (8: CC 2, op4 into R3), compare-and-swap-and-store
 *   with a parameter list (13), compare-and-swap-and-triple-store of 16-byte operands (23), an odd R1 (specification).
 * - UPDATE TREE: a higher node swapped on the way to the root (CC 1), an equal codeword (CC 0, GR2/GR3).
 * - CUTFU and CUUTF, the old mnemonics of CU12 and CU21.
 * - EXTRACT CPU TIME: its operands are doublewords in storage (GR0 = first operand - CPU timer, GR1 = second
 *   operand, GR R3 = the doubleword at the address in R3).
 * - PERFORM FRAME MANAGEMENT FUNCTION (with facility 8): set key and clear frame of a 4K frame (access-control and
 *   fetch-protection bits compared; the reference bit is set again by reading the frame).
 * - STORE HYPERVISOR INFORMATION (with facility 74): function code 0 (CC 0, return code 0, header lengths), an
 *   unsupported code (CC 3, return code 4), an odd R1 (specification).
 * Without facility 8 or 74 the instruction must be an operation exception.
 */
#include "conf.h"

static u8 page[4096] __attribute__((aligned(4096)));
static u8 frame[4096] __attribute__((aligned(4096)));

/* ---- PLO ------------------------------------------------------------------------------------------------------ */

static int plo_test(u64 fc)
{
	expect_pgm_int(); /* before the register variables: a call clobbers r0-r5 */
	register u64 r0 asm("0") = fc | 0x100;
	int cc = -1;

	asm volatile("plo %%r2,0(%[a]),%%r4,0(%[a])\n ipm %[cc]\n srl %[cc],28\n" : [cc] "+d"(cc) : "d"(r0), [a] "a"(page) : "cc", "memory");
	return clear_pgm_int() ? -1 : cc;
}

static void test_plo(void)
{
	int bad = -1;

	for (int fc = 0; fc < 24 && bad < 0; fc++)
		if (plo_test(fc) != 0)
			bad = fc;
	report(bad < 0, "PLO test bit: CC 0 for function codes 0-23");
	if (bad >= 0)
		report_info("PLO test bit: function code %d not CC 0", bad);
	report(plo_test(24) == 3, "PLO test bit: CC 3 for function code 24");

	/* CS (4): R2 = comparison, R3 = replacement */
	{
		expect_pgm_int();
		static u32 w __attribute__((aligned(4))) = 5;
		register u64 r0 asm("0") = 4;
		register u64 r2 asm("2") = 5;
		register u64 r3 asm("3") = 7;
		int cc;

		asm volatile("plo %%r2,%[w],%%r4,%[w]\n ipm %[cc]\n srl %[cc],28\n"
			     : [cc] "=d"(cc), [w] "+Q"(w) : "d"(r0), "d"(r2), "d"(r3) : "cc", "memory");
		report(clear_pgm_int() == 0 && cc == 0 && w == 7, "PLO CS equal: replacement stored, CC 0");
	}
	/* DCS (8): first equal, second unequal: CC 2, op4 into R4 bits 32-63, nothing stored */
	{
		expect_pgm_int();
		static u32 w2 __attribute__((aligned(4))) = 1, w4 __attribute__((aligned(4))) = 9;
		register u64 r0 asm("0") = 8;
		register u64 r2 asm("2") = 1;
		register u64 r3 asm("3") = 2;
		register u64 r4 asm("4") = 0x7700000003UL;
		register u64 r5 asm("5") = 4;
		int cc;

		asm volatile("plo %%r2,%[w2],%%r4,%[w4]\n ipm %[cc]\n srl %[cc],28\n"
			     : [cc] "=d"(cc), [w2] "+Q"(w2), [w4] "+Q"(w4), "+d"(r4) : "d"(r0), "d"(r2), "d"(r3), "d"(r5) : "cc", "memory");
		u64 op3 = r4; /* copied before a call can clobber r4 */
		report(clear_pgm_int() == 0 && cc == 2 && op3 == 0x7700000009UL && w2 == 1 && w4 == 9, "PLO DCS second unequal: CC 2, op4 into R3, nothing stored");
	}
	/* CSSTG (13): parameter list op1c +8, op1r +24, op3 +56, op4 address +72 */
	{
		expect_pgm_int();
		static u64 pl[18] __attribute__((aligned(8)));
		static u64 op2 __attribute__((aligned(8))) = 0x1111, op4 __attribute__((aligned(8)));
		register u64 r0 asm("0") = 13;
		int cc;

		pl[1] = 0x1111;
		pl[3] = 0x2222;
		pl[7] = 0x3333;
		pl[9] = (u64)&op4;
		asm volatile("plo %%r2,%[o2],%%r4,0(%[pl])\n ipm %[cc]\n srl %[cc],28\n"
			     : [cc] "=d"(cc), [o2] "+Q"(op2) : "d"(r0), [pl] "a"(pl) : "cc", "memory");
		report(clear_pgm_int() == 0 && cc == 0 && op2 == 0x2222 && op4 == 0x3333, "PLO CSSTG: op3 at the listed op4 address, op1r at op2, CC 0");
	}
	/* CSTSTX (23): 16-byte operands at +0, +16, +48, +80, +112, addresses at +72, +104, +136 */
	{
		expect_pgm_int();
		static u64 pl[18] __attribute__((aligned(8)));
		static u64 op2[2] __attribute__((aligned(16))) = { 0xa, 0xb }, o4[2] __attribute__((aligned(16))),
						      o6[2] __attribute__((aligned(16))), o8[2] __attribute__((aligned(16)));
		register u64 r0 asm("0") = 23;
		int cc;

		pl[0] = 0xa, pl[1] = 0xb;   /* op1c */
		pl[2] = 0xc, pl[3] = 0xd;   /* op1r */
		pl[6] = 0x30, pl[7] = 0x31; /* op3 */
		pl[9] = (u64)o4;
		pl[10] = 0x50, pl[11] = 0x51; /* op5 */
		pl[13] = (u64)o6;
		pl[14] = 0x70, pl[15] = 0x71; /* op7 */
		pl[17] = (u64)o8;
		asm volatile("plo %%r2,0(%[o2]),%%r4,0(%[pl])\n ipm %[cc]\n srl %[cc],28\n"
			     : [cc] "=d"(cc) : "d"(r0), [pl] "a"(pl), [o2] "a"(op2) : "cc", "memory");
		report(clear_pgm_int() == 0 && cc == 0 && op2[0] == 0xc && op2[1] == 0xd && o4[0] == 0x30 && o4[1] == 0x31 && o6[0] == 0x50 && o6[1] == 0x51 &&
			       o8[0] == 0x70 && o8[1] == 0x71,
		       "PLO CSTSTX: three 16-byte stores and the swap, CC 0");
	}
	/* CS with an odd R1: specification */
	{
		expect_pgm_int();
		register u64 r0 asm("0") = 4;

		asm volatile("plo %%r3,0(%[a]),%%r4,0(%[a])\n" : : "d"(r0), [a] "a"(page) : "cc", "memory");
		report(clear_pgm_int() == PGM_SPECIFICATION, "PLO CS with an odd R1: specification");
	}
}

/* ---- UPT ------------------------------------------------------------------------------------------------------ */

static void upt_run(u64 *tree, u64 gr0, u64 out[6])
{
	expect_pgm_int();
	register u64 r0 asm("0") = gr0;
	register u64 r1 asm("1") = 0x55;
	register u64 r2 asm("2") = 0;
	register u64 r3 asm("3") = 0;
	register u64 r4 asm("4") = (u64)tree - 16; /* node n at r4 + 16n */
	register u64 r5 asm("5") = 64;
	int cc;

	asm volatile("upt\n ipm %[cc]\n srl %[cc],28\n" : [cc] "=d"(cc), "+d"(r0), "+d"(r1), "+d"(r2), "+d"(r3), "+d"(r5) : "d"(r4) : "cc", "memory");
	out[0] = r0, out[1] = r1, out[2] = r2, out[3] = r3, out[4] = r5, out[5] = cc;
}

static void test_upt(void)
{
	static u64 tree[8] __attribute__((aligned(16)));
	u64 o[6];

	/* nodes at index 16 (codeword 9) and 32 (codeword 3); GR0/GR1 = 5/0x55, GR5 = 64 */
	memset(tree, 0, sizeof(tree));
	tree[0] = 9, tree[1] = 0x99, tree[2] = 3, tree[3] = 0x33;
	upt_run(tree, 5, o);
	report(clear_pgm_int() == 0 && o[5] == 1 && o[0] == 9 && o[1] == 0x99 && o[4] == 0 && tree[0] == 5 && tree[1] == 0x55 && tree[2] == 3,
	       "UPT: higher node swapped with GR0/GR1 on the way, CC 1 at index 0");

	tree[0] = 9, tree[1] = 0x99, tree[2] = 3, tree[3] = 0x33;
	upt_run(tree, 3, o);
	report(clear_pgm_int() == 0 && o[5] == 0 && o[2] == 3 && o[3] == 0x33 && o[4] == 32, "UPT: equal codeword: node into GR2/GR3, CC 0");
}

/* ---- CUTFU / CUUTF --------------------------------------------------------------------------------------------- */

static void test_cu_aliases(void)
{
	static const u8 utf8[] = { 0x41, 0xe2, 0x82, 0xac };
	static u8 out[8];
	register u64 r2 asm("2") = (u64)out;
	register u64 r3 asm("3") = sizeof(out);
	register u64 r4 asm("4") = (u64)utf8;
	register u64 r5 asm("5") = sizeof(utf8);
	int cc;

	asm volatile("0: cutfu %%r2,%%r4\n jo 0b\n ipm %[cc]\n srl %[cc],28\n" : [cc] "=d"(cc), "+d"(r2), "+d"(r3), "+d"(r4), "+d"(r5) : : "cc", "memory");
	report(cc == 0 && r3 == 4 && r5 == 0 && out[0] == 0 && out[1] == 0x41 && out[2] == 0x20 && out[3] == 0xac,
	       "CUTFU (CU12): UTF-8 'A' U+20AC to UTF-16");

	static u8 back[8];
	register u64 q2 asm("2") = (u64)back;
	register u64 q3 asm("3") = sizeof(back);
	register u64 q4 asm("4") = (u64)out;
	register u64 q5 asm("5") = 4;
	asm volatile("0: cuutf %%r2,%%r4\n jo 0b\n ipm %[cc]\n srl %[cc],28\n" : [cc] "=d"(cc), "+d"(q2), "+d"(q3), "+d"(q4), "+d"(q5) : : "cc", "memory");
	report(cc == 0 && q3 == 4 && q5 == 0 && !memcmp(back, utf8, 4), "CUUTF (CU21): back to UTF-8");
}

/* ---- ECTG ------------------------------------------------------------------------------------------------------ */

static void test_ectg(void)
{
	expect_pgm_int();
	static u64 ops[3] __attribute__((aligned(8))) = { 0x0000100000000000UL, 0x1111222233334444UL, 0x0102030405060708UL };
	u64 timer = 0x0000000100000000UL;
	register u64 r0 asm("0");
	register u64 r1 asm("1");
	register u64 r3 asm("3") = (u64)&ops[2];

	asm volatile("spt %[t]\n ectg 0(%[o]),8(%[o]),%%r3\n" : "=d"(r0), "=d"(r1), "+d"(r3) : [t] "Q"(timer), [o] "a"(ops) : "memory");
	u64 g0 = r0, g1 = r1, g3 = r3; /* copied before a call can clobber them */
	u16 pc = clear_pgm_int();
	report(pc == 0 && g1 == ops[1], "ECTG: GR1 is the second-operand doubleword");
	report(pc == 0 && g3 == ops[2], "ECTG: R3 is the doubleword at the address in R3");
	/* GR0 = op1 - timer, the timer a little below the value just set (less than a second: 4096e6 units) */
	report(pc == 0 && g0 >= ops[0] - timer && g0 - (ops[0] - timer) < 4096000000UL, "ECTG: GR0 is the first-operand doubleword minus the CPU timer");
	if (g1 != ops[1] || g3 != ops[2])
		report_info("ECTG: GR0 %016lx GR1 %016lx R3 %016lx", g0, g1, g3);
}

/* ---- PFMF ------------------------------------------------------------------------------------------------------- */

/* access-control bits and fetch-protection bit of the storage key (reference and change vary with accesses) */
static u8 iske_acc_f(void *a)
{
	u64 k = 0;

	asm volatile("iske %0,%1" : "+d"(k) : "a"(a));
	return k & 0xf8;
}

static void test_pfmf(void)
{
	if (!test_facility(8)) {
		/* as many checks as with the facility: an operation exception, and nothing cleared */
		memset(frame, 0x5a, sizeof(frame));
		expect_pgm_int();
		asm volatile("pfmf %0,%1" : : "d"(0x10000UL), "a"(frame) : "memory");
		report(clear_pgm_int() == PGM_OPERATION, "PFMF without facility 8: operation exception");
		report(frame[0] == 0x5a && frame[4095] == 0x5a, "PFMF without facility 8: frame not cleared");
		return;
	}
	memset(frame, 0x5a, sizeof(frame));
	expect_pgm_int();
	/* set key 0x30 and clear frame, 4K (R1 bits 46, 47; key in bits 56-62) */
	asm volatile("pfmf %0,%1" : : "d"(0x30030UL), "a"(frame) : "memory");
	u16 pc = clear_pgm_int();
	bool zero = true;
	for (unsigned i = 0; i < sizeof(frame); i++)
		zero &= frame[i] == 0;
	u8 key = iske_acc_f(frame);
	report(pc == 0 && zero && key == 0x30, "PFMF 4K: frame cleared, key 0x30 set");
	if (pc != 0 || !zero || key != 0x30)
		report_info("PFMF: program interruption 0x%02x, frame %s, key %02x", pc, zero ? "zero" : "not zero", key);
	expect_pgm_int();
	asm volatile("pfmf %0,%1" : : "d"(0x20000UL), "a"(frame) : "memory");
	pc = clear_pgm_int();
	report(pc == 0 && iske_acc_f(frame) == 0, "PFMF 4K: key 0 set back");
}

/* ---- STHYI ------------------------------------------------------------------------------------------------------ */

static int sthyi(u64 fc, u64 *rc)
{
	expect_pgm_int();
	register u64 r0 asm("0") = fc;
	register u64 r2 asm("2") = (u64)page;
	register u64 r3 asm("3") = 42;
	int cc;

	asm volatile(".insn rre,0xb2560000,%%r0,%%r2\n ipm %[cc]\n srl %[cc],28\n" : [cc] "=d"(cc), "+d"(r3) : "d"(r0), "d"(r2) : "cc", "memory");
	*rc = r3;
	return cc;
}

static void test_sthyi(void)
{
	u64 rc = 0;

	if (!test_facility(74)) {
		/* as many checks as with the facility: an operation exception, R2+1 and the buffer unchanged */
		memset(page, 0x5a, sizeof(page));
		sthyi(0, &rc);
		report(clear_pgm_int() == PGM_OPERATION, "STHYI without facility 74: operation exception");
		report(rc == 42, "STHYI without facility 74: R2+1 unchanged");
		report(page[0] == 0x5a && page[10] == 0x5a, "STHYI without facility 74: nothing stored");
		return;
	}
	memset(page, 0, sizeof(page));
	int cc = sthyi(0, &rc);
	u16 *h = (u16 *)page;
	cc = clear_pgm_int() ? -1 : cc;
	report(cc == 0 && rc == 0 && h[5] == 48 && h[6] >= 48 && h[7] >= 60 && h[8] >= 48, "STHYI code 0: CC 0, return code 0, header lengths");
	cc = sthyi(1, &rc);
	cc = clear_pgm_int() ? -1 : cc;
	report(cc == 3 && rc == 4, "STHYI code 1: CC 3, return code 4");
	expect_pgm_int();
	asm volatile(".insn rre,0xb2560000,%%r1,%%r2" : : : "cc", "memory");
	report(clear_pgm_int() == PGM_SPECIFICATION, "STHYI odd R1: specification");
}

int main(int argc, char **argv)
{
	report_prefix_push("base-insn");
	test_plo();
	test_upt();
	test_cu_aliases();
	test_ectg();
	test_pfmf();
	test_sthyi();
	report_prefix_pop();
	conf_exit();
}
