/*
 * Relative-long storage operands (POP ch. 7, LOAD/STORE/COMPARE RELATIVE LONG): the operand address is the
 * instruction address plus twice the signed halfword offset, and the operand must be on an integral boundary of its
 * size (word or doubleword), otherwise a specification exception is recognized (ILC 6, the instruction suppressed:
 * the old PSW points after it, registers and storage unchanged). Halfword operands are always aligned.
 * Each case addresses a 16-byte, doubleword-aligned block inside the code (skipped by a branch), at +0 (aligned),
 * +2 (halfword only) and, for doubleword operands, +4 (word only).
 */
#include "conf.h"

static struct caught out __attribute__((aligned(8)));
static u64 after;

static void check_spec(const char *mn, int off)
{
	bool ok = out.took != 0 && caught_code(&out) == PGM_SPECIFICATION && caught_ilc(&out) == 6 && out.addr == after;

	if (!report(ok, "%s operand at +%d: specification, ILC 6, old PSW after the instruction", mn, off))
		report_info("%s +%d: caught %s code 0x%02x ilc %u old PSW %016lx, expected %016lx", mn, off,
			    out.took ? "yes" : "no", caught_code(&out), caught_ilc(&out), out.addr, after);
}

static void check_none(const char *mn, u64 r2, u64 want)
{
	bool ok = out.took == 0 && r2 == want;

	if (!report(ok, "%s aligned operand: no exception, result", mn))
		report_info("%s aligned: caught %s code 0x%02x; r2 %016lx expected %016lx", mn, out.took ? "yes" : "no",
			    caught_code(&out), r2, want);
}

/* runs "mn %r2,5f+off" over the block 0011223344556677 8899aabbccddeeff with r2 preset to `r2in`; returns r2 */
#define REL(mn, off, r2in)                                                                                   \
	({                                                                                                   \
		register u64 r2 asm("2") = (r2in);                                                           \
		asm volatile(CATCH_BEGIN "larl %%r1,1f\n stg %%r1,0(%[a])\n" mn " %%r2,5f+" #off "\n"        \
			     "1: j 6f\n .balign 8\n 5: .quad 0x0011223344556677, 0x8899aabbccddeeff\n 6:\n"  \
			     CATCH_END                                                                       \
			     : "+d"(r2) : [o] "a"(&out), [a] "a"(&after) : "r0", "r1", "cc", "memory");      \
		r2;                                                                                          \
	})

#define WORD(mn, want)                                                                                       \
	do {                                                                                                 \
		REL(mn, 2, 0);                                                                               \
		check_spec(mn, 2);                                                                           \
		check_none(mn, REL(mn, 0, 0xa5a5a5a5a5a5a5a5UL), want);                                      \
	} while (0)

#define DWORD(mn, want)                                                                                      \
	do {                                                                                                 \
		REL(mn, 2, 0);                                                                               \
		check_spec(mn, 2);                                                                           \
		REL(mn, 4, 0);                                                                               \
		check_spec(mn, 4);                                                                           \
		check_none(mn, REL(mn, 0, 0xa5a5a5a5a5a5a5a5UL), want);                                      \
	} while (0)

int main(int argc, char **argv)
{
	report_prefix_push("rel-long");
	/* loads: the register after the aligned case */
	WORD("lrl", 0xa5a5a5a500112233UL);
	WORD("lgfrl", 0x0000000000112233UL);
	WORD("llgfrl", 0x0000000000112233UL);
	DWORD("lgrl", 0x0011223344556677UL);
	/* compares: registers unchanged (the CC is not looked at here) */
	WORD("crl", 0xa5a5a5a5a5a5a5a5UL);
	WORD("clrl", 0xa5a5a5a5a5a5a5a5UL);
	WORD("cgfrl", 0xa5a5a5a5a5a5a5a5UL);
	WORD("clgfrl", 0xa5a5a5a5a5a5a5a5UL);
	DWORD("cgrl", 0xa5a5a5a5a5a5a5a5UL);
	DWORD("clgrl", 0xa5a5a5a5a5a5a5a5UL);
	/* stores into the block; the register is unchanged */
	WORD("strl", 0xa5a5a5a5a5a5a5a5UL);
	DWORD("stgrl", 0xa5a5a5a5a5a5a5a5UL);
	/* halfword operands at +2 are aligned: no exception */
	check_none("lhrl +2", REL("lhrl", 2, 0), 0x0000000000002233UL);
	check_none("llhrl +2", REL("llhrl", 2, 0), 0x0000000000002233UL);
	check_none("lgfrl +4", REL("lgfrl", 4, 0), 0x0000000044556677UL);
	report_prefix_pop();
	conf_exit();
}
