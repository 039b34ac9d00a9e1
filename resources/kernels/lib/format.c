/* A small vsnprintf: %d %i %u %x %X %o %c %s %p %%, flags '-' '0' '#', width, precision for %s, l/ll/z. */
#include "kernel.h"

struct out {
	char *buf;
	size_t size;
	size_t len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_padded(struct out *o, const char *s, int n, int width, bool left, char pad)
{
	int i;

	if (!left)
		for (i = n; i < width; i++)
			put(o, pad);
	for (i = 0; i < n; i++)
		put(o, s[i]);
	if (left)
		for (i = n; i < width; i++)
			put(o, ' ');
}

static void put_number(struct out *o, u64 v, bool neg, unsigned base, bool upper, bool alt,
		       int width, bool left, bool zero)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[32];
	int n = sizeof(tmp);
	int len;

	do {
		tmp[--n] = digits[v % base];
		v /= base;
	} while (v);
	if (zero && !left) {
		int want = width - (neg ? 1 : 0) - (alt && base == 16 ? 2 : 0);

		while (sizeof(tmp) - n < (size_t)want && n > 3)
			tmp[--n] = '0';
	}
	if (alt && base == 16) {
		tmp[--n] = upper ? 'X' : 'x';
		tmp[--n] = '0';
	}
	if (neg)
		tmp[--n] = '-';
	len = sizeof(tmp) - n;
	put_padded(o, tmp + n, len, width, left, ' ');
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list va)
{
	struct out o = { buf, size, 0 };

	for (; *fmt; fmt++) {
		bool left = false, zero = false, alt = false;
		int width = 0, prec = -1, lng = 0;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		for (fmt++;; fmt++) {
			if (*fmt == '-')
				left = true;
			else if (*fmt == '0')
				zero = true;
			else if (*fmt == '#')
				alt = true;
			else
				break;
		}
		if (*fmt == '*') {
			width = va_arg(va, int);
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		if (*fmt == '.') {
			prec = 0;
			for (fmt++; *fmt >= '0' && *fmt <= '9'; fmt++)
				prec = prec * 10 + (*fmt - '0');
		}
		while (*fmt == 'l' || *fmt == 'z') {
			lng++;
			fmt++;
		}
		switch (*fmt) {
		case 'd':
		case 'i': {
			s64 v = lng ? va_arg(va, long) : va_arg(va, int);

			put_number(&o, v < 0 ? (u64)-v : (u64)v, v < 0, 10, false, false, width, left, zero);
			break;
		}
		case 'u':
		case 'x':
		case 'X':
		case 'o': {
			u64 v = lng ? va_arg(va, unsigned long) : va_arg(va, unsigned int);
			unsigned base = *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16;

			put_number(&o, v, false, base, *fmt == 'X', alt, width, left, zero);
			break;
		}
		case 'p':
			put_number(&o, (u64)va_arg(va, void *), false, 16, false, true, width, left, zero);
			break;
		case 'c': {
			char c = (char)va_arg(va, int);

			put_padded(&o, &c, 1, width, left, ' ');
			break;
		}
		case 's': {
			const char *s = va_arg(va, const char *);
			int n;

			if (!s)
				s = "(null)";
			n = (int)strlen(s);
			if (prec >= 0 && n > prec)
				n = prec;
			put_padded(&o, s, n, width, left, ' ');
			break;
		}
		case '%':
			put(&o, '%');
			break;
		case '\0':
			fmt--;
			break;
		default:
			put(&o, '%');
			put(&o, *fmt);
		}
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list va;
	int n;

	va_start(va, fmt);
	n = vsnprintf(buf, size, fmt, va);
	va_end(va);
	return n;
}

int printf(const char *fmt, ...)
{
	char buf[512];
	va_list va;
	int n;

	va_start(va, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, va);
	va_end(va);
	puts(buf);
	return n;
}
