/*
 * The z13 vector facility (STFLE 129; POP ch. 21-24), one check per behaviour, expected values from the POP:
 * - enablement: with CR0 bit 46 off a vector instruction is a data exception with DXC 0xfe (also in the FPC, AFP
 *   being on); LCBB, which uses no vector register, runs anyway;
 * - registers: FPR n is the leftmost doubleword of V n; V16-V31 through the RXB bits;
 * - loads and stores: VLL/VSTL lengths (R3 bits 32-63, at most 16), VLBB to a 64-byte boundary and LCBB's count
 *   and CC, VGEF gather and VSCEG scatter, VLREP, VLLEZ;
 * - integer: VACCC and VSBCBI carries/borrows, VCKSM end-around carry, VGFM carry-less products, VMAH, VSUMQ,
 *   VERIM, VSLDB, VSRA, VPKS saturation with its CC, VCH with CC;
 * - string: VFAE (CC 2, match before the zero), VFENE (CC 1, first unequal element lower), VISTR, VSTRC ranges
 *   with the result-type mask;
 * - BFP: VFA and the single-element WFADB, VFI rounding methods, a masked divide by zero (FPC flag), an enabled one
 *   in element 1 (vector-processing exception 0x1b, VXC 0x12 in the FPC and at lowcore 0x93, V1 unchanged), WFK on
 *   a QNaN with invalid enabled (VXC 0x01), VFTCI.
 */
#include "conf.h"

struct v128 {
	u64 h, l;
} __attribute__((aligned(8)));

#define V(a, b) ((struct v128){ (a), (b) })
#define CR0_VECTOR 0x20000UL
#define ONE 0x3ff0000000000000UL
#define TWO 0x4000000000000000UL
#define THREE 0x4008000000000000UL
#define HALF 0x3fe0000000000000UL
#define QNAN 0x7ff8000000000000UL
#define INF 0x7ff0000000000000UL

static struct caught out;

static bool veq(struct v128 a, struct v128 b) { return a.h == b.h && a.l == b.l; }

/*
 * Runs `insn` with V16, V17, V18 loaded from A_, B_, C_ and V19 from *O_ (the result register; its old value matters for
 * partial writes and suppressed instructions), stores V19 back into *O_ and returns the CC after `insn`.
 */
#define VRUN(insn, A_, B_, C_, O_)                                                                                       \
	({                                                                                                           \
		int cc_;                                                                                             \
		asm volatile(".machine push\n .machine z13\n vl %%v16,%[va]\n vl %%v17,%[vb]\n vl %%v18,%[vc]\n"      \
			     " vl %%v19,%[vo]\n " insn "\n ipm %[cc]\n srl %[cc],28\n vst %%v19,%[vo]\n .machine pop\n" \
			     : [cc] "=&d"(cc_), [vo] "+Q"(*(O_))                                                      \
			     : [va] "Q"(A_), [vb] "Q"(B_), [vc] "Q"(C_)                                                 \
			     : "cc", "memory");                                                                      \
		cc_;                                                                                                 \
	})

static u32 efpc(void)
{
	u32 v;
	asm volatile("efpc %0" : "=d"(v));
	return v;
}
static void sfpc(u32 v) { asm volatile("sfpc %0" : : "d"(v)); }

static void report_v(bool ok, struct v128 got, const char *what)
{
	report(ok, "%s", what);
	if (!ok)
		report_info("%s: got %016lx %016lx", what, got.h, got.l);
}

static void test_enablement(void)
{
	static struct v128 src = V(1, 2);
	u32 cnt;
	int cc;

	lctlg0(stctg0() & ~CR0_VECTOR);
	sfpc(0);
	expect_pgm_int();
	asm volatile(".machine push\n .machine z13\n vl %%v16,%0\n .machine pop" : : "Q"(src) : "memory");
	u16 code = clear_pgm_int();
	report(code == PGM_DATA && last_pgm.dxc == 0xfe, "vector enablement off: data exception, DXC 0xfe");
	report(((efpc() >> 8) & 0xff) == 0xfe, "vector enablement off: DXC 0xfe in the FPC");
	asm volatile(".machine push\n .machine z13\n lcbb %[n],0(%[a]),0\n ipm %[c]\n srl %[c],28\n .machine pop"
		     : [n] "=d"(cnt), [c] "=d"(cc)
		     : [a] "a"(0x1000 - 6)
		     : "cc");
	report(cnt == 6 && cc == 3, "LCBB without vector enablement: 6 bytes to the boundary, CC 3");
	sfpc(0);
	lctlg0(stctg0() | CR0_VECTOR);
}

