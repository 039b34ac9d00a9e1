/*
 * Code in the 31-bit and 24-bit addressing modes (POP ch. 5 "Address Generation", "Address Wraparound"; ch. 7
 * LA, LARL, BAS/BASR/BRAS, BAL; ch. 6 old PSWs). The checked instruction sequences run in the mode; the library
 * (64-bit C code, whose pointers may carry bits 0-31 that the 31-bit mode leaves alone) reports in 64-bit. In each
 * mode it checks: effective addresses ignore the bits left of the mode and wrap at its end; LA and LARL place the
 * address in bits 33-63 (bit 32 zero) or 40-63 (bits 32-39 zero) and leave bits 0-31 alone; BASR/BRAS link
 * information (31-bit: bit 32 one); BALR's 24-bit link (ILC, CC, program mask); the program old PSW (EA, BA).
 */
#include "conf.h"

#define HIGH 0xa5a5a5a5UL

/* Every check runs its instructions in the mode (SAMx ... SAM64 inside one asm statement); the C library around it
 * is 64-bit code and reports in the 64-bit mode. */
#define IN(m) "sam" m "\n"
#define OUT "\n sam64\n"

static void check(bool ok, const char *what, u64 got, u64 want)
{
	if (!report(ok, "%s", what))
		report_info("%s: got %016lx, expected %016lx", what, got, want);
}

static void check_mode(const char *mode, bool m31)
{
	const u64 amask = m31 ? 0x7fffffffUL : 0xffffffUL;
	u64 r, link, after, wrapped, plain, want;
	u32 hi, lo;

	report_prefix_push(mode);
	if (m31)
		asm volatile(IN("31") "epsw %0,%1" OUT : "=d"(hi), "=d"(lo));
	else
		asm volatile(IN("24") "epsw %0,%1" OUT : "=d"(hi), "=d"(lo));
	check(!(hi & 1) && lo == (m31 ? 0x80000000 : 0), "EPSW: EA 0 and BA of the mode", ((u64)hi << 32) | lo, m31 ? 0x80000000UL : 0);

	/* LA: bits 0-31 of R1 unchanged, the address in the mode's bits, the bits between zero */
	r = (HIGH << 32) | 0xffffffffUL;
	if (m31)
		asm volatile(IN("31") "la %0,1(%0)" OUT : "+a"(r));
	else
		asm volatile(IN("24") "la %0,1(%0)" OUT : "+a"(r));
	check(r == (HIGH << 32), "LA of the mode's highest address + 1 wraps to 0, bits 0-31 kept", r, HIGH << 32);
	r = (HIGH << 32) | 0x12345678UL;
	want = (HIGH << 32) | (0x12345678UL & amask);
	if (m31)
		asm volatile(IN("31") "la %0,0(%0)" OUT : "+a"(r));
	else
		asm volatile(IN("24") "la %0,0(%0)" OUT : "+a"(r));
	check(r == want, "LA keeps only the mode's address bits and bits 0-31", r, want);

	/* LARL: the same placement */
	if (m31)
		asm volatile(IN("31") "llihf %0,0xa5a5a5a5\n larl %0,1f\n 1: larl %1,1b" OUT : "=&a"(r), "=&a"(plain));
	else
		asm volatile(IN("24") "llihf %0,0xa5a5a5a5\n larl %0,1f\n 1: larl %1,1b" OUT : "=&a"(r), "=&a"(plain));
	want = (HIGH << 32) | (plain & amask);
	check(r == want, "LARL: bits 0-31 kept, the address in the mode's bits", r, want);

	/* effective addresses wrap: the mode's highest address + 2 is address 1; bits left of the mode are ignored */
	asm volatile("l %0,0(%1)" : "=d"(plain) : "a"(1UL));
	if (m31)
		asm volatile(IN("31") "l %0,2(%1)" OUT : "=d"(wrapped) : "a"(amask));
	else
		asm volatile(IN("24") "l %0,2(%1)" OUT : "=d"(wrapped) : "a"(amask));
	check((u32)wrapped == (u32)plain, "operand address wraps at the end of the mode", wrapped, plain);
	if (m31)
		asm volatile(IN("31") "l %0,0(%1)" OUT : "=d"(wrapped) : "a"((HIGH << 32) | 0x80000001UL));
	else
		asm volatile(IN("24") "l %0,0(%1)" OUT : "=d"(wrapped) : "a"((HIGH << 32) | 0xff000001UL));
	check((u32)wrapped == (u32)plain, "bits left of the mode are ignored in the base register", wrapped, plain);

	/* BASR and BRAS link: bit 32 one in the 31-bit mode, bits 32-39 zero in the 24-bit mode; bits 0-31 kept */
	if (m31)
		asm volatile(IN("31") "llihf %0,0xa5a5a5a5\n larl %%r1,1f\n basr %0,%%r1\n 1: larl %1,1b" OUT : "=&d"(link), "=&a"(after) : : "r1");
	else
		asm volatile(IN("24") "llihf %0,0xa5a5a5a5\n larl %%r1,1f\n basr %0,%%r1\n 1: larl %1,1b" OUT : "=&d"(link), "=&a"(after) : : "r1");
	want = (HIGH << 32) | (m31 ? 0x80000000UL : 0) | (after & amask);
	check(link == want, "BASR link information", link, want);
	if (m31)
		asm volatile(IN("31") "llihf %0,0xa5a5a5a5\n bras %0,1f\n 1: larl %1,1b" OUT : "=&d"(link), "=&a"(after));
	else
		asm volatile(IN("24") "llihf %0,0xa5a5a5a5\n bras %0,1f\n 1: larl %1,1b" OUT : "=&d"(link), "=&a"(after));
	want = (HIGH << 32) | (m31 ? 0x80000000UL : 0) | (after & amask);
	check(link == want, "BRAS link information", link, want);

	/* a program interruption: the old PSW in the mode (EA 0, BA), the address in the mode's range */
	expect_pgm_int();
	if (m31)
		asm volatile(IN("31") "larl %0,1f\n .insn e,0x0000\n 1:" OUT : "=&a"(after) : : "memory");
	else
		asm volatile(IN("24") "larl %0,1f\n .insn e,0x0000\n 1:" OUT : "=&a"(after) : : "memory");
	clear_pgm_int();
	check(last_pgm.code == PGM_OPERATION && (last_pgm.old_psw.mask & PSW_MASK_64) == (m31 ? PSW_MASK_BA : 0) &&
		      last_pgm.old_psw.addr == (after & amask),
	      "program old PSW: addressing mode and address", last_pgm.old_psw.addr, after & amask);
	report_prefix_pop();
}

static void check_24_bal(void)
{
	u64 link, after, want;

	/* BALR in the 24-bit mode: bits 32-33 ILC (1: 2 bytes), 34-35 CC, 36-39 program mask (zero here) */
	asm volatile(IN("24") "llihf %0,0xa5a5a5a5\n ltr %%r1,%[two]\n larl %%r1,1f\n balr %0,%%r1\n 1: larl %1,1b" OUT
		     : "=&d"(link), "=&a"(after) : [two] "d"(2UL) : "r1", "cc");
	want = (HIGH << 32) | (1UL << 30) | (2UL << 28) | (after & 0xffffff);
	check(link == want, "24-bit: BALR link has ILC 1, CC 2 and the program mask", link, want);
}

int main(int argc, char **argv)
{
	report_prefix_push("amode");
	check_mode("31-bit", true);
	check_mode("24-bit", false);
	check_24_bal();
	report_prefix_pop();
	conf_exit();
}
