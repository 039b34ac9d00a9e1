/*
 * Start-up and interrupt entry for our s390x test kernels.
 *
 * Entered at 0x10000 either in 64-bit z/Architecture mode (QEMU/KVM direct ELF boot) or in
 * 31-bit ESA/390 mode from the IPL PSW at absolute 0 (flat .bin on LPAR, z/VM, Hercules).
 * Only ESA/390-valid instructions may run before SIGP SET ARCHITECTURE.
 */
	.section .init, "ax"
	.globl	_start
_start:
	slr	%r0, %r0		/* CPU address (ignored by SET ARCHITECTURE) */
	lhi	%r1, 2			/* parameter 2: switch to z/Architecture */
	sigp	%r1, %r0, 18		/* SET ARCHITECTURE; CC 0 if we were in ESA mode */
	ipm	%r2
	sam64
	llgfr	%r2, %r2
	srlg	%r2, %r2, 28
	larl	%r1, boot_setarch_cc
	st	%r2, 0(%r1)
	larl	%r1, start_psw		/* continue with a clean 64-bit PSW, all interrupts off */
	lpswe	0(%r1)

	.section .text
clear_bss:
	larl	%r15, stack_top
	aghi	%r15, -160
	xc	0(160, %r15), 0(%r15)
	larl	%r2, __bss_start
	larl	%r3, __bss_end
	sgr	%r3, %r2
	srlg	%r4, %r3, 8
	ltgr	%r4, %r4
	jz	2f
1:	xc	0(256, %r2), 0(%r2)
	la	%r2, 256(%r2)
	brctg	%r4, 1b
2:	nill	%r3, 255
	ltgr	%r3, %r3
	jz	4f
3:	mvi	0(%r2), 0
	la	%r2, 1(%r2)
	brctg	%r3, 3b
4:	/* new PSWs for program, external, SVC, machine-check and I/O interrupts */
	larl	%r1, new_psws
	mvc	0x1b0(16), 0(%r1)
	mvc	0x1c0(16), 16(%r1)
	mvc	0x1d0(16), 32(%r1)
	mvc	0x1e0(16), 48(%r1)
	mvc	0x1f0(16), 64(%r1)
	larl	%r1, initial_cr0
	lctlg	%c0, %c0, 0(%r1)
	brasl	%r14, kernel_start
	j	.

/* Secondary CPUs are restarted here (restart-new PSW of their own prefix area). */
	.globl	secondary_entry
secondary_entry:
	larl	%r1, initial_cr0
	lctlg	%c0, %c0, 0(%r1)
	larl	%r15, secondary_stack_top
	aghi	%r15, -160
	brasl	%r14, secondary_main
	j	.

/* Each entry: push a frame, save r0-r14, call the C handler, restore, resume the old PSW. */
	.macro	INT_ENTRY name, handler, oldpsw
\name:
	aghi	%r15, -288
	stmg	%r0, %r14, 160(%r15)
	brasl	%r14, \handler
	lmg	%r0, %r14, 160(%r15)
	aghi	%r15, 288
	lpswe	\oldpsw
	.endm

	INT_ENTRY ext_entry, handle_ext, 0x130
	INT_ENTRY svc_entry, handle_svc, 0x140
	INT_ENTRY pgm_entry, handle_pgm, 0x150
	INT_ENTRY mcck_entry, handle_mcck, 0x160
	INT_ENTRY io_entry, handle_io, 0x170

	.section .data
	.align	8
start_psw:
	.quad	0x0000000180000000, clear_bss
new_psws:
	.quad	0x0000000180000000, ext_entry
	.quad	0x0000000180000000, svc_entry
	.quad	0x0000000180000000, pgm_entry
	.quad	0x0000000180000000, mcck_entry
	.quad	0x0000000180000000, io_entry
	.globl	initial_cr0
initial_cr0:
	.quad	0x0000000000040000	/* CR0 bit 45: AFP-register control */
	.globl	boot_setarch_cc
boot_setarch_cc:
	.long	0xffffffff

	.section .bss
	.align	4096
secondary_stack:
	.skip	16384
secondary_stack_top:
