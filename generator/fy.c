/*
 * fy.c: fiscal years, eras and dates (see fy.h).
 *
 * Input is read in three steps:
 *  1. a tokenizer turns the string into at most FY_MAX_TOKENS tokens
 *     (numbers, era names and letters, 年度 年 月 日 元 ●, separators),
 *     folding the spellings that mean the same thing: fullwidth and ASCII
 *     digits, letters and punctuation (an IME types 令和８年度 and Ｒ８ as
 *     readily as 令和8年度 and R8), ASCII and ideographic spaces;
 *  2. a small parser per entry point checks the order of the tokens;
 *  3. the result is checked against the calendar and the eras on plain
 *     integers.
 * Keeping the steps apart means each accepted form is written once, in the
 * grammar, and never by matching whole strings.
 *
 * Nothing here allocates except into the caller's struct buf, and nothing
 * is written through an output pointer unless the parse succeeds.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "fy.h"

/*
 * The eras, oldest first. Days are held as yyyymmdd integers so that "is this
 * day in this era" is two comparisons. The table is read-only data, not
 * state.
 *
 * 大正 is listed although fy.h names only 昭和, 平成 and 令和: FY_MIN_YEAR is
 * 1926 (昭和元年), yet 昭和 began only on 1926-12-25, so a date such as
 * 1926-04-01 is in range but was 大正15年. Listing 大正 lets every in-range
 * date print with its real era instead of a made-up 昭和元年4月1日. Because of
 * FY_MIN_YEAR, 大正15 (T15) is the only 大正 year ever accepted.
 */
struct era {
	const char	*name;		/* 令和 */
	char		 letter;	/* R, for the short style */
	int		 base;		/* era year N is western year base + N */
	int		 first;		/* first day in force, yyyymmdd */
	int		 last;		/* last day in force, yyyymmdd */
};

static const struct era eras[] = {
	{ "大正", 'T', 1911, 19120730, 19261224 },
	{ "昭和", 'S', 1925, 19261225, 19890107 },
	{ "平成", 'H', 1988, 19890108, 20190430 },
	{ "令和", 'R', 2018, 20190501, 99991231 },
};

#define NERAS	((int)KK_ARRAY_LEN(eras))

/*
 * The longest accepted form, 令和8年（2026年）3月31日, is 11 tokens. Input
 * with more is rejected as soon as the twelfth token starts, so the parser
 * works in a fixed-size array and no input makes it do unbounded work.
 */
#define FY_MAX_TOKENS	12

/*
 * No accepted number has more than four digits (years up to FY_MAX_YEAR;
 * months and days have two). A number keeps accumulating only up to this
 * many digits and then merely counts one more, so 99999999999999999999年度
 * is rejected by its digit count without ever overflowing an int.
 */
#define NUM_MAX_DIGITS	4

enum tk {
	TK_NUM,		/* 2026, ８; val and ndig */
	TK_GAN,		/* 元, year 1 of an era */
	TK_ERA,		/* 令和 or R; val indexes eras[] */
	TK_FY,		/* FY */
	TK_NENDO,	/* 年度 */
	TK_NEN,		/* 年 */
	TK_GATSU,	/* 月 */
	TK_NICHI,	/* 日 */
	TK_UNKNOWN,	/* ●, a month not yet known */
	TK_DASH,	/* - */
	TK_DOT,		/* . */
	TK_SLASH,	/* / */
	TK_LPAREN,	/* ( or （ */
	TK_RPAREN	/* ) or ） */
};

struct tok {
	enum tk	 kind;
	int	 val;
	int	 ndig;		/* TK_NUM: digits, capped at NUM_MAX_DIGITS + 1 */
};

struct toks {
	struct tok	t[FY_MAX_TOKENS];
	size_t		n;
};

/*
 * Japanese words made of non-ASCII characters, matched on their UTF-8 bytes.
 * 年度 comes before 年 so that the longer word wins; 年 度 with a space
 * between is then 年 followed by a stray 度, and rejected.
 */
static const struct word {
	const char	*s;
	enum tk		 kind;
} words[] = {
	{ "年度", TK_NENDO },
	{ "年", TK_NEN },
	{ "月", TK_GATSU },
	{ "日", TK_NICHI },
	{ "元", TK_GAN },
	{ "●", TK_UNKNOWN },
};

/* --- calendar --- */

static int
in_range(int year)
{
	return year >= FY_MIN_YEAR && year <= FY_MAX_YEAR;
}

static int
is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int
days_in_month(int year, int month)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (month == 2 && is_leap(year))
		return 29;
	return days[month - 1];
}

