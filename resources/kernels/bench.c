/*
 * Compute benchmark with a fixed amount of work and known answers: a sieve of Eratosthenes, a bitwise
 * CRC-32 and an FNV-1a 64-bit hash over pseudo-random data. Elapsed times (TOD clock) are INFO lines:
 * "INFO: bench: time <part> <ms> ms". The expected values were computed independently on a host
 * (Python: a plain sieve, zlib.crc32, FNV-1a 64 over the same LCG bytes).
 */
#include "lib/kernel.h"

#define SIEVE_LIMIT 2000000
#define SIEVE_ROUNDS 6
#define SIEVE_PRIMES 148933 /* primes below 2,000,000 */
#define DATA_SIZE (1 << 20)
#define CRC_ROUNDS 16
#define FNV_ROUNDS 32
#define LCG_SEED 0x5eed1234u

static u8 composite[SIEVE_LIMIT];
static u8 data[DATA_SIZE];

static u64 ms_since(u64 start)
{
	return ((stck() - start) >> 12) / 1000;
}

static u32 sieve(void)
{
	u32 i, j, count = 0;

	memset(composite, 0, sizeof(composite));
	for (i = 2; i < SIEVE_LIMIT; i++) {
		if (composite[i])
			continue;
		count++;
		for (j = i * 2; j < SIEVE_LIMIT; j += i)
			composite[j] = 1;
	}
	return count;
}

static void fill_data(void)
{
	u32 x = LCG_SEED;
	u32 i;

	for (i = 0; i < DATA_SIZE; i++) {
		x = x * 1103515245u + 12345u;
		data[i] = (u8)(x >> 16);
	}
}

static u32 crc32(const u8 *p, u32 n)
{
	u32 crc = 0xffffffffu;
	int k;

	while (n--) {
		crc ^= *p++;
		for (k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
	}
	return ~crc;
}

static u64 fnv1a64(u64 h, const u8 *p, u32 n)
{
	while (n--) {
		h ^= *p++;
		h *= 0x100000001b3UL;
	}
	return h;
}

int main(int argc, char **argv)
{
	u64 total = stck(), t, hash;
	u32 primes, crc = 0;
	int r;
	bool ok = true;

	report_prefix_push("bench");

	t = stck();
	for (r = 0; r < SIEVE_ROUNDS; r++) {
		primes = sieve();
		ok = ok && primes == SIEVE_PRIMES;
	}
	report(ok, "sieve: %d rounds, primes below %d == %d", SIEVE_ROUNDS, SIEVE_LIMIT, SIEVE_PRIMES);
	report_info("time sieve %lu ms", ms_since(t));

	t = stck();
	fill_data();
	ok = true;
	for (r = 0; r < CRC_ROUNDS; r++) {
		crc = crc32(data, DATA_SIZE);
		ok = ok && crc == 0xdf6e27c0u;
	}
	report(ok, "crc32: %d rounds over 1 MiB == 0xdf6e27c0", CRC_ROUNDS);
	if (!ok)
		report_info("crc32 0x%08x", crc);
	report_info("time crc32 %lu ms", ms_since(t));

	t = stck();
	hash = 0xcbf29ce484222325UL;
	for (r = 0; r < FNV_ROUNDS; r++)
		hash = fnv1a64(hash, data, DATA_SIZE);
	report(hash == 0x4beb3ae5b4ec6b25UL, "fnv1a64: %d x 1 MiB == 0x4beb3ae5b4ec6b25", FNV_ROUNDS);
	if (hash != 0x4beb3ae5b4ec6b25UL)
		report_info("fnv1a64 0x%016lx", hash);
	report_info("time fnv1a64 %lu ms", ms_since(t));

	report_info("time total %lu ms", ms_since(total));
	report_prefix_pop();
	return report_summary();
}
