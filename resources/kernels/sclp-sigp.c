/*
 * SCLP and SIGP checks. SCLP: READ SCP INFO fields, architected response codes for an invalid command,
 * an SCCB crossing a page and a too-short READ SCP INFO SCCB, program checks for bad SCCB addresses.
 * SIGP: SENSE on the own CPU, an invalid order, a CPU address that does not exist (CC 3) and, with
 * 2 or more CPUs, SET PREFIX + RESTART of a second CPU that runs, reports and stops itself.
 * Optional argument cpus=N: the CPU count READ SCP INFO must report.
 */
#include "lib/kernel.h"

#define TOD_SECOND (1000000UL << 12)

static u8 info_page[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static u8 two_pages[2 * PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static u8 second_lowcore[2 * PAGE_SIZE] __attribute__((aligned(2 * PAGE_SIZE)));
static volatile int secondary_ran;
static volatile u16 secondary_address;

void secondary_entry(void);

/* Runs on the second CPU (entry.S sets up its stack and CR0). */
void secondary_main(void)
{
	secondary_address = stap();
	secondary_ran = 1;
	for (;;)
		sigp(stap(), SIGP_STOP, 0, NULL);
}

/*
 * SERVC with an SCCB address that must be refused with a program check. Should an environment accept it
 * anyway, sclp_call() waits for its service signal, so the console stays usable and the check just fails.
 */
static u16 servc_pgm(u32 command, u64 sccb)
{
	expect_pgm_int();
	sclp_call(command, (void *)sccb);
	return clear_pgm_int();
}

static struct sclp_cpu_entry *cpu_list(struct read_info *ri)
{
	return (struct sclp_cpu_entry *)((u8 *)ri + ri->offset_cpu);
}

static void test_read_info(void)
{
	struct read_info *ri = (struct read_info *)info_page;
	const char *want = arg_value("cpus");
	u16 self = stap();
	bool found = false;
	int i, rc;

	report_prefix_push("read-info");
	rc = sclp_read_scp_info(ri, PAGE_SIZE);
	report(rc == 0 && ri->h.response_code == SCLP_RC_NORMAL_READ_COMPLETION, "response code 0x0010");
	report(ri->entries_cpu >= 1 && ri->offset_cpu >= 24 && ri->offset_cpu + 16u * ri->entries_cpu <= PAGE_SIZE,
	       "CPU list inside the SCCB");
	for (i = 0; i < ri->entries_cpu && i < 256; i++)
		if (cpu_list(ri)[i].address == self)
			found = true;
	report(found, "own CPU address in the CPU list");
	report(ram_size >= (1UL << 20) && (ram_size & ((1UL << 20) - 1)) == 0, "memory size is a whole number of MiB");
	report_info("%d CPUs, highest CPU address %u, memory %lu MiB, STSI parameter %u", ri->entries_cpu,
		    ri->highest_cpu, ram_size >> 20, ri->stsi_parm);
	if (want)
		report(ri->entries_cpu == atol(want), "CPU count == cpus=%s", want);
	else
		report_skip("CPU count == cpus= (no cpus= argument)");
	report_prefix_pop();
}

static void test_invalid_sccb(void)
{
	struct sccb_header *h;
	int cc, pgm;

	report_prefix_push("invalid-sccb");

	h = (struct sccb_header *)info_page;
	memset(h, 0, 64);
	h->length = 64;
	cc = sclp_call(0x00fe0001u, h);
	report(cc == 0 && h->response_code == SCLP_RC_INVALID_SCLP_COMMAND, "unknown command: response 0x01f0");
	if (h->response_code != SCLP_RC_INVALID_SCLP_COMMAND)
		report_info("cc %d response 0x%04x", cc, h->response_code);

	h = (struct sccb_header *)(two_pages + PAGE_SIZE - 0x100);
	memset(h, 0, 0x100);
	h->length = 0x200;
	cc = sclp_call(SCLP_CMD_WRITE_EVENT_MASK, h);
	report(cc == 0 && h->response_code == SCLP_RC_SCCB_BOUNDARY_VIOLATION, "SCCB crossing a page: response 0x0100");
	if (h->response_code != SCLP_RC_SCCB_BOUNDARY_VIOLATION)
		report_info("cc %d response 0x%04x", cc, h->response_code);

	h = (struct sccb_header *)info_page;
	memset(h, 0, 64);
	h->length = 16;
	cc = sclp_call(SCLP_CMD_READ_SCP_INFO, h);
	report(cc == 0 && h->response_code == SCLP_RC_INSUFFICIENT_SCCB_LENGTH,
	       "READ SCP INFO with 16 bytes: response 0x0300");
	if (h->response_code != SCLP_RC_INSUFFICIENT_SCCB_LENGTH)
		report_info("cc %d response 0x%04x", cc, h->response_code);

	report(servc_pgm(SCLP_CMD_READ_SCP_INFO, 0x1000) == PGM_SPECIFICATION, "SCCB in the prefix area: specification exception");

	report(servc_pgm(SCLP_CMD_READ_SCP_INFO, (u64)info_page + 4) == PGM_SPECIFICATION, "SCCB not on a doubleword boundary: specification exception");

	/* outside memory as well, so an addressing exception is architecturally allowed too */
	pgm = servc_pgm(SCLP_CMD_READ_SCP_INFO, 0x80000000UL);
	report(pgm == PGM_SPECIFICATION || (pgm == PGM_ADDRESSING && ram_size <= 0x80000000UL),
	       "SCCB above 2 GiB: specification (or addressing) exception");

	if (ram_size + 0x100000 < 0x80000000UL) {
		report(servc_pgm(SCLP_CMD_READ_SCP_INFO, ram_size + 0x100000) == PGM_ADDRESSING, "SCCB beyond memory: addressing exception");
	} else {
		report_skip("SCCB beyond memory: addressing exception (memory reaches 2 GiB)");
	}
	report_prefix_pop();
}

static int other_cpu(void)
{
	u16 self = stap();
	int i;

	for (i = 0; i < scp_info->entries_cpu; i++)
		if (cpu_list(scp_info)[i].address != self)
			return cpu_list(scp_info)[i].address;
	return -1;
}

static bool wait_for(volatile int *flag, u64 seconds)
{
	u64 start = stck();

	while (!*flag)
		if (stck() - start > seconds * TOD_SECOND)
			return false;
	return true;
}

static bool wait_stopped(u16 addr, u64 seconds)
{
	u64 start = stck();
	u32 status;

	do {
		status = 0;
		if (sigp(addr, SIGP_SENSE, 0, &status) == 1 && (status & SIGP_STATUS_STOPPED))
			return true;
	} while (stck() - start < seconds * TOD_SECOND);
	return false;
}

static void test_sigp(void)
{
	struct psw *restart_new = (struct psw *)(second_lowcore + LC_RESTART_NEW_PSW);
	const u8 *absolute0 = (const u8 *)(unsigned long)LC_RESTART_NEW_PSW;
	u32 status;
	int cc, other;

	report_prefix_push("sigp");
	status = 0;
	cc = sigp(stap(), SIGP_SENSE, 0, &status);
	report(cc == 0, "SENSE own CPU: CC 0 (operating, no status)");

	status = 0;
	cc = sigp(stap(), 0xff, 0, &status);
	report(cc == 1 && status == SIGP_STATUS_INVALID_ORDER, "order 0xff: CC 1, status invalid order");
	if (cc != 1 || status != SIGP_STATUS_INVALID_ORDER)
		report_info("cc %d status 0x%08x", cc, status);

	cc = sigp(0xffff, SIGP_SENSE, 0, NULL);
	report(cc == 3, "SENSE CPU address 0xffff: CC 3 (not operational)");

	other = other_cpu();
	if (other < 0) {
		report_skip("second CPU: only one CPU");
		report_prefix_pop();
		return;
	}
	report_prefix_push("second-cpu");
	report_info("using CPU address %d", other);
	status = 0;
	cc = sigp((u16)other, SIGP_SENSE, 0, &status);
	report(cc == 1 && (status & SIGP_STATUS_STOPPED), "SENSE before start: CC 1, stopped");

	/* its own prefix area: our new PSWs, and a restart-new PSW that enters secondary_entry */
	memcpy(second_lowcore + LC_RESTART_NEW_PSW, absolute0, 0x200 - LC_RESTART_NEW_PSW);
	restart_new->mask = PSW_MASK_64;
	restart_new->addr = (u64)secondary_entry;
	cc = sigp((u16)other, SIGP_SET_PREFIX, (u64)second_lowcore, &status);
	report(cc == 0, "SET PREFIX: CC 0");
	cc = sigp((u16)other, SIGP_RESTART, 0, &status);
	report(cc == 0, "RESTART: CC 0");
	report(wait_for(&secondary_ran, 5), "second CPU ran");
	report(secondary_address == other, "second CPU reports its own address (STAP)");
	report(wait_stopped((u16)other, 5), "second CPU stopped itself (SENSE: stopped)");
	report_prefix_pop();
	report_prefix_pop();
}

int main(int argc, char **argv)
{
	report_prefix_push("sclp-sigp");
	test_read_info();
	test_invalid_sccb();
	test_sigp();
	report_prefix_pop();
	return report_summary();
}
