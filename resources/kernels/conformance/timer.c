/*
 * Clock comparator and CPU timer (POP ch. 4 "Timing"; ch. 6 "External interruption"): an enabled wait is ended by
 * the clock-comparator (code 0x1004) or CPU-timer (0x1005) interruption when its subclass mask in CR0 (bit 52,
 * bit 53) is one; the external old PSW is the wait PSW as it was (wait bit and address, also an odd address: a wait
 * PSW fetches no instruction); a condition already pending is taken as soon as external interruptions are
 * enabled; a condition whose subclass mask is zero stays pending and is not taken.
 */
#include "conf.h"

#define CR0_CKC 0x800UL
#define CR0_CPUTM 0x400UL
#define PSW_EXT_WAIT_64 0x0102000180000000UL
/* TOD clock units: bit 51 is one microsecond */
#define TOD_MS (1000UL << 12)

struct ext_seen {
	u64 mask;
	u64 addr;
	u32 code; /* lowcore 0x84: CPU address, 0x86: interruption code */
	u32 pad;
	u64 saved;
};
static struct ext_seen seen __attribute__((aligned(8)));
static u64 wait_psw[2] __attribute__((aligned(16)));
static u64 cr0_saved;

/* External-new PSW address at 0x1b8 swapped to a local label for the body; the handler records the old PSW and
 * the code and continues after the body with external interruptions off. */
#define EXT_BEGIN                                                                                    \
	"xc 0(24,%[s]),0(%[s])\n"                                                                    \
	"lg %%r0,0x1b8\n stg %%r0,24(%[s])\n"                                                        \
	"larl %%r0,9f\n stg %%r0,0x1b8\n"
#define EXT_END                                                                                      \
	"\n j 8f\n"                                                                                  \
	"9: mvc 0(16,%[s]),0x130\n mvc 16(4,%[s]),0x84\n"                                            \
	"8: lg %%r0,24(%[s])\n stg %%r0,0x1b8\n"

/* Lets about a millisecond of TOD time pass (a host timer behind the comparator has fired by then). */
static void settle(void)
{
	u64 t = stck();

	while (stck() - t < TOD_MS)
		barrier();
}

static void set_cr0(u64 bits)
{
	lctlg0((cr0_saved & ~0xffffUL) | bits);
}

static u64 ckc_in(u64 ticks)
{
	return stck() + ticks;
}

static void sckc(u64 v)
{
	asm volatile("sckc %0" : : "Q"(v));
}

static void spt(u64 v)
{
	asm volatile("spt %0" : : "Q"(v));
}

static void check_wait(const char *name, u16 code)
{
	bool ok = (seen.code & 0xffff) == code && seen.mask == wait_psw[0] && seen.addr == wait_psw[1];

	report(ok, "%s: code 0x%04x, old PSW is the wait PSW", name, code);
	if (!ok)
		report_info("%s: code 0x%04x old PSW %016lx %016lx; wait PSW %016lx %016lx", name, seen.code & 0xffff,
			    seen.mask, seen.addr, wait_psw[0], wait_psw[1]);
}

/* Both timers off again: subclass masks zero, comparator at its maximum, CPU timer far away. */
static void timers_off(void)
{
	set_cr0(0);
	sckc(~0UL);
	spt(~0UL >> 1);
}

static void wait_for(u64 addr_delta)
{
	asm volatile(EXT_BEGIN "larl %%r1,7f\n la %%r1,0(%[d],%%r1)\n stg %%r1,8(%[w])\n lpswe 0(%[w])\n 7: nopr 0\n nopr 0\n" EXT_END
		     : : [s] "a"(&seen), [w] "a"(wait_psw), [d] "a"(addr_delta) : "r0", "r1", "cc", "memory");
	timers_off();
}

static void test_ckc_wait(void)
{
	wait_psw[0] = PSW_EXT_WAIT_64;
	set_cr0(CR0_CKC);
	sckc(ckc_in(TOD_MS));
	wait_for(0);
	check_wait("clock comparator in an enabled wait", 0x1004);

	set_cr0(CR0_CKC);
	sckc(ckc_in(TOD_MS));
	wait_for(1);
	check_wait("clock comparator in an enabled wait at an odd address", 0x1004);
}

static void test_cputm_wait(void)
{
	wait_psw[0] = PSW_EXT_WAIT_64;
	sckc(~0UL);
	set_cr0(CR0_CPUTM);
	spt(TOD_MS);
	wait_for(0);
	check_wait("CPU timer in an enabled wait", 0x1005);
}

static void test_subclass(void)
{
	/* the clock comparator is already pending, but only the CPU-timer subclass is enabled */
	wait_psw[0] = PSW_EXT_WAIT_64;
	sckc(0);
	set_cr0(CR0_CPUTM);
	spt(TOD_MS);
	wait_for(0);
	check_wait("pending clock comparator with its subclass off: the CPU timer ends the wait", 0x1005);
}

static void test_condition_persists(void)
{
	u64 after;
	u8 sm;
	int taken = 0;

	/* the clock-comparator condition stays pending while the TOD clock is above the comparator: enabling
	 * external interruptions again after one was taken gives another */
	set_cr0(CR0_CKC);
	sckc(0);
	for (int i = 0; i < 2; i++) {
		settle();
		asm volatile(EXT_BEGIN "larl %%r1,1f\n stg %%r1,0(%[a])\n stosm 0(%[m]),0x01\n 1: stnsm 0(%[m]),0xfe\n" EXT_END
			     : : [s] "a"(&seen), [a] "a"(&after), [m] "a"(&sm) : "r0", "r1", "cc", "memory");
		taken += (seen.code & 0xffff) == 0x1004;
	}
	timers_off();
	if (!report(taken == 2, "clock-comparator condition persists after its interruption"))
		report_info("%d of 2 enablings took the clock-comparator interruption", taken);
}

static void test_pending_at_enable(void)
{
	u64 after;
	u8 sm;

	/* a clock-comparator condition already present is taken right after STOSM enables external interruptions */
	set_cr0(CR0_CKC);
	sckc(0);
	settle();
	asm volatile(EXT_BEGIN "larl %%r1,1f\n stg %%r1,0(%[a])\n stosm 0(%[m]),0x01\n 1: stnsm 0(%[m]),0xfe\n" EXT_END
		     : : [s] "a"(&seen), [a] "a"(&after), [m] "a"(&sm) : "r0", "r1", "cc", "memory");
	timers_off();
	report((seen.code & 0xffff) == 0x1004 && (seen.mask & PSW_MASK_EXT) && !(seen.mask & PSW_MASK_WAIT) && seen.addr == after,
	       "clock comparator pending at STOSM: taken after it, old PSW enabled and not waiting");
}

int main(int argc, char **argv)
{
	report_prefix_push("timer");
	cr0_saved = stctg0();
	test_ckc_wait();
	test_cputm_wait();
	test_subclass();
	test_pending_at_enable();
	test_condition_persists();
	lctlg0(cr0_saved);
	report_prefix_pop();
	conf_exit();
}
