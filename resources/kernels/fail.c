/* Fails on purpose: one result of each kind, so that harnesses can check their verdict rules. */
#include "lib/kernel.h"

int main(int argc, char **argv)
{
	report_prefix_push("fail");
	report(true, "this check passes");
	report(false, "this check fails on purpose");
	report_xfail(true, false, "expected failure");
	report_kfail(true, false, "known failure");
	report_skip("skipped on purpose");
	report_info("five results: PASS FAIL XFAIL KFAIL SKIP");
	report_prefix_pop();
	return report_summary();
}
