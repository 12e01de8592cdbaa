/*
 * number.c: numbering patterns (resolve.h, number_format).
 *
 * A pattern is literal text with placeholders:
 *
 *   {var}        var is n, chapter, focus, pillar (counters) or section
 *   {var:fmt}    a counter in another form (below); {section} takes none
 *   {{  }}       a literal { or }
 *
 * Formats of a counter, with the range each can print (out of range is an
 * error, never a silently wrong number):
 *
 *   (none)       decimal 1, 2, 3 …                         any n >= 0
 *   0W           zero-padded to W digits: {n:02} 01 … 99   W = 1..9, n >= 0
 *   kanji        一 … 十 十一 二十 九十九 百 … 九千九百九十九  1..9999 (0 is 〇)
 *   circled      ① … ⑳ ㉑ … ㉟ ㊱ … ㊿                      1..50 (㊿ is the
 *                last circled number Unicode has)
 *   roman        Ⅰ … Ⅻ as the single Roman numeral characters (U+2160 ..
 *                U+216B), which Japanese documents use and which do not
 *                break across lines; from 13 on, tens, hundreds and
 *                thousands are written with Ⅹ Ⅼ Ⅽ Ⅾ Ⅿ followed by the
 *                single character for the units: 13 ⅩⅢ, 14 ⅩⅣ, 24 ⅩⅩⅣ,
 *                40 ⅩⅬ, 99 ⅩⅭⅨ                             1..3999
 *   katakana     ア イ ウ エ オ カ … ワ, the 五十音 order used by
 *                outline numbering ((ア)(イ)(ウ)); ヰ ヱ ヲ ン are not used
 *                                                          1..44
 *   iroha        イ ロ ハ ニ ホ ヘ ト … セ ス, the いろは order of
 *                Japanese statutes, ヰ and ヱ included         1..47
 *
 * Pure: nothing is allocated except into the caller's buffer, and errors
 * are static strings.
 */
#include <stdio.h>
#include <string.h>

#include "resolve.h"

/* 五十音 order for outline numbering, ア to ワ (44 letters). */
static const char *const katakana[] = {
	"ア", "イ", "ウ", "エ", "オ", "カ", "キ", "ク", "ケ", "コ",
	"サ", "シ", "ス", "セ", "ソ", "タ", "チ", "ツ", "テ", "ト",
	"ナ", "ニ", "ヌ", "ネ", "ノ", "ハ", "ヒ", "フ", "ヘ", "ホ",
	"マ", "ミ", "ム", "メ", "モ", "ヤ", "ユ", "ヨ",
	"ラ", "リ", "ル", "レ", "ロ", "ワ",
};

/* The いろは poem, as statutes number items with it (47 letters). */
static const char *const iroha[] = {
	"イ", "ロ", "ハ", "ニ", "ホ", "ヘ", "ト", "チ", "リ", "ヌ",
	"ル", "ヲ", "ワ", "カ", "ヨ", "タ", "レ", "ソ", "ツ", "ネ",
	"ナ", "ラ", "ム", "ウ", "ヰ", "ノ", "オ", "ク", "ヤ", "マ",
	"ケ", "フ", "コ", "エ", "テ", "ア", "サ", "キ", "ユ", "メ",
	"ミ", "シ", "ヱ", "ヒ", "モ", "セ", "ス",
};

static const char *const kanji_digit[] = {
	"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九",
};

#define NUMBER_KANJI_MAX	9999
#define NUMBER_CIRCLED_MAX	50
#define NUMBER_ROMAN_MAX	3999

/*
 * 二十三, 百五, 千二百: a 1 before 十, 百 and 千 is not written (十一, not
 * 一十一), as in 第十一章.
 */
static void
put_kanji(struct buf *b, int n)
{
	static const char *const units[] = { "千", "百", "十" };
	static const int powers[] = { 1000, 100, 10 };
	size_t i;
	int d;

	if (n == 0) {
		buf_puts(b, kanji_digit[0]);
		return;
	}
	for (i = 0; i < KK_ARRAY_LEN(powers); i++) {
		d = n / powers[i];
		n %= powers[i];
		if (d == 0)
			continue;
		if (d > 1)
			buf_puts(b, kanji_digit[d]);
		buf_puts(b, units[i]);
	}
	if (n > 0)
		buf_puts(b, kanji_digit[n]);
}

static void
put_circled(struct buf *b, int n)
{
	if (n <= 20)
		buf_put_cp(b, 0x2460 + (uint32_t)(n - 1));	/* ① .. ⑳ */
	else if (n <= 35)
		buf_put_cp(b, 0x3251 + (uint32_t)(n - 21));	/* ㉑ .. ㉟ */
	else
		buf_put_cp(b, 0x32B1 + (uint32_t)(n - 36));	/* ㊱ .. ㊿ */
}

