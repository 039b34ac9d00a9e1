/*
 * Program-interruption checks: each case provokes one exception and checks the interruption code, the
 * instruction length (from the ILC) and that the old PSW points after the failing instruction.
 */
#include "lib/kernel.h"

static u64 qbuf[4] __attribute__((aligned(16)));

/* known: QEMU 7.2 TCG lacks CVB, DP and the fixed-point/decimal-overflow interruptions: KFAIL there, PASS elsewhere */
static void check_kfail(const char *name, u16 code, u16 length, u64 after, bool kfail)
{
	u16 seen = clear_pgm_int();

	report_prefix_push(name);
	report_kfail(kfail, seen == code, "interruption code 0x%02x", code);
	report_kfail(kfail, last_pgm.ilc == length, "instruction length %u", length);
	report_kfail(kfail, last_pgm.old_psw.addr == after, "old PSW points after the instruction");
	if (seen != code || last_pgm.ilc != length || last_pgm.old_psw.addr != after)
		report_info("seen code 0x%02x length %u old PSW %016lx %016lx, expected address %016lx", seen,
			    last_pgm.ilc, last_pgm.old_psw.mask, last_pgm.old_psw.addr, after);
	report_prefix_pop();
}

static void check(const char *name, u16 code, u16 length, u64 after)
{
	check_kfail(name, code, length, after, false);
}

static void test_operation(void)
{
	u64 after;

	expect_pgm_int();
	asm volatile("larl %0,1f\n"
		     ".insn e,0x0000\n"
		     "1:\n"
		     : "=&d"(after) : : "memory");
	check("operation", PGM_OPERATION, 2, after);
}

static void test_privileged(void)
{
	u64 after, svc_after;
	int svcs = svc_count;

	enter_problem_state();
	expect_pgm_int();
	asm volatile("larl %0,1f\n"
		     "ptlb\n"
		     "1:\n"
		     : "=&d"(after) : : "memory");
	asm volatile("larl %0,1f\n"
		     "svc 1\n"
		     "1:\n"
		     : "=&d"(svc_after) : : "memory");
	check("privileged-operation", PGM_PRIVILEGED_OPERATION, 4, after);
	report_prefix_push("privileged-operation");
	report(last_pgm.old_psw.mask & PSW_MASK_PSTATE, "old PSW in problem state");
	report(svc_count == svcs + 1 && last_svc_code == 1 && last_svc_ilc == 2, "SVC 1 taken: code 1, length 2");
	report(!(extract_psw_mask() & PSW_MASK_PSTATE), "back in supervisor state after SVC 1");
	report_prefix_pop();
}

static void test_specification(void)
{
	u64 after;

	expect_pgm_int();
	asm volatile("larl %0,1f\n"
		     ".insn rr,0x1d00,%%r1,%%r2\n" /* DR with an odd first register */
		     "1:\n"
		     : "=&d"(after) : : "r1", "r2", "memory");
	check("specification odd-pair DR", PGM_SPECIFICATION, 2, after);

	expect_pgm_int();
	asm volatile("larl %0,1f\n"
		     ".insn rxy,0xe3000000008f,%%r3,0(%1)\n" /* LPQ with an odd first register */
		     "1:\n"
		     : "=&d"(after) : "a"(qbuf) : "r3", "r4", "memory");
	check("specification odd-pair LPQ", PGM_SPECIFICATION, 6, after);

	expect_pgm_int();
	asm volatile("larl %0,1f\n"
		     "lghi %%r2,0\n"
		     "lghi %%r3,0\n"
		     "lghi %%r4,0\n"
		     "lghi %%r5,0\n"
		     "larl %0,1f\n"
		     "cdsg %%r2,%%r4,8(%1)\n" /* quadword operand not on a 16-byte boundary */
		     "1:\n"
		     : "=&d"(after) : "a"(qbuf) : "r2", "r3", "r4", "r5", "cc", "memory");
	check("specification unaligned CDSG", PGM_SPECIFICATION, 6, after);
}

static void test_addressing(void)
{
	u64 after, beyond = ram_size + 0x100000, value;

	expect_pgm_int();
	asm volatile("larl %0,1f\n"
		     "lg %1,0(%2)\n"
		     "1:\n"
		     : "=&d"(after), "=&d"(value) : "a"(beyond) : "memory");
	check("addressing load", PGM_ADDRESSING, 6, after);

	expect_pgm_int();
	asm volatile("larl %0,1f\n"
		     "stg %0,0(%1)\n"
		     "1:\n"
		     : "=&d"(after) : "a"(0xfffffffffffff000UL) : "memory");
	check("addressing store", PGM_ADDRESSING, 6, after);
}

static void test_divide(void)
{
	u64 after;

	expect_pgm_int();
	asm volatile("lghi %%r2,0\n"
		     "lghi %%r3,100\n"
		     "lghi %%r4,0\n"
		     "larl %0,1f\n"
		     "dr %%r2,%%r4\n" /* divide by zero */
		     "1:\n"
		     : "=&d"(after) : : "r2", "r3", "r4", "memory");
	check("fixed-point divide DR by zero", PGM_FIXED_POINT_DIVIDE, 2, after);

	expect_pgm_int();
	asm volatile("lghi %%r2,0\n"
		     "lghi %%r3,100\n"
		     "lghi %%r4,0\n"
		     "larl %0,1f\n"
		     "dlgr %%r2,%%r4\n" /* divide by zero */
		     "1:\n"
		     : "=&d"(after) : : "r2", "r3", "r4", "memory");
	check("fixed-point divide DLGR by zero", PGM_FIXED_POINT_DIVIDE, 4, after);

	expect_pgm_int();
	asm volatile("llihh %%r3,0x8000\n" /* -2^63 / -1 does not fit */
		     "lghi %%r4,-1\n"
		     "larl %0,1f\n"
		     "dsgr %%r2,%%r4\n"
		     "1:\n"
		     : "=&d"(after) : : "r2", "r3", "r4", "memory");
	check("fixed-point divide DSGR overflow", PGM_FIXED_POINT_DIVIDE, 4, after);
}

