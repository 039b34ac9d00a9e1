/* C halves of the interrupt entries: program checks are expected or fatal, SVC 1 leaves problem state. */
#include "kernel.h"

void sclp_service_signal(void);
void handle_ext(void);
void handle_svc(void);
void handle_pgm(void);
void handle_mcck(void);
void handle_io(void);

volatile struct pgm_info last_pgm;
volatile u16 last_svc_code;
volatile u16 last_svc_ilc;
volatile int svc_count;
volatile int pgm_count;
static volatile bool pgm_expected;
static volatile int in_pgm_handler;

#define OLD_PSW(off) ((volatile struct psw *)(unsigned long)(off))

void expect_pgm_int(void)
{
	last_pgm.code = 0;
	last_pgm.ilc = 0;
	last_pgm.dxc = 0;
	last_pgm.old_psw.mask = 0;
	last_pgm.old_psw.addr = 0;
	pgm_expected = true;
	barrier();
}

u16 clear_pgm_int(void)
{
	barrier();
	pgm_expected = false;
	return last_pgm.code;
}

void handle_pgm(void)
{
	u16 code = LC_U16(LC_PGM_CODE) & 0x7f;
	volatile struct psw *old = OLD_PSW(LC_PGM_OLD_PSW);

	if (!pgm_expected || in_pgm_handler) {
		u64 addr = old->addr, mask = old->mask;

		if (in_pgm_handler)
			halt_disabled(0xfa12edbad21UL);
		in_pgm_handler = 1;
		report_abort("unexpected program interrupt: code 0x%02x ilc %u at %016lx %016lx", code,
			     LC_U16(LC_PGM_ILC) & 6, mask, addr);
	}
	pgm_count++;
	last_pgm.code = code;
	last_pgm.ilc = LC_U16(LC_PGM_ILC) & 6;
	last_pgm.dxc = LC_U8(LC_DXC);
	last_pgm.old_psw.mask = old->mask;
	last_pgm.old_psw.addr = old->addr;
	pgm_expected = false;
	/* Nullifying exceptions leave the old PSW at the failing instruction: step over it. */
	if (code == 0x10 || code == 0x11 || (code >= 0x38 && code <= 0x3b))
		old->addr += last_pgm.ilc;
}

void handle_ext(void)
{
	u16 code = LC_U16(LC_EXT_INT_CODE);

	if (code == EXT_SERVICE_SIGNAL) {
		sclp_service_signal();
		return;
	}
	/* Unexpected: mask external interrupts in the interrupted PSW so it cannot loop. */
	OLD_PSW(LC_EXT_OLD_PSW)->mask &= ~PSW_MASK_EXT;
	report_abort("unexpected external interrupt: code 0x%04x", code);
}

void handle_svc(void)
{
	last_svc_code = LC_U16(LC_SVC_CODE);
	last_svc_ilc = LC_U16(LC_SVC_ILC) & 6;
	svc_count++;
	if (last_svc_code == 1)
		OLD_PSW(LC_SVC_OLD_PSW)->mask &= ~PSW_MASK_PSTATE;
}

void handle_mcck(void)
{
	report_abort("unexpected machine-check interrupt");
}

void handle_io(void)
{
	report_abort("unexpected I/O interrupt");
}

void enter_problem_state(void)
{
	struct psw p __attribute__((aligned(16)));

	p.mask = extract_psw_mask() | PSW_MASK_PSTATE;
	asm volatile("larl %%r1,0f\n"
		     "stg %%r1,%[addr]\n"
		     "lpswe %[psw]\n"
		     "0:\n"
		     : [addr] "=Q"(p.addr), [psw] "+Q"(p)
		     :
		     : "r1", "cc", "memory");
}
