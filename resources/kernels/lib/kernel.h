/* Our s390x test-kernel library: types, lowcore layout, reporting, console, CPU helpers. */
#ifndef KERNEL_H
#define KERNEL_H

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long u64;
typedef signed char s8;
typedef short s16;
typedef int s32;
typedef long s64;
typedef unsigned long size_t;
typedef _Bool bool;
#define true 1
#define false 0
#define NULL ((void *)0)
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

typedef __builtin_va_list va_list;
#define va_start(v, l) __builtin_va_start(v, l)
#define va_end(v) __builtin_va_end(v)
#define va_arg(v, t) __builtin_va_arg(v, t)

#define barrier() asm volatile("" ::: "memory")
#define PAGE_SIZE 4096

/* --- lowcore (Principles of Operation, "Assigned storage locations", z/Architecture) --- */
#define LC_EXT_INT_CODE 0x086 /* halfword */
#define LC_SVC_ILC 0x088      /* halfword, bits 13-14 = instruction length */
#define LC_SVC_CODE 0x08a     /* halfword */
#define LC_PGM_ILC 0x08c      /* halfword, bits 13-14 = instruction length */
#define LC_PGM_CODE 0x08e     /* halfword */
#define LC_DXC 0x093          /* byte: data-exception code */
#define LC_STFL 0x0c8         /* word: facility list stored by STFL */
#define LC_RESTART_OLD_PSW 0x120
#define LC_EXT_OLD_PSW 0x130
#define LC_SVC_OLD_PSW 0x140
#define LC_PGM_OLD_PSW 0x150
#define LC_MCCK_OLD_PSW 0x160
#define LC_IO_OLD_PSW 0x170
#define LC_RESTART_NEW_PSW 0x1a0
#define LC_EXT_NEW_PSW 0x1b0
#define LC_SVC_NEW_PSW 0x1c0
#define LC_PGM_NEW_PSW 0x1d0
#define LC_MCCK_NEW_PSW 0x1e0
#define LC_IO_NEW_PSW 0x1f0

#define LC_U16(off) (*(volatile u16 *)(unsigned long)(off))
#define LC_U8(off) (*(volatile u8 *)(unsigned long)(off))
#define LC_U32(off) (*(volatile u32 *)(unsigned long)(off))

struct psw {
	u64 mask;
	u64 addr;
};

/* PSW mask bits */
#define PSW_MASK_IO 0x0200000000000000UL
#define PSW_MASK_EXT 0x0100000000000000UL
#define PSW_MASK_KEY 0x00f0000000000000UL
#define PSW_MASK_MCHECK 0x0004000000000000UL
#define PSW_MASK_WAIT 0x0002000000000000UL
#define PSW_MASK_PSTATE 0x0001000000000000UL
#define PSW_MASK_CC 0x0000300000000000UL
#define PSW_MASK_PM 0x00000f0000000000UL
#define PSW_MASK_EA 0x0000000100000000UL
#define PSW_MASK_BA 0x0000000080000000UL
#define PSW_MASK_64 (PSW_MASK_EA | PSW_MASK_BA)

/* program-interruption codes (POP chapter 6) */
#define PGM_OPERATION 0x01
#define PGM_PRIVILEGED_OPERATION 0x02
#define PGM_EXECUTE 0x03
#define PGM_PROTECTION 0x04
#define PGM_ADDRESSING 0x05
#define PGM_SPECIFICATION 0x06
#define PGM_DATA 0x07
#define PGM_FIXED_POINT_OVERFLOW 0x08
#define PGM_FIXED_POINT_DIVIDE 0x09
#define PGM_DECIMAL_OVERFLOW 0x0a
#define PGM_DECIMAL_DIVIDE 0x0b

#define EXT_SERVICE_SIGNAL 0x2401

