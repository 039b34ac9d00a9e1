/*
 * PSW validity and instruction addresses (POP ch. 4 "Program-Status Word", "Exceptions Associated with the PSW";
 * ch. 6 "Specification exception"; ch. 7 EXECUTE; ch. 10 LPSW, LPSWE, SSM, STOSM, SET ADDRESSING MODE):
 * - an invalid PSW loaded by LPSW/LPSWE is an early exception: ILC 0, the old PSW is the invalid PSW itself;
 * - SSM/STOSM that set bits 0 or 2-4 of the PSW load them and then report a specification exception with the
 *   instruction's length, the old PSW holding the new mask and the next instruction's address; through EXECUTE the
 *   ILC and the address are the EXECUTE's;
 * - an odd instruction address is a specification exception when the instruction is fetched (old PSW: the odd
 *   address); an odd EXECUTE target is a specification exception of the EXECUTE (suppressed);
 * - SAM24/SAM31 check the updated instruction address against the new mode (specification, mode unchanged).
 */
#include "conf.h"

static struct caught out __attribute__((aligned(8)));
static u64 psw[2] __attribute__((aligned(16)));
static u8 smask;

static void check(const char *name, u16 code, int ilc, u64 mask, u64 addr)
{
	/* the condition code and program mask of the old PSW are whatever the body left: not compared */
	bool ok = out.took != 0 && caught_code(&out) == code && (ilc < 0 || caught_ilc(&out) == ilc) &&
		  (out.mask & ~PSW_MASK_CC & ~PSW_MASK_PM) == mask && out.addr == addr;

	if (ilc >= 0)
		report(ok, "%s: code 0x%02x, ILC %d, old PSW mask %016lx and address", name, code, ilc, mask);
	else
		report(ok, "%s: code 0x%02x, old PSW %016lx at the odd address", name, code, mask);
	if (!ok)
		report_info("%s: caught %s code 0x%02x ilc %u old PSW %016lx %016lx; expected %016lx %016lx", name,
			    out.took ? "yes" : "no", caught_code(&out), caught_ilc(&out), out.mask, out.addr, mask, addr);
}

static void test_lpswe(void)
{
	u64 target;

	/* bit 0 must be zero: the PSW is loaded, then the early exception */
	asm volatile("larl %0,7f\n" : "=a"(target));
	psw[0] = 0x8000000180000000UL;
	psw[1] = target;
	asm volatile(CATCH_BEGIN "lpswe 0(%[p])\n 7: nopr 0\n" CATCH_END : : [o] "a"(&out), [p] "a"(psw) : "r0", "cc", "memory");
	check("LPSWE with PSW bit 0 one", 6, 0, 0x8000000180000000UL, target);

	/* 24-bit mode with an address above 16 MiB */
	psw[0] = 0;
	psw[1] = 0x1000000;
	asm volatile(CATCH_BEGIN "lpswe 0(%[p])\n" CATCH_END : : [o] "a"(&out), [p] "a"(psw) : "r0", "cc", "memory");
	check("LPSWE 24-bit PSW with address 0x1000000", 6, 0, 0, 0x1000000);

	/* 31-bit mode (BA only) with an address above 2 GiB */
	psw[0] = 0x0000000080000000UL;
	psw[1] = 0x80000000UL;
	asm volatile(CATCH_BEGIN "lpswe 0(%[p])\n" CATCH_END : : [o] "a"(&out), [p] "a"(psw) : "r0", "cc", "memory");
	check("LPSWE 31-bit PSW with address 0x80000000", 6, 0, 0x0000000080000000UL, 0x80000000UL);
}

static void test_lpsw(void)
{
	u64 target;
	u32 *s = (u32 *)psw;

	/* ESA/390-format PSW (bit 12 one) with bit 0 one: loaded as the z/Architecture PSW, then the early exception */
	asm volatile("larl %0,7f\n" : "=a"(target));
	s[0] = 0x80080000;
	s[1] = 0x80000000 | (u32)target;
	asm volatile(CATCH_BEGIN "lpsw 0(%[p])\n 7: nopr 0\n" CATCH_END : : [o] "a"(&out), [p] "a"(psw) : "r0", "cc", "memory");
	check("LPSW with PSW bit 0 one", 6, 0, 0x8000000080000000UL, target);
}

