/*
 * Console input: characters typed on the ASCII console (SCLP event type 0x1a) read with READ EVENT DATA.
 * Linked only into kernels that read input (migrate), so the other images stay as they are.
 */
#include "kernel.h"

#define SCLP_CMD_READ_EVENT_DATA 0x00770005u
#define SCLP_RC_NO_EVENT_BUFFERS_STORED 0x60f0
#define SCLP_CM2_VARIABLE_LENGTH_RESPONSE 0x80
#define EVENT_TYPE_ASCII 0x1a
#define EVENT_MASK_MESSAGE 0x40000000u
#define EVENT_MASK_ASCII 0x00000040u

static u8 read_sccb[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static char pending[64];
static int pending_len, pending_at;
static bool read_enabled;

static void enable_read(void)
{
	u8 *p = sccb_page;

	memset(p, 0, 32);
	p[1] = 8 + 4 + 16;                      /* header + reserved + mask length + 4 masks of 4 bytes */
	p[11] = 4;                              /* mask length */
	*(u32 *)(p + 12) = EVENT_MASK_ASCII;    /* receive: ASCII console input */
	*(u32 *)(p + 16) = EVENT_MASK_MESSAGE | EVENT_MASK_ASCII; /* send: as console_setup */
	sclp_call(SCLP_CMD_WRITE_EVENT_MASK, p);
	read_enabled = true;
}

/* One character typed on the console, or -1 when none is waiting. */
int console_getchar(void)
{
	struct sccb_header *h = (struct sccb_header *)read_sccb;
	u8 *ebh = read_sccb + sizeof(*h);
	int len;

	if (pending_at < pending_len)
		return (u8)pending[pending_at++];
	if (!read_enabled)
		enable_read();
	memset(read_sccb, 0, 64);
	h->length = PAGE_SIZE;
	h->control_mask[2] = SCLP_CM2_VARIABLE_LENGTH_RESPONSE;
	if (sclp_call(SCLP_CMD_READ_EVENT_DATA, read_sccb) != 0 || h->response_code == SCLP_RC_NO_EVENT_BUFFERS_STORED)
		return -1;
	if (ebh[2] != EVENT_TYPE_ASCII)
		return -1;
	len = ((ebh[0] << 8) | ebh[1]) - 6;
	if (len <= 0)
		return -1;
	if (len > (int)sizeof(pending))
		len = sizeof(pending);
	memcpy(pending, ebh + 6, len);
	pending_len = len;
	pending_at = 0;
	return (u8)pending[pending_at++];
}

/* Waits for one character typed on the console (NULs are not keys: QEMU 7.2 hands one over on a fresh console). */
int getchar(void)
{
	int c;

	while ((c = console_getchar()) <= 0)
		;
	return c;
}
