/*
 * The message-security assist's hash and random-number functions a z15 installs (POP ch. 7 COMPUTE INTERMEDIATE
 * MESSAGE DIGEST, COMPUTE LAST MESSAGE DIGEST, CIPHER MESSAGE WITH CHAINING, PERFORM RANDOM NUMBER OPERATION;
 * NIST FIPS 180-4, SP 800-90A):
 * - KIMD/KLMD query: SHA-256 (2) and SHA-512 (3) installed; KLMD SHA-256 and SHA-512 of "abc" and of the 896-bit
 *   two-block message (FIPS 180-4 examples), KIMD over the first block then KLMD with the message bit length;
 *   a KIMD length that is not a multiple of the block size (specification).
 * - KMC query: PRNG (67) installed; KMC-PRNG over two blocks (ANSI X9.17 with TDEA: output and chaining value, the
 *   expected bytes computed with OpenSSL's DES-EDE3).
 * - PRNO query: SHA-512-DRNG (3), TRNG-query-raw-to-conditioned-ratio (112), TRNG (114) installed; SHA-512-DRNG
 *   seed of a zero parameter block (instantiate: V and C of NIST's Hash_DRBG SHA-512 CAVS vector, COUNT 0) and two
 *   256-byte generates (the second gives that vector's output; reseed counter 3, 512 stream bytes); TRNG into a raw
 *   and a conditioned buffer (CC 0, registers advanced, bytes stored); TRNG-QRTCR (two nonzero counts); an odd R1
 *   and an uninstalled function code (specification).
 */
#include "conf.h"

#define KIMD(r2) ".insn rre,0xb93e0000,0," #r2 "\n"
#define KLMD(r2) ".insn rre,0xb93f0000,0," #r2 "\n"
#define PRNO(r1, r2) ".insn rre,0xb93c0000," #r1 "," #r2 "\n"
#define KMC(r1, r2) ".insn rre,0xb92f0000," #r1 "," #r2 "\n"

static u8 buf[4096] __attribute__((aligned(8)));
static u8 pb[256] __attribute__((aligned(8)));

