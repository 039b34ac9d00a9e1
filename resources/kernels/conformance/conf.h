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
	case 1: asm volatile("lctlg %%c1,%%c1,%0" : : "Q"(x) : "memory"); break;
	case 8: asm volatile("lctlg %%c8,%%c8,%0" : : "Q"(x) : "memory"); break;
	case 9: asm volatile("lctlg %%c9,%%c9,%0" : : "Q"(x) : "memory"); break;
	case 10: asm volatile("lctlg %%c10,%%c10,%0" : : "Q"(x) : "memory"); break;
	case 11: asm volatile("lctlg %%c11,%%c11,%0" : : "Q"(x) : "memory"); break;
	}
}

/*
 * CATCH: runs `body` (assembler text, local labels 1-7 only) with the program-new PSW pointing at a local
 * handler, so that interruptions the library's handler cannot resume from (an invalid old PSW, an odd address)
 * are caught. The handler records the old PSW and the ILC/code word (lowcore 0x8c) in `*out` and continues after
 * the body; r0 is scratch. out->took is zero when nothing was caught; then the body's end reloads a clean PSW
 * (64-bit, supervisor, all interruptions off), so a PSW the body changed without an exception does not leak.
 */
struct caught {
	u64 mask;
	u64 addr;
	u32 took; /* lowcore 0x8c..0x8f: ILC halfword, code halfword */
	u32 pad;
	u64 saved;
	u64 clean[2];
};
#define CATCH_BEGIN                                                                                  \
	"xc 0(24,%[o]),0(%[o])\n"                                                                    \
	"lg %%r0,0x1d8\n stg %%r0,24(%[o])\n"                                                        \
	"larl %%r0,9f\n stg %%r0,0x1d8\n"                                                          \
	"llihl %%r0,1\n oilh %%r0,0x8000\n stg %%r0,32(%[o])\n"                     \
	"larl %%r0,8f\n stg %%r0,40(%[o])\n"
#define CATCH_END                                                                                    \
	"\n lpswe 32(%[o])\n"                                                                                \
	"9: mvc 0(16,%[o]),0x150\n mvc 16(4,%[o]),0x8c\n"                                            \
	"8: lg %%r0,24(%[o])\n stg %%r0,0x1d8\n"
static inline u16 caught_code(const struct caught *c) { return c->took & 0xffff; }
static inline u16 caught_ilc(const struct caught *c) { return (c->took >> 16) & 6; }
#endif
