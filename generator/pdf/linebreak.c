/*
 * linebreak.c: see linebreak.h. The rules follow W3C JLREQ §3.1 (line
 * breaking) and appendix A (character classes), strict variant, with the
 * class numbers given as cl-NN; JIS X 4051 §6 (行頭・行末禁則, 分離禁止).
 *
 * A small rule table of our own: pdf.md measured libunibreak (lets small
 * kana and ー start a line, splits ――, breaks inside full-width digits) and
 * ICU ja@lb=strict (wrong on quotes and full-width digits) against the
 * same rules, and neither was right.
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "pdf/linebreak.h"

/* Break classes; the pair rules are in pair_allowed(). */
enum lbc {
	LBC_ID,		/* ideographs, kana, other wide characters: break on both sides */
	LBC_OPEN,	/* opening brackets (cl-01): no break after */
	LBC_CLOSE,	/* closing brackets (cl-02): no break before */
	LBC_NS,		/* no break before: cl-03 hyphens, cl-04 ？！, cl-05 ・：；,
			   cl-09 iteration marks, cl-10 ー, cl-11 small kana */
	LBC_STOP,	/* cl-06 。． and cl-07 、，: no break before; may hang */
	LBC_INSEP,	/* cl-08 — … ‥ ―: no break between two of them */
	LBC_AL,		/* narrow letters, digits, symbols: Latin words, kept whole */
	LBC_SP,		/* U+0020, tab: break after; dropped at the end of a line */
	LBC_ZW,		/* U+200B zero width space: a break, no width */
	LBC_GLUE,	/* no break on either side: NBSP, word joiner, combining marks, variation selectors */
	LBC_HARD	/* U+000A: a hard line break */
};

static int
in_list(uint32_t cp, const uint32_t *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i] == cp)
			return 1;
	return 0;
}

/* cl-01 opening brackets, with the ASCII and halfwidth ones. */
static const uint32_t open_cps[] = {
	'(', '[', '{', 0x2018, 0x201C, 0x3008, 0x300A, 0x300C, 0x300E,
	0x3010, 0x3014, 0x3016, 0x3018, 0x301A, 0x301D, 0xFF08, 0xFF3B,
	0xFF5B, 0xFF5F, 0xFF62
};
/* cl-02 closing brackets. */
static const uint32_t close_cps[] = {
	')', ']', '}', 0x2019, 0x201D, 0x3009, 0x300B, 0x300D, 0x300F,
	0x3011, 0x3015, 0x3017, 0x3019, 0x301B, 0x301E, 0x301F, 0xFF09,
	0xFF3D, 0xFF5D, 0xFF60, 0xFF63
};
/*
 * No break before: cl-03 ‐ 〜 ゠ – (and ～ U+FF5E, which Windows input
 * methods give for 〜), cl-04 ？！‼⁇⁈⁉, cl-05 ・：；, cl-09 ヽヾゝゞ々〻,
 * cl-10 ー, ASCII and halfwidth punctuation that has the same role.
 */
static const uint32_t ns_cps[] = {
	0x2010, 0x2013, 0x301C, 0x30A0, 0xFF5E,
	0xFF1F, 0xFF01, 0x203C, 0x2047, 0x2048, 0x2049, '?', '!',
	0x30FB, 0xFF1A, 0xFF1B, 0xFF65, ':', ';', ',', '.',
	0x30FD, 0x30FE, 0x309D, 0x309E, 0x3005, 0x303B,
	0x30FC, 0xFF70
};
/* cl-11 small kana. */
static const uint32_t small_cps[] = {
	0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063, 0x3083, 0x3085,
	0x3087, 0x308E, 0x3095, 0x3096,
	0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30C3, 0x30E3, 0x30E5,
	0x30E7, 0x30EE, 0x30F5, 0x30F6
};
/* cl-06 full stops and cl-07 commas: the characters that may hang. */
static const uint32_t stop_cps[] = {
	0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF61, 0xFF64
};
/* cl-08 inseparable characters. */
static const uint32_t insep_cps[] = {
	0x2014, 0x2015, 0x2025, 0x2026, 0x3033, 0x3034, 0x3035
};

