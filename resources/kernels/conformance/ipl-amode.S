/*
 * ipl-amode: code that runs in the 31-bit and 24-bit addressing modes from the IPL on, before the library's
 * start-up switches to the 64-bit mode (POP ch. 5 "Address Generation", "Address Wraparound", "Instruction
 * Fetching"; ch. 7 LA, BAL/BALR, BAS/BASR, BRAS, BSM, BASSM, LM/STM).
 *
 * The ELF entry (and the IPL PSW of the flat image) is ipl_entry at 0x10000: this file's .init is linked before
 * the library's. Entered in the 64-bit mode (QEMU/KVM ELF boot) or in the 31-bit mode (the IPL PSW of the .bin),
 * it goes to the 31-bit mode at once, runs every check below in the 31-bit and the 24-bit mode with ESA/390
 * instructions only (32-bit registers, no stack, no library), writes what it observed into ipl_obs (.data, not
 * cleared by the start-up) and only then enters the library at _start, whose C main (ipl-amode-report.c) compares
 * the observations with the POP's results. A program interruption on the way goes to ipl_crash, which records the
 * old PSW and the code and enters the library too, so the report names it.
 *
 * Storage used besides the kernel: absolute 0-7 (the IPL PSW, no longer needed), 0xfffff8-0xffffff and
 * 0x1000000-0x1000007 (the machine needs more than 16 MiB, as QEMU's and the tests' default 128 MiB has).
 */
#include "ipl-amode.h"

/* LK reg, value: loads a 32-bit constant from this file's constant area (base register 13) */
	.macro	LK reg, val
	.pushsection .rodata.iplk, "a"
.Lk\@:	.long	\val
	.popsection
	l	\reg, .Lk\@-ipl_k(%r13)
	.endm

/* RESUME label, mode: where ipl_crash continues after a program interruption (mode 0x80000000: 31-bit) */
	.macro	RESUME label, mode
	LK	%r11, \label + \mode
	.endm

	.pushsection .rodata.iplk, "a"
	.align	4
ipl_k:
	.popsection

	.section .init, "ax"
	.globl	ipl_entry
ipl_entry:
	epsw	%r8, %r9		/* the PSW as entered (recorded for the report) */
	sam31
	j	ipl_checks

	.text
	.globl	ipl_checks
ipl_checks:
	bras	%r12, 1f
	.long	ipl_obs
1:	l	%r12, 0(%r12)
	bras	%r13, 1f
	.long	ipl_k
1:	l	%r13, 0(%r13)
	st	%r8, 4*OBS_ENTRY_HI(%r12)
	st	%r9, 4*OBS_ENTRY_LO(%r12)
	/* program-new PSW (z/Architecture lowcore): 64-bit, disabled, at ipl_crash */
	bras	%r1, 1f
	.long	0x00000001, 0x80000000, 0, ipl_crash
1:	mvc	0x1d0(16), 0(%r1)

	/* ---- 31-bit mode -------------------------------------------------------------------------------- */
	.globl	ipl_l_bassm31
	RESUME	1f, 0x80000000
	bassm	%r1, 0			/* R2 = 0: link information only, no branch */
ipl_l_bassm31:
	st	%r1, 4*OBS_BASSM31(%r12)
1:
	LK	%r2, 0x7fffffff
	la	%r1, 1(%r2)
	st	%r1, 4*OBS_LA31_WRAP(%r12)
	LK	%r2, 0xffffffff
	la	%r1, 0(%r2)
	st	%r1, 4*OBS_LA31_BITS(%r12)
	.globl	ipl_l_bal31
	bras	%r2, 1f
1:	bal	%r1, ipl_l_bal31-1b(%r2)	/* RX: the target needs a base register */
ipl_l_bal31:
	st	%r1, 4*OBS_BAL31(%r12)
	.globl	ipl_l_bas31
	bras	%r2, 1f
1:	bas	%r1, ipl_l_bas31-1b(%r2)	/* RX: the target needs a base register */
ipl_l_bas31:
	st	%r1, 4*OBS_BAS31(%r12)
	.globl	ipl_l_bras31
	bras	%r1, ipl_l_bras31
ipl_l_bras31:
	st	%r1, 4*OBS_BRAS31(%r12)
	.globl	ipl_l_basr31
	bras	%r2, 1f
1:	la	%r2, ipl_l_basr31-1b(%r2)
	basr	%r1, %r2
ipl_l_basr31:
	st	%r1, 4*OBS_BASR31(%r12)
	RESUME	1f, 0x80000000
	LK	%r1, 0x12345678
	bsm	%r1, 0			/* R2 = 0: bit 32 of R1 := the mode bit (1), no branch */
	st	%r1, 4*OBS_BSM31(%r12)
