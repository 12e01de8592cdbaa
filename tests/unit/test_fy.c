/*
 * test_fy.c: unit tests for fy.c, fiscal years, eras and dates.
 *
 * Every accepted form of the spec (content-format.md section 3) and fy.h,
 * every era boundary, invalid input of every kind, and round trips: every
 * fiscal year and every day from 1926 to 2100 in every style parses back to
 * itself. A seeded pseudo-random token soup then checks that whatever the
 * parsers accept is in range and round-trips, and that nothing crashes (the
 * suite runs under ASan and UBSan).
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "fy.h"

static const enum fy_style all_styles[] = {
	FY_STYLE_LONG, FY_STYLE_ERA, FY_STYLE_SHORT, FY_STYLE_WESTERN
};

/* --- helpers --- */

/*
 * The input as printable text for a check's message: control characters and
 * the bytes of invalid UTF-8 as \xNN, so that one check stays one TAP line.
 */
static const char *
esc(const char *s, char *out, size_t size)
{
	size_t len, i, o = 0;
	int raw;

	if (s == NULL)
		return "(null)";
	len = strlen(s);
	raw = utf8_valid(s, len, NULL);
	for (i = 0; i < len && o + 5 < size; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f || (c >= 0x80 && !raw))
			o += (size_t)snprintf(out + o, size - o, "\\x%02x", c);
		else
			out[o++] = (char)c;
	}
	out[o] = '\0';
	return out;
}

static void
fy_ok(const char *s, int want)
{
	char e[256];
	int fy = -12345;

	CHECK(fy_parse(s, &fy) == 0 && fy == want,
	    "fy_parse(\"%s\") = %d (want %d)", esc(s, e, sizeof(e)), fy, want);
}

static void
fy_bad(const char *s)
{
	char e[256];
	int fy = -12345;
	int rc = fy_parse(s, &fy);

	CHECK(rc == -1 && fy == -12345, "fy_parse(\"%s\") rejected, *fy "
	    "untouched (rc %d, fy %d)", esc(s, e, sizeof(e)), rc, fy);
}

static void
date_ok(const char *s, int y, int m, int d)
{
	struct kdate k = { -1, -1, -1 };
	char e[256];
	int rc = date_parse(s, &k);

	CHECK(rc == 0 && k.year == y && k.month == m && k.day == d,
	    "date_parse(\"%s\") = %d-%d-%d rc %d (want %d-%d-%d)",
	    esc(s, e, sizeof(e)), k.year, k.month, k.day, rc, y, m, d);
}

static void
date_bad(const char *s)
{
	struct kdate k = { -7, -7, -7 };
	char e[256];
	int rc = date_parse(s, &k);

	CHECK(rc == -1 && k.year == -7 && k.month == -7 && k.day == -7,
	    "date_parse(\"%s\") rejected, *d untouched (rc %d)",
	    esc(s, e, sizeof(e)), rc);
}

static void
fy_fmt(int fy, enum fy_style st, const char *want)
{
	struct buf b = {0};

	fy_format(&b, fy, st);
	CHECK_STR(buf_str(&b), want, "fy_format(%d, %s)", fy,
	    fy_style_name(st));
	buf_free(&b);
}

static void
date_fmt(int y, int m, int d, enum fy_style st, const char *want)
{
	struct buf b = {0};
	struct kdate k = { y, m, d };

	date_format(&b, &k, st);
	CHECK_STR(buf_str(&b), want, "date_format(%d-%d-%d, %s)", y, m, d,
	    fy_style_name(st));
	buf_free(&b);
}

static void
era_year(int fy, const char *want)
{
	struct buf b = {0};

	fy_era_year(&b, fy);
	CHECK_STR(buf_str(&b), want, "fy_era_year(%d)", fy);
	buf_free(&b);
}

/* Formats fy in style st and parses it back; 0 if it comes back as fy. */
static int
fy_round(struct buf *b, int fy, enum fy_style st)
{
	int back = -1;

	buf_reset(b);
	fy_format(b, fy, st);
	return fy_parse(buf_str(b), &back) == 0 && back == fy ? 0 : -1;
}

