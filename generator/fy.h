/*
 * fy.h: Japanese fiscal years (年度, April to March), eras and dates.
 *
 * A fiscal year is held as the western calendar year in which it starts:
 * FY2026 = 令和8年度 = April 2026 to March 2027. Eras (元号):
 *   令和 N = 2018 + N, from 2019-05-01 (令和元年 = 2019)
 *   平成 N = 1988 + N, from 1989-01-08 to 2019-04-30
 *   昭和 N = 1925 + N, from 1926-12-25 to 1989-01-07
 * Year 1 of an era prints as 元年. A fiscal year is named by the era of its
 * April-to-March span as Japanese offices name it: FY2019 is 令和元年度 and
 * FY2018 平成30年度; a calendar date uses the era in force on that day
 * (2019-04-30 is 平成31年, 2019-05-01 令和元年). 大正 (T, to 1926-12-24) is
 * also known so that an in-range date of 1926 before 昭和 prints truly; by
 * FY_MIN_YEAR its only year is 大正15. Letters R, H, S, T in either case.
 *
 * Pure functions, no allocation except into the caller's buffer.
 */
#ifndef KEIKAKU_FY_H
#define KEIKAKU_FY_H

#include "util.h"

/* Lowest and highest years accepted anywhere: 昭和元年 to 9999. */
#define FY_MIN_YEAR 1926
#define FY_MAX_YEAR 9999

/* Output styles, chosen once in plan.yaml (years.style, years.short_style). */
enum fy_style {
	FY_STYLE_LONG,		/* 令和8年度（2026年度） */
	FY_STYLE_ERA,		/* 令和8年度 */
	FY_STYLE_SHORT,		/* R8 */
	FY_STYLE_WESTERN	/* 2026年度 */
};

/*
 * Parses a fiscal year written in any accepted form, with ASCII or
 * fullwidth digits and optional spaces between the parts:
 *   R8, R 8, Ｒ８, r8, 令和8年度, 令和８年度, 令和 8 年度, 令和元年度, 2026年度,
 *   FY2026, FY 2026, H30, 平成30年度, S63, 昭和63年度, 2026 (a bare year).
 * Returns 0 and sets *fy to the western starting year, or -1 if s is not a
 * fiscal year or names a year outside the era (令和0年度, 平成32年度).
 * An era names fiscal years up to the calendar year it ended in: 平成31年度
 * is FY2019 and 昭和64年度 FY1989. The long style parses back too:
 * 令和8年度（2026年度）, where the two years must agree. *fy is written only
 * on success.
 */
int fy_parse(const char *s, int *fy);

/* Parses a style name (long, era, short, western); returns 0 or -1. */
int fy_style_parse(const char *s, enum fy_style *style);
/* The name of a style, a static string; "?" for a value outside the enum. */
const char *fy_style_name(enum fy_style);

/*
 * Appends fy in the given style to b. Year 1 is 元 except in the short style
 * (R1). A year outside FY_MIN_YEAR .. FY_MAX_YEAR prints western (1900年度).
 */
void fy_format(struct buf *b, int fy, enum fy_style style);

/*
 * A calendar date. month 0 means unknown (printed ●月, allowed in drafts);
 * day 0 means the date names a month only (R8.3 = March 2026).
 */
struct kdate {
	int	year;
	int	month;
	int	day;
};

/*
 * Parses a date: 2026-03-31, 2026-03, 2026年3月31日, 2026年3月, 令和8年3月31日,
 * 令和8年3月, 令和８年３月, R8.3, R8.3.31, R8/3/31, 令和8年●月, R8.●. The
 * month may be ● (unknown). Returns 0, or -1 if not a date or not a real
 * day (2026-02-30, 令和元年4月1日 which is still 平成31年). The era must be
 * in force on the day, for a month alone on some day of the month (平成元年1月
 * is accepted, 令和元年4月 is not), for ●月 on some day of the year. The long
 * style parses back: 令和8年（2026年）3月31日. *d is written only on success.
 */
int date_parse(const char *s, struct kdate *d);
/*
 * date_parse, and when why is not NULL and the text has the shape of a date
 * that no calendar has, a short reason in why ("there is no month 13",
 * "2026年2月 has 28 days", an era not in use then); why is left as it was
 * for text that is not a date at all.
 */
int date_parse_why(const char *s, struct kdate *d, char *why, size_t whylen);

/*
 * Appends the date: long 令和8年（2026年）3月31日, era 令和8年3月31日,
 * short R8.3.31, western 2026年3月31日. An unknown month prints ●月 (R8.●),
 * day 0 prints the month alone (R8.3). The era is the one in force on the
 * day; for day 0 on the 1st of the month (2019-04 is 平成31年4月, 1989-01 is
 * 昭和64年1月); for month 0 on December 31 of the year (2019年●月 is 令和元年
 * ●月). A year outside FY_MIN_YEAR .. FY_MAX_YEAR, or a month or day no
 * calendar has, prints in the western form as given.
 */
void date_format(struct buf *b, const struct kdate *d, enum fy_style style);

/*
 * Appends the date d, or if d is NULL the fiscal year fy, in style to
 * shown; when style is not the long one, also its long form to spoken (for
 * screen readers: R8 is read 令和8年度（2026年度）) and returns 1, else 0.
 */
int when_format(struct buf *shown, struct buf *spoken, const struct kdate *d,
    int fy, enum fy_style style);

/*
 * Appends the era name and year of a fiscal year, 令和8 or 令和元, without 年度;
 * the bare western year for a year outside FY_MIN_YEAR .. FY_MAX_YEAR.
 */
void fy_era_year(struct buf *b, int fy);

#endif
