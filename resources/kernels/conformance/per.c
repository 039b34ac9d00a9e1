/*
 * Program-event recording (POP ch. 4 "Program-Event Recording"; ch. 6 "PER events"): CR9 event masks, the range
 * CR10..CR11, and what the program interruption reports: code 0x80 (ORed into a concurrent exception's code), the
 * PER code at 0x96 (0x80 successful branching, 0x40 instruction fetching, 0x20 storage alteration, 0x08 store using
 * real address), the ATMID at 0x97 (0x80 PSW bit 31, 0x40 validity, 0x20 PSW bit 32, 0x10 DAT), the PER address at
 * 0x98 (the instruction's address; for an EXECUTE target the EXECUTE's), the ILC and the old PSW after the
 * instruction (PER events complete it). Each case turns PER on with STOSM, runs exactly one instruction that may
 * cause an event, and turns it off with STNSM.
 */
#include "conf.h"

#define CR9_SB 0x80000000UL
#define CR9_IF 0x40000000UL
#define CR9_SA 0x20000000UL
#define CR9_STURA 0x08000000UL
#define CR9_BAC 0x00800000UL
/* 64-bit mode, DAT off: EA, validity, BA */
#define ATMID_64 0xe0

static u64 mark[4];
static u8 smask;
static u64 buf[4] __attribute__((aligned(16)));
static int before;

static void set_per(u64 cr9, u64 start, u64 end)
{
	lctlg(9, cr9);
	lctlg(10, start);
	lctlg(11, end);
	before = pgm_count;
	expect_pgm_int();
}

/* one PER interruption with this code, PER code, ILC, PER address and old-PSW address */
static void check_event(const char *name, u16 code, u8 perc, u16 ilc, u64 peraddr, u64 old)
{
	u16 seen = clear_pgm_int();
	int n = pgm_count - before;
	u16 raw = LC_U16(LC_PGM_CODE);

	report_prefix_push(name);
	report(n == 1 && raw == code, "interruption code 0x%02x", code);
	report(n == 1 && LC_U8(LC_PER_CODE) == perc, "PER code 0x%02x", perc);
	report(n == 1 && LC_U8(LC_PER_ATMID) == ATMID_64, "ATMID 0x%02x", ATMID_64);
	report(n == 1 && LC_U64(LC_PER_ADDRESS) == peraddr, "PER address is the instruction's");
	report(n == 1 && last_pgm.ilc == ilc && last_pgm.old_psw.addr == old, "ILC %u, old PSW after the instruction", ilc);
	if (n != 1 || raw != code || LC_U8(LC_PER_CODE) != perc || LC_U64(LC_PER_ADDRESS) != peraddr ||
	    last_pgm.ilc != ilc || last_pgm.old_psw.addr != old)
		report_info("%d interruptions, code 0x%04x (0x%02x) PER code 0x%02x ATMID 0x%02x address %016lx ilc %u old %016lx; expected address %016lx old %016lx",
			    n, raw, seen, LC_U8(LC_PER_CODE), LC_U8(LC_PER_ATMID), LC_U64(LC_PER_ADDRESS),
			    last_pgm.ilc, last_pgm.old_psw.addr, peraddr, old);
	report_prefix_pop();
}

static void check_none(const char *name)
{
	clear_pgm_int();
	if (!report(pgm_count == before, "%s, no PER event", name))
		report_info("%s: code 0x%04x PER code 0x%02x address %016lx old PSW %016lx", name, LC_U16(LC_PGM_CODE),
			    LC_U8(LC_PER_CODE), LC_U64(LC_PER_ADDRESS), last_pgm.old_psw.addr);
}

