/* Prints one line and then never ends: for harness timeouts and cancellation. */
#include "lib/kernel.h"

int main(int argc, char **argv)
{
	volatile u64 spins = 0;

	printf("loop: started, spinning forever\n");
	for (;;)
		spins++;
	return 0;
}