static int hexval(char c)
{
	return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
/* Bytes of a hex string into out; returns the count. */
static int unhex(const char *s, u8 *out)
{
	int n = 0;

	for (; s[0] && s[1]; s += 2)
		out[n++] = hexval(s[0]) << 4 | hexval(s[1]);
	return n;
}

/* Query (function 0) of a CPACF instruction into m[0..1]; returns the CC. */
static int query(int which, u64 m[2])
{
	register u64 r0 asm("0") = 0;
	register u64 r1 asm("1") = (u64)m;
	int cc;

	if (which == 0)
		asm volatile(KIMD(%%r2) "ipm %0\n srl %0,28" : "=d"(cc) : "d"(r0), "d"(r1) : "cc", "memory", "r2", "r3");
	else if (which == 1)
		asm volatile(KLMD(%%r2) "ipm %0\n srl %0,28" : "=d"(cc) : "d"(r0), "d"(r1) : "cc", "memory", "r2", "r3");
	else if (which == 2)
		asm volatile(PRNO(%%r2, %%r4) "ipm %0\n srl %0,28" : "=d"(cc) : "d"(r0), "d"(r1) : "cc", "memory", "r2", "r3", "r4", "r5");
	else
		asm volatile(KMC(%%r2, %%r4) "ipm %0\n srl %0,28" : "=d"(cc) : "d"(r0), "d"(r1) : "cc", "memory", "r2", "r3", "r4", "r5");
	return cc;
}
static bool has(const u64 m[2], int fc)
{
	return (m[fc / 64] >> (63 - fc % 64)) & 1;
}

/* KIMD (last = false) or KLMD with function fc over [msg, msg + len) and the parameter block pb; loops on CC 3.
 * Returns the program-interruption code (0: none); *left gets the final R3. */
static u16 digest(bool last, u64 fc, const u8 *msg, u64 len, u64 *left)
{
	expect_pgm_int();
	register u64 r0 asm("0") = fc;
	register u64 r1 asm("1") = (u64)pb;
	register u64 r2 asm("2") = (u64)msg;
	register u64 r3 asm("3") = len;

	if (last)
		asm volatile("0: " KLMD(%%r2) "jo 0b" : "+d"(r2), "+d"(r3) : "d"(r0), "d"(r1) : "cc", "memory");
	else
		asm volatile("0: " KIMD(%%r2) "jo 0b" : "+d"(r2), "+d"(r3) : "d"(r0), "d"(r1) : "cc", "memory");
	*left = r3;
	return clear_pgm_int();
}

static const char SHA256_IV[] = "6a09e667bb67ae853c6ef372a54ff53a510e527f9b05688c1f83d9ab5be0cd19";
static const char SHA512_IV[] = "6a09e667f3bcc908bb67ae8584caa73b3c6ef372fe94f82ba54ff53a5f1d36f1510e527fade682d1"
				"9b05688c2b3e6c1f1f83d9abfb41bd6b5be0cd19137e2179";
static const char TWO_BLOCK[] = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqr"
				"lmnopqrsmnopqrstnopqrstu";

/* One KLMD digest of text with the IV loaded and the message bit length after it; true when it equals want. */
static bool klmd_text(bool s512, const char *text, const char *want)
{
	u8 expect[64];
	int icv = unhex(s512 ? SHA512_IV : SHA256_IV, pb);
	u64 len = strlen(text), left = 1;

	memset(pb + icv, 0, 16);
	*(u64 *)(pb + icv + (s512 ? 8 : 0)) = len * 8;
	memcpy(buf, text, len);
	u16 code = digest(true, s512 ? 3 : 2, buf, len, &left);
	unhex(want, expect);
	return code == 0 && left == 0 && !memcmp(pb, expect, icv);
}

static void test_digests(void)
{
	u64 m[2] = { 0, 0 }, left = 1;
	u8 expect[64];

	query(0, m);
	report(has(m, 0) && has(m, 2) && has(m, 3), "KIMD query: SHA-256 (2) and SHA-512 (3) installed");
	m[0] = m[1] = 0;
	query(1, m);
	report(has(m, 0) && has(m, 2) && has(m, 3), "KLMD query: SHA-256 (2) and SHA-512 (3) installed");

	report(klmd_text(false, "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"), "KLMD SHA-256 of \"abc\"");
	report(klmd_text(true, "abc", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"),
	       "KLMD SHA-512 of \"abc\"");
	report(klmd_text(true, TWO_BLOCK, "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909"),
	       "KLMD SHA-512 of the 896-bit message (two blocks with the padding)");

	/* KIMD over the first 64 bytes, then KLMD over the rest with the whole message's bit length */
	int icv = unhex(SHA256_IV, pb);
	memcpy(buf, TWO_BLOCK, 112);
	u16 c1 = digest(false, 2, buf, 64, &left);
	u64 left1 = left;
	memset(pb + icv, 0, 8);
	*(u64 *)(pb + icv) = 112 * 8;
	u16 c2 = digest(true, 2, buf + 64, 48, &left);
	unhex("cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1", expect);
	report(c1 == 0 && left1 == 0 && c2 == 0 && left == 0 && !memcmp(pb, expect, 32), "KIMD SHA-256 of a block, then KLMD of the rest");

	unhex(SHA512_IV, pb);
	report(digest(false, 3, buf, 100, &left) == PGM_SPECIFICATION, "KIMD SHA-512 of 100 bytes: specification");
}

/* ---- KMC-PRNG ------------------------------------------------------------------------------------------------- */

static void test_kmc_prng(void)
{
	u64 m[2] = { 0, 0 };
	u8 want[16];

	query(3, m);
	report(has(m, 0) && has(m, 67), "KMC query: PRNG (67) installed");
	unhex("0f2b8e638c8ed252" "0123456789abcdeffedcba987654321089abcdef01234567", pb);
	unhex("000102030405060708090a0b0c0d0e0f", buf);
	expect_pgm_int();
	register u64 r0 asm("0") = 67;
	register u64 r1 asm("1") = (u64)pb;
	register u64 r2 asm("2") = (u64)buf + 64;
	register u64 r4 asm("4") = (u64)buf;
	register u64 r5 asm("5") = 16;
	asm volatile("0: " KMC(%%r2, %%r4) "jo 0b" : "+d"(r2), "+d"(r4), "+d"(r5) : "d"(r0), "d"(r1) : "cc", "memory");
	u64 dst = r2, src = r4, len = r5; /* before the call, which clobbers r0-r5 */
	u16 code = clear_pgm_int();
	unhex("23fce5234bcc5c8bfdf756abed835076", want);
	bool out = !memcmp(buf + 64, want, 16);
	unhex("a5074009d13e44ef", want);
	report(code == 0 && out && !memcmp(pb, want, 8) && len == 0 && dst == (u64)buf + 80 && src == (u64)buf + 16,
	       "KMC-PRNG of two blocks: X9.17 output and chaining value, registers advanced");
}

/* ---- PRNO ----------------------------------------------------------------------------------------------------- */

static const char NIST_SEED[] = "6b50a7d8f8a55d7a3df8bb40bcc3b722d8708de67fda010b03c4c84d72096f8c3ec649cc6256d9fa31db7a2904aaf025";
static const char NIST_V0[] = "00ade36f9a01c776613435f54e247422219a2989c7932e601ee814248dd503f1655d082272d5ad95e1231e8aa713d92b5ebcbb80ab8de579"
			      "ab5b474eddee6b038f0f5c5ea91a83ddd388b2754bce8336574bf15cca7e09c0d389c6e0dac4817e5bf9e101c19205eaf52fc6c6c78fbcf4";
static const char NIST_C0[] = "00f4a3e5a0726395c64f48d08b5b5f8e6b961f16edbc66944531d7477322a586cec04cac63b83950bfe6596c3858991f27a79d712ab37bf9"
			      "fb1786aa9981aa43e437d31e6ee5e6eec2ed954f530e468acc45a5db690d81c93292bc8f33e6f6097c8e05190df1b6ccf302219025eced0e";
static const char NIST_OUT[] =
	"95b7f17e9802d3577392c6a9c08083b67dd1292265b5f42d237f1c55bb9b10bfcfd82c77a378b8266a0099143b3c2d64611eeeb69acdc055957c139e8b190c7a"
	"06955f2c797c2778de940396a501f40e91396acf8d7e45ebdbb53bbf8c975230d2f0ff9106c76119ae498e7fbc03d90f8e4c51627aed5c8d4263d5d2b978873a"
	"0de596ee6dc7f7c29e37eee8b34c90dd1cf6a9ddb22b4cbd086b14b35de93da2d5cb1806698cbd7bbb67bfe3d31fd2d1dbd2a1e058a3eb99d7e51f1a938eed5e"
	"1c1de23a6b4345d3191409f92f39b3670d8dbfb635d8e6a36932d81033d1448d63b403ddf88e121b6e819ac381226c1321e4b08644f6727c368c5a9f7a4b3ee2";

/* PRNO with GR0 = fc, GR1 = pb, R2/R3 and R4/R5 the operand pairs; loops on CC 3. Returns the program code (0:
 * none); the final registers go back through the pointers. */
static u16 prno(u64 fc, u64 *a2, u64 *l2, u64 *a4, u64 *l4)
{
	expect_pgm_int();
	register u64 r0 asm("0") = fc;
	register u64 r1 asm("1") = (u64)pb;
	register u64 r2 asm("2") = *a2;
	register u64 r3 asm("3") = *l2;
	register u64 r4 asm("4") = *a4;
	register u64 r5 asm("5") = *l4;

	asm volatile("0: " PRNO(%%r2, %%r4) "jo 0b" : "+d"(r2), "+d"(r3), "+d"(r4), "+d"(r5) : "d"(r0), "d"(r1) : "cc", "memory");
	*a2 = r2, *l2 = r3, *a4 = r4, *l4 = r5;
	return clear_pgm_int();
}

static void test_prno(void)
{
	u64 m[2] = { 0, 0 };
	u8 want[256];

	query(2, m);
	report(has(m, 0) && has(m, 3), "PRNO query: SHA-512-DRNG (3) installed");
	report(has(m, 112) && has(m, 114), "PRNO query: TRNG-query-raw-to-conditioned-ratio (112) and TRNG (114) installed");

	/* SHA-512-DRNG: instantiate with the NIST seed, then two generates */
	u64 a2 = 0, l2 = 0, a4 = (u64)buf, l4 = unhex(NIST_SEED, buf);
	memset(pb, 0, sizeof(pb));
	u16 code = prno(0x83, &a2, &l2, &a4, &l4);
	unhex(NIST_V0, want);
	bool v = !memcmp(pb + 16, want, 112);
	unhex(NIST_C0, want);
	report(code == 0 && v && !memcmp(pb + 128, want, 112) && *(u32 *)(pb + 4) == 1, "SHA-512-DRNG seed: V and C of the NIST vector, reseed counter 1");
	u16 c1, c2;
	a2 = (u64)buf + 1024, l2 = 256;
	c1 = prno(3, &a2, &l2, &a4, &l4);
	a2 = (u64)buf + 1024, l2 = 256;
	c2 = prno(3, &a2, &l2, &a4, &l4);
	unhex(NIST_OUT, want);
	report(c1 == 0 && c2 == 0 && l2 == 0 && a2 == (u64)buf + 1280 && !memcmp(buf + 1024, want, 256),
	       "SHA-512-DRNG generate: the second 256 bytes are the NIST output, R2/R3 advanced");
	report(*(u32 *)(pb + 4) == 3 && *(u64 *)(pb + 8) == 512, "SHA-512-DRNG generate: reseed counter 3, 512 stream bytes");

	/* TRNG: 16 raw and 48 conditioned bytes */
	memset(buf, 0, 128);
	a2 = (u64)buf, l2 = 16, a4 = (u64)buf + 64, l4 = 48;
	code = prno(114, &a2, &l2, &a4, &l4);
	bool raw = false, cond = false;
	for (int i = 0; i < 16; i++)
		raw |= buf[i] != 0;
	for (int i = 0; i < 48; i++)
		cond |= buf[64 + i] != 0;
	report(code == 0 && l2 == 0 && l4 == 0 && a2 == (u64)buf + 16 && a4 == (u64)buf + 112 && raw && cond,
	       "TRNG: raw and conditioned bytes stored, both pairs advanced to length 0");

	memset(pb, 0, 8);
	code = prno(112, &a2, &l2, &a4, &l4);
	report(code == 0 && *(u32 *)pb != 0 && *(u32 *)(pb + 4) != 0, "TRNG-query-raw-to-conditioned-ratio: two nonzero counts");

	{
		expect_pgm_int();
		register u64 r0 asm("0") = 114;
		register u64 r1 asm("1") = (u64)pb;
		asm volatile(PRNO(%%r3, %%r4) : : "d"(r0), "d"(r1) : "cc", "memory", "r3", "r4", "r5");
		report(clear_pgm_int() == PGM_SPECIFICATION, "PRNO with an odd R1: specification");
	}
	a2 = (u64)buf, l2 = 8, a4 = (u64)buf, l4 = 8;
	report(prno(113, &a2, &l2, &a4, &l4) == PGM_SPECIFICATION, "PRNO function 113 (not installed): specification");
}

int main(int argc, char **argv)
{
	report_prefix_push("msa");
	test_digests();
	test_kmc_prng();
	test_prno();
	report_prefix_pop();
	conf_exit();
}