static void test_branch(void)
{
	set_per(CR9_SB, 0, ~0UL);
	asm volatile("larl %%r1,0f\n stg %%r1,0(%[m])\n larl %%r1,1f\n stg %%r1,8(%[m])\n"
		     "stosm 0(%[sm]),0x40\n"
		     "0: j 1f\n"
		     "nopr 0\n"
		     "1: stnsm 0(%[sm]),0xbf\n"
		     : : [m] "a"(mark), [sm] "a"(&smask) : "r1", "cc", "memory");
	check_event("branch taken", 0x80, 0x80, 4, mark[0], mark[1]);

	set_per(CR9_SB, 0, ~0UL);
	asm volatile("stosm 0(%[sm]),0x40\n"
		     "cr %%r0,%%r0\n"
		     "jne 1f\n"
		     "1: stnsm 0(%[sm]),0xbf\n"
		     : : [sm] "a"(&smask) : "cc", "memory");
	check_none("branch not taken");

	/* BASR: a branch with linkage; the event's old PSW is the branch address */
	set_per(CR9_SB, 0, ~0UL);
	asm volatile("larl %%r1,0f\n stg %%r1,0(%[m])\n larl %%r2,1f\n stg %%r2,8(%[m])\n"
		     "stosm 0(%[sm]),0x40\n"
		     "0: basr %%r3,%%r2\n"
		     "nopr 0\n"
		     "1: stnsm 0(%[sm]),0xbf\n"
		     : : [m] "a"(mark), [sm] "a"(&smask) : "r1", "r2", "r3", "cc", "memory");
	check_event("BASR", 0x80, 0x80, 2, mark[0], mark[1]);
}

/* Target blocks below are reached only by the branch under test and return through r4; r5 holds &smask. */
static void test_branch_address_control(void)
{
	u64 t0, t1;

	asm volatile("larl %0,1f\n larl %1,2f\n j 3f\n"
		     "1: stnsm 0(%%r5),0xbf\n br %%r4\n"
		     "2: stnsm 0(%%r5),0xbf\n br %%r4\n"
		     "3:\n"
		     : "=&a"(t0), "=&a"(t1) : : "cc");
	/* CR9 bit 40: only branches whose target lies in the range are events */
	set_per(CR9_SB | CR9_BAC, t1, t1 + 3);
	asm volatile("lgr %%r5,%[sm]\n larl %%r4,8f\n"
		     "stosm 0(%%r5),0x40\n"
		     "br %[t]\n"
		     "stnsm 0(%%r5),0xbf\n"
		     "8:\n"
		     : : [sm] "a"(&smask), [t] "a"(t0) : "r4", "r5", "cc", "memory");
	check_none("branch address control, target outside the range");

	set_per(CR9_SB | CR9_BAC, t1, t1 + 3);
	asm volatile("lgr %%r5,%[sm]\n larl %%r4,8f\n larl %%r1,9f\n stg %%r1,0(%[m])\n"
		     "stosm 0(%%r5),0x40\n"
		     "9: br %[t]\n"
		     "stnsm 0(%%r5),0xbf\n" /* only reached if the event's old PSW is not the branch address */
		     "8:\n"
		     : : [m] "a"(mark), [sm] "a"(&smask), [t] "a"(t1) : "r1", "r4", "r5", "cc", "memory");
	check_event("branch address control, target in the range", 0x80, 0x80, 2, mark[0], t1);
}