static void test_overflow(void)
{
	u64 after;
	u32 sum = 0x7fffffff;
	int cc;

	expect_pgm_int();
	asm volatile("spm %[mask]\n"
		     "larl %[after],1f\n"
		     "ar %[sum],%[one]\n"
		     "1:\n"
		     "spm %[zero]\n"
		     : [after] "=&d"(after), [sum] "+d"(sum)
		     : [one] "d"(1), [mask] "d"(0x08000000UL), [zero] "d"(0UL)
		     : "cc", "memory");
	check_kfail("fixed-point overflow AR", PGM_FIXED_POINT_OVERFLOW, 2, after, host_is_qemu_tcg());
	report_prefix_push("fixed-point overflow AR");
	report(sum == 0x80000000u, "result stored (completion)");
	report_prefix_pop();

	sum = 0x7fffffff;
	expect_pgm_int();
	asm volatile("ar %[sum],%[one]\n"
		     "ipm %[cc]\n"
		     "srl %[cc],28\n"
		     : [sum] "+d"(sum), [cc] "=d"(cc)
		     : [one] "d"(1)
		     : "cc", "memory");
	report_prefix_push("fixed-point overflow masked");
	report(clear_pgm_int() == 0 && cc == 3 && sum == 0x80000000u, "no interruption, CC 3");
	report_prefix_pop();
}

static void test_data(void)
{
	static const u64 bad_sign = 0x0000000000000123UL;  /* sign nibble 3 is not a sign */
	static const u64 bad_digit = 0x00000000000a001cUL; /* digit 0xa */
	u64 after, value;

	expect_pgm_int();
	asm volatile("larl %0,1f\n"
		     "cvb %1,0(%2)\n"
		     "1:\n"
		     : "=&d"(after), "=&d"(value) : "a"(&bad_sign) : "memory");
	check_kfail("data CVB bad sign", PGM_DATA, 4, after, host_is_qemu_tcg());
	report_prefix_push("data CVB bad sign");
	report_kfail(host_is_qemu_tcg(), last_pgm.code == PGM_DATA && last_pgm.dxc == 0,
		     "data-exception code 0 (decimal operand)");
	report_prefix_pop();

	expect_pgm_int();
	asm volatile("larl %0,1f\n"
		     "cvb %1,0(%2)\n"
		     "1:\n"
		     : "=&d"(after), "=&d"(value) : "a"(&bad_digit) : "memory");
	check_kfail("data CVB bad digit", PGM_DATA, 4, after, host_is_qemu_tcg());
}

static void test_decimal(void)
{
	static u8 big[3] = { 0x12, 0x34, 0x5c };  /* +12345 */
	static u8 zero[2] = { 0x00, 0x0c };       /* +0 */
	static u8 one_digit[1];
	static u8 dividend[8];
	u64 after;

	/* ZAP of 5 digits into a 1-digit field: decimal overflow, completed, interrupts with the mask on */
	expect_pgm_int();
	asm volatile("spm %[mask]\n"
		     "larl %[after],1f\n"
		     "zap 0(1,%[dst]),0(3,%[src])\n"
		     "1:\n"
		     "spm %[zero]\n"
		     : [after] "=&d"(after)
		     : [dst] "a"(one_digit), [src] "a"(big), [mask] "d"(0x04000000UL), [zero] "d"(0UL)
		     : "cc", "memory");
	check_kfail("decimal overflow ZAP", PGM_DECIMAL_OVERFLOW, 6, after, host_is_qemu_tcg());
	report_prefix_push("decimal overflow ZAP");
	report_kfail(host_is_qemu_tcg(), one_digit[0] == 0x5c, "rightmost digit and sign stored (completion)");
	report_prefix_pop();

	/* DP by zero: decimal divide */
	memset(dividend, 0, sizeof(dividend));
	dividend[7] = 0x1c;
	expect_pgm_int();
	asm volatile("larl %[after],1f\n"
		     "dp 0(8,%[dvd]),0(2,%[dvs])\n"
		     "1:\n"
		     : [after] "=&d"(after)
		     : [dvd] "a"(dividend), [dvs] "a"(zero)
		     : "cc", "memory");
	check_kfail("decimal divide DP by zero", PGM_DECIMAL_DIVIDE, 6, after, host_is_qemu_tcg());
}

static void test_execute(void)
{
	u64 after;

	expect_pgm_int();
	asm volatile("larl %%r1,2f\n"
		     "larl %0,1f\n"
		     "ex %%r0,0(%%r1)\n" /* target is itself an EXECUTE */
		     "1:\n"
		     "j 3f\n"
		     "2:\n"
		     "ex %%r0,0(%%r1)\n"
		     "3:\n"
		     : "=&d"(after) : : "r1", "memory");
	check("execute", PGM_EXECUTE, 4, after);
}

static void test_svc(void)
{
	int svcs = svc_count;

	asm volatile("svc 42" : : : "memory");
	report_prefix_push("svc");
	report(svc_count == svcs + 1 && last_svc_code == 42, "SVC 42 interruption code 42");
	report(last_svc_ilc == 2, "SVC instruction length 2");
	report_prefix_pop();
}

int main(int argc, char **argv)
{
	report_prefix_push("pgm");
	test_operation();
	test_privileged();
	test_specification();
	test_addressing();
	test_divide();
	test_overflow();
	test_data();
	test_decimal();
	test_execute();
	test_svc();
	report_prefix_pop();
	return report_summary();
}