1:

	/* BASSM from 31 to 24 (R2 bit 32 zero), link with bit 32 one; BSM back to 31 through that link */
	RESUME	ipl_r_back31, 0x80000000
	bras	%r2, 1f
1:	la	%r2, ipl_t24-1b(%r2)
	sll	%r2, 1
	srl	%r2, 1			/* bit 32 zero: the 24-bit mode */
	bassm	%r1, %r2
	.globl	ipl_l_ret31
ipl_l_ret31:
	st	%r1, 4*OBS_TO24_LINK(%r12)
	.globl	ipl_l_back31
	bras	%r1, ipl_l_back31	/* the mode from the BRAS link */
ipl_l_back31:
	st	%r1, 4*OBS_BACK31(%r12)
ipl_r_back31:

	/* a branch address with bit 32 one in the 31-bit mode: the bit is not part of the address */
	RESUME	ipl_r_t31hi, 0x80000000
	bras	%r2, 1f
1:	la	%r2, ipl_t31hi-1b(%r2)
	LK	%r0, 0x80000000
	or	%r2, %r0
	br	%r2
	.globl	ipl_t31hi
ipl_t31hi:
	bras	%r3, ipl_l_t31hi
	.globl	ipl_l_t31hi
ipl_l_t31hi:
	st	%r3, 4*OBS_HIGHBIT31(%r12)
ipl_r_t31hi:

	/* storage above 16 MiB, written in the 31-bit mode: what the fetch-wrap check would run if the
	 * instruction address did not wrap (0x1000000 LA 3,1 + BR 4), then the word the wrapping STM must not reach */
	LK	%r2, 0x1000000
	LK	%r3, 0x41300001
	st	%r3, 0(%r2)
	LK	%r3, 0x07f40000
	st	%r3, 4(%r2)

	/* ---- 24-bit mode -------------------------------------------------------------------------------- */
	sam24
	.globl	ipl_l_bassm24
	RESUME	1f, 0
	bassm	%r1, 0
ipl_l_bassm24:
	st	%r1, 4*OBS_BASSM24(%r12)
1:	RESUME	ipl_r_24, 0
	LK	%r2, 0x00ffffff
	la	%r1, 1(%r2)
	st	%r1, 4*OBS_LA24_WRAP(%r12)
	LK	%r2, 0xaa123456
	la	%r1, 0(%r2)
	st	%r1, 4*OBS_LA24_BITS(%r12)
	LK	%r2, 0x00fffff0
	la	%r1, 4095(%r2)
	st	%r1, 4*OBS_LA24_DISP(%r12)
	LK	%r0, 0x1f000000	/* SPM: CC 1, program mask 15 */
	spm	%r0
	.globl	ipl_l_bal24
	bras	%r2, 1f
1:	bal	%r1, ipl_l_bal24-1b(%r2)	/* RX: the target needs a base register */
ipl_l_bal24:
	LK	%r0, 0x2a000000	/* CC 2, program mask 10 */
	spm	%r0
	st	%r1, 4*OBS_BAL24(%r12)
	.globl	ipl_l_balr24
	bras	%r2, 1f
1:	la	%r2, ipl_l_balr24-1b(%r2)
	balr	%r1, %r2
ipl_l_balr24:
	slr	%r0, %r0		/* CC 2 -> 0 and program mask 0 again */
	spm	%r0
	st	%r1, 4*OBS_BALR24(%r12)
	.globl	ipl_l_bas24
	bras	%r2, 1f
1:	bas	%r1, ipl_l_bas24-1b(%r2)	/* RX: the target needs a base register */
ipl_l_bas24:
	st	%r1, 4*OBS_BAS24(%r12)
	.globl	ipl_l_bras24
	bras	%r1, ipl_l_bras24
ipl_l_bras24:
	st	%r1, 4*OBS_BRAS24(%r12)
	.globl	ipl_l_basr24
	bras	%r2, 1f
1:	la	%r2, ipl_l_basr24-1b(%r2)
	basr	%r1, %r2
ipl_l_basr24:
	st	%r1, 4*OBS_BASR24(%r12)
	RESUME	1f, 0
	LK	%r1, 0xf2345678
	bsm	%r1, 0			/* bit 32 of R1 := 0 (the 24-bit mode) */
	st	%r1, 4*OBS_BSM24(%r12)
1:	RESUME	ipl_r_24, 0

	/* a branch address with bits 32-39 set in the 24-bit mode: they are not part of the address */
	bras	%r2, 1f
