/*
 * LOAD REAL ADDRESS (POP ch. 10: LRA, LRAY, LRAG) with every condition code, translating through the primary ASCE
 * in CR1 while DAT is off in the PSW:
 *   CC 0  the real address (LRA/LRAY: into bits 32-63, bits 0-31 unchanged; LRAG: all 64 bits);
 *   CC 1  segment-table entry invalid: the entry's real address;
 *   CC 2  page-table entry invalid: the entry's real address;
 *   CC 3  segment index beyond the segment-table length: bit 32 one and the exception code 0x10 in bits 48-63.
 * Tables: a one-page segment table (TL 0: 512 entries) whose entry 0 points to a page table with entry 0x10 valid
 * (frame 0x345000) and entry 0x11 invalid; segment-table entry 1 is invalid.
 */
#include "conf.h"

static u64 seg[512] __attribute__((aligned(4096)));
static u64 pt[256] __attribute__((aligned(2048)));

#define STE_INVALID 0x20UL
#define PTE_INVALID 0x400UL
#define HIGH 0xa5a5a5a500000000UL

#define DEF_LRA(fn, insn)                                                                                    \
	static u64 fn(u64 addr, u64 r1in, int *cc)                                                           \
	{                                                                                                    \
		u64 r = r1in;                                                                                \
		int c;                                                                                       \
		asm volatile(insn " %[r],0(%[a])\n ipm %[c]\n srl %[c],28\n"                                 \
			     : [r] "+d"(r), [c] "=d"(c) : [a] "a"(addr) : "cc", "memory");                   \
		*cc = c;                                                                                     \
		return r;                                                                                    \
	}
DEF_LRA(lra, "lra")
DEF_LRA(lray, "lray")
DEF_LRA(lrag, "lrag")

static void check(const char *name, u64 addr, int want_cc, u64 want32, u64 want64, bool low_only)
{
	int cc1, cc2, cc3;
	u64 r1 = lra(addr, HIGH, &cc1), r2 = lray(addr, HIGH, &cc2), r3 = lrag(addr, HIGH, &cc3);
	u64 m = low_only ? 0xffffffffUL : ~0UL;

	report(cc1 == want_cc && r1 == (HIGH | want32), "LRA %s: CC %d and R1", name, want_cc);
	report(cc2 == want_cc && r2 == (HIGH | want32), "LRAY %s: CC %d and R1", name, want_cc);
	report(cc3 == want_cc && (r3 & m) == (want64 & m), "LRAG %s: CC %d and R1", name, want_cc);
	if (cc1 != want_cc || cc2 != want_cc || cc3 != want_cc || r1 != (HIGH | want32) || r2 != (HIGH | want32) ||
	    (r3 & m) != (want64 & m))
		report_info("%s: LRA cc %d %016lx, LRAY cc %d %016lx, LRAG cc %d %016lx", name, cc1, r1, cc2, r2, cc3, r3);
}

int main(int argc, char **argv)
{
	u64 seg_a = (u64)seg, pt_a = (u64)pt;

	report_prefix_push("lra");
	for (int i = 0; i < 512; i++)
		seg[i] = STE_INVALID;
	for (int i = 0; i < 256; i++)
		pt[i] = PTE_INVALID;
	seg[0] = pt_a;
	pt[0x10] = 0x345000;
	lctlg(1, seg_a); /* ASCE: segment-table designation, TL 0 */

	check("valid page", 0x10123, 0, 0x345123, 0x345123, false);
	check("invalid page-table entry", 0x11000, 2, pt_a + 0x11 * 8, pt_a + 0x11 * 8, false);
	check("invalid segment-table entry", 0x100000, 1, seg_a + 8, seg_a + 8, false);
	check("segment index beyond the table length", 0x20000000, 3, 0x80000010UL, 0x80000010UL, true);

	lctlg(1, 0);
	report_prefix_pop();
	conf_exit();
}