static int
is_glue(uint32_t cp)
{
	return cp == 0x00A0 || cp == 0x2060 || cp == 0xFEFF ||
	    cp == 0x200D || cp == 0x202F ||
	    (cp >= 0x0300 && cp <= 0x036F) ||	/* combining diacritics */
	    (cp >= 0x3099 && cp <= 0x309A) ||	/* combining (han)dakuten */
	    (cp >= 0xFE00 && cp <= 0xFE0F) ||	/* variation selectors */
	    (cp >= 0xE0100 && cp <= 0xE01EF);
}

static enum lbc
lb_class(uint32_t cp)
{
	/* The common cases first (kanji, ASCII letters and digits): no list holds them. */
	if (cp >= 0x4E00 && cp <= 0x9FFF)
		return LBC_ID;
	if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
	    (cp >= '0' && cp <= '9'))
		return LBC_AL;
	if ((cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x30A1 && cp <= 0x30FA))
		return in_list(cp, small_cps, KK_ARRAY_LEN(small_cps)) ?
		    LBC_NS : LBC_ID;	/* kana: small ones do not start a line */
	if (cp == '\n')
		return LBC_HARD;
	if (cp == ' ' || cp == '\t')
		return LBC_SP;
	if (cp == 0x200B)
		return LBC_ZW;
	if (is_glue(cp))
		return LBC_GLUE;
	if (in_list(cp, open_cps, KK_ARRAY_LEN(open_cps)))
		return LBC_OPEN;
	if (in_list(cp, close_cps, KK_ARRAY_LEN(close_cps)))
		return LBC_CLOSE;
	if (in_list(cp, stop_cps, KK_ARRAY_LEN(stop_cps)))
		return LBC_STOP;
	if (in_list(cp, ns_cps, KK_ARRAY_LEN(ns_cps)) ||
	    in_list(cp, small_cps, KK_ARRAY_LEN(small_cps)) ||
	    (cp >= 0x31F0 && cp <= 0x31FF) ||	/* small katakana for Ainu */
	    (cp >= 0xFF67 && cp <= 0xFF6F))	/* halfwidth small katakana */
		return LBC_NS;
	if (in_list(cp, insep_cps, KK_ARRAY_LEN(insep_cps)))
		return LBC_INSEP;
	if (cp_is_wide(cp))
		return LBC_ID;
	/*
	 * Everything else narrow is part of a word: letters, digits, ASCII
	 * symbols. Ambiguous-width symbols (※ ○ → …) that are not in a list
	 * above behave as ideographs: they are full width in Japanese fonts.
	 */
	if (cp < 0x2000 || (cp >= 0xFF61 && cp <= 0xFFDC))
		return LBC_AL;
	return LBC_ID;
}

int
linebreak_no_start(uint32_t cp)
{
	enum lbc c = lb_class(cp);

	return c == LBC_CLOSE || c == LBC_NS || c == LBC_STOP;
}

int
linebreak_no_end(uint32_t cp)
{
	return lb_class(cp) == LBC_OPEN;
}

/* The pair rules: may a line break between a and b? */
static int
pair_allowed(uint32_t a, enum lbc ca, uint32_t b, enum lbc cb)
{
	if (cb == LBC_SP || cb == LBC_HARD)
		return 0;	/* break after a run of spaces, never inside it */
	if (ca == LBC_GLUE || cb == LBC_GLUE)
		return 0;
	if (ca == LBC_ZW || ca == LBC_HARD)
		return 1;
	if (cb == LBC_CLOSE || cb == LBC_NS || cb == LBC_STOP)
		return 0;	/* 行頭禁則 */
	if (ca == LBC_OPEN)
		return 0;	/* 行末禁則 */
	if (ca == LBC_SP)
		return 1;
	if (ca == LBC_INSEP && cb == LBC_INSEP && a == b)
		return 0;	/* —— and …… are one mark */
	if (ca == LBC_AL && cb == LBC_AL)
		return 0;	/* a Latin word */
	return 1;
}

