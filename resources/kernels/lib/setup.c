/* Kernel start-up after entry.S: boot arguments, facilities, console, READ SCP INFO, then main() and exit. */
#include "kernel.h"

#ifndef KERNEL_NAME
#define KERNEL_NAME "kernel"
#endif
#define IPL_ARGS_MAX (0x11000 - 0x10480)

int kargc;
char *kargv[32];
static char argbuf[IPL_ARGS_MAX + 1];
char boot_args[IPL_ARGS_MAX + 1];
u64 facilities[4];
int facility_dwords;
u64 ram_size;
int sclp_cpus;
struct read_info *scp_info;
static u8 read_info_page[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

void kernel_start(void);
void secondary_main(void);

static bool is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

static void parse_args(void)
{
	bool ebcdic = false;
	int i, n = 0;

	/* a parm file in EBCDIC (z/VM, HMC) is recognised by its bytes above 0x7f: letters and digits */
	for (i = 0; i < IPL_ARGS_MAX && ipl_args[i]; i++)
		if ((u8)ipl_args[i] > 0x7f)
			ebcdic = true;
	for (i = 0; i < IPL_ARGS_MAX && ipl_args[i]; i++) {
		u8 c = (u8)ipl_args[i];

		argbuf[n++] = (char)(ebcdic ? (c == 0x15 || c == 0x25 ? '\n' : ebcdic_to_ascii(c)) : c);
	}
	argbuf[n] = '\0';
	memcpy(boot_args, argbuf, n + 1);
	kargv[kargc++] = KERNEL_NAME;
	for (i = 0; i < n && kargc < (int)ARRAY_SIZE(kargv) - 1;) {
		while (i < n && is_space(argbuf[i]))
			argbuf[i++] = '\0';
		if (i >= n)
			break;
		kargv[kargc++] = &argbuf[i];
		while (i < n && !is_space(argbuf[i]))
			i++;
	}
	kargv[kargc] = NULL;
}

const char *arg_value(const char *key)
{
	size_t k = strlen(key);
	int i;

	for (i = 1; i < kargc; i++)
		if (!strncmp(kargv[i], key, k) && kargv[i][k] == '=')
			return kargv[i] + k + 1;
	return NULL;
}

static void store_facilities(void)
{
	register u64 r0 asm("0") = ARRAY_SIZE(facilities) - 1;

	asm volatile(".insn s,0xb2b00000,0(%[buf])\n" /* STFLE */
		     : "+d"(r0)
		     : [buf] "a"(facilities)
		     : "cc", "memory");
	facility_dwords = (int)(r0 & 0xff) + 1;
}

int sclp_read_scp_info(struct read_info *ri, u16 length)
{
	static const u32 commands[] = { SCLP_CMD_READ_SCP_INFO_FORCED, SCLP_CMD_READ_SCP_INFO };
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(commands); i++) {
		memset(ri, 0, sizeof(ri->h));
		ri->h.length = length;
		if (sclp_call(commands[i], ri))
			return -1;
		if (ri->h.response_code != SCLP_RC_INVALID_SCLP_COMMAND)
			break;
	}
	return ri->h.response_code == SCLP_RC_NORMAL_READ_COMPLETION ? 0 : -1;
}

static void read_scp_info(void)
{
	struct read_info *ri = (struct read_info *)read_info_page;
	u64 rnsize, rnmax;

	if (sclp_read_scp_info(ri, PAGE_SIZE))
		report_abort("READ SCP INFO failed: response code 0x%04x", ri->h.response_code);
	scp_info = ri;
	rnsize = ri->rnsize ? ri->rnsize : ri->rnsize2;
	rnmax = ri->rnmax ? ri->rnmax : ri->rnmax2;
	ram_size = rnsize * rnmax << 20;
	sclp_cpus = ri->entries_cpu;
}

void kernel_start(void)
{
	parse_args();
	store_facilities();
	console_setup();
	read_scp_info();
	exit(main(kargc, kargv));
}

void halt_disabled(u64 code)
{
	struct psw p __attribute__((aligned(16))) = { PSW_MASK_WAIT | PSW_MASK_64, code };

	for (;;)
		asm volatile("lpswe %0" : : "Q"(p) : "memory");
}

void exit(int code)
{
	u16 self = stap();
	int i;

	console_flush();
	printf("\nEXIT: STATUS=%d\n", (code << 1) | 1);
	if (scp_info) {
		struct sclp_cpu_entry *cpu = (void *)((u8 *)scp_info + scp_info->offset_cpu);

		for (i = 0; i < scp_info->entries_cpu; i++)
			if (cpu[i].address != self)
				sigp(cpu[i].address, SIGP_STOP, 0, NULL);
	}
	for (i = 0; i < 3; i++)
		sigp(self, SIGP_STOP, 0, NULL);
	halt_disabled(0xe0e0e0e0UL | (u64)(code & 0xff));
}

/* Hook for kernels that start a second CPU; weak so that others need not define it. */
__attribute__((weak)) void secondary_main(void)
{
	for (;;)
		sigp(stap(), SIGP_STOP, 0, NULL);
}

bool host_is_qemu_tcg(void)
{
	static u8 page[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
	static int cached = -1;
	static const u8 qemu[4] = { 0xd8, 0xc5, 0xd4, 0xe4 }; /* "QEMU" in EBCDIC */

	if (cached < 0)
		cached = stsi(page, 1, 1, 1, NULL) == 0 && !memcmp(page + 32, qemu, 4);
	return cached;
}