static void test_registers(void)
{
	static struct v128 in = V(0x0102030405060708UL, 0x1112131415161718UL), out;
	u64 f, g;

	asm volatile(".machine push\n .machine z13\n vl %%v1,%[i]\n std %%f1,%[f]\n vl %%v25,%[i]\n"
		     " vlvgg %%v25,%[n],1\n vst %%v25,%[o]\n lgdr %[g],%%f1\n .machine pop"
		     : [f] "=Q"(f), [o] "=Q"(out), [g] "=d"(g)
		     : [i] "Q"(in), [n] "d"(0xa5UL)
		     : "f1", "memory");
	report(f == in.h, "FPR 1 is the leftmost doubleword of V1");
	report(out.h == in.h && out.l == 0xa5 && g == in.h, "V25 through RXB: VLVGG into doubleword 1");
}

static u8 buf[128] __attribute__((aligned(64)));

static void test_loads_stores(void)
{
	static struct v128 q = V(0x0001020304050607UL, 0x08090a0b0c0d0e0fUL), r;
	static u32 words[8] = { 0, 0x11223344, 0, 0, 0, 0, 0, 0 };
	static struct v128 idx = V(4, 0); /* word 1 = 4: element 1 of V2 */
	static u64 scat[4];
	u32 cnt;
	int cc;

	memset(buf, 0xee, sizeof(buf));
	asm volatile(".machine push\n .machine z13\n vl %%v20,%[q]\n vstl %%v20,%[l],0(%[b])\n .machine pop"
		     : : [q] "Q"(q), [l] "d"(0xffffffff00000002UL), [b] "a"(buf) : "memory");
	report(buf[0] == 0 && buf[1] == 1 && buf[2] == 2 && buf[3] == 0xee, "VSTL: R3 bits 32-63 = 2 stores 3 bytes");
	r = V(~0UL, ~0UL);
	asm volatile(".machine push\n .machine z13\n vll %%v20,%[l],0(%[b])\n vst %%v20,%[r]\n .machine pop"
		     : [r] "=Q"(r) : [l] "d"(100UL), [b] "a"(buf) : "memory");
	report_v(r.h == 0x000102eeeeeeeeeeUL && r.l == 0xeeeeeeeeeeeeeeeeUL, r, "VLL: a length above 15 loads 16 bytes");
	r = V(~0UL, ~0UL);
	asm volatile(".machine push\n .machine z13\n vlbb %%v20,0(%[b]),0\n vst %%v20,%[r]\n lcbb %[n],0(%[b]),0\n"
		     " ipm %[c]\n srl %[c],28\n .machine pop"
		     : [r] "=Q"(r), [n] "=d"(cnt), [c] "=d"(cc) : [b] "a"(buf + 58) : "cc", "memory");
	report_v(r.h >> 16 == 0xeeeeeeeeeeeeUL, r, "VLBB: the 6 bytes to the 64-byte boundary");
	report(cnt == 6 && cc == 3, "LCBB: 6, CC 3");
	r = V(0, 0);
	asm volatile(".machine push\n .machine z13\n vl %%v21,%[x]\n vzero %%v20\n vgef %%v20,0(%%v21,%[b]),1\n"
		     " vst %%v20,%[r]\n .machine pop"
		     : [r] "=Q"(r) : [x] "Q"(idx), [b] "a"(words) : "memory");
	report_v(r.h == 0x11223344UL && r.l == 0, r, "VGEF: element 1 from base + element 1 of V2");
	{
		struct v128 ix = V(16, 0);
		struct v128 val = V(0x5555666677778888UL, 0);

		memset(scat, 0, sizeof(scat));
		asm volatile(".machine push\n .machine z13\n vl %%v21,%[x]\n vl %%v20,%[v]\n vsceg %%v20,8(%%v21,%[b]),0\n"
			     " .machine pop"
			     : : [x] "Q"(ix), [v] "Q"(val), [b] "a"(scat) : "memory");
		report(scat[3] == 0x5555666677778888UL && scat[0] == 0 && scat[1] == 0 && scat[2] == 0, "VSCEG: element 0 to base + 8 + element 0 of V2");
	}
	asm volatile(".machine push\n .machine z13\n vlrep %%v20,0(%[b]),1\n vst %%v20,%[r]\n .machine pop"
		     : [r] "=Q"(r) : [b] "a"(buf) : "memory");
	report_v(r.h == 0x0001000100010001UL && r.l == 0x0001000100010001UL, r, "VLREP: halfword replicated");
	asm volatile(".machine push\n .machine z13\n vllez %%v20,0(%[b]),2\n vst %%v20,%[r]\n .machine pop"
		     : [r] "=Q"(r) : [b] "a"(buf) : "memory");
	report_v(r.h == 0x000102eeUL && r.l == 0, r, "VLLEZ: word into the right of doubleword 0");
}