static void test_ifetch(void)
{
	u64 x, after;

	asm volatile("larl %0,1f\n larl %1,2f\n j 3f\n"
		     "1: lhi %%r2,5\n"
		     "2: stnsm 0(%%r5),0xbf\n br %%r4\n"
		     "3:\n"
		     : "=&a"(x), "=&a"(after) : : "cc");
	set_per(CR9_IF, x, x);
	asm volatile("lgr %%r5,%[sm]\n larl %%r4,8f\n"
		     "stosm 0(%%r5),0x40\n"
		     "br %[x]\n"
		     "8:\n"
		     : : [sm] "a"(&smask), [x] "a"(x) : "r2", "r4", "r5", "cc", "memory");
	check_event("instruction fetch", 0x80, 0x40, 4, x, after);

	/* a program exception of the same instruction: code 0x86, the event reported with it */
	asm volatile("larl %0,1f\n larl %1,2f\n j 3f\n"
		     "1: .insn rr,0x1d00,%%r1,%%r2\n" /* DR with an odd first register: specification */
		     "2: stnsm 0(%%r5),0xbf\n br %%r4\n"
		     "3:\n"
		     : "=&a"(x), "=&a"(after) : : "cc");
	set_per(CR9_IF, x, x);
	asm volatile("lgr %%r5,%[sm]\n larl %%r4,8f\n"
		     "stosm 0(%%r5),0x40\n"
		     "br %[x]\n"
		     "8:\n"
		     : : [sm] "a"(&smask), [x] "a"(x) : "r1", "r2", "r4", "r5", "cc", "memory");
	check_event("instruction fetch with a specification exception", 0x86, 0x40, 2, x, after);
}

static void test_storage_alteration(void)
{
	u64 base = (u64)buf;

	set_per(CR9_SA, base + 8, base + 15);
	asm volatile("larl %%r1,0f\n stg %%r1,0(%[m])\n larl %%r1,1f\n stg %%r1,8(%[m])\n"
		     "stosm 0(%[sm]),0x40\n"
		     "0: mvi 8(%[b]),0x5a\n"
		     "1: stnsm 0(%[sm]),0xbf\n"
		     : : [m] "a"(mark), [sm] "a"(&smask), [b] "a"(buf) : "r1", "cc", "memory");
	check_event("storage alteration MVI in the range", 0x80, 0x20, 4, mark[0], mark[1]);

	set_per(CR9_SA, base + 8, base + 15);
	asm volatile("stosm 0(%[sm]),0x40\n"
		     "stg %%r0,0(%[b])\n"
		     "stnsm 0(%[sm]),0xbf\n"
		     : : [sm] "a"(&smask), [b] "a"(buf) : "cc", "memory");
	check_none("storage alteration STG below the range");

	set_per(CR9_SA, base + 8, base + 15);
	asm volatile("larl %%r1,0f\n stg %%r1,0(%[m])\n larl %%r1,1f\n stg %%r1,8(%[m])\n"
		     "stosm 0(%[sm]),0x40\n"
		     "0: stg %%r0,4(%[b])\n"
		     "1: stnsm 0(%[sm]),0xbf\n"
		     : : [m] "a"(mark), [sm] "a"(&smask), [b] "a"(buf) : "r1", "cc", "memory");
	check_event("storage alteration STG overlapping the range start", 0x80, 0x20, 6, mark[0], mark[1]);

	set_per(CR9_SA, base + 8, base + 15);
	asm volatile("larl %%r1,0f\n stg %%r1,0(%[m])\n larl %%r1,1f\n stg %%r1,8(%[m])\n"
		     "stosm 0(%[sm]),0x40\n"
		     "0: mvc 0(32,%[b]),16(%[b])\n"
		     "1: stnsm 0(%[sm]),0xbf\n"
		     : : [m] "a"(mark), [sm] "a"(&smask), [b] "a"(buf) : "r1", "cc", "memory");
	check_event("storage alteration MVC across the range", 0x80, 0x20, 6, mark[0], mark[1]);
}

