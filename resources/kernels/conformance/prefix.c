/*
 * Prefixing (POP ch. 3 "Prefixing"; ch. 10 SET PREFIX, STORE PREFIX): with prefix P, real addresses 0-8191 are
 * absolute P..P+8191 and real P..P+8191 are absolute 0-8191; other addresses are unchanged. Interruptions use the
 * new PSWs and store their old PSWs and codes in the prefix area. SPX takes bits 33-50 of the operand (the rest is
 * ignored) and raises an addressing exception when the new prefix area is not in storage.
 * With DAT off, real = logical, so the kernel sees absolute 0-8191 through real P.. and vice versa.
 */
#include "conf.h"

#define P 0x200000UL

static u32 spx_word __attribute__((aligned(4)));

static void spx(u32 v)
{
	spx_word = v;
	asm volatile("spx %0" : : "Q"(spx_word) : "memory");
}

static u32 stpx(void)
{
	u32 v;

	asm volatile("stpx %0" : "=Q"(v));
	return v;
}

#define REAL8(a) (*(volatile u64 *)(unsigned long)(a))

int main(int argc, char **argv)
{
	u64 a, b, c, d;

	report_prefix_push("prefix");
	/* the new prefix area starts as a copy of the current one (new PSWs included) */
	memcpy((void *)P, (void *)0, 8192);
	REAL8(0xe00) = 0x1111111111111111UL; /* absolute 0xe00 */
	REAL8(P + 0xe00) = 0x2222222222222222UL; /* absolute P + 0xe00 */
	REAL8(0x1ff8) = 0x3333333333333333UL; /* absolute 0x1ff8 */
	REAL8(0x2000) = 0x4444444444444444UL; /* absolute 0x2000: never prefixed */

	spx(P | 0x80001fffU); /* bit 32 and bits 51-63 are ignored */
	report(stpx() == P, "STPX after SPX: bits 0 and 19-31 of the operand ignored");

	a = REAL8(0xe00);
	b = REAL8(P + 0xe00);
	report(a == 0x2222222222222222UL && b == 0x1111111111111111UL, "real 0-8191 and real P.. are swapped");

	REAL8(0xe08) = 0x5555555555555555UL;
	REAL8(0x2008) = 0x6666666666666666UL;
	report(REAL8(P + 0xe08) != 0x5555555555555555UL && REAL8(0x2008) == 0x6666666666666666UL,
	       "a store to real 0xe08 lands in the prefix area, not at absolute 0xe08; real 0x2008 is absolute 0x2008");

	/* an MVC across the end of the prefix area: the first 8 bytes into the prefix page, the next 8 not */
	static const u64 pat[2] = { 0x7777777777777777UL, 0x8888888888888888UL };
	asm volatile("mvc 0(16,%[d]),0(%[s])\n" : : [d] "a"(0x1ff8UL), [s] "a"(pat) : "memory");
	c = REAL8(P + 0x1ff8); /* absolute 0x1ff8 */
	d = REAL8(0x2000);
	report(c == 0x3333333333333333UL && d == 0x8888888888888888UL && REAL8(0x1ff8) == 0x7777777777777777UL,
	       "MVC across real 0x2000: bytes below go to the prefix area, bytes above are unchanged addresses");

	/* a program interruption stores its code in the new prefix area, not at absolute 0x8e */
	u16 old_abs_code = *(volatile u16 *)(P + 0x8e);
	expect_pgm_int();
	asm volatile(".insn e,0x0000\n" : : : "memory");
	clear_pgm_int();
	report(LC_U16(LC_PGM_CODE) == PGM_OPERATION && *(volatile u16 *)(P + 0x8e) == old_abs_code,
	       "program interruption code stored in the prefix area");

	/* an addressing exception for a prefix area outside storage; the prefix stays */
	expect_pgm_int();
	spx(0x7fffe000U);
	report(clear_pgm_int() == PGM_ADDRESSING && stpx() == P, "SPX beyond storage: addressing exception, prefix unchanged");

	spx(0);
	report(stpx() == 0 && REAL8(0xe00) == 0x1111111111111111UL, "SPX 0: real 0 is absolute 0 again");
	report_prefix_pop();
	conf_exit();
}