static void test_integer(void)
{
	static struct v128 ones = V(~0UL, ~0UL), zero = V(0, 0), one = V(0, 1), r;
	int cc;

	r = zero;
	VRUN("vaccc %%v19,%%v16,%%v17,%%v18,4", ones, zero, one, &r);
	report_v(veq(r, one), r, "VACCC: carry out of ONES + 0 + 1");
	{
		struct v128 three = V(0, 3), five = V(0, 5);
		r = ones;
		VRUN("vsbcbi %%v19,%%v16,%%v17,%%v18,4", three, five, one, &r);
		report_v(veq(r, zero), r, "VSBCBI: 3 - 5 borrows (0)");
	}
	{
		struct v128 a = V(0xffffffff00000001UL, 0x0000000200000003UL), b = V(0x10, 0xff);
		r = ones;
		VRUN("vcksm %%v19,%%v16,%%v17", a, b, zero, &r);
		report_v(r.h == 0x16 && r.l == 0, r, "VCKSM: end-around carry into word 1, other words zero");
	}
	{
		struct v128 a = V(0x0301UL << 48, 0), b = V(0x0380UL << 48, 0);
		VRUN("vgfmb %%v19,%%v16,%%v17", a, b, zero, &r);
		report_v(r.h == 0x0085UL << 48 && r.l == 0, r, "VGFMB: 3*3 ^ 1*0x80 = 0x85 (carry-less)");
	}
	{
		struct v128 a = V(0x00000003ffffffffUL, 0), b = V(0x0000000500000002UL, 0), c = V(0x00000000fffffffdUL, 0);
		VRUN("vmahf %%v19,%%v16,%%v17,%%v18", a, b, c, &r);
		report_v(r.h == 0x00000000ffffffffUL && r.l == 0, r, "VMAHF: high halves of signed products plus addends");
	}
	{
		struct v128 two = V(0, 2);
		VRUN("vsumqg %%v19,%%v16,%%v17", ones, two, zero, &r);
		report_v(r.h == 2 && r.l == 0, r, "VSUMQG: 2^65 - 2 + 2");
	}
	{
		struct v128 a = V(0, 0x1234), m = V(0, 0x00ff);
		r = V(0, 0xabcd);
		VRUN("verimh %%v19,%%v16,%%v17,8", a, m, zero, &r);
		report_v(r.h == 0 && r.l == 0xab12, r, "VERIMH: rotate by 8, insert under mask");
	}
	{
		struct v128 a = V(0x0001020304050607UL, 0x08090a0b0c0d0e0fUL), b = V(0x1011121314151617UL, 0x18191a1b1c1d1e1fUL);
		VRUN("vsldb %%v19,%%v16,%%v17,3", a, b, zero, &r);
		report_v(r.h == 0x030405060708090aUL && r.l == 0x0b0c0d0e0f101112UL, r, "VSLDB: bytes 3-18 of V2 || V3");
	}
	{
		struct v128 a = V(0x8000000000000000UL, 0xf0), s = V(0x0404040404040404UL, 0x0404040404040404UL);
		VRUN("vsra %%v19,%%v16,%%v17", a, s, zero, &r);
		report_v(r.h == 0xf800000000000000UL && r.l == 0x0f, r, "VSRA: 128-bit arithmetic shift by 4");
	}
	{
		struct v128 a = V(0x0001007f0080ff80UL, 0xff7f00007fff8000UL);
		cc = VRUN("vpkshs %%v19,%%v16,%%v17", a, zero, zero, &r);
		report_v(r.h == 0x017f7f8080007f80UL && r.l == 0 && cc == 1, r, "VPKSHS: signed saturation, CC 1");
	}
	{
		struct v128 a = V(0x00000001ffffffffUL, 0x0000000580000000UL), b = V(0, 0x000000057fffffffUL);
		cc = VRUN("vchfs %%v19,%%v16,%%v17", a, b, zero, &r);
		report_v(r.h == 0xffffffff00000000UL && r.l == 0 && cc == 1, r, "VCHFS: signed word compare, mixed, CC 1");
	}
}