static void test_ssm_stosm(void)
{
	u64 after;
	u8 bad = 0x20;

	asm volatile(CATCH_BEGIN "larl %%r1,1f\n stg %%r1,0(%[a])\n ssm 0(%[b])\n 1: nopr 0\n" CATCH_END
		     : : [o] "a"(&out), [a] "a"(&after), [b] "a"(&bad) : "r0", "r1", "cc", "memory");
	check("SSM setting PSW bit 2", 6, 4, 0x2000000180000000UL, after);

	asm volatile(CATCH_BEGIN "larl %%r1,1f\n stg %%r1,0(%[a])\n stosm 0(%[sm]),0x08\n 1: nopr 0\n" CATCH_END
		     : : [o] "a"(&out), [a] "a"(&after), [sm] "a"(&smask) : "r0", "r1", "cc", "memory");
	check("STOSM setting PSW bit 4", 6, 4, 0x0800000180000000UL, after);
	report(smask == 0, "STOSM stored the old system mask 0x00");

	/* through EXECUTE and EXECUTE RELATIVE LONG: the ILC and the next address are the execute instruction's */
	asm volatile(CATCH_BEGIN "larl %%r1,1f\n stg %%r1,0(%[a])\n larl %%r1,2f\n ex 0,0(%%r1)\n 1: j 3f\n"
		     "2: ssm 0(%[b])\n 3:\n" CATCH_END
		     : : [o] "a"(&out), [a] "a"(&after), [b] "a"(&bad) : "r0", "r1", "cc", "memory");
	check("EX of SSM setting PSW bit 2", 6, 4, 0x2000000180000000UL, after);

	asm volatile(CATCH_BEGIN "larl %%r1,1f\n stg %%r1,0(%[a])\n exrl 0,2f\n 1: j 3f\n"
		     "2: stosm 0(%[sm]),0x80\n 3:\n" CATCH_END
		     : : [o] "a"(&out), [a] "a"(&after), [sm] "a"(&smask) : "r0", "r1", "cc", "memory");
	check("EXRL of STOSM setting PSW bit 0", 6, 6, 0x8000000180000000UL, after);
}

static void test_execute_lpswe(void)
{
	u64 target;

	asm volatile("larl %0,7f\n" : "=a"(target));
	psw[0] = 0x0008000180000000UL; /* bit 12 one */
	psw[1] = target;
	asm volatile(CATCH_BEGIN "larl %%r1,2f\n ex 0,0(%%r1)\n j 7f\n 2: lpswe 0(%[p])\n 7: nopr 0\n" CATCH_END
		     : : [o] "a"(&out), [p] "a"(psw) : "r0", "r1", "cc", "memory");
	check("EX of LPSWE with PSW bit 12 one", 6, 0, 0x0008000180000000UL, target);
}

static void test_odd_addresses(void)
{
	u64 odd, after;

	/* a branch to an odd address is taken; the fetch there is the exception */
	asm volatile(CATCH_BEGIN "larl %%r1,7f\n la %%r1,1(%%r1)\n stg %%r1,0(%[a])\n br %%r1\n 7: nopr 0\n nopr 0\n" CATCH_END
		     : : [o] "a"(&out), [a] "a"(&odd) : "r0", "r1", "cc", "memory");
	check("BR to an odd address", 6, -1, 0x0000000180000000UL, odd);

	/* EXECUTE with an odd target address: specification, suppressed (old PSW after the EXECUTE) */
	asm volatile(CATCH_BEGIN "larl %%r1,1f\n stg %%r1,0(%[a])\n larl %%r1,7f\n ex 0,1(%%r1)\n 1: j 2f\n 7: nopr 0\n nopr 0\n 2:\n" CATCH_END
		     : : [o] "a"(&out), [a] "a"(&after) : "r0", "r1", "cc", "memory");
	check("EX with an odd target address", 6, 4, 0x0000000180000000UL, after);
}

/* SAM24 at an address above 16 MiB: the routine is copied there and called */
static void test_sam(void)
{
	static const u16 sam24_br14[] = { 0x010c, 0x07fe }; /* sam24; br %r14 */
	u16 *high = (u16 *)0x1000000UL;
	memcpy(high, sam24_br14, sizeof(sam24_br14));
	asm volatile(CATCH_BEGIN "lgr %%r1,%[h]\n basr %%r14,%%r1\n" CATCH_END
		     : : [o] "a"(&out), [h] "a"(high) : "r0", "r1", "r14", "cc", "memory");
	check("SAM24 at 0x1000000", 6, 2, 0x0000000180000000UL, 0x1000002UL);
}

static void test_sam_modes(void)
{
	u32 hi31, lo31, hi24, lo24, hi64, lo64;

	asm volatile("sam31\n epsw %0,%1\n sam24\n epsw %2,%3\n sam64\n epsw %4,%5\n"
		     : "=&d"(hi31), "=&d"(lo31), "=&d"(hi24), "=&d"(lo24), "=&d"(hi64), "=&d"(lo64) : : "cc");
	report(!(hi31 & 1) && lo31 == 0x80000000, "SAM31: EA 0, BA 1");
	report(!(hi24 & 1) && lo24 == 0, "SAM24: EA 0, BA 0");
	report((hi64 & 1) && lo64 == 0x80000000, "SAM64: EA 1, BA 1");
}

int main(int argc, char **argv)
{
	report_prefix_push("psw");
	test_lpswe();
	test_lpsw();
	test_ssm_stosm();
	test_execute_lpswe();
	test_odd_addresses();
	test_sam();
	test_sam_modes();
	report_prefix_pop();
	conf_exit();
}
