/* Conformance kernels: shared helpers. Every kernel reports its checks as PASS/FAIL lines (the expected values
 * are the Principles of Operation's, never an environment's), then ends in a disabled wait whose address says the
 * verdict: 0xfff (all passed; QEMU's "quiesce" convention) or 0xbad (a check failed). */
#ifndef CONF_H
#define CONF_H
#include "../lib/kernel.h"

#define CONF_WAIT_PASS 0xfffUL
#define CONF_WAIT_FAIL 0xbadUL

/* lowcore fields of a program interruption beyond the library's */
#define LC_PER_CODE 0x096
#define LC_PER_ATMID 0x097
#define LC_PER_ADDRESS 0x098
#define LC_MON_CLASS 0x094
#define LC_MON_CODE 0x0b0
#define LC_U64(off) (*(volatile u64 *)(unsigned long)(off))

/* Prints SUMMARY and the EXIT line, then stops in the disabled wait that carries the verdict. */
void conf_exit(void) __attribute__((noreturn));

static inline void lctlg(int cr, u64 v)
{
	u64 x = v;
	switch (cr) {
	case 8: asm volatile("lctlg %%c8,%%c8,%0" : : "Q"(x) : "memory"); break;
	case 9: asm volatile("lctlg %%c9,%%c9,%0" : : "Q"(x) : "memory"); break;
	case 10: asm volatile("lctlg %%c10,%%c10,%0" : : "Q"(x) : "memory"); break;
	case 11: asm volatile("lctlg %%c11,%%c11,%0" : : "Q"(x) : "memory"); break;
	}
}
#endif