static void test_string(void)
{
	static struct v128 abc = V(0x4142434445464748UL, 0x494a4b4c4d4e4f00UL), ek = V(0x454b454545454545UL, 0x4545454545454545UL);
	static struct v128 zero = V(0, 0), r;
	int cc;

	cc = VRUN("vfaezbs %%v19,%%v16,%%v17", abc, ek, zero, &r);
	report_v(r.h == 4 && r.l == 0 && cc == 2, r, "VFAEZBS: 'E' at byte 4 before the zero: index 4, CC 2");
	{
		struct v128 a = V(0x0001020304050607UL, 0x08090a0b0c0d0e0fUL), b = V(0x0001020304050607UL, 0x0829UL << 48 | 0x0a0b0c0d0e0fUL);
		cc = VRUN("vfenebs %%v19,%%v16,%%v17", a, b, zero, &r);
		report_v(r.h == 9 && r.l == 0 && cc == 1, r, "VFENEBS: first unequal byte 9, V2 lower: CC 1");
	}
	{
		struct v128 s = V(0x4142430044454647UL, 0x4849000000000000UL);
		cc = VRUN("vistrbs %%v19,%%v16", s, zero, zero, &r);
		report_v(r.h == 0x4142430000000000UL && r.l == 0 && cc == 0, r, "VISTRBS: up to the first zero byte, CC 0");
	}
	{
		struct v128 s = V(0x4142337800000000UL, 0), ranges = V(0x3039617a00000000UL, 0), ctl = V(0xa0c0a0c000000000UL, 0);
		asm volatile(".machine push\n .machine z13\n vl %%v16,%[s]\n vl %%v17,%[g]\n vl %%v18,%[c]\n"
			     " vstrczbs %%v19,%%v16,%%v17,%%v18\n ipm %[cc]\n srl %[cc],28\n vst %%v19,%[r]\n .machine pop"
			     : [cc] "=&d"(cc), [r] "=Q"(r) : [s] "Q"(s), [g] "Q"(ranges), [c] "Q"(ctl) : "cc", "memory");
		report_v(r.h == 2 && r.l == 0 && cc == 2, r, "VSTRCZBS: '3' in '0'-'9' at byte 2 before the zero: CC 2");
		asm volatile(".machine push\n .machine z13\n vl %%v16,%[s]\n vl %%v17,%[g]\n vl %%v18,%[c]\n"
			     " vstrcb %%v19,%%v16,%%v17,%%v18,4\n vst %%v19,%[r]\n .machine pop"
			     : [r] "=Q"(r) : [s] "Q"(s), [g] "Q"(ranges), [c] "Q"(ctl) : "memory");
		report_v(r.h == 0x0000ffff00000000UL && r.l == 0, r, "VSTRCB with RT: a mask of the bytes in range");
	}
}