/* ------------------------------------------------------------------ */
/* Numbers, units, dates and URLs: breaks removed after the pair rules */
/* ------------------------------------------------------------------ */

static int
is_digit(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

/* Separators inside a number, when a digit follows: 10,000 3.5 10:30 2026/4/1 １２３，４５６. */
static int
is_num_sep(uint32_t cp)
{
	return cp == ',' || cp == '.' || cp == ':' || cp == '/' ||
	    cp == 0xFF0C || cp == 0xFF0E || cp == 0xFF1A || cp == 0xFF0F;
}

/* Signs and counters written before a number: ¥100, $5, ＃3, −2, 第3. */
static int
is_num_prefix(uint32_t cp)
{
	return cp == 0x00A5 || cp == 0xFFE5 || cp == '$' || cp == 0xFF04 ||
	    cp == 0x20AC || cp == 0x00A3 || cp == '#' || cp == 0xFF03 ||
	    cp == 0x2116 || cp == '+' || cp == 0xFF0B || cp == 0x2212 ||
	    cp == 0x00B1 || cp == 0x7B2C;	/* 第 */
}

/* Era names before a year: 令和8年度 is not broken as 令和|8. */
static const char *const eras[] = { "明治", "大正", "昭和", "平成", "令和" };

/* Multipliers between a number and its unit: 1,290万円, 3千人. */
static int
is_multiplier(uint32_t cp)
{
	return cp == 0x5341 || cp == 0x767E || cp == 0x4E07 ||
	    cp == 0x5104 || cp == 0x5146;	/* 千 百 万 億 兆 */
}

/*
 * Units of more than one character, kept whole after a number (8年度, 3か月,
 * 24時間). A one-character unit needs no entry: any ideograph or kana right
 * after a number is taken as its unit (320件, 3手続, 8年), which is what
 * plan text needs and never wrong, since it only removes one break.
 */
static const char *const units[] = {
	"年度", "年間", "か年", "ヵ年", "カ年", "か月", "ヶ月", "ヵ月", "カ月",
	"ケ月", "か所", "ヶ所", "ヵ所", "カ所", "箇所", "時間", "世帯", "週間",
	"日間", "分間", "秒間", "人分", "回目", "番目", "平方メートル",
	"キロメートル", "メートル", "ヘクタール", "ポイント"
};

/* Narrow unit symbols after a number (letters are glued by the word rule). */
static int
is_unit_symbol(uint32_t cp)
{
	return cp == '%' || cp == 0xFF05 || cp == 0x2030 || cp == 0x00B0 ||
	    cp == 0x2103 || cp == 0x2032 || cp == 0x2033;	/* % ％ ‰ ° ℃ ′ ″ */
}

/* Length in chars of the word w (UTF-8) if it is at c[i], else 0. */
static size_t
match_word(const struct lb_char *c, size_t n, size_t i, const char *w)
{
	size_t k = 0, wl = strlen(w), off = 0;
	uint32_t cp;

	while (off < wl) {
		off += utf8_decode(w + off, wl - off, &cp);
		if (i + k >= n || c[i + k].cp != cp)
			return 0;
		k++;
	}
	return k;
}

/* Chars of the unit at c[j] after a number: multipliers, then a unit. */
static size_t
unit_len(const struct lb_char *c, size_t n, size_t j)
{
	size_t k = j, m, best = 0, u;

	while (k < n && is_multiplier(c[k].cp))
		k++;
	for (u = 0; u < KK_ARRAY_LEN(units); u++) {
		m = match_word(c, n, k, units[u]);
		if (m > best)
			best = m;
	}
	if (best > 0)
		return k - j + best;
	if (k < n && (is_unit_symbol(c[k].cp) ||
	    (lb_class(c[k].cp) == LBC_ID && !is_digit(c[k].cp))))
		return k - j + 1;
	return k - j;
}

/* Circled numbers ① … ⑳, ㉑ … ㊿: a 重点事業's number, as in ①-1. */
static int
is_circled(uint32_t cp)
{
	return (cp >= 0x2460 && cp <= 0x2473) || (cp >= 0x3251 &&
	    cp <= 0x325F) || (cp >= 0x32B1 && cp <= 0x32BF);
}

static void
glue_numbers(const struct lb_char *c, size_t n, unsigned char *brk)
{
	size_t i = 0, j, k, u, e;

	/* A project's id ①-1 is one word: no break after the ①. */
	for (i = 0; i + 2 < n; i++)
		if (is_circled(c[i].cp) && (c[i + 1].cp == '-' ||
		    c[i + 1].cp == 0xFF0D) && is_digit(c[i + 2].cp))
			brk[i + 1] = 0;
	i = 0;
	while (i < n) {
		if (!is_digit(c[i].cp) || (i > 0 && is_digit(c[i - 1].cp))) {
			i++;
			continue;
		}
		/* The prefix: a sign, 第, an era name. */
		if (i > 0 && is_num_prefix(c[i - 1].cp))
			brk[i] = 0;
		for (e = 0; e < KK_ARRAY_LEN(eras); e++)
			if (i >= 2 && match_word(c, n, i - 2, eras[e]) == 2)
				brk[i] = brk[i - 1] = 0;
		/* Digits, and separators followed by a digit. */
		j = i;
		for (;;) {
			while (j < n && is_digit(c[j].cp))
				j++;
			if (j + 1 < n && is_num_sep(c[j].cp) &&
			    is_digit(c[j + 1].cp)) {
				j++;
				continue;
			}
			break;
		}
		for (k = i + 1; k < j; k++)
			brk[k] = 0;
		u = unit_len(c, n, j);
		for (k = j; k < j + u; k++)
			brk[k] = 0;
		/* A date goes on: 2026年4月1日 is one group. */
		if (u == 1 && j + 1 < n && is_digit(c[j + 1].cp) &&
		    (c[j].cp == 0x5E74 || c[j].cp == 0x6708))	/* 年 月 */
			brk[j + 1] = 0;
		i = j + u;
	}
}

static int
ascii_lower(uint32_t cp)
{
	return cp >= 'A' && cp <= 'Z' ? (int)(cp - 'A' + 'a') : (int)cp;
}

static int
starts_with(const struct lb_char *c, size_t n, size_t i, const char *s)
{
	size_t k;

	for (k = 0; s[k] != '\0'; k++)
		if (i + k >= n || ascii_lower(c[i + k].cp) != s[k])
			return 0;
	return 1;
}

/*
 * URLs (http://, https://, www.) are kept whole but may break after a / (not
 * inside //) or a -, so that a long address wraps at a component rather
 * than anywhere.
 */
static void
glue_urls(const struct lb_char *c, size_t n, unsigned char *brk)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		if (i > 0 && lb_class(c[i - 1].cp) == LBC_AL)
			continue;	/* inside a word */
		if (!starts_with(c, n, i, "http://") &&
		    !starts_with(c, n, i, "https://") &&
		    !starts_with(c, n, i, "www."))
			continue;
		for (k = i + 1; k < n && c[k].cp > 0x20 && c[k].cp < 0x7F; k++)
			brk[k] = (c[k - 1].cp == '/' && c[k].cp != '/') ||
			    (c[k - 1].cp == '-' && c[k].cp != '-');
		i = k;
	}
}

