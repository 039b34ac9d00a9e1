/*
 * Condition codes and results of fixed-point add, subtract, compare, logical and sign operations,
 * 32- and 64-bit, with carry/borrow in. Every expected value in the table was worked out by hand
 * from the Principles of Operation (chapter 7, "General Instructions").
 * 32-bit forms run with 0xa5a5a5a5 in the high half of the first operand, which must survive.
 */
#include "lib/kernel.h"

typedef u64 (*op_fn)(u64 a, u64 b, int cc_in);

static int last_cc;

/* RR/RRE form: op r1,r2; the CC is preset by SPM (carry/borrow in) and read back with IPM */
#define DEF_RR(fn, insn)                                                                             \
	static u64 fn(u64 a, u64 b, int cc_in)                                                       \
	{                                                                                            \
		int c;                                                                               \
		asm volatile("spm %[in]\n" insn " %[a],%[b]\n"                                       \
			     "ipm %[c]\n"                                                            \
			     "srl %[c],28\n"                                                         \
			     : [a] "+d"(a), [c] "=&d"(c)                                             \
			     : [b] "d"(b), [in] "d"((u64)cc_in << 28)                                \
			     : "cc");                                                                \
		last_cc = c;                                                                         \
		return a;                                                                            \
	}

/* RS/RSY form shift: op r1,0(r_b) or op r1,r1,0(r_b) where the shift amount is b */
#define DEF_SHIFT(fn, insn)                                                                          \
	static u64 fn(u64 a, u64 b, int cc_in)                                                       \
	{                                                                                            \
		int c;                                                                               \
		asm volatile(insn "0(%[b])\n"                                                        \
			     "ipm %[c]\n"                                                            \
			     "srl %[c],28\n"                                                         \
			     : [a] "+d"(a), [c] "=&d"(c)                                             \
			     : [b] "a"(b)                                                            \
			     : "cc");                                                                \
		last_cc = c;                                                                         \
		return a;                                                                            \
	}

DEF_RR(op_ar, "ar")
DEF_RR(op_sr, "sr")
DEF_RR(op_alr, "alr")
DEF_RR(op_slr, "slr")
DEF_RR(op_alcr, "alcr")
DEF_RR(op_slbr, "slbr")
DEF_RR(op_cr, "cr")
DEF_RR(op_clr, "clr")
DEF_RR(op_nr, "nr")
DEF_RR(op_or, "or")
DEF_RR(op_xr, "xr")
DEF_RR(op_lcr, "lcr")
DEF_RR(op_lpr, "lpr")
DEF_RR(op_lnr, "lnr")
DEF_RR(op_ltr, "ltr")
DEF_SHIFT(op_sla, "sla %[a],")
DEF_RR(op_agr, "agr")
DEF_RR(op_sgr, "sgr")
DEF_RR(op_algr, "algr")
DEF_RR(op_slgr, "slgr")
DEF_RR(op_alcgr, "alcgr")
DEF_RR(op_slbgr, "slbgr")
DEF_RR(op_agfr, "agfr")
DEF_RR(op_algfr, "algfr")
DEF_RR(op_cgr, "cgr")
DEF_RR(op_clgr, "clgr")
DEF_RR(op_ngr, "ngr")
DEF_RR(op_ogr, "ogr")
DEF_RR(op_xgr, "xgr")
DEF_RR(op_lcgr, "lcgr")
DEF_RR(op_lpgr, "lpgr")
DEF_SHIFT(op_slag, "slag %[a],%[a],")

struct arith_case {
	const char *insn;
	op_fn fn;
	int w32;   /* 32-bit form: only the low word changes */
	u64 a, b;  /* operands (for loads/complements b is the source) */
	int cc_in; /* condition code before (carry/borrow in) */
	u64 result;
	int cc;
};

/*
 * Legend: insn, handler, 32-bit?, first operand, second operand, CC in, expected first operand after, CC after.
 * Signed add/sub, load complement/positive/test: CC 0 zero, 1 < 0, 2 > 0, 3 overflow.
 * Logical add: CC 0 zero/no carry, 1 nonzero/no carry, 2 zero/carry, 3 nonzero/carry.
 * Logical subtract: CC 1 nonzero/borrow, 2 zero/no borrow, 3 nonzero/no borrow.
 * Compare: CC 0 equal, 1 first low, 2 first high. AND/OR/XOR: CC 0 zero, 1 nonzero.
 * Carry in (ALC*) is CC 2 or 3; borrow in (SLB*) is CC 0 or 1.
 */