/* SIGP orders */
#define SIGP_SENSE 1
#define SIGP_EXTERNAL_CALL 2
#define SIGP_EMERGENCY_SIGNAL 3
#define SIGP_START 4
#define SIGP_STOP 5
#define SIGP_RESTART 6
#define SIGP_STOP_AND_STORE_STATUS 9
#define SIGP_INITIAL_CPU_RESET 11
#define SIGP_CPU_RESET 12
#define SIGP_SET_PREFIX 13
#define SIGP_STORE_STATUS_AT_ADDRESS 14
#define SIGP_SET_ARCHITECTURE 18

/* SIGP status bits stored in R1 when CC = 1 */
#define SIGP_STATUS_EQUIPMENT_CHECK 0x80000000u
#define SIGP_STATUS_INCORRECT_STATE 0x00000200u
#define SIGP_STATUS_INVALID_PARAMETER 0x00000100u
#define SIGP_STATUS_EXT_CALL_PENDING 0x00000080u
#define SIGP_STATUS_STOPPED 0x00000040u
#define SIGP_STATUS_OPERATOR_INTERVENING 0x00000020u
#define SIGP_STATUS_CHECK_STOP 0x00000010u
#define SIGP_STATUS_INOPERATIVE 0x00000004u
#define SIGP_STATUS_INVALID_ORDER 0x00000002u
#define SIGP_STATUS_RECEIVER_CHECK 0x00000001u

/* SCLP (service-call logical processor) */
#define SCLP_CMD_READ_SCP_INFO 0x00020001u
#define SCLP_CMD_READ_SCP_INFO_FORCED 0x00120001u
#define SCLP_CMD_WRITE_EVENT_DATA 0x00760005u
#define SCLP_CMD_WRITE_EVENT_MASK 0x00780005u
#define SCLP_RC_NORMAL_READ_COMPLETION 0x0010
#define SCLP_RC_NORMAL_COMPLETION 0x0020
#define SCLP_RC_SCCB_BOUNDARY_VIOLATION 0x0100
#define SCLP_RC_INVALID_SCLP_COMMAND 0x01f0
#define SCLP_RC_INSUFFICIENT_SCCB_LENGTH 0x0300

struct sccb_header {
	u16 length;
	u8 function_code;
	u8 control_mask[3];
	u16 response_code;
} __attribute__((packed));

/* READ SCP INFO response (fields we use; offsets in comments) */
struct read_info {
	struct sccb_header h; /* 0 */
	u16 rnmax;            /* 8 */
	u8 rnsize;            /* 10 */
	u8 pad11[4];
	u8 stsi_parm;  /* 15 */
	u16 entries_cpu; /* 16 */
	u16 offset_cpu;  /* 18 */
	u8 pad20[80];
	u32 rnsize2; /* 100 */
	u64 rnmax2;  /* 104 */
	u8 pad112[8];
	u16 highest_cpu; /* 120 */
} __attribute__((packed));

/* one entry of the CPU list in READ SCP INFO (16 bytes) */
struct sclp_cpu_entry {
	u8 address;
	u8 pad[13];
	u8 type;
	u8 pad2;
} __attribute__((packed));

/* --- library state and API --- */
extern char ipl_args[];       /* 0x10480: boot arguments as loaded */
extern char boot_args[];      /* the same in ASCII (converted when the parm file was EBCDIC) */
extern int kargc;
extern char *kargv[];
extern u64 facilities[4];     /* STFLE result */
extern int facility_dwords;   /* doublewords STFLE said exist */
extern u64 ram_size;          /* from SCLP READ SCP INFO */
extern int sclp_cpus;         /* CPU entries in READ SCP INFO */
extern u32 boot_setarch_cc;   /* CC of the start-up SIGP SET ARCHITECTURE */
extern struct read_info *scp_info;
extern u8 sccb_page[PAGE_SIZE];

int main(int argc, char **argv);
void exit(int code) __attribute__((noreturn));
void halt_disabled(u64 code) __attribute__((noreturn));

