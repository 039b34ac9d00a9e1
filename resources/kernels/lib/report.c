/* Test reporting with the kvm-unit-tests words, prefix path and SUMMARY line. */
#include "kernel.h"

#define DELIM ": "

static unsigned tests, failures, xfailures, kfailures, skipped;
static char prefixes[256];

void report_prefix_push(const char *prefix)
{
	size_t len = strlen(prefixes);

	snprintf(prefixes + len, sizeof(prefixes) - len, "%s" DELIM, prefix);
}

void report_prefix_pop(void)
{
	size_t len = strlen(prefixes);
	size_t j;

	if (len < 2)
		return;
	/* drop the last "name: " element: find the delimiter before the trailing one */
	for (j = len - 2; j >= 2; j--)
		if (prefixes[j - 2] == ':' && prefixes[j - 1] == ' ') {
			prefixes[j] = '\0';
			return;
		}
	prefixes[0] = '\0';
}

static void emit(const char *word, const char *fmt, va_list va)
{
	char msg[400];

	vsnprintf(msg, sizeof(msg), fmt, va);
	printf("%s: %s%s\n", word, prefixes, msg);
}

static bool va_report(bool pass, bool xfail, bool kfail, bool skip, const char *fmt, va_list va)
{
	const char *word = skip ? "SKIP" :
			   xfail ? (pass ? "XPASS" : "XFAIL") :
			   kfail ? (pass ? "PASS" : "KFAIL") :
				   (pass ? "PASS" : "FAIL");

	tests++;
	emit(word, fmt, va);
	if (skip)
		skipped++;
	else if (xfail && !pass)
		xfailures++;
	else if (kfail && !pass)
		kfailures++;
	else if (xfail || !pass)
		failures++;
	return pass || xfail;
}

bool report(bool pass, const char *fmt, ...)
{
	va_list va;
	bool r;

	va_start(va, fmt);
	r = va_report(pass, false, false, false, fmt, va);
	va_end(va);
	return r;
}

void report_pass(const char *fmt, ...)
{
	va_list va;

	va_start(va, fmt);
	va_report(true, false, false, false, fmt, va);
	va_end(va);
}

void report_fail(const char *fmt, ...)
{
	va_list va;

	va_start(va, fmt);
	va_report(false, false, false, false, fmt, va);
	va_end(va);
}

bool report_xfail(bool xfail, bool pass, const char *fmt, ...)
{
	va_list va;
	bool r;

	va_start(va, fmt);
	r = va_report(pass, xfail, false, false, fmt, va);
	va_end(va);
	return r;
}

bool report_kfail(bool kfail, bool pass, const char *fmt, ...)
{
	va_list va;
	bool r;

	va_start(va, fmt);
	r = va_report(pass, false, kfail, false, fmt, va);
	va_end(va);
	return r;
}

void report_skip(const char *fmt, ...)
{
	va_list va;

	va_start(va, fmt);
	va_report(false, false, false, true, fmt, va);
	va_end(va);
}

void report_info(const char *fmt, ...)
{
	va_list va;

	va_start(va, fmt);
	emit("INFO", fmt, va);
	va_end(va);
}

int report_summary(void)
{
	char buf[160];
	int n;

	n = snprintf(buf, sizeof(buf), "SUMMARY: %u tests", tests);
	if (failures)
		n += snprintf(buf + n, sizeof(buf) - n, ", %u unexpected failures", failures);
	if (kfailures)
		n += snprintf(buf + n, sizeof(buf) - n, ", %u known failures", kfailures);
	if (xfailures)
		n += snprintf(buf + n, sizeof(buf) - n, ", %u expected failures", xfailures);
	if (skipped)
		snprintf(buf + n, sizeof(buf) - n, ", %u skipped", skipped);
	printf("%s\n", buf);
	if (tests == skipped)
		return 77 >> 1;
	return failures ? 1 : 0;
}

void report_abort(const char *fmt, ...)
{
	va_list va;

	va_start(va, fmt);
	emit("ABORT", fmt, va);
	va_end(va);
	report_summary();
	exit(63);
}
