/*
 * ipl-amode: reports what ipl-amode.S observed in the 31-bit and 24-bit modes before the library started, against
 * the POP's results (ch. 7 LA: bits 33-63 / 40-63 of the address, the bits between zero; BAL/BALR in the 24-bit
 * mode: ILC, CC and program mask in bits 32-39; BAS/BASR/BRAS: bit 32 one in the 31-bit mode, bits 32-39 zero in
 * the 24-bit mode; BSM/BASSM: bit 32 of R1 is the mode bit, R2 bit 32 selects the new mode; ch. 5: addresses and the
 * instruction address wrap at 2^24 and 2^31, bits left of the mode are ignored).
 */
#include "conf.h"
#include "ipl-amode.h"

extern u32 ipl_obs[OBS_COUNT];
extern char ipl_l_bassm31[], ipl_l_bal31[], ipl_l_bas31[], ipl_l_bras31[], ipl_l_basr31[], ipl_l_ret31[], ipl_l_t24[],
	ipl_l_back31[], ipl_l_t31hi[], ipl_l_bassm24[], ipl_l_bal24[], ipl_l_balr24[], ipl_l_bas24[], ipl_l_bras24[],
	ipl_l_basr24[], ipl_l_t24hi[], ipl_l_final31[];

static u32 at(const char *label) { return (u32)(unsigned long)label; }

static void check(int slot, u32 want, const char *what)
{
	u32 got = ipl_obs[slot];
	if (!report(got == want, "%s", what))
		report_info("%s: got %08x, expected %08x", what, got, want);
}

int main(int argc, char **argv)
{
	const u32 *psw = &ipl_obs[OBS_CRASH_PSW];

	report_prefix_push("ipl-amode");
	report_info("entered with PSW bits 0-63 %08x %08x", ipl_obs[OBS_ENTRY_HI], ipl_obs[OBS_ENTRY_LO]);
	if (!report(ipl_obs[OBS_CRASHES] == 0, "no program interruption in the 24/31-bit sequence"))
		report_info("%u program interruptions; the first: code %04x, old PSW %08x%08x %08x%08x (the checks "
			    "after it in its group did not run)", ipl_obs[OBS_CRASHES], ipl_obs[OBS_CRASH_CODE] & 0xffff,
			    psw[0], psw[1], psw[2], psw[3]);
	check(OBS_DONE, OBS_DONE_MAGIC, "the 24/31-bit sequence ran to its end");

	report_prefix_push("31-bit");
	check(OBS_BASSM31, 0x80000000 | at(ipl_l_bassm31), "BASSM R1,0: bit 32 one, the next address");
	check(OBS_LA31_WRAP, 0, "LA of 0x7fffffff + 1 wraps to 0");
	check(OBS_LA31_BITS, 0x7fffffff, "LA of 0xffffffff: bit 32 zero");
	check(OBS_BAL31, 0x80000000 | at(ipl_l_bal31), "BAL link: bit 32 one, the next address");
	check(OBS_BAS31, 0x80000000 | at(ipl_l_bas31), "BAS link: bit 32 one, the next address");
	check(OBS_BRAS31, 0x80000000 | at(ipl_l_bras31), "BRAS link: bit 32 one, the next address");
	check(OBS_BASR31, 0x80000000 | at(ipl_l_basr31), "BASR link: bit 32 one, the next address");
	check(OBS_BSM31, 0x92345678, "BSM R1,0: bit 32 of R1 set to the mode bit, the rest kept");
	check(OBS_TO24_LINK, 0x80000000 | at(ipl_l_ret31), "BASSM to a 24-bit address: link with bit 32 one");
	check(OBS_AT24_LINK, at(ipl_l_t24), "BASSM target runs in the 24-bit mode (its BASSM link has bit 32 zero)");
	check(OBS_BACK31, 0x80000000 | at(ipl_l_back31), "BSM through the link returns in the 31-bit mode");
	check(OBS_HIGHBIT31, 0x80000000 | at(ipl_l_t31hi), "BR to an address with bit 32 one lands at bits 33-63");
	check(OBS_FINAL31, 0x80000000 | at(ipl_l_final31), "BSM from the 24-bit mode with R2 bit 32 one: 31-bit mode");
	check(OBS_AT16M, 0x41300001, "24-bit stores wrapping at 16 MiB leave 0x1000000 alone");
	report_prefix_pop();

	report_prefix_push("24-bit");
	check(OBS_BASSM24, at(ipl_l_bassm24), "BASSM R1,0: bits 32-39 zero, the next address");
	check(OBS_LA24_WRAP, 0, "LA of 0xffffff + 1 wraps to 0");
	check(OBS_LA24_BITS, 0x00123456, "LA of 0xaa123456: bits 32-39 zero");
	check(OBS_LA24_DISP, 0x00000fef, "LA 4095 past 0xfffff0 wraps to 0xfef");
	check(OBS_BAL24, 0x9f000000 | at(ipl_l_bal24), "BAL link: ILC 2, CC 1, program mask 15, the next address");
	check(OBS_BALR24, 0x6a000000 | at(ipl_l_balr24), "BALR link: ILC 1, CC 2, program mask 10, the next address");
	check(OBS_BAS24, at(ipl_l_bas24), "BAS link: bits 32-39 zero, the next address");
	check(OBS_BRAS24, at(ipl_l_bras24), "BRAS link: bits 32-39 zero, the next address");
	check(OBS_BASR24, at(ipl_l_basr24), "BASR link: bits 32-39 zero, the next address");
	check(OBS_BSM24, 0x72345678, "BSM R1,0: bit 32 of R1 set to the mode bit (0), the rest kept");
	check(OBS_HIGHBIT24, at(ipl_l_t24hi), "BR to an address with bits 32-39 set lands at bits 40-63");
	check(OBS_LM24 + 0, 0x11111111, "STM/LM from 0xfffff8 (base bits 32-39 set): word 1 at 0xfffff8");
	check(OBS_LM24 + 1, 0x22222222, "STM/LM from 0xfffff8: word 2 at 0xfffffc");
	check(OBS_LM24 + 2, 0x33333333, "STM/LM from 0xfffff8: word 3 wrapped to 0");
	check(OBS_LM24 + 3, 0x44444444, "STM/LM from 0xfffff8: word 4 wrapped to 4");
	check(OBS_AT0, 0x33333333, "the wrapped STM word is at absolute 0");
	check(OBS_FETCH24, 2, "instruction fetch after 0xfffffc continues at 0, not 0x1000000");
	check(OBS_LINKWRAP24, 0, "BASR at 0xfffffe: the link wraps to 0");
	report_prefix_pop();

	conf_exit();
}
