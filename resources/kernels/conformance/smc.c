/*
 * Self-modifying code (POP ch. 5 "Instruction Execution", "Storage-operand consistency"): a CPU that stores into an
 * instruction it executes later executes the new instruction, whatever it did with the old one. Each routine is
 * first called often enough to be hot (an emulator translates it), then changed:
 * - by MVC from outside (the LHI immediate of a copied routine);
 * - by an MVC executed through EXRL;
 * - by the routine itself: it stores into its own next instruction (same straight-line block) before running it.
 */
#include "conf.h"

#define HOT 200

static u8 code1[16] __attribute__((aligned(8)));
static u8 code2[32] __attribute__((aligned(8)));

/* lhi %r2,1; br %r14 */
static const u8 tmpl1[] = { 0xa7, 0x28, 0x00, 0x01, 0x07, 0xfe };
/* 0: basr %r1,0; 2: mvc 9(1,%r1),0(%r4); 8: lhi %r2,0; 12: br %r14 (the MVC stores the LHI's low immediate byte) */
static const u8 tmpl2[] = { 0x0d, 0x10, 0xd2, 0x00, 0x10, 0x09, 0x40, 0x00, 0xa7, 0x28, 0x00, 0x00, 0x07, 0xfe };

static u64 call(void *fn, const u8 *arg)
{
	register u64 r2 asm("2");
	register u64 r4 asm("4") = (u64)arg;

	asm volatile("basr %%r14,%[f]\n" : "=d"(r2) : [f] "a"(fn), "d"(r4) : "r1", "r14", "cc", "memory");
	return r2;
}

static void test_mvc_patch(void)
{
	static const u16 two = 2;
	u64 sum = 0;

	memcpy(code1, tmpl1, sizeof(tmpl1));
	for (int i = 0; i < HOT; i++)
		sum += call(code1, NULL);
	report(sum == HOT, "routine returns 1 while hot");

	asm volatile("mvc 2(2,%[c]),0(%[v])\n" : : [c] "a"(code1), [v] "a"(&two) : "memory");
	u64 r = call(code1, NULL);
	if (!report(r == 2, "after MVC into its LHI immediate it returns 2"))
		report_info("returned %lu", r);
}

static void test_exrl_mvc_patch(void)
{
	static const u16 three = 3;

	/* MVC with length code 0 executed by EXRL with R1 = 1: two bytes */
	asm volatile("lghi %%r1,1\n exrl %%r1,1f\n j 2f\n 1: mvc 2(1,%[c]),0(%[v])\n 2:\n"
		     : : [c] "a"(code1), [v] "a"(&three) : "r1", "memory");
	u64 r = call(code1, NULL);
	if (!report(r == 3, "after EXRL of MVC into its LHI immediate it returns 3"))
		report_info("returned %lu", r);
}

static void test_store_into_own_block(void)
{
	u8 k;
	int bad = 0, first_bad = -1;
	u64 got = 0;

	memcpy(code2, tmpl2, sizeof(tmpl2));
	for (int i = 0; i < HOT; i++) {
		k = (u8)(i * 7 + 1);
		u64 r = call(code2, &k);
		if (r != k) {
			if (first_bad < 0) {
				first_bad = i;
				got = r;
			}
			bad++;
		}
	}
	if (!report(bad == 0, "a routine storing into its next instruction executes the stored value every time"))
		report_info("%d of %d calls wrong, first at call %d: returned %lu", bad, HOT, first_bad, got);
}

int main(int argc, char **argv)
{
	report_prefix_push("smc");
	test_mvc_patch();
	test_exrl_mvc_patch();
	test_store_into_own_block();
	report_prefix_pop();
	conf_exit();
}