static void test_store_real(void)
{
	u64 base = (u64)buf;

	/* CR9 bits 34 and 36: STURA into the range is a storage-alteration and a store-using-real-address event */
	set_per(CR9_SA | CR9_STURA, base, base + 7);
	asm volatile("larl %%r1,0f\n stg %%r1,0(%[m])\n larl %%r1,1f\n stg %%r1,8(%[m])\n"
		     "stosm 0(%[sm]),0x40\n"
		     "0: stura %%r0,%[b]\n"
		     "1: stnsm 0(%[sm]),0xbf\n"
		     : : [m] "a"(mark), [sm] "a"(&smask), [b] "a"(buf) : "r1", "cc", "memory");
	check_event("STURA into the range", 0x80, 0x28, 4, mark[0], mark[1]);

	/* the same masks and an ordinary store: storage alteration only */
	set_per(CR9_SA | CR9_STURA, base, base + 7);
	asm volatile("larl %%r1,0f\n stg %%r1,0(%[m])\n larl %%r1,1f\n stg %%r1,8(%[m])\n"
		     "stosm 0(%[sm]),0x40\n"
		     "0: st %%r0,0(%[b])\n"
		     "1: stnsm 0(%[sm]),0xbf\n"
		     : : [m] "a"(mark), [sm] "a"(&smask), [b] "a"(buf) : "r1", "cc", "memory");
	check_event("ST with store-using-real-address on", 0x80, 0x20, 4, mark[0], mark[1]);
}

static void test_execute(void)
{
	u64 tgt;

	/* the fetch of an EXECUTE target in the range is an event; the PER address is the EXECUTE's */
	asm volatile("larl %0,1f\n j 2f\n"
		     "1: lhi %%r2,7\n"
		     "2:\n"
		     : "=&a"(tgt) : : "r2", "cc");
	set_per(CR9_IF, tgt, tgt + 1);
	asm volatile("larl %%r1,0f\n stg %%r1,0(%[m])\n larl %%r1,1f\n stg %%r1,8(%[m])\n"
		     "stosm 0(%[sm]),0x40\n"
		     "0: ex %%r0,0(%[t])\n"
		     "1: stnsm 0(%[sm]),0xbf\n"
		     : : [m] "a"(mark), [sm] "a"(&smask), [t] "a"(tgt) : "r1", "r2", "cc", "memory");
	check_event("EX target fetch", 0x80, 0x40, 4, mark[0], mark[1]);

	/* a branch executed by EX: the PER address is the EXECUTE's, the old PSW the branch address */
	asm volatile("larl %0,1f\n j 2f\n"
		     "1: br %%r2\n"
		     "2:\n"
		     : "=&a"(tgt) : : "cc");
	set_per(CR9_SB, 0, ~0UL);
	asm volatile("larl %%r1,0f\n stg %%r1,0(%[m])\n larl %%r2,1f\n stg %%r2,8(%[m])\n"
		     "stosm 0(%[sm]),0x40\n"
		     "0: ex %%r0,0(%[t])\n"
		     "nopr 0\n"
		     "1: stnsm 0(%[sm]),0xbf\n"
		     : : [m] "a"(mark), [sm] "a"(&smask), [t] "a"(tgt) : "r1", "r2", "cc", "memory");
	check_event("EX of BR", 0x80, 0x80, 4, mark[0], mark[1]);

	/* storage alteration by an EXECUTEd MVI */
	asm volatile("larl %0,1f\n j 2f\n"
		     "1: mvi 0(%%r3),0xa5\n"
		     "2:\n"
		     : "=&a"(tgt) : : "cc");
	set_per(CR9_SA, (u64)buf, (u64)buf);
	asm volatile("larl %%r1,0f\n stg %%r1,0(%[m])\n larl %%r1,1f\n stg %%r1,8(%[m])\n lgr %%r3,%[b]\n"
		     "stosm 0(%[sm]),0x40\n"
		     "0: ex %%r0,0(%[t])\n"
		     "1: stnsm 0(%[sm]),0xbf\n"
		     : : [m] "a"(mark), [sm] "a"(&smask), [t] "a"(tgt), [b] "a"(buf) : "r1", "r3", "cc", "memory");
	check_event("EX of MVI storage alteration", 0x80, 0x20, 4, mark[0], mark[1]);
}

int main(int argc, char **argv)
{
	report_prefix_push("per");
	test_branch();
	test_branch_address_control();
	test_ifetch();
	test_storage_alteration();
	test_store_real();
	test_execute();
	lctlg(9, 0);
	report_prefix_pop();
	conf_exit();
}
