/*
 * The guarded-storage facility (facility 133; POP ch. 7 "Guarded-Storage Facility", LOAD GUARDED, LOAD LOGICAL AND
 * SHIFT GUARDED, LOAD/STORE GUARDED STORAGE CONTROLS). Run it with the facility configured (`-cpu ...,gs=on`):
 * - LGSC/STGSC with CR2 bit 59 off: special operation; the controls stored as loaded (the reserved doubleword as
 *   zeros); a characteristic of 24 (specification, the controls kept); a block off a doubleword boundary.
 * - LGG: an unguarded value (outside the area, a section whose GSSM bit is zero) is loaded; a guarded one is not:
 *   the guarded-storage event stores the GSEPL (addressing mode, cause, access information, instruction, operand,
 *   intermediate result and return addresses) and branches to the handler with R1 unchanged; with CR2 bit 59 off the
 *   guarded value is loaded; a doubleword-unaligned operand (specification); 1200 loads in a loop, every other one
 *   guarded (translated code on builtin), give 600 events.
 * - LLGFSG: the word shifted left by the guarded-load shift (GSD bits 53-55) is loaded, or is the intermediate
 *   result of an event with the LLGFSG cause bit; a word-unaligned operand (specification).
 * Without the facility, the four instructions must be operation exceptions (4 checks, nothing else).
 */
#include "conf.h"

#define LGG(r1, d2) ".insn rxy,0xe3000000004c," #r1 "," #d2 "\n"
#define LLGFSG(r1, d2) ".insn rxy,0xe30000000048," #r1 "," #d2 "\n"
#define LGSC(d2) ".insn rxy,0xe3000000004d,0," #d2 "\n"
#define STGSC(d2) ".insn rxy,0xe30000000049,0," #d2 "\n"

struct gs_cb {
	u64 reserved, gsd, gssm, gsepla;
};
struct gs_epl {
	u8 pad, eam, eci, eai;
	u32 pad2;
	u64 eha, eia, eoa, eir, era;
};

static struct gs_cb cb __attribute__((aligned(8)));
static struct gs_cb out __attribute__((aligned(8)));
static struct gs_epl epl __attribute__((aligned(8)));
static u64 dw[2] __attribute__((aligned(8)));
volatile u64 gs_hits;

/* The handler: counts the event and returns after the 6-byte guarded load (GSERA + 6); r1 is scratch. */
extern char gs_handler[];
asm(".text\n .globl gs_handler\n gs_handler:\n"
    " larl %r1,gs_hits\n agsi 0(%r1),1\n"
    " larl %r1,epl\n lg %r1,40(%r1)\n la %r1,6(%r1)\n br %r1\n");

#define AREA 0x2000000UL   /* guarded area: 32 MiB at 32 MiB (GSC 25: 64 sections of 512 KiB) */
#define SECTION 0x80000UL
#define PGM_SPECIAL_OPERATION 0x13

static void cr2(bool on)
{
	u64 v;

	asm volatile("stctg %%c2,%%c2,%0" : "=Q"(v));
	v = on ? v | 0x10 : v & ~0x10UL;
	asm volatile("lctlg %%c2,%%c2,%0" : : "Q"(v) : "memory");
}
static u16 lgsc(void *p)
{
	expect_pgm_int();
	asm volatile(LGSC(0(%0)) : : "a"(p) : "memory");
	return clear_pgm_int();
}
static u16 stgsc(void *p)
{
	expect_pgm_int();
	asm volatile(STGSC(0(%0)) : : "a"(p) : "memory");
	return clear_pgm_int();
}
/* LGG (llgfsg false) or LLGFSG of *p into r2 (preset to 0x5a..); *r gets r2 after, *where the instruction address. */
static u16 load(bool llgfsg, const void *p, u64 *r, u64 *where)
{
	expect_pgm_int();
	register u64 r2 asm("2") = 0x5a5a5a5a5a5a5a5aUL;
	u64 at;

	if (llgfsg)
		asm volatile("larl %1,0f\n 0: " LLGFSG(%0, 0(%2)) : "+d"(r2), "=&a"(at) : "a"(p) : "r1", "memory");
	else
		asm volatile("larl %1,0f\n 0: " LGG(%0, 0(%2)) : "+d"(r2), "=&a"(at) : "a"(p) : "r1", "memory");
	*r = r2;
	*where = at;
	return clear_pgm_int();
}
static void set_controls(u64 gsd, u64 gssm)
{
	cb.gsd = gsd;
	cb.gssm = gssm;
	cb.gsepla = (u64)&epl;
	epl.eha = (u64)gs_handler;
	lgsc(&cb);
}

static void without_facility(void)
{
	u64 r, at;

	cb.gsd = AREA | 25;
	report(lgsc(&cb) == PGM_OPERATION, "without facility 133: LGSC is an operation exception");
	report(stgsc(&out) == PGM_OPERATION, "without facility 133: STGSC is an operation exception");
	report(load(false, dw, &r, &at) == PGM_OPERATION, "without facility 133: LGG is an operation exception");
	report(load(true, dw, &r, &at) == PGM_OPERATION, "without facility 133: LLGFSG is an operation exception");
}

