/*
 * Fails on purpose, so that harnesses can check their verdict rules. By its first argument:
 *   (none)  one PASS, FAIL, XFAIL, KFAIL and SKIP each             -> EXIT: STATUS=3
 *   skip    only SKIP results                                      -> EXIT: STATUS=77
 *   abort   one PASS, then an unexpected program interrupt: ABORT  -> EXIT: STATUS=127
 */
#include "lib/kernel.h"

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";

	report_prefix_push("fail");
	if (!strcmp(mode, "skip")) {
		report_skip("nothing to test here");
		report_skip("nor here");
	} else if (!strcmp(mode, "abort")) {
		report(true, "this check passes");
		asm volatile(".insn e,0x0000"); /* operation exception nobody expects */
		report(true, "never reached");
	} else {
		report(true, "this check passes");
		report(false, "this check fails on purpose");
		report_xfail(true, false, "expected failure");
		report_kfail(true, false, "known failure");
		report_skip("skipped on purpose");
		report_info("five results: PASS FAIL XFAIL KFAIL SKIP");
	}
	report_prefix_pop();
	return report_summary();
}