static int
ymd(int year, int month, int day)
{
	return year * 10000 + month * 100 + day;
}

/* The era in force on day (yyyymmdd), or -1 before 大正. */
static int
era_on(int day)
{
	int i;

	for (i = NERAS - 1; i >= 0; i--)
		if (eras[i].first <= day && day <= eras[i].last)
			return i;
	return -1;
}

/* Whether era e was in force on some day of [from, to] (yyyymmdd). */
static int
era_overlaps(int e, int from, int to)
{
	return eras[e].first <= to && eras[e].last >= from;
}

/*
 * The era that names fiscal year fy: the newest era that began in or before
 * calendar year fy. This is how offices name fiscal years across a change:
 * FY2019 (April 2019 to March 2020) is 令和元年度 although its first month was
 * 平成31年; FY1989 is 平成元年度; FY1988 stays 昭和63年度 although 平成 began
 * in its last quarter. By the same rule FY1926 is 昭和元年度, matching
 * FY_MIN_YEAR = 昭和元年. Returns -1 for a year outside FY_MIN_YEAR ..
 * FY_MAX_YEAR, which callers print in the western form.
 */
static int
era_of_fy(int fy)
{
	int i;

	if (!in_range(fy))
		return -1;
	for (i = NERAS - 1; i >= 0; i--)
		if (eras[i].first / 10000 <= fy)
			return i;
	return -1;
}

/* --- tokens --- */

/*
 * Decodes the code point at s[i], folding fullwidth ASCII (U+FF01..U+FF5E:
 * ０-９, Ｒ, ｒ, （）, ．, ／, －) to ASCII. Returns the bytes consumed.
 */
static size_t
next_cp(const char *s, size_t len, size_t i, uint32_t *cp)
{
	size_t n = utf8_decode(s + i, len - i, cp);

	if (*cp >= 0xFF01 && *cp <= 0xFF5E)
		*cp -= 0xFEE0;
	return n;
}

static int
is_digit(uint32_t cp)
{
	return cp >= '0' && cp <= '9';
}

static int
is_letter(uint32_t cp)
{
	return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z');
}

/*
 * Only the ASCII space and the ideographic space U+3000 separate parts: they
 * are the two a person types between 令和 and 8. Tabs and line breaks do not
 * occur inside a YAML scalar or a {{fy}} placeholder, and accepting them
 * would only hide a mistake.
 */
static int
is_space(uint32_t cp)
{
	return cp == ' ' || cp == 0x3000;
}

/* Reads a run of digits starting at *i into t. */
static void
lex_number(const char *s, size_t len, size_t *i, struct tok *t)
{
	uint32_t cp;
	size_t n;

	t->kind = TK_NUM;
	while (*i < len) {
		n = next_cp(s, len, *i, &cp);
		if (!is_digit(cp))
			break;
		if (t->ndig < NUM_MAX_DIGITS)
			t->val = t->val * 10 + (int)(cp - '0');
		if (t->ndig <= NUM_MAX_DIGITS)
			t->ndig++;
		*i += n;
	}
}

/*
 * Reads a run of letters starting at *i: R, H, S, T (an era, either case) or
 * FY. Anything else (R8x, FYR, Reiwa) is not a fiscal year or a date.
 */
static int
lex_letters(const char *s, size_t len, size_t *i, struct tok *t)
{
	char w[3];
	size_t nw = 0, n;
	uint32_t cp;
	int e;

	while (*i < len) {
		n = next_cp(s, len, *i, &cp);
		if (!is_letter(cp))
			break;
		if (nw == 2)
			return -1;
		w[nw++] = (char)(cp | 0x20);	/* ASCII lower case */
		*i += n;
	}
	w[nw] = '\0';
	if (strcmp(w, "fy") == 0) {
		t->kind = TK_FY;
		return 0;
	}
	if (nw == 1)
		for (e = 0; e < NERAS; e++)
			if (w[0] == (eras[e].letter | 0x20)) {
				t->kind = TK_ERA;
				t->val = e;
				return 0;
			}
	return -1;
}

/* Matches an era name or a word of words[] at s[i]; returns its length or 0. */
static size_t
lex_word(const char *s, size_t len, size_t i, struct tok *t)
{
	size_t k, n;
	int e;

	for (e = 0; e < NERAS; e++) {
		n = strlen(eras[e].name);
		if (len - i >= n && memcmp(s + i, eras[e].name, n) == 0) {
			t->kind = TK_ERA;
			t->val = e;
			return n;
		}
	}
	for (k = 0; k < KK_ARRAY_LEN(words); k++) {
		n = strlen(words[k].s);
		if (len - i >= n && memcmp(s + i, words[k].s, n) == 0) {
			t->kind = words[k].kind;
			return n;
		}
	}
	return 0;
}