1:	la	%r2, ipl_t24hi-1b(%r2)
	LK	%r0, 0xab000000
	or	%r2, %r0
	br	%r2
	.globl	ipl_t24hi
ipl_t24hi:
	bras	%r3, ipl_l_t24hi
	.globl	ipl_l_t24hi
ipl_l_t24hi:
	st	%r3, 4*OBS_HIGHBIT24(%r12)
ipl_r_24:
	RESUME	ipl_r_24s, 0

	/* instruction fetch wraps: LA at 0xfffffc, the next instruction comes from 0 (BR 4), not 0x1000000 */
	LK	%r3, 0x07f40000
	st	%r3, 0
	LK	%r2, 0xfffffc
	LK	%r3, 0x41300002
	st	%r3, 0(%r2)
	bcr	15, 0
	slr	%r3, %r3
	LK	%r5, 0xfffffc
	bas	%r4, 0(%r5)
	st	%r3, 4*OBS_FETCH24(%r12)
	/* the link of BASR at 0xfffffe wraps to 0 */
	LK	%r5, 0xfffffe
	lhi	%r3, 0x0d14		/* BASR 1,4 */
	sth	%r3, 0(%r5)
	bcr	15, 0
	lhi	%r1, -1
	bas	%r4, 0(%r5)
	st	%r1, 4*OBS_LINKWRAP24(%r12)
ipl_r_24s:
	RESUME	ipl_r_24b, 0
	/* STM/LM across the end of the 24-bit space (bits 32-39 of the base ignored): 0xfffff8.. then 0.. */
	LK	%r2, 0x55fffff8
	LK	%r4, 0x11111111
	LK	%r5, 0x22222222
	LK	%r6, 0x33333333
	LK	%r7, 0x44444444
	stm	%r4, %r7, 0(%r2)
	lm	%r8, %r11, 0(%r2)
	stm	%r8, %r11, 4*OBS_LM24(%r12)
	l	%r3, 0			/* absolute 0: the third word */
	st	%r3, 4*OBS_AT0(%r12)

ipl_r_24b:
	RESUME	ipl_r_final, 0x80000000

	/* back to the 31-bit mode with BSM (R2 bit 32 one) */
	bras	%r2, 1f
1:	la	%r2, ipl_l_bsm31-1b(%r2)
	LK	%r0, 0x80000000
	or	%r2, %r0
	bsm	0, %r2
	.globl	ipl_l_bsm31
ipl_l_bsm31:
	bras	%r1, ipl_l_final31
	.globl	ipl_l_final31
ipl_l_final31:
	st	%r1, 4*OBS_FINAL31(%r12)
ipl_r_final:
	sam31
	LK	%r2, 0x1000000
	l	%r3, 0(%r2)
	st	%r3, 4*OBS_AT16M(%r12)
	LK	%r3, OBS_DONE_MAGIC
	st	%r3, 4*OBS_DONE(%r12)
	j	_start

	/* reached in the 24-bit mode by BASSM from the 31-bit checks: the link says 24-bit; back through R1 */
	.globl	ipl_t24
ipl_t24:
	bras	%r3, ipl_l_t24
	.globl	ipl_l_t24
ipl_l_t24:
	st	%r3, 4*OBS_AT24_LINK(%r12)
	bsm	0, %r1

	/* program interruption before the library runs: record the old PSW and the code, report from C */
ipl_crash:
	larl	%r12, ipl_obs
	larl	%r13, ipl_k
	l	%r0, 4*OBS_CRASHES(%r12)
	ltr	%r0, %r0
	jnz	1f
	mvc	4*OBS_CRASH_PSW(16, %r12), 0x150
	mvc	4*OBS_CRASH_CODE(4, %r12), 0x8c
1:	ahi	%r0, 1
	st	%r0, 4*OBS_CRASHES(%r12)
	chi	%r0, 16			/* a loop: give up, report */
	jh	_start
	/* resume in the mode and at the place the check set (LPSWE: BSM may be what failed) */
	xc	4*OBS_RESUME_PSW(16, %r12), 4*OBS_RESUME_PSW(%r12)
	lr	%r0, %r11
	nilf	%r0, 0x80000000
	st	%r0, 4*OBS_RESUME_PSW+4(%r12)
	lr	%r0, %r11
	nilf	%r0, 0x7fffffff
	st	%r0, 4*OBS_RESUME_PSW+12(%r12)
	lpswe	4*OBS_RESUME_PSW(%r12)

	.data
	.align	8
	.globl	ipl_obs
ipl_obs:
	.fill	OBS_COUNT, 4, 0