static void
put_roman(struct buf *b, int n)
{
	/* Ⅰ U+2160 .. Ⅻ U+216B; Ⅼ U+216C, Ⅽ U+216D, Ⅾ U+216E, Ⅿ U+216F. */
	static const struct {
		int		 value;
		const char	*s;
	} big[] = {
		{ 1000, "Ⅿ" }, { 900, "ⅭⅯ" }, { 500, "Ⅾ" }, { 400, "ⅭⅮ" },
		{ 100, "Ⅽ" }, { 90, "ⅩⅭ" }, { 50, "Ⅼ" }, { 40, "ⅩⅬ" },
		{ 10, "Ⅹ" },
	};
	size_t i;

	if (n <= 12) {
		buf_put_cp(b, 0x2160 + (uint32_t)(n - 1));
		return;
	}
	for (i = 0; i < KK_ARRAY_LEN(big); i++)
		while (n >= big[i].value) {
			buf_puts(b, big[i].s);
			n -= big[i].value;
		}
	if (n > 0)
		buf_put_cp(b, 0x2160 + (uint32_t)(n - 1));
}

/* Formats counter value n as fmt (NULL = decimal). */
static int
put_counter(struct buf *b, int n, const char *fmt, size_t fmtlen,
    const char **err)
{
	if (n < 0) {
		*err = "a counter cannot be negative";
		return -1;
	}
	if (fmt == NULL) {
		buf_printf(b, "%d", n);
		return 0;
	}
	if (fmtlen == 2 && fmt[0] == '0' && fmt[1] >= '1' && fmt[1] <= '9') {
		buf_printf(b, "%0*d", fmt[1] - '0', n);
		return 0;
	}
#define IS(name) (fmtlen == sizeof(name) - 1 && memcmp(fmt, name, fmtlen) == 0)
	if (IS("kanji")) {
		if (n > NUMBER_KANJI_MAX) {
			*err = "kanji numbers go up to 9999 (九千九百九十九)";
			return -1;
		}
		put_kanji(b, n);
		return 0;
	}
	if (IS("circled")) {
		if (n < 1 || n > NUMBER_CIRCLED_MAX) {
			*err = "circled numbers go from ① to ㊿ (1 to 50)";
			return -1;
		}
		put_circled(b, n);
		return 0;
	}
	if (IS("roman")) {
		if (n < 1 || n > NUMBER_ROMAN_MAX) {
			*err = "roman numbers go from Ⅰ to 3999";
			return -1;
		}
		put_roman(b, n);
		return 0;
	}
	if (IS("katakana")) {
		if (n < 1 || (size_t)n > KK_ARRAY_LEN(katakana)) {
			*err = "katakana counters go from ア to ワ (1 to 44)";
			return -1;
		}
		buf_puts(b, katakana[n - 1]);
		return 0;
	}
	if (IS("iroha")) {
		if (n < 1 || (size_t)n > KK_ARRAY_LEN(iroha)) {
			*err = "iroha counters go from イ to ス (1 to 47)";
			return -1;
		}
		buf_puts(b, iroha[n - 1]);
		return 0;
	}
#undef IS
	*err = "unknown number format (use 02, kanji, circled, roman, "
	    "katakana or iroha)";
	return -1;
}

static int
expand(struct buf *out, const char *pattern, const struct numvars *v,
    const char **err)
{
	const char *p = pattern, *end, *colon, *fmt;
	size_t namelen, fmtlen;
	int n;

	*err = NULL;
	if (pattern == NULL) {
		*err = "no pattern";
		return -1;
	}
	while (*p != '\0') {
		if (*p == '}') {
			if (p[1] != '}') {
				*err = "a lone '}' (write '}}' for a literal brace)";
				return -1;
			}
			buf_putc(out, '}');
			p += 2;
			continue;
		}
		if (*p != '{') {
			buf_putc(out, (unsigned char)*p);
			p++;
			continue;
		}
		if (p[1] == '{') {
			buf_putc(out, '{');
			p += 2;
			continue;
		}
		end = strchr(p + 1, '}');
		if (end == NULL) {
			*err = "an unclosed '{' (write '{{' for a literal brace)";
			return -1;
		}
		colon = memchr(p + 1, ':', (size_t)(end - p - 1));
		namelen = (size_t)((colon ? colon : end) - p - 1);
		fmt = colon ? colon + 1 : NULL;
		fmtlen = colon ? (size_t)(end - colon - 1) : 0;
#define NAME(s) (namelen == sizeof(s) - 1 && memcmp(p + 1, s, namelen) == 0)
		if (NAME("section")) {
			if (fmt != NULL) {
				*err = "{section} is a printed number and takes "
				    "no format";
				return -1;
			}
			if (v->section == NULL) {
				*err = "{section} has no enclosing section here";
				return -1;
			}
			buf_puts(out, v->section);
			p = end + 1;
			continue;
		}
		if (NAME("n"))
			n = v->n;
		else if (NAME("chapter"))
			n = v->chapter;
		else if (NAME("focus"))
			n = v->focus;
		else if (NAME("pillar"))
			n = v->pillar;
		else {
			*err = "unknown variable (use n, chapter, section, focus "
			    "or pillar)";
			return -1;
		}
#undef NAME
		if (fmt != NULL && fmtlen == 0) {
			*err = "empty number format after ':'";
			return -1;
		}
		if (put_counter(out, n, fmt, fmtlen, err) == -1)
			return -1;
		p = end + 1;
	}
	return 0;
}

/* On error, out is left as it was: no half-expanded pattern. */
int
number_format(struct buf *out, const char *pattern, const struct numvars *v,
    const char **err)
{
	size_t len = out->len;

	if (expand(out, pattern, v, err) == 0)
		return 0;
	out->len = len;
	if (out->data != NULL)
		out->data[len] = '\0';
	return -1;
}