/* Formats the date in style st and parses it back; 0 if it comes back equal. */
static int
date_round(struct buf *b, int y, int m, int d, enum fy_style st)
{
	struct kdate k = { y, m, d }, back = { -1, -1, -1 };

	buf_reset(b);
	date_format(b, &k, st);
	return date_parse(buf_str(b), &back) == 0 && back.year == y &&
	    back.month == m && back.day == d ? 0 : -1;
}

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
mdays(int y, int m)
{
	static const int n[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && leap(y) ? 29 : n[m - 1];
}

/* --- fiscal years: parsing --- */

static void
test_fy_forms(void)
{
	/* The spec's list, all FY2026. */
	fy_ok("R8", 2026);
	fy_ok("R 8", 2026);
	fy_ok("令和8年度", 2026);
	fy_ok("令和８年度", 2026);
	fy_ok("令和 8 年度", 2026);
	fy_ok("2026年度", 2026);
	fy_ok("FY2026", 2026);

	/* fy.h's further forms and their spellings. */
	fy_ok("r8", 2026);
	fy_ok("Ｒ８", 2026);
	fy_ok("ｒ８", 2026);
	fy_ok("Ｒ8", 2026);
	fy_ok("R８", 2026);
	fy_ok("Ｒ　８", 2026);
	fy_ok("FY 2026", 2026);
	fy_ok("fy2026", 2026);
	fy_ok("Fy2026", 2026);
	fy_ok("ＦＹ２０２６", 2026);
	fy_ok("ＦＹ　２０２６", 2026);
	fy_ok("2026", 2026);
	fy_ok("２０２６", 2026);
	fy_ok("２０２６年度", 2026);
	fy_ok("2026 年度", 2026);
	fy_ok("令和8", 2026);
	fy_ok("令和 8", 2026);
	fy_ok("R8年度", 2026);
	fy_ok("Ｒ８年度", 2026);
	fy_ok("R08", 2026);		/* a leading zero is harmless */
	fy_ok("令和08年度", 2026);

	/* Whitespace: ASCII and ideographic, around and between parts. */
	fy_ok(" R8", 2026);
	fy_ok("R8 ", 2026);
	fy_ok("   R8   ", 2026);
	fy_ok("　R8　", 2026);
	fy_ok("　令和　８　年度　", 2026);
	fy_ok(" \xe3\x80\x80 令和8年度 \xe3\x80\x80", 2026);
	fy_ok("FY  2026", 2026);
	fy_ok("  2026  年度  ", 2026);

	/* The long style parses back, with either kind of bracket. */
	fy_ok("令和8年度（2026年度）", 2026);
	fy_ok("令和8年度(2026年度)", 2026);
	fy_ok("令和８年度（２０２６年度）", 2026);
	fy_ok("令和8年度 （ 2026 年度 ） ", 2026);
	fy_ok("令和元年度（2019年度）", 2019);
	fy_ok("平成30年度（2018年度）", 2018);
	fy_ok("R8年度（2026年度）", 2026);

	/* 元 and year 1. */
	fy_ok("令和元年度", 2019);
	fy_ok("令和 元 年度", 2019);
	fy_ok("令和元", 2019);
	fy_ok("令和1年度", 2019);
	fy_ok("令和１年度", 2019);
	fy_ok("R1", 2019);
	fy_ok("R元", 2019);
	fy_ok("平成元年度", 1989);
	fy_ok("H1", 1989);
	fy_ok("昭和元年度", 1926);
	fy_ok("S1", 1926);

	/* Other years and eras, either case, fullwidth letters. */
	fy_ok("R7", 2025);
	fy_ok("R12", 2030);
	fy_ok("令和12年度", 2030);
	fy_ok("H30", 2018);
	fy_ok("h30", 2018);
	fy_ok("Ｈ３０", 2018);
	fy_ok("ｈ３０", 2018);
	fy_ok("平成30年度", 2018);
	fy_ok("平成２年度", 1990);
	fy_ok("H 2", 1990);
	fy_ok("S63", 1988);
	fy_ok("s63", 1988);
	fy_ok("Ｓ６３", 1988);
	fy_ok("昭和63年度", 1988);
	fy_ok("昭和50年度", 1975);
	fy_ok("FY2019", 2019);
	fy_ok("2019年度", 2019);
	fy_ok("1989年度", 1989);
}

static void
test_fy_era_ends(void)
{
	/* 平成31年度 names FY2019 (drafted before 令和 was announced). */
	fy_ok("H31", 2019);
	fy_ok("平成31年度", 2019);
	fy_ok("平成３１年度", 2019);
	fy_bad("H32");
	fy_bad("平成32年度");
	fy_bad("H33");
	fy_bad("H99");
	/* Likewise 昭和64 (seven days of 1989) names FY1989, 昭和65 nothing. */
	fy_ok("S64", 1989);
	fy_ok("昭和64年度", 1989);
	fy_bad("S65");
	fy_bad("昭和65年度");
	/* 大正: only 大正15 = 1926 is inside FY_MIN_YEAR. */
	fy_ok("T15", 1926);
	fy_ok("t15", 1926);
	fy_ok("大正15年度", 1926);
	fy_bad("T14");
	fy_bad("大正14年度");
	fy_bad("T16");
	fy_bad("大正元年度");
	/* Year 0 of an era does not exist. */
	fy_bad("R0");
	fy_bad("r0");
	fy_bad("Ｒ０");
	fy_bad("令和0年度");
	fy_bad("令和０年度");
	fy_bad("令和00年度");
	fy_bad("H0");
	fy_bad("平成0年度");
	fy_bad("S0");
	fy_bad("昭和0年度");
	fy_bad("T0");
	/* Bounds FY_MIN_YEAR .. FY_MAX_YEAR. */
	fy_ok("1926", FY_MIN_YEAR);
	fy_ok("1926年度", FY_MIN_YEAR);
	fy_ok("FY1926", FY_MIN_YEAR);
	fy_ok("9999年度", FY_MAX_YEAR);
	fy_ok("FY9999", FY_MAX_YEAR);
	fy_ok("R7981", FY_MAX_YEAR);
	fy_ok("令和7981年度", FY_MAX_YEAR);
	fy_bad("R7982");
	fy_bad("令和7982年度");
	fy_bad("R9999");
	fy_bad("1925");
	fy_bad("1925年度");
	fy_bad("FY1925");
	fy_bad("1000年度");
	fy_bad("0000年度");
	fy_bad("10000年度");
	fy_bad("FY10000");
}

static void
test_fy_invalid(void)
{
	int fy = 42;

	/* Empty and blank. */
	fy_bad(NULL);
	fy_bad("");
	fy_bad(" ");
	fy_bad("   ");
	fy_bad("　");
	fy_bad(" 　 ");
	/* Incomplete. */
	fy_bad("令和");
	fy_bad("令和 ");
	fy_bad("R");
	fy_bad("H");
	fy_bad("FY");
	fy_bad("FY ");
	fy_bad("年度");
	fy_bad("元年度");
	fy_bad("元");
	fy_bad("8年度");		/* a western year has four digits */
	fy_bad("26年度");
	fy_bad("8");
	fy_bad("26");
	fy_bad("202");
	fy_bad("02026");
	fy_bad("令和年度");
	/* Trailing or leading junk. */
	fy_bad("R8x");
	fy_bad("R8 x");
	fy_bad("R８ｘ");
	fy_bad("xR8");
	fy_bad("R8.");
	fy_bad("R8,");
	fy_bad("R8!");
	fy_bad("R8 R8");
	fy_bad("R8R8");
	fy_bad("2026年度2026年度");
	fy_bad("令和8年度です");
	fy_bad("令和8年度版");
	fy_bad("2026年度版");
	fy_bad("R8-");
	fy_bad("Reiwa8");
	fy_bad("Rei8");
	fy_bad("FYR8");
	fy_bad("FY R8");
	fy_bad("FY令和8");
	fy_bad("FY2026年度");
	fy_bad("X8");
	fy_bad("M45");		/* 明治 is not supported */
	fy_bad("明治45年度");
	/* Signs. */
	fy_bad("-2026");
	fy_bad("+2026");
	fy_bad("R-8");
	fy_bad("R+8");
	fy_bad("FY-2026");
	fy_bad("−2026");	/* U+2212 minus sign */
	/* Digits split by a space are two numbers. */
	fy_bad("20 26");
	fy_bad("R 0 8");
	fy_bad("2026 2026");
	/* A word split by a space is not the word. */
	fy_bad("令 和8年度");
	fy_bad("令和8年 度");
	fy_bad("令和8 年 度");
	fy_bad("R 8 年 度");
	fy_bad("F Y2026");
	/* A calendar year is not a fiscal year. */
	fy_bad("2026年");
	fy_bad("令和8年");
	fy_bad("R8年");
	/* Dates are not fiscal years. */
	fy_bad("2026-03-31");
	fy_bad("2026-03");
	fy_bad("R8.3");
	fy_bad("R8.3.31");
	fy_bad("R8/3/31");
	fy_bad("令和8年3月");
	fy_bad("令和8年3月31日");
	fy_bad("令和8年●月");
	/* The long style's bracket must be complete and agree. */
	fy_bad("令和8年度（2025年度）");
	fy_bad("令和8年度（2027年度）");
	fy_bad("令和8年度（2026年）");
	fy_bad("令和8年度（2026）");
	fy_bad("令和8年度（2026年度");
	fy_bad("令和8年度2026年度）");
	fy_bad("令和8年度（）");
	fy_bad("令和8年度（R8）");
	fy_bad("令和8年度（2026年度）（2026年度）");
	fy_bad("令和8年度2026年度");
	fy_bad("R8（2026年度）");
	fy_bad("2026年度（2026年度）");
	fy_bad("（2026年度）");
	fy_bad("令和8年度（２６年度）");
	/* Numbers too large for an int, or absurd. */
	fy_bad("99999999999999999999年度");
	fy_bad("FY99999999999999999999");
	fy_bad("R99999999999999999999");
	fy_bad("令和99999999999999999999年度");
	fy_bad("2147483647");
	fy_bad("2147483648");
	fy_bad("4294967296年度");
	fy_bad("R2147483647");
	fy_bad("R2147483648");
	fy_bad("R4294967297");
	fy_bad("１２３４５年度");
	fy_bad("R00000000000000000000000000000008");
	/* Other whitespace, control characters and bad UTF-8. */
	fy_bad("R8\t");
	fy_bad("\tR8");
	fy_bad("R8\n");
	fy_bad("R\n8");
	fy_bad("R8\r\n");
	fy_bad("R8\xff");
	fy_bad("\xffR8");
	fy_bad("\xe4\xbb");			/* truncated 令 */
	fy_bad("令和8年度\xe5");		/* truncated 年 */
	fy_bad("\xe4\xbb\xa4\xe5\x92");	/* 令 + truncated 和 */
	fy_bad("\xc0\xb8");			/* overlong '8' */
	fy_bad("R\xc0\xb8");
	fy_bad("\xef\xbf\xbd");		/* U+FFFD itself */
	/* Many tokens: the limit rejects without reading on. */
	fy_bad("R8 R8 R8 R8 R8 R8 R8 R8 R8 R8 R8 R8 R8 R8");
	fy_bad("((((((((((((((((((((((((((((((((((((((((");

	/* A failed parse leaves *fy alone; a good one overwrites it. */
	CHECK(fy_parse("R0", &fy) == -1 && fy == 42, "*fy kept on failure");
	CHECK(fy_parse("R8", &fy) == 0 && fy == 2026, "*fy set on success");
}

/* --- fiscal years: output --- */

static void
test_fy_format(void)
{
	struct buf b = {0};

	fy_fmt(2026, FY_STYLE_LONG, "令和8年度（2026年度）");
	fy_fmt(2026, FY_STYLE_ERA, "令和8年度");
	fy_fmt(2026, FY_STYLE_SHORT, "R8");
	fy_fmt(2026, FY_STYLE_WESTERN, "2026年度");

	/* 元年, except in the short style. */
	fy_fmt(2019, FY_STYLE_LONG, "令和元年度（2019年度）");
	fy_fmt(2019, FY_STYLE_ERA, "令和元年度");
	fy_fmt(2019, FY_STYLE_SHORT, "R1");
	fy_fmt(2019, FY_STYLE_WESTERN, "2019年度");
	fy_fmt(2020, FY_STYLE_ERA, "令和2年度");
	fy_fmt(2030, FY_STYLE_SHORT, "R12");

	/* FY2018 is the last 平成 fiscal year; FY2019 is not 平成31年度. */
	fy_fmt(2018, FY_STYLE_LONG, "平成30年度（2018年度）");
	fy_fmt(2018, FY_STYLE_ERA, "平成30年度");
	fy_fmt(2018, FY_STYLE_SHORT, "H30");
	fy_fmt(2018, FY_STYLE_WESTERN, "2018年度");
	fy_fmt(1990, FY_STYLE_ERA, "平成2年度");
	fy_fmt(1989, FY_STYLE_LONG, "平成元年度（1989年度）");
	fy_fmt(1989, FY_STYLE_ERA, "平成元年度");
	fy_fmt(1989, FY_STYLE_SHORT, "H1");

	/* FY1988 (April 1988 to March 1989) stays 昭和63年度. */
	fy_fmt(1988, FY_STYLE_LONG, "昭和63年度（1988年度）");
	fy_fmt(1988, FY_STYLE_ERA, "昭和63年度");
	fy_fmt(1988, FY_STYLE_SHORT, "S63");
	fy_fmt(1988, FY_STYLE_WESTERN, "1988年度");
	fy_fmt(1927, FY_STYLE_ERA, "昭和2年度");
	fy_fmt(1926, FY_STYLE_LONG, "昭和元年度（1926年度）");
	fy_fmt(1926, FY_STYLE_ERA, "昭和元年度");
	fy_fmt(1926, FY_STYLE_SHORT, "S1");
	fy_fmt(1926, FY_STYLE_WESTERN, "1926年度");

	fy_fmt(9999, FY_STYLE_LONG, "令和7981年度（9999年度）");
	fy_fmt(9999, FY_STYLE_SHORT, "R7981");

	/* Out of range: western whatever the style, and no UB. */
	fy_fmt(1925, FY_STYLE_LONG, "1925年度");
	fy_fmt(1925, FY_STYLE_ERA, "1925年度");
	fy_fmt(1925, FY_STYLE_SHORT, "1925年度");
	fy_fmt(1925, FY_STYLE_WESTERN, "1925年度");
	fy_fmt(10000, FY_STYLE_SHORT, "10000年度");
	fy_fmt(0, FY_STYLE_LONG, "0年度");
	fy_fmt(-5, FY_STYLE_ERA, "-5年度");
	fy_fmt(INT_MIN, FY_STYLE_SHORT, "-2147483648年度");
	fy_fmt(INT_MAX, FY_STYLE_LONG, "2147483647年度");

	/* A style outside the enum prints the long form. */
	fy_fmt(2026, (enum fy_style)99, "令和8年度（2026年度）");

	/* fy_format appends. */
	buf_puts(&b, "計画期間：");
	fy_format(&b, 2026, FY_STYLE_ERA);
	buf_puts(&b, "～");
	fy_format(&b, 2030, FY_STYLE_ERA);
	CHECK_STR(buf_str(&b), "計画期間：令和8年度～令和12年度",
	    "fy_format appends to the buffer");
	buf_free(&b);

	era_year(2026, "令和8");
	era_year(2019, "令和元");
	era_year(2020, "令和2");
	era_year(2018, "平成30");
	era_year(1989, "平成元");
	era_year(1988, "昭和63");
	era_year(1926, "昭和元");
	era_year(9999, "令和7981");
	era_year(1925, "1925");
	era_year(10000, "10000");
	era_year(INT_MIN, "-2147483648");
}

static void
test_styles(void)
{
	enum fy_style st = FY_STYLE_WESTERN;
	size_t i;

	CHECK(fy_style_parse("long", &st) == 0 && st == FY_STYLE_LONG, "long");
	CHECK(fy_style_parse("era", &st) == 0 && st == FY_STYLE_ERA, "era");
	CHECK(fy_style_parse("short", &st) == 0 && st == FY_STYLE_SHORT,
	    "short");
	CHECK(fy_style_parse("western", &st) == 0 && st == FY_STYLE_WESTERN,
	    "western");
	for (i = 0; i < KK_ARRAY_LEN(all_styles); i++) {
		st = (enum fy_style)99;
		CHECK(fy_style_parse(fy_style_name(all_styles[i]), &st) == 0 &&
		    st == all_styles[i], "style name %s round-trips",
		    fy_style_name(all_styles[i]));
	}
	CHECK_STR(fy_style_name(FY_STYLE_LONG), "long", "name long");
	CHECK_STR(fy_style_name(FY_STYLE_ERA), "era", "name era");
	CHECK_STR(fy_style_name(FY_STYLE_SHORT), "short", "name short");
	CHECK_STR(fy_style_name(FY_STYLE_WESTERN), "western", "name western");
	CHECK_STR(fy_style_name((enum fy_style)99), "?", "name of a bad style");

	st = FY_STYLE_SHORT;
	CHECK(fy_style_parse("Long", &st) == -1 && st == FY_STYLE_SHORT,
	    "style names are case-sensitive, *style kept");
	CHECK(fy_style_parse("", &st) == -1, "empty style");
	CHECK(fy_style_parse(NULL, &st) == -1, "NULL style");
	CHECK(fy_style_parse("lon", &st) == -1, "prefix of a style");
	CHECK(fy_style_parse("longer", &st) == -1, "longer than a style");
	CHECK(fy_style_parse(" long", &st) == -1, "style with a space");
	CHECK(fy_style_parse("japanese", &st) == -1, "unknown style");
	CHECK(st == FY_STYLE_SHORT, "*style kept on failure");
}

/* --- dates: parsing --- */

static void
test_date_forms(void)
{
	/* The brief's list. */
	date_ok("2026-03-31", 2026, 3, 31);
	date_ok("2026-03", 2026, 3, 0);
	date_ok("2026年3月31日", 2026, 3, 31);
	date_ok("令和8年3月31日", 2026, 3, 31);
	date_ok("令和８年３月", 2026, 3, 0);
	date_ok("R8.3", 2026, 3, 0);
	date_ok("R8.3.31", 2026, 3, 31);
	date_ok("R8/3/31", 2026, 3, 31);
	date_ok("令和8年●月", 2026, 0, 0);
	date_ok("R8.●", 2026, 0, 0);

	/* Their spellings. */
	date_ok("2026-3-31", 2026, 3, 31);
	date_ok("2026-3", 2026, 3, 0);
	date_ok("2026-01-01", 2026, 1, 1);
	date_ok("2026/3/31", 2026, 3, 31);
	date_ok("2026/03/31", 2026, 3, 31);
	date_ok("2026.3.31", 2026, 3, 31);
	date_ok("2026.3", 2026, 3, 0);
	date_ok("２０２６－０３－３１", 2026, 3, 31);
	date_ok("２０２６年３月３１日", 2026, 3, 31);
	date_ok("2026年3月", 2026, 3, 0);
	date_ok("2026年03月01日", 2026, 3, 1);
	date_ok("2026年●月", 2026, 0, 0);
	date_ok("2026-●", 2026, 0, 0);
	date_ok("令和8年3月", 2026, 3, 0);
	date_ok("令和８年３月３１日", 2026, 3, 31);
	date_ok("令和 8 年 3 月 31 日", 2026, 3, 31);
	date_ok("令和　８　年　３　月", 2026, 3, 0);
	date_ok("令和 8 年 ● 月", 2026, 0, 0);
	date_ok("令和８年●月", 2026, 0, 0);
	date_ok("R8年3月31日", 2026, 3, 31);
	date_ok("令和8.3.31", 2026, 3, 31);
	date_ok("r8.3.31", 2026, 3, 31);
	date_ok("Ｒ８．３．３１", 2026, 3, 31);
	date_ok("Ｒ８／３／３１", 2026, 3, 31);
	date_ok("Ｒ８．●", 2026, 0, 0);
	date_ok("R8/3", 2026, 3, 0);
	date_ok("R8/●", 2026, 0, 0);
	date_ok("R8-3-31", 2026, 3, 31);
	date_ok("R 8 . 3 . 31", 2026, 3, 31);
	date_ok("R8.03.01", 2026, 3, 1);
	date_ok("R8.12", 2026, 12, 0);
	date_ok("  2026-03-31  ", 2026, 3, 31);
	date_ok("　令和8年3月31日　", 2026, 3, 31);
	date_ok("2026 - 03 - 31", 2026, 3, 31);

	/* The long style parses back. */
	date_ok("令和8年（2026年）3月31日", 2026, 3, 31);
	date_ok("令和8年(2026年)3月31日", 2026, 3, 31);
	date_ok("令和8年（2026年）3月", 2026, 3, 0);
	date_ok("令和8年（2026年）●月", 2026, 0, 0);
	date_ok("令和８年（２０２６年）３月３１日", 2026, 3, 31);
	date_ok("令和8年 （2026年） 3月", 2026, 3, 0);
	date_ok("令和元年（2019年）5月1日", 2019, 5, 1);

	/* Past plans: 平成 and 昭和. */
	date_ok("H30.4.1", 2018, 4, 1);
	date_ok("平成30年4月1日", 2018, 4, 1);
	date_ok("昭和63年12月31日", 1988, 12, 31);
	date_ok("S50.10", 1975, 10, 0);
	date_ok("R3.5", 2021, 5, 0);
	date_ok("R6.3", 2024, 3, 0);
	date_ok("R8.1", 2026, 1, 0);

	/* Calendar limits. */
	date_ok("2026-01-31", 2026, 1, 31);
	date_ok("2026-02-28", 2026, 2, 28);
	date_ok("2026-04-30", 2026, 4, 30);
	date_ok("2026-12-31", 2026, 12, 31);
	date_ok("2028-02-29", 2028, 2, 29);
	date_ok("2000-02-29", 2000, 2, 29);
	date_ok("令和10年2月29日", 2028, 2, 29);
	date_ok("R10.2.29", 2028, 2, 29);
	date_ok("1926-01-01", 1926, 1, 1);
	date_ok("9999-12-31", 9999, 12, 31);
	date_ok("R7981.12.31", 9999, 12, 31);
}

static void
test_date_eras(void)
{
	/* 平成 to 令和: 2019-04-30 / 2019-05-01. */
	date_ok("平成31年4月30日", 2019, 4, 30);
	date_ok("H31.4.30", 2019, 4, 30);
	date_ok("平成31年4月", 2019, 4, 0);
	date_ok("H31.4", 2019, 4, 0);
	date_ok("平成31年1月1日", 2019, 1, 1);
	date_ok("令和元年5月1日", 2019, 5, 1);
	date_ok("令和1年5月1日", 2019, 5, 1);
	date_ok("R1.5.1", 2019, 5, 1);
	date_ok("R元.5.1", 2019, 5, 1);
	date_ok("令和元年5月", 2019, 5, 0);
	date_ok("令和元年12月31日", 2019, 12, 31);
	date_ok("2019-04-30", 2019, 4, 30);
	date_ok("2019-05-01", 2019, 5, 1);
	date_bad("令和元年4月1日");
	date_bad("令和元年4月30日");
	date_bad("R1.4.30");
	date_bad("令和元年4月");
	date_bad("R1.4");
	date_bad("令和元年1月1日");
	date_bad("平成31年5月1日");
	date_bad("H31.5.1");
	date_bad("平成31年5月");
	date_bad("H31.5");
	date_bad("平成31年12月31日");
	date_bad("平成32年1月1日");
	date_bad("H32.1");
	date_bad("令和2年4月31日");
	/* ●月: the era must overlap the year. */
	date_ok("平成31年●月", 2019, 0, 0);
	date_ok("令和元年●月", 2019, 0, 0);
	date_ok("H31.●", 2019, 0, 0);
	date_bad("平成32年●月");
	date_bad("H32.●");
	date_bad("令和0年●月");

	/* 昭和 to 平成: 1989-01-07 / 1989-01-08. */
	date_ok("昭和64年1月7日", 1989, 1, 7);
	date_ok("S64.1.7", 1989, 1, 7);
	date_ok("昭和64年1月1日", 1989, 1, 1);
	date_ok("平成元年1月8日", 1989, 1, 8);
	date_ok("H1.1.8", 1989, 1, 8);
	date_ok("平成元年12月31日", 1989, 12, 31);
	date_ok("昭和64年1月", 1989, 1, 0);
	date_ok("平成元年1月", 1989, 1, 0);	/* January 8 to 31 */
	date_ok("昭和64年●月", 1989, 0, 0);
	date_ok("平成元年●月", 1989, 0, 0);
	date_bad("昭和64年1月8日");
	date_bad("S64.1.8");
	date_bad("昭和64年2月");
	date_bad("昭和65年●月");
	date_bad("平成元年1月7日");
	date_bad("H1.1.1");

	/* 大正 to 昭和: 1926-12-24 / 1926-12-25. */
	date_ok("大正15年12月24日", 1926, 12, 24);
	date_ok("T15.12.24", 1926, 12, 24);
	date_ok("大正15年1月1日", 1926, 1, 1);
	date_ok("大正15年12月", 1926, 12, 0);
	date_ok("昭和元年12月25日", 1926, 12, 25);
	date_ok("S1.12.25", 1926, 12, 25);
	date_ok("昭和元年12月31日", 1926, 12, 31);
	date_ok("昭和元年12月", 1926, 12, 0);
	date_ok("昭和元年●月", 1926, 0, 0);
	date_bad("大正15年12月25日");
	date_bad("昭和元年12月24日");
	date_bad("昭和元年11月");
	date_bad("S1.1.1");
	date_bad("大正14年1月1日");	/* 1925: before FY_MIN_YEAR */
	date_bad("大正16年1月1日");
	date_bad("昭和0年1月1日");
	date_bad("H0.1.1");
	date_bad("R0.1.1");
	date_bad("令和0年5月1日");
}

static void
test_date_invalid(void)
{
	struct kdate k = { 1, 2, 3 };

	/* Empty and blank. */
	date_bad(NULL);
	date_bad("");
	date_bad("   ");
	date_bad("　");
	date_bad("令和");
	date_bad("R");
	date_bad("年");
	date_bad("月");
	date_bad("●");
	date_bad("●月");
	/* A year or fiscal year alone is not a date. */
	date_bad("2026");
	date_bad("2026年");
	date_bad("R8");
	date_bad("令和8年");
	date_bad("令和8年度");
	date_bad("FY2026");
	date_bad("2026年度");
	date_bad("FY2026-03-31");
	date_bad("令和8年度3月");
	/* Unreal days and months. */
	date_bad("2026-13-01");
	date_bad("2026-13");
	date_bad("2026-00-01");
	date_bad("2026-00");
	date_bad("2026-01-00");
	date_bad("2026-02-29");
	date_bad("2100-02-29");
	date_bad("1900-02-29");
	date_bad("2026-02-30");
	date_bad("2028-02-30");
	date_bad("2026-04-31");
	date_bad("2026-06-31");
	date_bad("2026-09-31");
	date_bad("2026-11-31");
	date_bad("2026-01-32");
	date_bad("2026-12-32");
	date_bad("令和8年2月29日");
	date_bad("R8.2.29");
	date_bad("令和8年13月");
	date_bad("令和8年0月");
	date_bad("令和8年3月0日");
	date_bad("R8.0");
	date_bad("R8.3.0");
	date_bad("R8.13");
	/* Years out of range or of the wrong size. */
	date_bad("1925-12-31");
	date_bad("10000-01-01");
	date_bad("0000-01-01");
	date_bad("26-03-31");
	date_bad("026-03-31");
	date_bad("02026-03-31");
	date_bad("26年3月31日");
	date_bad("2026-003-01");
	date_bad("2026-03-001");
	date_bad("R7982.1.1");
	/* Incomplete or badly ordered. */
	date_bad("2026-");
	date_bad("2026-03-");
	date_bad("R8.");
	date_bad("R8.3.");
	date_bad("R8..3");
	date_bad(".3.31");
	date_bad("2026年3");
	date_bad("2026年3月31");
	date_bad("令和8年3");
	date_bad("令和8年3月31");
	date_bad("令和8年31日");
	date_bad("令和8年3月31日日");
	date_bad("令和8年月");
	date_bad("2026年月");
	date_bad("年3月31日");
	date_bad("3月31日");
	date_bad("3/31");
	date_bad("令和8年3月31日2026年");
	/* An unknown month has no day. */
	date_bad("令和8年●月31日");
	date_bad("R8.●.31");
	date_bad("2026-●-31");
	date_bad("R8.●.");
	date_bad("令和8年●");
	date_bad("R8.●月");
	/* One separator throughout, and separators do not mix with 年月日. */
	date_bad("R8.3/31");
	date_bad("R8/3.31");
	date_bad("2026-03/31");
	date_bad("2026-03.31");
	date_bad("2026年3.31");
	date_bad("R8.3月");
	date_bad("2026-03-31日");
	/* Trailing junk. */
	date_bad("2026-03-31x");
	date_bad("2026-03-31 R8");
	date_bad("2026-03-31T00:00");
	date_bad("2026-03-31 10:00");
	date_bad("R8.3.31.");
	date_bad("R8.3.31.1");
	date_bad("令和8年3月31日（火）");
	date_bad("令和8年3月時点");
	date_bad("令和8年（2026年）●月時点");
	date_bad("R8.3x");
	/* Signs. */
	date_bad("-2026-03-31");
	date_bad("2026--03-31");
	date_bad("R-8.3.31");
	/* The long style's bracket must agree. */
	date_bad("令和8年（2025年）3月");
	date_bad("令和8年（2026年度）3月");
	date_bad("令和8年（2026）3月");
	date_bad("令和8年（2026年3月");
	date_bad("令和8年2026年）3月");
	date_bad("2026年（2026年）3月");
	date_bad("令和8年（2026年）");
	date_bad("令和8年（2026年）.3");
	date_bad("令和元年（2019年）4月1日");	/* agrees, but 平成 then */
	/* Numbers too large for an int. */
	date_bad("99999999999999999999-01-01");
	date_bad("2026-99999999999999999999-01");
	date_bad("2026-01-99999999999999999999");
	date_bad("R8.3.99999999999999999999");
	date_bad("R99999999999999999999.3.1");
	date_bad("令和8年4294967299月");
	date_bad("2026-4294967299-01");
	date_bad("R8.3.2147483648");
	/* Other whitespace and bad UTF-8. */
	date_bad("2026-03-31\n");
	date_bad("2026-03-31\t");
	date_bad("2026-03-31\xff");
	date_bad("令和8年3月31\xe6");
	date_bad("令和8年\xe2\x97");	/* truncated ● */
	date_bad("○");
	date_bad("令和8年○月");		/* ○ is not ● */
	date_bad("令和8年〇月");

	CHECK(date_parse("2026-02-30", &k) == -1 && k.year == 1 &&
	    k.month == 2 && k.day == 3, "*d kept on failure");
}

/* --- dates: output --- */

static void
test_date_format(void)
{
	struct buf b = {0};
	struct kdate k = { 2026, 3, 31 };

	date_fmt(2026, 3, 31, FY_STYLE_LONG, "令和8年（2026年）3月31日");
	date_fmt(2026, 3, 31, FY_STYLE_ERA, "令和8年3月31日");
	date_fmt(2026, 3, 31, FY_STYLE_SHORT, "R8.3.31");
	date_fmt(2026, 3, 31, FY_STYLE_WESTERN, "2026年3月31日");

	/* Day 0: the month alone. */
	date_fmt(2026, 3, 0, FY_STYLE_LONG, "令和8年（2026年）3月");
	date_fmt(2026, 3, 0, FY_STYLE_ERA, "令和8年3月");
	date_fmt(2026, 3, 0, FY_STYLE_SHORT, "R8.3");
	date_fmt(2026, 3, 0, FY_STYLE_WESTERN, "2026年3月");

	/* Month 0: ●月. */
	date_fmt(2026, 0, 0, FY_STYLE_LONG, "令和8年（2026年）●月");
	date_fmt(2026, 0, 0, FY_STYLE_ERA, "令和8年●月");
	date_fmt(2026, 0, 0, FY_STYLE_SHORT, "R8.●");
	date_fmt(2026, 0, 0, FY_STYLE_WESTERN, "2026年●月");
	/* A day with an unknown month is dropped. */
	date_fmt(2026, 0, 15, FY_STYLE_LONG, "令和8年（2026年）●月");
	date_fmt(2026, 0, 15, FY_STYLE_SHORT, "R8.●");

	date_fmt(2026, 12, 1, FY_STYLE_SHORT, "R8.12.1");
	date_fmt(2026, 1, 9, FY_STYLE_ERA, "令和8年1月9日");

	/* 元年, except in the short style. */
	date_fmt(2019, 5, 1, FY_STYLE_LONG, "令和元年（2019年）5月1日");
	date_fmt(2019, 5, 1, FY_STYLE_ERA, "令和元年5月1日");
	date_fmt(2019, 5, 1, FY_STYLE_SHORT, "R1.5.1");
	date_fmt(2019, 5, 1, FY_STYLE_WESTERN, "2019年5月1日");
	date_fmt(2020, 1, 1, FY_STYLE_ERA, "令和2年1月1日");

	/* The era in force on the day: 2019-04-30 / 2019-05-01. */
	date_fmt(2019, 4, 30, FY_STYLE_LONG, "平成31年（2019年）4月30日");
	date_fmt(2019, 4, 30, FY_STYLE_ERA, "平成31年4月30日");
	date_fmt(2019, 4, 30, FY_STYLE_SHORT, "H31.4.30");
	date_fmt(2019, 1, 1, FY_STYLE_ERA, "平成31年1月1日");
	date_fmt(2019, 12, 31, FY_STYLE_ERA, "令和元年12月31日");
	/* Month alone: the 1st. */
	date_fmt(2019, 4, 0, FY_STYLE_ERA, "平成31年4月");
	date_fmt(2019, 4, 0, FY_STYLE_SHORT, "H31.4");
	date_fmt(2019, 5, 0, FY_STYLE_ERA, "令和元年5月");
	date_fmt(2019, 5, 0, FY_STYLE_LONG, "令和元年（2019年）5月");
	date_fmt(2019, 5, 0, FY_STYLE_SHORT, "R1.5");
	/* Unknown month: December 31. */
	date_fmt(2019, 0, 0, FY_STYLE_LONG, "令和元年（2019年）●月");
	date_fmt(2019, 0, 0, FY_STYLE_ERA, "令和元年●月");
	date_fmt(2019, 0, 0, FY_STYLE_SHORT, "R1.●");
	date_fmt(2019, 0, 0, FY_STYLE_WESTERN, "2019年●月");

	/* 1989-01-07 / 1989-01-08. */
	date_fmt(1989, 1, 7, FY_STYLE_LONG, "昭和64年（1989年）1月7日");
	date_fmt(1989, 1, 7, FY_STYLE_ERA, "昭和64年1月7日");
	date_fmt(1989, 1, 7, FY_STYLE_SHORT, "S64.1.7");
	date_fmt(1989, 1, 8, FY_STYLE_LONG, "平成元年（1989年）1月8日");
	date_fmt(1989, 1, 8, FY_STYLE_ERA, "平成元年1月8日");
	date_fmt(1989, 1, 8, FY_STYLE_SHORT, "H1.1.8");
	date_fmt(1989, 1, 0, FY_STYLE_ERA, "昭和64年1月");
	date_fmt(1989, 1, 0, FY_STYLE_SHORT, "S64.1");
	date_fmt(1989, 2, 0, FY_STYLE_ERA, "平成元年2月");
	date_fmt(1989, 0, 0, FY_STYLE_ERA, "平成元年●月");
	date_fmt(1989, 0, 0, FY_STYLE_SHORT, "H1.●");
	date_fmt(1988, 12, 31, FY_STYLE_SHORT, "S63.12.31");

	/* 1926-12-24 / 1926-12-25. */
	date_fmt(1926, 12, 24, FY_STYLE_ERA, "大正15年12月24日");
	date_fmt(1926, 12, 24, FY_STYLE_SHORT, "T15.12.24");
	date_fmt(1926, 12, 24, FY_STYLE_LONG, "大正15年（1926年）12月24日");
	date_fmt(1926, 12, 25, FY_STYLE_ERA, "昭和元年12月25日");
	date_fmt(1926, 12, 25, FY_STYLE_SHORT, "S1.12.25");
	date_fmt(1926, 12, 25, FY_STYLE_LONG, "昭和元年（1926年）12月25日");
	date_fmt(1926, 1, 1, FY_STYLE_ERA, "大正15年1月1日");
	date_fmt(1926, 12, 0, FY_STYLE_ERA, "大正15年12月");
	date_fmt(1926, 0, 0, FY_STYLE_ERA, "昭和元年●月");
	date_fmt(1926, 0, 0, FY_STYLE_SHORT, "S1.●");

	date_fmt(9999, 12, 31, FY_STYLE_SHORT, "R7981.12.31");

	/* Out of range or unreal: western as given, no UB. */
	date_fmt(1925, 12, 31, FY_STYLE_LONG, "1925年12月31日");
	date_fmt(1925, 12, 31, FY_STYLE_SHORT, "1925年12月31日");
	date_fmt(10000, 1, 1, FY_STYLE_ERA, "10000年1月1日");
	date_fmt(2026, 13, 1, FY_STYLE_SHORT, "2026年13月1日");
	date_fmt(2026, 3, 32, FY_STYLE_ERA, "2026年3月32日");
	date_fmt(2026, -1, 0, FY_STYLE_LONG, "2026年-1月");
	date_fmt(2026, 3, -5, FY_STYLE_LONG, "2026年3月");
	date_fmt(INT_MIN, INT_MIN, INT_MIN, FY_STYLE_LONG,
	    "-2147483648年-2147483648月");
	date_fmt(INT_MAX, INT_MAX, INT_MAX, FY_STYLE_SHORT,
	    "2147483647年2147483647月2147483647日");
	date_fmt(2026, 3, 31, (enum fy_style)99, "令和8年（2026年）3月31日");

	/* date_format appends. */
	buf_puts(&b, "策定：");
	date_format(&b, &k, FY_STYLE_ERA);
	CHECK_STR(buf_str(&b), "策定：令和8年3月31日",
	    "date_format appends to the buffer");
	buf_free(&b);
}

/* --- round trips --- */

static void
test_fy_round_trips(void)
{
	struct buf b = {0};
	size_t i;
	int fy, bad, first;

	/* Every FY from 1926 to 2100, in every style: one check each. */
	for (fy = 1926; fy <= 2100; fy++)
		for (i = 0; i < KK_ARRAY_LEN(all_styles); i++)
			CHECK(fy_round(&b, fy, all_styles[i]) == 0,
			    "FY%d as %s \"%s\" parses back", fy,
			    fy_style_name(all_styles[i]), buf_str(&b));

	/* The rest of the range, one check per style. */
	for (i = 0; i < KK_ARRAY_LEN(all_styles); i++) {
		bad = 0;
		first = 0;
		for (fy = 2101; fy <= FY_MAX_YEAR; fy++)
			if (fy_round(&b, fy, all_styles[i]) == -1 && bad++ == 0)
				first = fy;
		CHECK(bad == 0, "FY2101..FY%d as %s parse back (%d failures, "
		    "first FY%d)", FY_MAX_YEAR, fy_style_name(all_styles[i]),
		    bad, first);
	}

	/* fy_era_year + 年度 is the era style; the short style never has 元. */
	bad = 0;
	first = 0;
	for (fy = FY_MIN_YEAR; fy <= FY_MAX_YEAR; fy++) {
		struct buf e = {0};
		int back = -1;

		fy_era_year(&e, fy);
		buf_puts(&e, "年度");
		buf_reset(&b);
		fy_format(&b, fy, FY_STYLE_ERA);
		if (strcmp(buf_str(&e), buf_str(&b)) != 0 ||
		    fy_parse(buf_str(&e), &back) != 0 || back != fy) {
			if (bad++ == 0)
				first = fy;
		}
		buf_reset(&e);
		fy_era_year(&e, fy);
		if (fy_parse(buf_str(&e), &back) != 0 || back != fy) {
			if (bad++ == 0)
				first = fy;
		}
		buf_free(&e);
		buf_reset(&b);
		fy_format(&b, fy, FY_STYLE_SHORT);
		if (strstr(buf_str(&b), "元") != NULL && bad++ == 0)
			first = fy;
	}
	CHECK(bad == 0, "fy_era_year agrees with the era style and parses "
	    "(%d failures, first FY%d)", bad, first);

	/* Every era year a fiscal year can be named by, and no other. */
	bad = 0;
	first = 0;
	for (fy = 1; fy <= 100; fy++) {
		char s[32];
		int back, want_ok;
		static const struct {
			char	letter;
			int	base, last;
		} eras[] = {
			{ 'T', 1911, 15 }, { 'S', 1925, 64 }, { 'H', 1988, 31 },
			{ 'R', 2018, 7981 },
		};

		for (i = 0; i < KK_ARRAY_LEN(eras); i++) {
			snprintf(s, sizeof(s), "%c%d", eras[i].letter, fy);
			want_ok = eras[i].base + fy >= FY_MIN_YEAR &&
			    fy <= eras[i].last;
			back = -1;
			if ((fy_parse(s, &back) == 0) != want_ok ||
			    (want_ok && back != eras[i].base + fy)) {
				if (bad++ == 0)
					first = fy;
				printf("# %s -> %d\n", s, back);
			}
		}
	}
	CHECK(bad == 0, "T/S/H/R 1..100 accepted exactly within their eras "
	    "(%d failures, first %d)", bad, first);
	buf_free(&b);
}

static void
test_date_round_trips(void)
{
	struct buf b = {0};
	char where[64];
	size_t i;
	int y, m, d, bad;

	/*
	 * Every day, every month alone and every ●月 from 1926 to 2100, in
	 * every style: one check per year and style.
	 */
	for (y = 1926; y <= 2100; y++)
		for (i = 0; i < KK_ARRAY_LEN(all_styles); i++) {
			bad = 0;
			where[0] = '\0';
			for (m = 0; m <= 12; m++)
				for (d = 0; d <= (m == 0 ? 0 : mdays(y, m));
				    d++)
					if (date_round(&b, y, m, d,
					    all_styles[i]) == -1 && bad++ == 0)
						snprintf(where, sizeof(where),
						    "%d-%d-%d \"%s\"", y, m, d,
						    buf_str(&b));
			CHECK(bad == 0, "%d as %s: every date parses back "
			    "(%d failures, first %s)", y,
			    fy_style_name(all_styles[i]), bad, where);
		}

	/* Later years: the 1st and last of each month, and ●月. */
	for (i = 0; i < KK_ARRAY_LEN(all_styles); i++) {
		bad = 0;
		where[0] = '\0';
		for (y = 2101; y <= FY_MAX_YEAR; y++)
			for (m = 0; m <= 12; m++) {
				int days[3] = { 0, 1, m ? mdays(y, m) : 0 };
				size_t j;

				for (j = 0; j < (m ? 3u : 1u); j++)
					if (date_round(&b, y, m, days[j],
					    all_styles[i]) == -1 && bad++ == 0)
						snprintf(where, sizeof(where),
						    "%d-%d-%d", y, m, days[j]);
			}
		CHECK(bad == 0, "2101..%d as %s parse back (%d failures, "
		    "first %s)", FY_MAX_YEAR, fy_style_name(all_styles[i]),
		    bad, where);
	}

	/*
	 * ISO input agrees with the calendar: every (y, m, d) with d up to 31
	 * parses exactly when the day exists.
	 */
	bad = 0;
	where[0] = '\0';
	for (y = 1926; y <= 2100; y++)
		for (m = 1; m <= 12; m++)
			for (d = 1; d <= 31; d++) {
				char s[32];
				struct kdate k;
				int ok;

				snprintf(s, sizeof(s), "%04d-%02d-%02d", y, m, d);
				ok = date_parse(s, &k) == 0;
				if (ok != (d <= mdays(y, m)) && bad++ == 0)
					snprintf(where, sizeof(where), "%s", s);
			}
	CHECK(bad == 0, "ISO dates 1926..2100 accepted exactly when real "
	    "(%d failures, first %s)", bad, where);
	buf_free(&b);
}

/*
 * The era printed for each day changes exactly at the three boundaries, and
 * an era-form date parses exactly when the era was in force: for each day
 * of 1926, 1989 and 2019, try every era on it.
 */
static void
test_era_every_day(void)
{
	static const struct {
		const char	*name;
		int		 base, first, last;
	} eras[] = {
		{ "大正", 1911, 19120730, 19261224 },
		{ "昭和", 1925, 19261225, 19890107 },
		{ "平成", 1988, 19890108, 20190430 },
		{ "令和", 2018, 20190501, 99991231 },
	};
	static const int years[] = { 1926, 1927, 1988, 1989, 2018, 2019, 2020 };
	struct buf b = {0};
	size_t i, e;
	int y, m, d, bad = 0, n;
	char s[64], where[80] = "";

	for (i = 0; i < KK_ARRAY_LEN(years); i++) {
		y = years[i];
		for (m = 1; m <= 12; m++)
			for (d = 1; d <= mdays(y, m); d++) {
				int day = y * 10000 + m * 100 + d;
				struct kdate k = { y, m, d }, back;

				buf_reset(&b);
				date_format(&b, &k, FY_STYLE_ERA);
				for (e = 0; e < KK_ARRAY_LEN(eras); e++) {
					int in = eras[e].first <= day &&
					    day <= eras[e].last;

					n = y - eras[e].base;
					if (n < 1)
						continue;
					snprintf(s, sizeof(s), "%s%d年%d月%d日",
					    eras[e].name, n, m, d);
					if ((date_parse(s, &back) == 0) != in &&
					    bad++ == 0)
						snprintf(where, sizeof(where),
						    "%s", s);
					/* The printed era is the one in force. */
					if (in && strncmp(buf_str(&b),
					    eras[e].name,
					    strlen(eras[e].name)) != 0 &&
					    bad++ == 0)
						snprintf(where, sizeof(where),
						    "%s", buf_str(&b));
				}
			}
	}
	CHECK(bad == 0, "every day of the era-change years: era accepted and "
	    "printed exactly when in force (%d failures, first %s)", bad,
	    where);
	buf_free(&b);
}

/* --- robustness --- */

/* Whatever a parser accepts is in range and formats back to itself. */
static int
accepted_is_sane(const char *s)
{
	struct buf b = {0};
	struct kdate k;
	size_t i;
	int fy, rc = 0;

	if (fy_parse(s, &fy) == 0) {
		if (fy < FY_MIN_YEAR || fy > FY_MAX_YEAR)
			rc = -1;
		for (i = 0; i < KK_ARRAY_LEN(all_styles); i++)
			if (fy_round(&b, fy, all_styles[i]) == -1)
				rc = -1;
	}
	if (date_parse(s, &k) == 0) {
		if (k.year < FY_MIN_YEAR || k.year > FY_MAX_YEAR ||
		    k.month < 0 || k.month > 12 || k.day < 0 ||
		    (k.month == 0 && k.day != 0) ||
		    (k.month != 0 && k.day > mdays(k.year, k.month)))
			rc = -1;
		for (i = 0; i < KK_ARRAY_LEN(all_styles); i++)
			if (date_round(&b, k.year, k.month, k.day,
			    all_styles[i]) == -1)
				rc = -1;
	}
	buf_free(&b);
	return rc;
}

static void
test_prefixes(void)
{
	static const char *const inputs[] = {
		"令和8年度（2026年度）", "令和8年（2026年）3月31日",
		"Ｒ８．３．３１", "令和８年３月", "FY2026", "令和元年度",
		"2026-03-31", "R8.●", "令和8年●月", "　R 8　",
	};
	size_t i, n, len;
	int bad = 0;
	char s[128], e[512];

	/* Every byte prefix (including cuts inside a UTF-8 sequence). */
	for (i = 0; i < KK_ARRAY_LEN(inputs); i++) {
		len = strlen(inputs[i]);
		for (n = 0; n <= len; n++) {
			memcpy(s, inputs[i], n);
			s[n] = '\0';
			if (accepted_is_sane(s) == -1) {
				bad++;
				printf("# prefix %zu of %s\n", n, esc(s, e,
				    sizeof(e)));
			}
		}
	}
	CHECK(bad == 0, "every byte prefix of valid inputs is rejected or sane");
}

/*
 * Random strings built from the pieces the parsers know (and a few they do
 * not), from a fixed seed so that a failure reproduces.
 */
static void
test_soup(void)
{
	static const char *const pieces[] = {
		"令和", "平成", "昭和", "大正", "R", "H", "S", "T", "r", "Ｒ", "FY",
		"年度", "年", "月", "日", "元", "●", "-", ".", "/", "（", "）",
		"(", ")", " ", "　", "0", "1", "2", "3", "8", "12", "29", "30",
		"31", "31", "2019", "2026", "1989", "1926", "9999", "８",
		"２０２６", "x", "\xff", "\xe4", "99999999999", "-",
		/* larger pieces, so that many strings are whole dates */
		"R8.", "H31.", "S64.", "2026-", "2019-", "1989/", "令和8年",
		"令和元年", "平成31年", "昭和64年", "3月31日", "4月30日",
		"5月1日", "1月7日", "2月29日", "●月", ".3.31", ".2.29", "12月",
	};
	unsigned long long seed = 20260331ULL;
	int iter, k, npieces, bad = 0, fy_ok_n = 0, date_ok_n = 0;
	char s[256];
	size_t len, pl;
	struct kdate d;
	int fy;

	for (iter = 0; iter < 200000; iter++) {
		len = 0;
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		npieces = 1 + (int)((seed >> 33) % 9);
		for (k = 0; k < npieces; k++) {
			const char *p;

			seed = seed * 6364136223846793005ULL +
			    1442695040888963407ULL;
			p = pieces[(seed >> 33) % KK_ARRAY_LEN(pieces)];
			pl = strlen(p);
			if (len + pl >= sizeof(s))
				break;
			memcpy(s + len, p, pl);
			len += pl;
		}
		s[len] = '\0';
		if (fy_parse(s, &fy) == 0)
			fy_ok_n++;
		if (date_parse(s, &d) == 0)
			date_ok_n++;
		if (accepted_is_sane(s) == -1) {
			char e[512];

			if (bad++ < 5)
				printf("# not sane: \"%s\"\n", esc(s, e, sizeof(e)));
		}
	}
	CHECK(bad == 0, "200000 random strings: whatever parses is sane "
	    "(%d failures)", bad);
	CHECK(fy_ok_n > 100 && date_ok_n > 100, "the soup reaches the "
	    "accepting paths (%d fiscal years, %d dates)", fy_ok_n, date_ok_n);
}

/* The reason for a date no calendar has, for the bad-date message. */
static void
test_date_why(void)
{
	struct kdate k;
	char why[80];

	strcpy(why, "");
	CHECK(date_parse_why("R9.13", &k, why, sizeof(why)) == -1 &&
	    strcmp(why, "there is no month 13") == 0, "R9.13: %s", why);
	strcpy(why, "");
	CHECK(date_parse_why("2026-02-30", &k, why, sizeof(why)) == -1 &&
	    strcmp(why, "2026年2月 has 28 days") == 0, "2026-02-30: %s", why);
	strcpy(why, "");
	CHECK(date_parse_why("令和元年4月1日", &k, why, sizeof(why)) == -1 &&
	    strstr(why, "era") != NULL, "令和元年4月1日: %s", why);
	strcpy(why, "");
	CHECK(date_parse_why("R9x", &k, why, sizeof(why)) == -1 &&
	    why[0] == '\0', "not a date at all: no reason (%s)", why);
	CHECK(date_parse_why("R8.3", &k, NULL, 0) == 0 && k.month == 3,
	    "why may be NULL");
}

int
main(void)
{
	test_fy_forms();
	test_fy_era_ends();
	test_fy_invalid();
	test_fy_format();
	test_styles();
	test_date_forms();
	test_date_eras();
	test_date_invalid();
	test_date_why();
	test_date_format();
	test_fy_round_trips();
	test_date_round_trips();
	test_era_every_day();
	test_prefixes();
	test_soup();
	return check_done();
}