/* Splits s into tokens; -1 on a character that belongs to no token, or on no tokens at all. */
static int
tokenize(const char *s, struct toks *tk)
{
	struct tok *t;
	size_t len, i = 0, n, w;
	uint32_t cp;

	tk->n = 0;
	if (s == NULL)
		return -1;
	len = strlen(s);
	while (i < len) {
		n = next_cp(s, len, i, &cp);
		if (is_space(cp)) {
			i += n;
			continue;
		}
		if (tk->n == FY_MAX_TOKENS)
			return -1;
		t = &tk->t[tk->n++];
		t->val = 0;
		t->ndig = 0;
		if (is_digit(cp)) {
			lex_number(s, len, &i, t);
			continue;
		}
		if (is_letter(cp)) {
			if (lex_letters(s, len, &i, t) == -1)
				return -1;
			continue;
		}
		if ((w = lex_word(s, len, i, t)) > 0) {
			i += w;
			continue;
		}
		switch (cp) {
		case '-':
			t->kind = TK_DASH;
			break;
		case '.':
			t->kind = TK_DOT;
			break;
		case '/':
			t->kind = TK_SLASH;
			break;
		case '(':
			t->kind = TK_LPAREN;
			break;
		case ')':
			t->kind = TK_RPAREN;
			break;
		default:
			return -1;
		}
		i += n;
	}
	return tk->n > 0 ? 0 : -1;
}

/* --- grammar --- */

struct cur {
	const struct toks	*tk;
	size_t			 i;
};

static const struct tok *
peek(const struct cur *c)
{
	return c->i < c->tk->n ? &c->tk->t[c->i] : NULL;
}

static int
peek_is(const struct cur *c, enum tk kind)
{
	const struct tok *t = peek(c);

	return t != NULL && t->kind == kind;
}

static int
accept(struct cur *c, enum tk kind)
{
	if (!peek_is(c, kind))
		return 0;
	c->i++;
	return 1;
}

/* Accepts a number of mindig to maxdig digits. */
static int
number(struct cur *c, int mindig, int maxdig, int *v)
{
	const struct tok *t = peek(c);

	if (t == NULL || t->kind != TK_NUM ||
	    t->ndig < mindig || t->ndig > maxdig)
		return 0;
	*v = t->val;
	c->i++;
	return 1;
}

/*
 * A year: an era (令和, R) and its year (8 or 元), or a four-digit western
 * year. Sets *era to the index in eras[], or to -1 for a western year. Era
 * year 0 does not exist (令和0年, R0); whether the year is past the era's end
 * is for the caller, which knows whether it reads a fiscal year or a date.
 */
static int
year_part(struct cur *c, int *year, int *era)
{
	const struct tok *t = peek(c);
	int n;

	if (t != NULL && t->kind == TK_ERA) {
		c->i++;
		if (accept(c, TK_GAN))
			n = 1;
		else if (!number(c, 1, NUM_MAX_DIGITS, &n) || n < 1)
			return -1;
		*era = t->val;
		*year = eras[*era].base + n;
		return 0;
	}
	if (!number(c, 4, 4, year))
		return -1;
	*era = -1;
	return 0;
}

/*
 * The western year in brackets after an era year, as the long style prints
 * it: （2026年度） after 令和8年度, （2026年） after 令和8年. It must agree with
 * the era year, so 令和8年度（2025年度） is rejected rather than guessed at.
 */
static int
western_echo(struct cur *c, int year, enum tk unit)
{
	int w;

	if (!accept(c, TK_LPAREN) || !number(c, 4, 4, &w) ||
	    !accept(c, unit) || !accept(c, TK_RPAREN))
		return -1;
	return w == year ? 0 : -1;
}