static void test_controls(void)
{
	cr2(false);
	cb = (struct gs_cb){ ~0UL, AREA | 25, 0x4000000000000001UL, (u64)&epl };
	report(lgsc(&cb) == PGM_SPECIAL_OPERATION, "LGSC with CR2 bit 59 off: special operation");
	report(stgsc(&out) == PGM_SPECIAL_OPERATION, "STGSC with CR2 bit 59 off: special operation");
	cr2(true);
	u16 c1 = lgsc(&cb);
	memset(&out, 0xff, sizeof(out));
	u16 c2 = stgsc(&out);
	report(c1 == 0 && c2 == 0 && out.reserved == 0 && out.gsd == cb.gsd && out.gssm == cb.gssm && out.gsepla == cb.gsepla,
	       "LGSC then STGSC: GSD, GSSM, GSEPLA as loaded, the reserved doubleword zero");
	struct gs_cb bad = { 0, AREA | 24, 0, 0 };
	c1 = lgsc(&bad);
	stgsc(&out);
	report(c1 == PGM_SPECIFICATION && out.gsd == cb.gsd, "LGSC with characteristic 24: specification, the controls kept");
	report(lgsc((char *)&cb + 4) == PGM_SPECIFICATION, "LGSC of a block off a doubleword boundary: specification");
}

static void test_lgg(void)
{
	u64 r, at;
	u16 code;

	set_controls(AREA | 25, 0x4000000000000001UL); /* sections 1 and 63 */
	dw[0] = AREA + 2 * SECTION;
	gs_hits = 0;
	code = load(false, dw, &r, &at);
	report(code == 0 && gs_hits == 0 && r == AREA + 2 * SECTION, "LGG of a value in an unguarded section: loaded");
	dw[0] = AREA - 8;
	code = load(false, dw, &r, &at);
	report(code == 0 && gs_hits == 0 && r == AREA - 8, "LGG of a value below the guarded area: loaded");

	memset(&epl, 0xaa, sizeof(epl));
	epl.eha = (u64)gs_handler;
	dw[0] = AREA + SECTION + 0x1238;
	code = load(false, dw, &r, &at);
	report(code == 0 && gs_hits == 1 && r == 0x5a5a5a5a5a5a5a5aUL, "LGG of a value in a guarded section: the handler ran, R1 unchanged");
	report(epl.eam == 3 && epl.eci == 0 && epl.eai == 0 && epl.pad == 0xaa, "GSEPL: addressing mode 64-bit, cause LGG, DAT off and primary space");
	report(epl.eia == at && epl.era == at && epl.eoa == (u64)dw && epl.eir == AREA + SECTION + 0x1238,
	       "GSEPL: instruction and return address the LGG's, operand address, intermediate result");

	dw[0] = AREA + 63 * SECTION + SECTION - 1;
	code = load(false, dw, &r, &at);
	report(code == 0 && gs_hits == 2, "LGG of the last byte of section 63: event");

	cr2(false);
	dw[0] = AREA + SECTION;
	code = load(false, dw, &r, &at);
	cr2(true);
	report(code == 0 && gs_hits == 2 && r == AREA + SECTION, "LGG with CR2 bit 59 off: the guarded value is loaded");
	report(load(false, (char *)dw + 4, &r, &at) == PGM_SPECIFICATION, "LGG off a doubleword boundary: specification");

	/* a hot loop (translated on builtin): 1200 guarded loads, every other value guarded */
	u64 vals[2] = { AREA + 3 * SECTION, AREA + SECTION };
	gs_hits = 0;
	for (int i = 0; i < 1200; i++)
		load(false, &vals[i & 1], &r, &at);
	report(gs_hits == 600, "1200 LGG in a loop, every other value guarded: 600 events");
}

static void test_llgfsg(void)
{
	u64 r, at;
	u32 *w = (u32 *)dw;

	set_controls(AREA | 0x300 | 25, 0x4000000000000001UL); /* GLS 3 */
	gs_hits = 0;
	w[0] = 0x89abcdef;
	u16 code = load(true, w, &r, &at);
	report(code == 0 && gs_hits == 0 && r == 0x89abcdefUL << 3, "LLGFSG: the word shifted left by the guarded-load shift (3)");
	w[0] = (AREA + SECTION + 8) >> 3;
	code = load(true, w, &r, &at);
	report(code == 0 && gs_hits == 1 && r == 0x5a5a5a5a5a5a5a5aUL && epl.eci == 1 && epl.eir == AREA + SECTION + 8 && epl.eia == at,
	       "LLGFSG of a guarded shifted value: event, cause bit 7, intermediate result shifted");
	report(load(true, (char *)w + 2, &r, &at) == PGM_SPECIFICATION, "LLGFSG off a word boundary: specification");
}

int main(int argc, char **argv)
{
	report_prefix_push("gs");
	if (!test_facility(133)) {
		without_facility();
	} else {
		test_controls();
		test_lgg();
		test_llgfsg();
		cr2(false);
	}
	report_prefix_pop();
	conf_exit();
}