static const struct arith_case cases[] = {
	/* POP 7: ADD (32) */
	{ "AR", op_ar, 1, 0x1, 0x2, 0, 0x3, 2 },
	{ "AR", op_ar, 1, 0x0, 0x0, 0, 0x0, 0 },
	{ "AR", op_ar, 1, 0x5, 0xfffffff9, 0, 0xfffffffe, 1 },
	{ "AR", op_ar, 1, 0x7fffffff, 0x1, 0, 0x80000000, 3 },
	{ "AR", op_ar, 1, 0x80000000, 0xffffffff, 0, 0x7fffffff, 3 },
	{ "AR", op_ar, 1, 0xffffffff, 0x1, 0, 0x0, 0 },
	/* SUBTRACT (32) */
	{ "SR", op_sr, 1, 0x5, 0x3, 0, 0x2, 2 },
	{ "SR", op_sr, 1, 0x3, 0x5, 0, 0xfffffffe, 1 },
	{ "SR", op_sr, 1, 0x7, 0x7, 0, 0x0, 0 },
	{ "SR", op_sr, 1, 0x80000000, 0x1, 0, 0x7fffffff, 3 },
	{ "SR", op_sr, 1, 0x7fffffff, 0xffffffff, 0, 0x80000000, 3 },
	/* ADD LOGICAL (32) */
	{ "ALR", op_alr, 1, 0x1, 0x2, 0, 0x3, 1 },
	{ "ALR", op_alr, 1, 0x0, 0x0, 0, 0x0, 0 },
	{ "ALR", op_alr, 1, 0xffffffff, 0x1, 0, 0x0, 2 },
	{ "ALR", op_alr, 1, 0xffffffff, 0xffffffff, 0, 0xfffffffe, 3 },
	{ "ALR", op_alr, 1, 0x80000000, 0x7fffffff, 0, 0xffffffff, 1 },
	/* SUBTRACT LOGICAL (32) */
	{ "SLR", op_slr, 1, 0x5, 0x3, 0, 0x2, 3 },
	{ "SLR", op_slr, 1, 0x3, 0x5, 0, 0xfffffffe, 1 },
	{ "SLR", op_slr, 1, 0x7, 0x7, 0, 0x0, 2 },
	{ "SLR", op_slr, 1, 0x0, 0x1, 0, 0xffffffff, 1 },
	{ "SLR", op_slr, 1, 0x0, 0x0, 0, 0x0, 2 },
	/* ADD LOGICAL WITH CARRY / SUBTRACT LOGICAL WITH BORROW (32) */
	{ "ALCR", op_alcr, 1, 0x1, 0x2, 2, 0x4, 1 },
	{ "ALCR", op_alcr, 1, 0xffffffff, 0x0, 3, 0x0, 2 },
	{ "ALCR", op_alcr, 1, 0xffffffff, 0x0, 0, 0xffffffff, 1 },
	{ "ALCR", op_alcr, 1, 0xfffffffe, 0x1, 2, 0x0, 2 },
	{ "SLBR", op_slbr, 1, 0x5, 0x3, 2, 0x2, 3 },
	{ "SLBR", op_slbr, 1, 0x5, 0x3, 1, 0x1, 3 },
	{ "SLBR", op_slbr, 1, 0x3, 0x3, 1, 0xffffffff, 1 },
	{ "SLBR", op_slbr, 1, 0x4, 0x3, 1, 0x0, 2 },
	/* COMPARE / COMPARE LOGICAL (32): first operand unchanged */
	{ "CR", op_cr, 1, 0x1, 0x2, 0, 0x1, 1 },
	{ "CR", op_cr, 1, 0x2, 0x1, 0, 0x2, 2 },
	{ "CR", op_cr, 1, 0xffffffff, 0x1, 0, 0xffffffff, 1 },
	{ "CR", op_cr, 1, 0x5, 0x5, 0, 0x5, 0 },
	{ "CR", op_cr, 1, 0x80000000, 0x7fffffff, 0, 0x80000000, 1 },
	{ "CLR", op_clr, 1, 0xffffffff, 0x1, 0, 0xffffffff, 2 },
	{ "CLR", op_clr, 1, 0x1, 0x2, 0, 0x1, 1 },
	{ "CLR", op_clr, 1, 0x80000000, 0x7fffffff, 0, 0x80000000, 2 },
	{ "CLR", op_clr, 1, 0x9, 0x9, 0, 0x9, 0 },
	/* AND / OR / EXCLUSIVE OR (32) */
	{ "NR", op_nr, 1, 0xf0f0f0f0, 0x0f0f0f0f, 0, 0x0, 0 },
	{ "NR", op_nr, 1, 0xff00ff00, 0x0ff00ff0, 0, 0x0f000f00, 1 },
	{ "OR", op_or, 1, 0xf0f0f0f0, 0x0f0f0f0f, 0, 0xffffffff, 1 },
	{ "OR", op_or, 1, 0x0, 0x0, 0, 0x0, 0 },
	{ "XR", op_xr, 1, 0x12345678, 0x12345678, 0, 0x0, 0 },
	{ "XR", op_xr, 1, 0xff00ff00, 0x0ff00ff0, 0, 0xf0f0f0f0, 1 },
	/* LOAD COMPLEMENT / POSITIVE / NEGATIVE / AND TEST (32): result from the second operand */
	{ "LCR", op_lcr, 1, 0x0, 0x5, 0, 0xfffffffb, 1 },
	{ "LCR", op_lcr, 1, 0x0, 0xfffffffb, 0, 0x5, 2 },
	{ "LCR", op_lcr, 1, 0x0, 0x0, 0, 0x0, 0 },
	{ "LCR", op_lcr, 1, 0x0, 0x80000000, 0, 0x80000000, 3 },
	{ "LPR", op_lpr, 1, 0x0, 0xfffffffb, 0, 0x5, 2 },
	{ "LPR", op_lpr, 1, 0x0, 0x0, 0, 0x0, 0 },
	{ "LPR", op_lpr, 1, 0x0, 0x80000000, 0, 0x80000000, 3 },
	{ "LNR", op_lnr, 1, 0x0, 0x5, 0, 0xfffffffb, 1 },
	{ "LNR", op_lnr, 1, 0x0, 0x80000000, 0, 0x80000000, 1 },
	{ "LNR", op_lnr, 1, 0x0, 0x0, 0, 0x0, 0 },
	{ "LTR", op_ltr, 1, 0x0, 0x80000000, 0, 0x80000000, 1 },
	{ "LTR", op_ltr, 1, 0x0, 0x7fffffff, 0, 0x7fffffff, 2 },
	/* SHIFT LEFT SINGLE (32): sign kept, overflow when a bit unlike the sign leaves bit 1 */
	{ "SLA", op_sla, 1, 0x1, 4, 0, 0x10, 2 },
	{ "SLA", op_sla, 1, 0x40000000, 1, 0, 0x0, 3 },
	{ "SLA", op_sla, 1, 0xffffffff, 4, 0, 0xfffffff0, 1 },
	{ "SLA", op_sla, 1, 0x80000001, 1, 0, 0x80000002, 3 },
	/* ADD / SUBTRACT (64) */
	{ "AGR", op_agr, 0, 0x7fffffffffffffff, 0x1, 0, 0x8000000000000000, 3 },
	{ "AGR", op_agr, 0, 0x00000000ffffffff, 0x1, 0, 0x0000000100000000, 2 },
	{ "AGR", op_agr, 0, 0xffffffffffffffff, 0xffffffffffffffff, 0, 0xfffffffffffffffe, 1 },
	{ "AGR", op_agr, 0, 0x8000000000000000, 0x8000000000000000, 0, 0x0, 3 },
	{ "AGR", op_agr, 0, 0x5, 0xfffffffffffffffb, 0, 0x0, 0 },
	{ "SGR", op_sgr, 0, 0x8000000000000000, 0x1, 0, 0x7fffffffffffffff, 3 },
	{ "SGR", op_sgr, 0, 0x0000000100000000, 0x1, 0, 0x00000000ffffffff, 2 },
	{ "SGR", op_sgr, 0, 0x1, 0x2, 0, 0xffffffffffffffff, 1 },
	/* ADD / SUBTRACT LOGICAL (64) */
	{ "ALGR", op_algr, 0, 0xffffffffffffffff, 0x1, 0, 0x0, 2 },
	{ "ALGR", op_algr, 0, 0x00000000ffffffff, 0x1, 0, 0x0000000100000000, 1 },
	{ "ALGR", op_algr, 0, 0x8000000000000000, 0x8000000000000000, 0, 0x0, 2 },
	{ "ALGR", op_algr, 0, 0xffffffffffffffff, 0x2, 0, 0x1, 3 },
	{ "SLGR", op_slgr, 0, 0x0, 0x1, 0, 0xffffffffffffffff, 1 },
	{ "SLGR", op_slgr, 0, 0x0000000100000000, 0x1, 0, 0x00000000ffffffff, 3 },
	{ "SLGR", op_slgr, 0, 0x2a, 0x2a, 0, 0x0, 2 },
	{ "ALCGR", op_alcgr, 0, 0xffffffffffffffff, 0x0, 2, 0x0, 2 },
	{ "ALCGR", op_alcgr, 0, 0x1, 0x1, 0, 0x2, 1 },
	{ "SLBGR", op_slbgr, 0, 0x0, 0x0, 1, 0xffffffffffffffff, 1 },
	{ "SLBGR", op_slbgr, 0, 0x9, 0x4, 3, 0x5, 3 },
	/* mixed 64 + 32: sign-extended (AGFR) and zero-extended (ALGFR) second operand */
	{ "AGFR", op_agfr, 0, 0x0000000100000000, 0xffffffff, 0, 0x00000000ffffffff, 2 },
	{ "AGFR", op_agfr, 0, 0x0, 0x80000000, 0, 0xffffffff80000000, 1 },
	{ "ALGFR", op_algfr, 0, 0xffffffff00000000, 0xffffffff, 0, 0xffffffffffffffff, 1 },
	{ "ALGFR", op_algfr, 0, 0xffffffff00000001, 0xffffffff, 0, 0x0, 2 },
	/* COMPARE / COMPARE LOGICAL (64) */
	{ "CGR", op_cgr, 0, 0xffffffffffffffff, 0x0, 0, 0xffffffffffffffff, 1 },
	{ "CGR", op_cgr, 0, 0x7fffffffffffffff, 0x8000000000000000, 0, 0x7fffffffffffffff, 2 },
	{ "CGR", op_cgr, 0, 0x0000000100000000, 0x0000000100000000, 0, 0x0000000100000000, 0 },
	{ "CGR", op_cgr, 0, 0x0000000100000000, 0x00000000ffffffff, 0, 0x0000000100000000, 2 },
	{ "CLGR", op_clgr, 0, 0xffffffffffffffff, 0x0, 0, 0xffffffffffffffff, 2 },
	{ "CLGR", op_clgr, 0, 0x8000000000000000, 0x7fffffffffffffff, 0, 0x8000000000000000, 2 },
	{ "CLGR", op_clgr, 0, 0x00000000ffffffff, 0x0000000100000000, 0, 0x00000000ffffffff, 1 },
	/* AND / OR / EXCLUSIVE OR (64) */
	{ "NGR", op_ngr, 0, 0xff00000000000000, 0x00ff000000000000, 0, 0x0, 0 },
	{ "OGR", op_ogr, 0, 0x8000000000000000, 0x1, 0, 0x8000000000000001, 1 },
	{ "XGR", op_xgr, 0, 0xffffffff00000000, 0xffffffffffffffff, 0, 0x00000000ffffffff, 1 },
	/* LOAD COMPLEMENT / POSITIVE (64) */
	{ "LCGR", op_lcgr, 0, 0x0, 0x1, 0, 0xffffffffffffffff, 1 },
	{ "LCGR", op_lcgr, 0, 0x0, 0x8000000000000000, 0, 0x8000000000000000, 3 },
	{ "LPGR", op_lpgr, 0, 0x0, 0xffffffffffffffff, 0, 0x1, 2 },
	{ "LPGR", op_lpgr, 0, 0x0, 0x8000000000000000, 0, 0x8000000000000000, 3 },
	/* SHIFT LEFT SINGLE (64) */
	{ "SLAG", op_slag, 0, 0x4000000000000000, 1, 0, 0x0, 3 },
	{ "SLAG", op_slag, 0, 0xffffffffffffffff, 8, 0, 0xffffffffffffff00, 1 },
};

#define HIGH_PATTERN 0xa5a5a5a500000000UL

int main(int argc, char **argv)
{
	unsigned i;

	report_prefix_push("arith");
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct arith_case *t = &cases[i];
		u64 a = t->w32 ? HIGH_PATTERN | t->a : t->a;
		u64 want = t->w32 ? HIGH_PATTERN | t->result : t->result;
		u64 got = t->fn(a, t->b, t->cc_in);
		int cc = last_cc;
		bool ok = got == want && cc == t->cc;

		if (t->cc_in)
			report(ok, "%s %lx %lx cc-in %d -> %lx cc %d", t->insn, t->a, t->b, t->cc_in, t->result, t->cc);
		else
			report(ok, "%s %lx %lx -> %lx cc %d", t->insn, t->a, t->b, t->result, t->cc);
		if (!ok)
			report_info("got %016lx cc %d, expected %016lx cc %d", got, cc, want, t->cc);
	}
	report_prefix_pop();
	return report_summary();
}