/* ------------------------------------------------------------------ */
/* Building the paragraph                                             */
/* ------------------------------------------------------------------ */

void
linebreak_init(struct linebreak *lb)
{
	memset(lb, 0, sizeof(*lb));
}

void
linebreak_reset(struct linebreak *lb)
{
	lb->n = 0;
	lb->nline = 0;
}

void
linebreak_free(struct linebreak *lb)
{
	free(lb->c);
	free(lb->brk);
	free(lb->line);
	memset(lb, 0, sizeof(*lb));
}

void
linebreak_add_cp(struct linebreak *lb, uint32_t cp, int32_t width,
    const void *style, size_t off)
{
	struct lb_char *ch;

	lb->c = xgrow(lb->c, &lb->cap, lb->n + 1, sizeof(*lb->c));
	ch = &lb->c[lb->n++];
	ch->cp = cp;
	ch->width = width;
	ch->style = style;
	ch->off = off;
}

void
linebreak_add(struct linebreak *lb, const char *s, size_t len,
    const void *style, lb_width_fn width, void *ctx)
{
	size_t off = 0, k;
	uint32_t cp;

	while (off < len) {
		k = utf8_decode(s + off, len - off, &cp);
		linebreak_add_cp(lb, cp, width(ctx, cp), style, off);
		off += k;
	}
}