static void test_bfp(void)
{
	static struct v128 zero = V(0, 0), r;
	int cc;

	sfpc(0);
	{
		struct v128 a = V(ONE, TWO), b = V(TWO, HALF);
		VRUN("vfadb %%v19,%%v16,%%v17", a, b, zero, &r);
		report_v(r.h == THREE && r.l == 0x4004000000000000UL, r, "VFADB: [1, 2] + [2, 0.5]");
		r = V(~0UL, ~0UL);
		VRUN("wfadb %%v19,%%v16,%%v17", a, b, zero, &r);
		report_v(r.h == THREE, r, "WFADB: element 0");
	}
	{
		struct v128 a = V(0x4004000000000000UL, 0xbff8000000000000UL);
		VRUN("vfidb %%v19,%%v16,4,4", a, zero, zero, &r);
		report_v(r.h == TWO && r.l == 0xc000000000000000UL, r, "VFIDB nearest even: [2.5, -1.5] -> [2, -2]");
		VRUN("vfidb %%v19,%%v16,4,1", a, zero, zero, &r);
		report_v(r.h == THREE && r.l == 0xc000000000000000UL, r, "VFIDB ties away: [3, -2]");
		VRUN("vfidb %%v19,%%v16,4,5", a, zero, zero, &r);
		report_v(r.h == TWO && r.l == 0xbff0000000000000UL, r, "VFIDB toward 0: [2, -1]");
	}
	{
		struct v128 a = V(ONE, ONE), b = V(0, TWO);
		sfpc(0);
		VRUN("vfddb %%v19,%%v16,%%v17", a, b, zero, &r);
		u32 f = efpc();
		report(r.h == INF && r.l == HALF && f == 0x00400000, "VFDDB 1/0 masked: infinity, divide-by-zero flag");
		if (f != 0x00400000)
			report_info("FPC %08x", f);
	}
	{
		/* V16, V17 operands, V19 result (its old value must survive) */
		static struct v128 ops[3] = { V(ONE, ONE), V(TWO, 0), V(7, 7) };
		u64 after;
		u32 f;

		sfpc(0x40000000);
		asm volatile(CATCH_BEGIN "larl %%r1,1f\n stg %%r1,0(%[a])\n .machine push\n .machine z13\n vl %%v16,0(%[x])\n"
			     " vl %%v17,16(%[x])\n vl %%v19,32(%[x])\n vfddb %%v19,%%v16,%%v17\n 1: .machine pop\n" CATCH_END
			     : : [o] "a"(&out), [a] "a"(&after), [x] "a"(ops) : "r0", "r1", "cc", "memory");
		f = efpc();
		sfpc(0);
		asm volatile(".machine push\n .machine z13\n vst %%v19,%0\n .machine pop" : "=Q"(r) : : "memory");
		report(caught_code(&out) == 0x1b && caught_ilc(&out) == 6, "VFDDB 1/0 in element 1 enabled: vector-processing exception, ILC 6");
		report(out.addr == after, "VFDDB 1/0 in element 1: suppressed, old PSW after the instruction");
		report(LC_U8(LC_DXC) == 0x12 && f == 0x40001200, "VFDDB 1/0 in element 1: VXC 0x12 in the lowcore and the FPC");
		report_v(r.h == 7 && r.l == 7, r, "VFDDB 1/0 in element 1: V1 unchanged");
		if (out.addr != after || LC_U8(LC_DXC) != 0x12 || f != 0x40001200)
			report_info("code %x old PSW %016lx (next %016lx) VXC %02x FPC %08x", caught_code(&out), out.addr, after, LC_U8(LC_DXC), f);
	}
	{
		static struct v128 ops[2] = { V(QNAN, 0), V(ONE, 0) };
		u64 after;
		u32 f;

		sfpc(0x80000000);
		asm volatile(CATCH_BEGIN "larl %%r1,1f\n stg %%r1,0(%[a])\n .machine push\n .machine z13\n vl %%v16,0(%[x])\n"
			     " vl %%v17,16(%[x])\n wfkdb %%v16,%%v17\n 1: .machine pop\n" CATCH_END
			     : : [o] "a"(&out), [a] "a"(&after), [x] "a"(ops) : "r0", "r1", "cc", "memory");
		f = efpc();
		sfpc(0);
		report(caught_code(&out) == 0x1b && LC_U8(LC_DXC) == 0x01 && f == 0x80000100, "WFKDB on a QNaN with invalid enabled: VXC 0x01");
		report(out.addr == after, "WFKDB on a QNaN with invalid enabled: old PSW after the instruction");
		cc = VRUN("wfcdb %%v16,%%v17", ops[0], ops[1], zero, &r);
		report(cc == 3 && efpc() == 0, "WFCDB on a QNaN: CC 3, no exception");
	}
	{
		struct v128 a = V(0, 0xfff0000000000000UL);
		cc = VRUN("vftcidb %%v19,%%v16,0x810", a, zero, zero, &r);
		report_v(r.h == ~0UL && r.l == ~0UL && cc == 0, r, "VFTCIDB: +0 and -infinity selected, CC 0");
	}
}

int main(int argc, char **argv)
{
	report_prefix_push("vector");
	if (facility_dwords < 3 || !(facilities[2] & (1UL << 62))) {
		report_skip("vector facility (129) not installed");
		report_prefix_pop();
		conf_exit();
	}
	test_enablement();
	test_registers();
	test_loads_stores();
	test_integer();
	test_string();
	test_bfp();
	report_prefix_pop();
	conf_exit();
}
