/*
 * Asks the harness to migrate the machine (the kvm-unit-tests console protocol: the line
 * "Now migrate the VM, then press a key to continue..." then a key on the console once the
 * machine runs on the destination), and checks that the machine state survived each time:
 * a memory pattern, a storage key, control register 0, the TOD clock. By its arguments:
 *   migrations=N   ask N times (default 1)
 *   skip           ask for nothing: "Skipped VM migration (quiet)", as upstream migrate_skip()
 */
#include "lib/kernel.h"

int getchar(void);

#define PATTERN_WORDS 4096
static u64 pattern[PATTERN_WORDS];
static u8 keyed_page[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

static u64 mix(u64 i)
{
	return (i + 1) * 0x9e3779b97f4a7c15UL ^ (i << 17);
}

static void set_key(void *addr, u8 key)
{
	asm volatile("sske %0,%1" : : "d"((u64)key), "a"(addr) : "memory");
}

static u8 get_key(void *addr)
{
	u64 key = 0;

	asm volatile("iske %0,%1" : "+d"(key) : "a"(addr));
	return (u8)key;
}

static bool pattern_intact(void)
{
	int i;

	for (i = 0; i < PATTERN_WORDS; i++)
		if (pattern[i] != mix(i))
			return false;
	return true;
}

static int migrate(void)
{
	puts("Now migrate the VM, then press a key to continue...\n");
	return getchar();
}

int main(int argc, char **argv)
{
	const char *n_arg = arg_value("migrations");
	long migrations = n_arg ? atol(n_arg) : 1;
	u64 cr0, tod_before, tod_after;
	long i;
	int key;

	report_prefix_push("migrate");
	if (argc > 1 && !strcmp(argv[1], "skip")) {
		puts("Skipped VM migration (quiet)\n");
		(void)getchar();
		report(true, "migration skipped, machine resumed");
		report_prefix_pop();
		return report_summary();
	}
	if (migrations < 1 || migrations > 10)
		report_abort("migrations=%ld: must be 1 to 10", migrations);

	for (i = 0; i < PATTERN_WORDS; i++)
		pattern[i] = mix(i);
	keyed_page[0] = 0x5a;
	set_key(keyed_page, 0x36); /* access key 3, no fetch protection, reference and change bits on */
	cr0 = stctg0();

	for (i = 1; i <= migrations; i++) {
		tod_before = stck();
		key = migrate();
		tod_after = stck();
		report(pattern_intact() && (get_key(keyed_page) & 0xf8) == 0x30 && keyed_page[0] == 0x5a && stctg0() == cr0 &&
			       tod_after >= tod_before,
		       "state after migration %ld", i);
		report_info("migration %ld: console key 0x%02x, pattern %s, storage key 0x%02x, cr0 0x%016lx, tod %s", i, key, pattern_intact() ? "intact" : "changed",
			    get_key(keyed_page), stctg0(), tod_after >= tod_before ? "forward" : "backwards");
	}
	report_prefix_pop();
	return report_summary();
}