int
fy_parse(const char *s, int *fy)
{
	struct toks tk;
	struct cur c = { &tk, 0 };
	int year, era = -1;

	if (tokenize(s, &tk) == -1)
		return -1;
	if (accept(&c, TK_FY)) {
		/* FY2026; FY2026年度 says it twice and is not a form in use. */
		if (!number(&c, 4, 4, &year))
			return -1;
	} else {
		if (year_part(&c, &year, &era) == -1)
			return -1;
		/* 年度 is optional (R8, 2026); a bare 年 is a calendar year. */
		if (accept(&c, TK_NENDO) && era != -1 &&
		    peek_is(&c, TK_LPAREN) &&
		    western_echo(&c, year, TK_NENDO) == -1)
			return -1;
	}
	if (c.i != tk.n || !in_range(year))
		return -1;
	/*
	 * An era names fiscal years up to the calendar year in which it ended:
	 * 平成31年度 is still written for FY2019 (budgets are drafted before an
	 * era name is known) and 昭和64年度 likewise means FY1989, but 平成32年度
	 * never existed.
	 */
	if (era != -1 && year > eras[era].last / 10000)
		return -1;
	*fy = year;
	return 0;
}

int
date_parse(const char *s, struct kdate *d)
{
	return date_parse_why(s, d, NULL, 0);
}

int
date_parse_why(const char *s, struct kdate *d, char *why, size_t whylen)
{
	struct toks tk;
	struct cur c = { &tk, 0 };
	const struct tok *t;
	int year, month, day = 0, era, from, to;
	enum tk sep;

	if (tokenize(s, &tk) == -1 || year_part(&c, &year, &era) == -1)
		return -1;
	t = peek(&c);
	if (t == NULL)
		return -1;		/* a year alone is not a date */
	if (t->kind == TK_DASH || t->kind == TK_DOT || t->kind == TK_SLASH) {
		/*
		 * 2026-03-31, R8.3.31, R8/3/31, R8.3, R8.●. One separator
		 * throughout: R8.3/31 is more likely a typo than a date.
		 */
		sep = t->kind;
		c.i++;
		if (accept(&c, TK_UNKNOWN))
			month = 0;
		else if (!number(&c, 1, 2, &month) || month == 0)
			return -1;
		if (month != 0 && accept(&c, sep) &&
		    (!number(&c, 1, 2, &day) || day == 0))
			return -1;
	} else if (t->kind == TK_NEN) {
		/* 2026年3月31日, 令和8年3月, 令和8年（2026年）3月31日, 令和8年●月. */
		c.i++;
		if (era != -1 && peek_is(&c, TK_LPAREN) &&
		    western_echo(&c, year, TK_NEN) == -1)
			return -1;
		if (accept(&c, TK_UNKNOWN))
			month = 0;
		else if (!number(&c, 1, 2, &month) || month == 0)
			return -1;
		if (!accept(&c, TK_GATSU))
			return -1;
		if (month != 0 && peek_is(&c, TK_NUM) &&
		    (!number(&c, 1, 2, &day) || day == 0 ||
		    !accept(&c, TK_NICHI)))
			return -1;
	} else
		return -1;
	if (c.i != tk.n || !in_range(year))
		return -1;
	if (month > 12) {
		if (why != NULL)
			snprintf(why, whylen, "there is no month %d", month);
		return -1;
	}
	if (month != 0 && day > days_in_month(year, month)) {
		if (why != NULL)
			snprintf(why, whylen, "%d年%d月 has %d days", year,
			    month, days_in_month(year, month));
		return -1;
	}
	if (era != -1) {
		/*
		 * The era must have been in force on the day named, or for a
		 * month alone (令和8年3月) on some day of that month, or for an
		 * unknown month on some day of that year. So 令和元年4月1日 and
		 * 令和元年4月 are rejected (all of April 2019 was 平成31年) but
		 * 平成元年1月 (January 8 to 31, 1989) is accepted.
		 */
		if (month == 0) {
			from = ymd(year, 1, 1);
			to = ymd(year, 12, 31);
		} else if (day == 0) {
			from = ymd(year, month, 1);
			to = ymd(year, month, days_in_month(year, month));
		} else
			from = to = ymd(year, month, day);
		if (!era_overlaps(era, from, to)) {
			if (why != NULL)
				snprintf(why, whylen, "the era named was not "
				    "in use on that date");
			return -1;
		}
	}
	d->year = year;
	d->month = month;
	d->day = day;
	return 0;
}

/* --- output --- */

int
fy_style_parse(const char *s, enum fy_style *style)
{
	static const struct {
		const char	*name;
		enum fy_style	 style;
	} styles[] = {
		{ "long", FY_STYLE_LONG },
		{ "era", FY_STYLE_ERA },
		{ "short", FY_STYLE_SHORT },
		{ "western", FY_STYLE_WESTERN },
	};
	size_t i;

	if (s == NULL)
		return -1;
	for (i = 0; i < KK_ARRAY_LEN(styles); i++)
		if (strcmp(s, styles[i].name) == 0) {
			*style = styles[i].style;
			return 0;
		}
	return -1;
}