int
linebreak_allowed(const struct linebreak *lb, size_t i)
{
	return i > 0 && i < lb->n && lb->brk[i];
}

static void
compute_breaks(struct linebreak *lb)
{
	size_t i;
	enum lbc prev, cur;

	lb->brk = xgrow(lb->brk, &lb->brkcap, lb->n + 1, 1);
	memset(lb->brk, 0, lb->n + 1);
	if (lb->n == 0)
		return;
	prev = lb_class(lb->c[0].cp);
	for (i = 1; i < lb->n; i++) {
		cur = lb_class(lb->c[i].cp);
		lb->brk[i] = (unsigned char)pair_allowed(lb->c[i - 1].cp, prev,
		    lb->c[i].cp, cur);
		prev = cur;
	}
	glue_numbers(lb->c, lb->n, lb->brk);
	glue_urls(lb->c, lb->n, lb->brk);
	/* A hard break always ends the line, whatever precedes it. */
	for (i = 1; i < lb->n; i++)
		if (lb->c[i - 1].cp == '\n')
			lb->brk[i] = 1;
	lb->brk[lb->n] = 1;
}

/* ------------------------------------------------------------------ */
/* Greedy line filling                                                */
/* ------------------------------------------------------------------ */

static int
is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t';
}

static int32_t
span_width(const struct linebreak *lb, size_t a, size_t b)
{
	int32_t w = 0;

	for (; a < b; a++)
		w += lb->c[a].width;
	return w;
}

static size_t
trim_end(const struct linebreak *lb, size_t s, size_t e)
{
	while (e > s && is_space(lb->c[e - 1].cp))
		e--;
	return e;
}

static struct lb_line *
new_line(struct linebreak *lb)
{
	struct lb_line *l;

	lb->line = xgrow(lb->line, &lb->linecap, lb->nline + 1,
	    sizeof(*lb->line));
	l = &lb->line[lb->nline++];
	memset(l, 0, sizeof(*l));
	return l;
}

/* The justification of a finished line. */
static void
finish_line(const struct linebreak *lb, struct lb_line *l,
    const struct lb_opts *o)
{
	size_t nchars = l->end - l->start;
	int32_t w = l->width;

	if (l->hang && nchars > 0) {
		w -= lb->c[l->end - 1].width;
		nchars--;
	}
	l->adjust = 0;
	l->gaps = nchars > 1 ? (int)(nchars - 1) : 0;
	if (o->justify && !l->last && !l->hard && l->gaps > 0 &&
	    l->avail > w)
		l->adjust = l->avail - w;
}

/* After these, an address or identifier reads as continued on the next line. */
static int
is_url_punct(uint32_t cp)
{
	return cp == '.' || cp == '/' || cp == '-' || cp == '_' || cp == '?' ||
	    cp == '&' || cp == '=' || cp == '#' || cp == ':';
}

/*
 * Nothing permitted fits between s and e (e does not fit): a word or URL
 * longer than the line. Break in its second half after a punctuation mark
 * if there is one (example.|jp), else where no 禁則 pair is broken, else
 * where it overflowed. A char wider than the line gets a line of its own.
 */
static size_t
emergency_break(const struct linebreak *lb, size_t s, size_t e)
{
	size_t b, lo = s + (e - s) / 2;

	if (e <= s)
		return s + 1;
	for (b = e; b > lo; b--)
		if (is_url_punct(lb->c[b - 1].cp) && !is_space(lb->c[b].cp))
			return b;
	for (b = e; b > lo; b--)
		if (!linebreak_no_start(lb->c[b].cp) &&
		    !linebreak_no_end(lb->c[b - 1].cp))
			return b;
	return e;
}