/* console and formatting */
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int vsnprintf(char *buf, size_t size, const char *fmt, va_list va);
void puts(const char *s);
void console_setup(void);
void console_flush(void);
u8 ascii_to_ebcdic(u8 c);
u8 ebcdic_to_ascii(u8 c);

/* strings */
void *memset(void *s, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
long atol(const char *s);
const char *arg_value(const char *key); /* value of key=value in the boot args, or NULL */

/* reporting, in the kvm-unit-tests vocabulary */
bool report(bool pass, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void report_pass(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void report_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
bool report_xfail(bool xfail, bool pass, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
bool report_kfail(bool kfail, bool pass, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void report_skip(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void report_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void report_abort(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
void report_prefix_push(const char *prefix);
void report_prefix_pop(void);
int report_summary(void);

/* SCLP */
/* returns the SERVC CC (-1 after an expected program check); waits for the service signal when accepted */
int sclp_call(u32 command, void *sccb);
int sclp_read_scp_info(struct read_info *ri, u16 length);

/* interrupts */
struct pgm_info {
	u16 code;
	u16 ilc; /* instruction length in bytes (2, 4, 6) */
	u8 dxc;
	struct psw old_psw;
};
void expect_pgm_int(void);
u16 clear_pgm_int(void);          /* returns the code seen since expect_pgm_int (0 = none) */
extern volatile struct pgm_info last_pgm;
extern volatile u16 last_svc_code;
extern volatile u16 last_svc_ilc;
extern volatile int svc_count;
extern volatile int pgm_count; /* expected program interrupts taken so far */
void enter_problem_state(void);

/* CPU helpers */
static inline u16 stap(void)
{
	u16 a;
	asm volatile("stap %0" : "=Q"(a));
	return a;
}

static inline int sigp(u16 addr, u8 order, u64 param, u32 *status)
{
	register u64 r1 asm("1") = param;
	int cc;
	asm volatile("sigp %[r1],%[addr],0(%[order])\n"
		     "ipm %[cc]\n"
		     "srl %[cc],28\n"
		     : [r1] "+d"(r1), [cc] "=d"(cc)
		     : [addr] "d"((u64)addr), [order] "a"((u64)order)
		     : "cc", "memory");
	if (status)
		*status = (u32)r1;
	return cc;
}

static inline u64 stctg0(void)
{
	u64 v;
	asm volatile("stctg %%c0,%%c0,%0" : "=Q"(v));
	return v;
}

static inline void lctlg0(u64 v)
{
	asm volatile("lctlg %%c0,%%c0,%0" : : "Q"(v) : "memory");
}

static inline u64 extract_psw_mask(void)
{
	u32 hi, lo;
	asm volatile("epsw %0,%1" : "=d"(hi), "=d"(lo));
	return ((u64)hi << 32) | lo;
}

static inline u64 stck(void)
{
	u64 t;
	asm volatile("stck %0" : "=Q"(t) : : "cc");
	return t;
}

/* STORE SYSTEM INFORMATION: returns the CC; r0_out gets R0 (the current level for function code 0) */
static inline int stsi(void *buf, int fc, int sel1, int sel2, u64 *r0_out)
{
	register u64 r0 asm("0") = ((u64)fc << 28) | (u64)sel1;
	register u64 r1 asm("1") = (u64)sel2;
	int cc;

	asm volatile("stsi 0(%[buf])\n"
		     "ipm %[cc]\n"
		     "srl %[cc],28\n"
		     : [cc] "=d"(cc), "+d"(r0)
		     : [buf] "a"(buf), "d"(r1)
		     : "cc", "memory");
	if (r0_out)
		*r0_out = r0;
	return cc;
}

bool host_is_qemu_tcg(void); /* STSI 1.1.1 manufacturer "QEMU": TCG (KVM guests see the real machine) */

static inline bool test_facility(int nr)
{
	return (facilities[nr / 64] >> (63 - nr % 64)) & 1;
}

#endif
