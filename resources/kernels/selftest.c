/*
 * Library and environment self-test: boot arguments (expects test_args 'test 123 mem=<MiB>'), memory size
 * from SCLP against mem=, facility bits via STFL/STFLE, STSI identity, PSW mode, program-check plumbing.
 */
#include "lib/kernel.h"

static u8 stsi_page[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

static void ebcdic_field(char *dst, const u8 *src, int n)
{
	int i, end = 0;

	for (i = 0; i < n; i++) {
		dst[i] = (char)ebcdic_to_ascii(src[i]);
		if (dst[i] != ' ' && dst[i] != '\0')
			end = i + 1;
	}
	dst[end] = '\0';
}

static void test_args(int argc, char **argv)
{
	report_prefix_push("args");
	report_info("argc %d, boot arguments '%s'", argc, boot_args);
	report(argc == 4, "argc == 4");
	report(argc >= 1 && !strcmp(argv[0], "selftest"), "argv0 == selftest");
	report(argc >= 3 && !strcmp(argv[1], "test") && !strcmp(argv[2], "123"), "argv1 argv2 == test 123");
	report(arg_value("mem") != NULL, "mem= given");
	report_prefix_pop();
}

static void test_memory(void)
{
	const char *mem = arg_value("mem");
	volatile u64 *last = (volatile u64 *)(ram_size - 8);
	u64 saved, readback;

	report_prefix_push("memory");
	report_info("SCLP: %lu MiB (increment %u MiB x %u, %d CPUs)", ram_size >> 20,
		    scp_info->rnsize ? scp_info->rnsize : scp_info->rnsize2,
		    scp_info->rnmax ? (u32)scp_info->rnmax : (u32)scp_info->rnmax2, sclp_cpus);
	if (mem)
		report(ram_size == (u64)atol(mem) << 20, "SCLP size == mem=%s MiB", mem);
	else
		report_skip("SCLP size == mem= (no mem= argument)");

	saved = *last;
	*last = 0x0123456789abcdefUL;
	readback = *last;
	*last = saved;
	report(readback == 0x0123456789abcdefUL, "last doubleword below the size is read/write");

	expect_pgm_int();
	readback = *(volatile u64 *)(ram_size + 0x100000);
	report(clear_pgm_int() == PGM_ADDRESSING, "load 1 MiB above the size -> addressing exception");
	report_prefix_pop();
}

static void test_facilities(void)
{
	u64 one[4] __attribute__((aligned(8))) = { 0 };
	u32 stfl;
	int cc, needed;

	report_prefix_push("facilities");
	report_info("STFLE: %d doublewords: %016lx %016lx %016lx", facility_dwords, facilities[0], facilities[1],
		    facilities[2]);
	report(test_facility(1) && test_facility(2), "z/Architecture installed and active (bits 1 2)");

	asm volatile("stfl 0\n" : : : "memory");
	stfl = LC_U32(LC_STFL);
	report(stfl == (u32)(facilities[0] >> 32), "STFL word == first STFLE word");
	report_info("STFL %08x", stfl);

	register u64 r0 asm("0") = 0;

	asm volatile(".insn s,0xb2b00000,0(%[buf])\n"
		     "ipm %[cc]\n"
		     "srl %[cc],28\n"
		     : [cc] "=d"(cc), "+d"(r0)
		     : [buf] "a"(one)
		     : "cc", "memory");
	needed = (int)(r0 & 0xff) + 1;
	if (facility_dwords > 1)
		report(cc == 3 && needed == facility_dwords && one[0] == facilities[0],
		       "STFLE with 1 doubleword: CC 3, R0 = needed - 1, first doubleword stored");
	else
		report(cc == 0 && one[0] == facilities[0], "STFLE with 1 doubleword: CC 0, stored");
	report_info("zEC12 build needs 34 %d, 45 %d, 49 %d", test_facility(34), test_facility(45),
		    test_facility(49));
	report_prefix_pop();
}

static void test_stsi(void)
{
	char manufacturer[17], type[5], model[17], seq[17];
	u64 level;
	int cc;

	report_prefix_push("stsi");
	cc = stsi(NULL, 0, 0, 0, &level);
	report(cc == 0, "STSI 0.0.0 CC 0");
	report_info("configuration level %lu (1 basic machine, 2 LPAR, 3 virtual machine)", (level >> 28) & 0xf);
	cc = stsi(stsi_page, 1, 1, 1, NULL);
	report(cc == 0, "STSI 1.1.1 CC 0");
	if (cc == 0) {
		ebcdic_field(manufacturer, stsi_page + 32, 16);
		ebcdic_field(type, stsi_page + 48, 4);
		ebcdic_field(seq, stsi_page + 64, 16);
		ebcdic_field(model, stsi_page + 112, 16);
		report(manufacturer[0] != '\0' && manufacturer[0] != '.', "STSI 1.1.1 manufacturer is EBCDIC text");
		report_info("manufacturer '%s' type '%s' model '%s' sequence '%s'", manufacturer, type, model, seq);
	}
	report_prefix_pop();
}

static void test_psw(void)
{
	u64 mask = extract_psw_mask();

	report_prefix_push("psw");
	report((mask & PSW_MASK_64) == PSW_MASK_64, "64-bit addressing mode");
	report(!(mask & PSW_MASK_PSTATE), "supervisor state");
	report_info("start-up SIGP SET ARCHITECTURE CC %u (0: booted in ESA/390 mode), CPU address %u",
		    boot_setarch_cc, stap());
	expect_pgm_int();
	asm volatile(".insn e,0x0000");
	report(clear_pgm_int() == PGM_OPERATION, "operation exception caught and resumed");
	report_prefix_pop();
}

int main(int argc, char **argv)
{
	report_prefix_push("selftest");
	test_args(argc, argv);
	test_memory();
	test_facilities();
	test_stsi();
	test_psw();
	report_prefix_pop();
	return report_summary();
}
