/*
 * MONITOR CALL (POP ch. 7; ch. 6 "Monitor event"): with the monitor mask of the class (CR8 bit 48 + class) one, MC
 * causes a program interruption with code 0x40 (the instruction completes: the old PSW points after it, ILC 4),
 * the monitor class number in the halfword at 0x94 and the monitor code — the first-operand address, 64 bits in
 * the 64-bit mode — in the doubleword at 0xb0; with the mask zero MC does nothing. A class (I2) above 15 is a
 * specification exception whatever the masks.
 */
#include "conf.h"

/* monitor masks for classes 0, 2, 5, 7, 8, 10, 13, 15 */
#define CR8_MASKS 0xa5a5UL

static u64 mc(int cls, u64 base)
{
	u64 after;

	/* the class is the I2 field: set through EXECUTE (bits 56-63 of R1 ORed into byte 1) */
	asm volatile("larl %%r1,1f\n larl %0,2f\n ex %[c],0(%%r1)\n 2: j 3f\n 1: mc 0x123(%[b]),0\n 3:\n"
		     : "=&a"(after) : [c] "a"((u64)cls), [b] "a"(base) : "r1", "cc", "memory");
	return after;
}

static void test_classes(void)
{
	lctlg(8, CR8_MASKS);
	for (int cls = 0; cls < 16; cls++) {
		bool on = CR8_MASKS & (0x8000 >> cls);
		int before = pgm_count;
		u64 after;

		LC_U16(LC_MON_CLASS) = 0xffff;
		LC_U64(LC_MON_CODE) = 0;
		expect_pgm_int();
		after = mc(cls, 0x12345678000UL);
		u16 code = clear_pgm_int();
		if (on) {
			bool ok = pgm_count == before + 1 && code == 0x40 && last_pgm.ilc == 4 && last_pgm.old_psw.addr == after &&
				  LC_U16(LC_MON_CLASS) == cls && LC_U64(LC_MON_CODE) == 0x12345678123UL;
			if (!report(ok, "class %d, mask one: monitor event, class number, monitor code, old PSW after MC", cls))
				report_info("class %d: %d interruptions code 0x%02x ilc %u old %016lx (after %016lx) class %u code %016lx",
					    cls, pgm_count - before, code, last_pgm.ilc, last_pgm.old_psw.addr, after,
					    LC_U16(LC_MON_CLASS), LC_U64(LC_MON_CODE));
		} else {
			report(pgm_count == before, "class %d, mask zero: no interruption", cls);
		}
	}
}

static void test_class_spec(void)
{
	u64 after;

	/* I2 = 0x10: specification, even with every mask zero */
	lctlg(8, 0);
	expect_pgm_int();
	asm volatile("larl %0,1f\n .insn si,0xaf000000,0(%%r0),0x10\n 1:\n" : "=&a"(after) : : "cc", "memory");
	report(clear_pgm_int() == PGM_SPECIFICATION && last_pgm.old_psw.addr == after, "class 16: specification (masks zero)");
}

static void test_31bit_code(void)
{
	int before = pgm_count;

	/* in the 31-bit mode the monitor code is the 31-bit address (bits 0-32 zero) */
	lctlg(8, 0x8000);
	expect_pgm_int();
	asm volatile("sam31\n mc 0x10(%[b]),0\n sam64\n" : : [b] "a"(0xffffffff80001000UL) : "cc", "memory");
	clear_pgm_int();
	report(pgm_count == before + 1 && LC_U64(LC_MON_CODE) == 0x1010UL, "31-bit mode: monitor code is the 31-bit address");
	if (LC_U64(LC_MON_CODE) != 0x1010UL)
		report_info("31-bit monitor code %016lx", LC_U64(LC_MON_CODE));
	lctlg(8, 0);
}

int main(int argc, char **argv)
{
	report_prefix_push("monitor");
	test_classes();
	test_class_spec();
	test_31bit_code();
	report_prefix_pop();
	conf_exit();
}
