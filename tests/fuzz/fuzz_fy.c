/*
 * fuzz_fy.c: libFuzzer target for fiscal years, eras and dates
 * (generator/fy.c). The input is a string, as a YAML scalar gives it to
 * fy_parse() and date_parse(); whatever parses must print in every style
 * and parse back to the same value (the round trip that plan.yaml's
 * years.style relies on). The first bytes also make a fiscal year and a
 * date of their own, printed and parsed back the same way, so that the
 * printers see years and days no parser would give them.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fy.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const enum fy_style styles[] = {
	FY_STYLE_LONG, FY_STYLE_ERA, FY_STYLE_SHORT, FY_STYLE_WESTERN
};

static void
fail(const char *what, const char *in, const char *printed)
{
	fprintf(stderr, "fuzz_fy: %s: '%s' printed '%s'\n", what, in, printed);
	abort();
}

/* fy prints in every style and parses back, when it is in range. */
static void
fy_round_trip(int fy, const char *in)
{
	struct buf b = {0};
	size_t i;
	int back;

	for (i = 0; i < KK_ARRAY_LEN(styles); i++) {
		buf_reset(&b);
		fy_format(&b, fy, styles[i]);
		if (fy < FY_MIN_YEAR || fy > FY_MAX_YEAR)
			continue;
		back = -1;
		if (fy_parse(buf_str(&b), &back) != 0 || back != fy)
			fail("fiscal year does not parse back", in, buf_str(&b));
	}
	buf_reset(&b);
	fy_era_year(&b, fy);
	buf_free(&b);
}

static void
date_round_trip(const struct kdate *d, const char *in)
{
	struct buf b = {0};
	struct kdate back;
	char why[128];
	size_t i;

	for (i = 0; i < KK_ARRAY_LEN(styles); i++) {
		buf_reset(&b);
		date_format(&b, d, styles[i]);
		if (d->year < FY_MIN_YEAR || d->year > FY_MAX_YEAR)
			continue;
		memset(&back, 0, sizeof(back));
		why[0] = '\0';
		if (date_parse_why(buf_str(&b), &back, why, sizeof(why)) != 0 ||
		    back.year != d->year || back.month != d->month ||
		    back.day != d->day)
			fail("date does not parse back", in, buf_str(&b));
	}
	buf_free(&b);
}

/* Any value prints, in every style, without parsing it back. */
static void
date_print(const struct kdate *d)
{
	struct buf b = {0};
	size_t i;

	for (i = 0; i < KK_ARRAY_LEN(styles); i++)
		date_format(&b, d, styles[i]);
	buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kdate d, mine;
	enum fy_style st;
	char why[64], *s;
	int fy;

	if (size > 512)
		return -1;	/* a year or a date is a short scalar */
	s = xmalloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	if (fy_parse(s, &fy) == 0) {
		if (fy < FY_MIN_YEAR || fy > FY_MAX_YEAR)
			fail("fy_parse accepted a year out of range", s, "");
		fy_round_trip(fy, s);
	}
	why[0] = '\0';
	if (date_parse_why(s, &d, why, sizeof(why)) == 0) {
		if (d.year < FY_MIN_YEAR || d.year > FY_MAX_YEAR ||
		    d.month < 0 || d.month > 12 || d.day < 0 || d.day > 31 ||
		    (d.month == 0 && d.day != 0))
			fail("date_parse accepted an impossible date", s, "");
		date_round_trip(&d, s);
	}
	if (strlen(why) >= sizeof(why))
		abort();
	(void)date_parse(s, &d);
	if (fy_style_parse(s, &st) == 0)
		(void)fy_style_name(st);
	(void)fy_style_name((enum fy_style)(size % 7));
	/* Values of our own from the first bytes: printed in every style. */
	if (size >= 8) {
		int32_t y;

		memcpy(&y, data, 4);
		fy_round_trip(y, "(bytes)");
		fy_round_trip(FY_MIN_YEAR + (int)((uint32_t)y % 8200), "(bytes)");
		mine.year = y;
		mine.month = (int8_t)data[4];
		mine.day = (int8_t)data[5];
		date_print(&mine);
		mine.year = FY_MIN_YEAR + (int)((uint32_t)y % 8100);
		mine.month = data[4] % 13;
		mine.day = mine.month == 0 ? 0 : data[5] % 32;
		/* Only real days must round-trip. */
		{
			struct buf b = {0};
			struct kdate chk;

			buf_printf(&b, "%04d-%02d-%02d", mine.year,
			    mine.month, mine.day);
			if (mine.month > 0 && mine.day > 0 &&
			    date_parse(buf_str(&b), &chk) == 0)
				date_round_trip(&mine, buf_str(&b));
			buf_free(&b);
		}
	}
	free(s);
	return 0;
}