const char *
fy_style_name(enum fy_style style)
{
	switch (style) {
	case FY_STYLE_LONG:
		return "long";
	case FY_STYLE_ERA:
		return "era";
	case FY_STYLE_SHORT:
		return "short";
	case FY_STYLE_WESTERN:
		return "western";
	}
	return "?";
}

/* 令和8 or 令和元: year 1 of an era is 元年 wherever kanji are printed. */
static void
put_era_year(struct buf *b, int era, int year)
{
	int n = year - eras[era].base;

	buf_puts(b, eras[era].name);
	if (n == 1)
		buf_puts(b, "元");
	else
		buf_printf(b, "%d", n);
}

/*
 * R8: the short style is for tables and charts, where 元 would break the
 * column of numbers, so it prints R1.
 */
static void
put_short_year(struct buf *b, int era, int year)
{
	buf_printf(b, "%c%d", eras[era].letter, year - eras[era].base);
}

void
fy_format(struct buf *b, int fy, enum fy_style style)
{
	int era = era_of_fy(fy);

	if (era == -1)
		style = FY_STYLE_WESTERN;	/* no era to print it in */
	switch (style) {
	case FY_STYLE_ERA:
		put_era_year(b, era, fy);
		buf_puts(b, "年度");
		break;
	case FY_STYLE_SHORT:
		put_short_year(b, era, fy);
		break;
	case FY_STYLE_WESTERN:
		buf_printf(b, "%d年度", fy);
		break;
	case FY_STYLE_LONG:
	default:
		put_era_year(b, era, fy);
		buf_printf(b, "年度（%d年度）", fy);
		break;
	}
}

void
fy_era_year(struct buf *b, int fy)
{
	int era = era_of_fy(fy);

	if (era == -1)
		buf_printf(b, "%d", fy);
	else
		put_era_year(b, era, fy);
}

static void
put_month_day(struct buf *b, int month, int day)
{
	if (month == 0)
		buf_puts(b, "●月");
	else
		buf_printf(b, "%d月", month);
	if (day > 0)
		buf_printf(b, "%d日", day);
}

void
date_format(struct buf *b, const struct kdate *d, enum fy_style style)
{
	int y = d->year, m = d->month, day = d->day, era = -1;

	/* A day without a month (●月31日) means nothing; print ●月. */
	if (m == 0)
		day = 0;
	/*
	 * The era is the one in force on the day. For a month alone it is the
	 * one in force on the 1st: 2019-04 is 平成31年4月 and 2019-05 令和元年5月
	 * (the change fell on a 1st), 1989-01 is 昭和64年1月. For an unknown
	 * month it is the one in force on December 31: such a date is a 時点
	 * still to be fixed, and the era that ends the year is the one the
	 * document will be read in (2019年●月 prints 令和元年●月, not 平成31年).
	 * A date outside FY_MIN_YEAR .. FY_MAX_YEAR, or with a month or day
	 * that no calendar has, prints in the western form as given.
	 */
	if (in_range(y) && m >= 0 && m <= 12 && day >= 0 && day <= 31)
		era = era_on(m == 0 ? ymd(y, 12, 31) :
		    ymd(y, m, day == 0 ? 1 : day));
	if (era == -1)
		style = FY_STYLE_WESTERN;
	switch (style) {
	case FY_STYLE_ERA:
		put_era_year(b, era, y);
		buf_puts(b, "年");
		put_month_day(b, m, day);
		break;
	case FY_STYLE_SHORT:
		put_short_year(b, era, y);
		if (m == 0)
			buf_puts(b, ".●");
		else
			buf_printf(b, ".%d", m);
		if (day > 0)
			buf_printf(b, ".%d", day);
		break;
	case FY_STYLE_WESTERN:
		buf_printf(b, "%d年", y);
		put_month_day(b, m, day);
		break;
	case FY_STYLE_LONG:
	default:
		put_era_year(b, era, y);
		buf_printf(b, "年（%d年）", y);
		put_month_day(b, m, day);
		break;
	}
}

int
when_format(struct buf *shown, struct buf *spoken, const struct kdate *d,
    int fy, enum fy_style style)
{
	if (d != NULL)
		date_format(shown, d, style);
	else
		fy_format(shown, fy, style);
	if (style == FY_STYLE_LONG)
		return 0;
	if (d != NULL)
		date_format(spoken, d, FY_STYLE_LONG);
	else
		fy_format(spoken, fy, FY_STYLE_LONG);
	return 1;
}