/*
 * A pushed line less than half full, because the next word is a long URL,
 * would be spread to gaps wider than its characters; breaking the URL
 * after a '.' or '/' reads better, as in an emergency. Latin words are
 * never broken so (JIS X 4051 keeps them whole).
 */
#define LB_LOOSE_DIV	2

static int
too_loose(const struct linebreak *lb, size_t s, size_t b, int32_t avail)
{
	return avail - span_width(lb, s, trim_end(lb, s, b)) > avail / LB_LOOSE_DIV;
}

/* The last break after URL punctuation inside the URL that starts at lo, or 0. */
static size_t
url_break(const struct linebreak *lb, size_t lo, size_t e)
{
	size_t b;

	if (!starts_with(lb->c, lb->n, lo, "http://") &&
	    !starts_with(lb->c, lb->n, lo, "https://") &&
	    !starts_with(lb->c, lb->n, lo, "www."))
		return 0;
	for (b = e; b > lo + 1; b--)
		if (is_url_punct(lb->c[b - 1].cp) &&
		    lb_class(lb->c[b - 1].cp) != LBC_ID &&
		    lb_class(lb->c[b].cp) == LBC_AL)
			return b;
	return 0;
}

size_t
linebreak_compute(struct linebreak *lb, const struct lb_opts *o)
{
	size_t s = 0, e, b, b2, n = lb->n;
	int32_t avail, sum;
	struct lb_line *l;

	lb->nline = 0;
	compute_breaks(lb);
	while (s < n) {
		avail = o->width - (lb->nline == 0 ? o->indent : 0);
		if (avail < 1)
			avail = 1;
		/*
		 * Fill: e is the first char that does not fit. Spaces never
		 * stop the fill, since they are dropped at a line end.
		 */
		sum = 0;
		for (e = s; e < n && lb->c[e].cp != '\n'; e++) {
			if (sum + lb->c[e].width > avail && !is_space(lb->c[e].cp))
				break;
			sum += lb->c[e].width;
		}
		l = new_line(lb);
		l->start = s;
		l->avail = avail;
		if (e == n || lb->c[e].cp == '\n') {
			/* The rest of the paragraph, or up to a hard break. */
			l->end = trim_end(lb, s, e);
			l->hard = e < n;
			l->next = e < n ? e + 1 : n;
			l->last = l->next >= n;
		} else if (o->hang && e > s && lb_class(lb->c[e].cp) == LBC_STOP &&
		    (e + 1 == n || lb->brk[e + 1] || lb->c[e + 1].cp == '\n')) {
			/*
			 * ぶら下げ: the 、 or 。 that does not fit hangs past the
			 * line end rather than pushing characters down, when
			 * a break is permitted after it.
			 */
			l->end = e + 1;
			l->hang = 1;
			l->next = e + 1;
			if (e + 1 < n && lb->c[e + 1].cp == '\n') {
				l->hard = 1;
				l->next = e + 2;
			}
			l->last = l->next >= n;
		} else {
			/* 追い出し: the last permitted break at or before e. */
			for (b = e; b > s && !lb->brk[b]; b--)
				;
			if (b > s) {
				l->pushed = b < e;
				if (l->pushed && too_loose(lb, s, b, avail) &&
				    (b2 = url_break(lb, b, e)) > b) {
					b = b2;
					l->pushed = 0;
					l->emergency = 1;
				}
			} else {
				b = emergency_break(lb, s, e);
				l->emergency = 1;
			}
			l->end = trim_end(lb, s, b);
			l->next = b;
		}
		l->width = span_width(lb, l->start, l->end);
		finish_line(lb, l, o);
		s = l->next;
	}
	if (lb->nline > 0)
		lb->line[lb->nline - 1].last = 1;
	if (lb->nline > 0 && lb->line[lb->nline - 1].adjust != 0)
		lb->line[lb->nline - 1].adjust = 0;
	return lb->nline;
}
