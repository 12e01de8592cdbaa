/*
 * test_number.c: numbering patterns (number.c, resolve.h number_format),
 * every counter format and its range, and the errors.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "resolve.h"

/* Expands pattern with n (and the other counters); "ERR" on error. */
static char *
fmt(const char *pattern, int n)
{
	static char out[256];
	struct numvars v = { n, 3, 2, 4, "3-2" };
	struct buf b = {0};
	const char *err = NULL;

	if (number_format(&b, pattern, &v, &err) == -1) {
		snprintf(out, sizeof(out), "ERR");
		if (err == NULL)
			snprintf(out, sizeof(out), "ERR-without-message");
	} else
		snprintf(out, sizeof(out), "%s", buf_str(&b));
	buf_free(&b);
	return out;
}

static const char *
errmsg(const char *pattern, const struct numvars *v)
{
	static char out[256];
	struct buf b = {0};
	const char *err = NULL;

	buf_puts(&b, "keep");
	if (number_format(&b, pattern, v, &err) == 0)
		snprintf(out, sizeof(out), "OK:%s", buf_str(&b));
	else if (strcmp(buf_str(&b), "keep") != 0)
		snprintf(out, sizeof(out), "BUFFER-CHANGED");
	else
		snprintf(out, sizeof(out), "%s", err ? err : "(null)");
	buf_free(&b);
	return out;
}

static void
test_decimal(void)
{
	CHECK_STR(fmt("{n}", 1), "1", "{n} 1");
	CHECK_STR(fmt("{n}", 0), "0", "{n} 0");
	CHECK_STR(fmt("{n}", 1234), "1234", "{n} 1234, no separator");
	CHECK_STR(fmt("{n}.", 7), "7.", "{n}. 7");
	CHECK_STR(fmt("{n:02}", 1), "01", "{n:02} 1");
	CHECK_STR(fmt("{n:02}", 9), "09", "{n:02} 9");
	CHECK_STR(fmt("{n:02}", 10), "10", "{n:02} 10");
	CHECK_STR(fmt("{n:02}", 123), "123", "{n:02} 123 is wider, not cut");
	CHECK_STR(fmt("{n:03}", 7), "007", "{n:03} 7");
	CHECK_STR(fmt("{n:01}", 7), "7", "{n:01} 7");
	CHECK_STR(fmt("{n:00}", 7), "ERR", "{n:00} is an error");
	CHECK_STR(fmt("{n:2}", 7), "ERR", "{n:2} (no zero) is an error");
	CHECK_STR(fmt("{n:010}", 7), "ERR", "{n:010} is an error");
	CHECK_STR(fmt("{n}", -1), "ERR", "negative counter");
}

static void
test_kanji(void)
{
	static const char *const want[] = {
		NULL, "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
		"十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八",
		"十九", "二十",
	};
	static const char *const tens[] = {
		"", "十", "二十", "三十", "四十", "五十", "六十", "七十",
		"八十", "九十",
	};
	static const char *const digit[] = {
		"", "一", "二", "三", "四", "五", "六", "七", "八", "九",
	};
	char w[64];
	int n, bad = 0, first_bad = 0;

	for (n = 1; n <= 20; n++)
		CHECK_STR(fmt("{n:kanji}", n), want[n], "kanji %d", n);
	/* Every number 1..99 against the rule tens + units. */
	for (n = 1; n <= 99; n++) {
		snprintf(w, sizeof(w), "%s%s", tens[n / 10], digit[n % 10]);
		if (strcmp(fmt("{n:kanji}", n), w) != 0 && bad++ == 0)
			first_bad = n;
	}
	CHECK_INT(bad, 0, "kanji 1..99 all follow 十/二十/九十九 (first bad %d)",
	    first_bad);
	CHECK_STR(fmt("{n:kanji}", 21), "二十一", "kanji 21");
	CHECK_STR(fmt("{n:kanji}", 30), "三十", "kanji 30");
	CHECK_STR(fmt("{n:kanji}", 99), "九十九", "kanji 99");
	CHECK_STR(fmt("{n:kanji}", 100), "百", "kanji 100");
	CHECK_STR(fmt("{n:kanji}", 101), "百一", "kanji 101");
	CHECK_STR(fmt("{n:kanji}", 110), "百十", "kanji 110");
	CHECK_STR(fmt("{n:kanji}", 250), "二百五十", "kanji 250");
	CHECK_STR(fmt("{n:kanji}", 1000), "千", "kanji 1000");
	CHECK_STR(fmt("{n:kanji}", 2026), "二千二十六", "kanji 2026");
	CHECK_STR(fmt("{n:kanji}", 9999), "九千九百九十九", "kanji 9999");
	CHECK_STR(fmt("{n:kanji}", 10000), "ERR", "kanji 10000 is an error");
	CHECK_STR(fmt("{n:kanji}", 0), "〇", "kanji 0");
	CHECK_STR(fmt("第{n:kanji}章", 1), "第一章", "第{n:kanji}章 1");
	CHECK_STR(fmt("第{n:kanji}章", 11), "第十一章", "第{n:kanji}章 11");
	CHECK_STR(fmt("第{n:kanji}章", 20), "第二十章", "第{n:kanji}章 20");
}

static void
test_circled(void)
{
	static const char *const want[] = {
		NULL, "①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧", "⑨", "⑩",
		"⑪", "⑫", "⑬", "⑭", "⑮", "⑯", "⑰", "⑱", "⑲", "⑳",
		"㉑", "㉒", "㉓", "㉔", "㉕", "㉖", "㉗", "㉘", "㉙", "㉚",
		"㉛", "㉜", "㉝", "㉞", "㉟", "㊱", "㊲", "㊳", "㊴", "㊵",
		"㊶", "㊷", "㊸", "㊹", "㊺", "㊻", "㊼", "㊽", "㊾", "㊿",
	};
	int n, bad = 0, first_bad = 0;

	for (n = 1; n <= 50; n++)
		if (strcmp(fmt("{n:circled}", n), want[n]) != 0 && bad++ == 0)
			first_bad = n;
	CHECK_INT(bad, 0, "circled 1..50 (first bad %d)", first_bad);
	CHECK_STR(fmt("{n:circled}", 1), "①", "circled 1");
	CHECK_STR(fmt("{n:circled}", 20), "⑳", "circled 20");
	CHECK_STR(fmt("{n:circled}", 21), "㉑", "circled 21");
	CHECK_STR(fmt("{n:circled}", 35), "㉟", "circled 35");
	CHECK_STR(fmt("{n:circled}", 36), "㊱", "circled 36");
	CHECK_STR(fmt("{n:circled}", 50), "㊿", "circled 50");
	CHECK_STR(fmt("{n:circled}", 51), "ERR", "circled 51 is an error");
	CHECK_STR(fmt("{n:circled}", 0), "ERR", "circled 0 is an error");
	CHECK_STR(errmsg("{n:circled}", &(struct numvars){ 51, 0, 0, 0, NULL }),
	    "circled numbers go from ① to ㊿ (1 to 50)",
	    "circled 51: message names ㊿, buffer untouched");
	CHECK_STR(fmt("重点事業{n:circled}", 3), "重点事業③", "重点事業{n:circled}");
}

static void
test_roman(void)
{
	static const char *const want[] = {
		NULL, "Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ", "Ⅵ", "Ⅶ", "Ⅷ", "Ⅸ", "Ⅹ",
		"Ⅺ", "Ⅻ",
	};
	int n;

	for (n = 1; n <= 12; n++)
		CHECK_STR(fmt("{n:roman}", n), want[n], "roman %d", n);
	CHECK_STR(fmt("{n:roman}", 13), "ⅩⅢ", "roman 13");
	CHECK_STR(fmt("{n:roman}", 14), "ⅩⅣ", "roman 14");
	CHECK_STR(fmt("{n:roman}", 19), "ⅩⅨ", "roman 19");
	CHECK_STR(fmt("{n:roman}", 20), "ⅩⅩ", "roman 20");
	CHECK_STR(fmt("{n:roman}", 24), "ⅩⅩⅣ", "roman 24");
	CHECK_STR(fmt("{n:roman}", 40), "ⅩⅬ", "roman 40");
	CHECK_STR(fmt("{n:roman}", 49), "ⅩⅬⅨ", "roman 49");
	CHECK_STR(fmt("{n:roman}", 99), "ⅩⅭⅨ", "roman 99");
	CHECK_STR(fmt("{n:roman}", 2026), "ⅯⅯⅩⅩⅥ", "roman 2026");
	CHECK_STR(fmt("{n:roman}", 3999), "ⅯⅯⅯⅭⅯⅩⅭⅨ", "roman 3999");
	CHECK_STR(fmt("{n:roman}", 4000), "ERR", "roman 4000 is an error");
	CHECK_STR(fmt("{n:roman}", 0), "ERR", "roman 0 is an error");
}

static void
test_kana(void)
{
	CHECK_STR(fmt("{n:katakana}", 1), "ア", "katakana 1");
	CHECK_STR(fmt("{n:katakana}", 2), "イ", "katakana 2");
	CHECK_STR(fmt("{n:katakana}", 3), "ウ", "katakana 3");
	CHECK_STR(fmt("{n:katakana}", 4), "エ", "katakana 4");
	CHECK_STR(fmt("{n:katakana}", 5), "オ", "katakana 5");
	CHECK_STR(fmt("{n:katakana}", 6), "カ", "katakana 6");
	CHECK_STR(fmt("{n:katakana}", 11), "サ", "katakana 11");
	CHECK_STR(fmt("{n:katakana}", 36), "ヤ", "katakana 36");
	CHECK_STR(fmt("{n:katakana}", 37), "ユ", "katakana 37 (no ゐ-row gaps)");
	CHECK_STR(fmt("{n:katakana}", 39), "ラ", "katakana 39");
	CHECK_STR(fmt("{n:katakana}", 44), "ワ", "katakana 44");
	CHECK_STR(fmt("{n:katakana}", 45), "ERR", "katakana 45 is an error");
	CHECK_STR(fmt("{n:katakana}", 0), "ERR", "katakana 0 is an error");
	CHECK_STR(fmt("({n:katakana})", 1), "(ア)", "({n:katakana})");

	CHECK_STR(fmt("{n:iroha}", 1), "イ", "iroha 1");
	CHECK_STR(fmt("{n:iroha}", 2), "ロ", "iroha 2");
	CHECK_STR(fmt("{n:iroha}", 3), "ハ", "iroha 3");
	CHECK_STR(fmt("{n:iroha}", 4), "ニ", "iroha 4");
	CHECK_STR(fmt("{n:iroha}", 5), "ホ", "iroha 5");
	CHECK_STR(fmt("{n:iroha}", 6), "ヘ", "iroha 6");
	CHECK_STR(fmt("{n:iroha}", 7), "ト", "iroha 7");
	CHECK_STR(fmt("{n:iroha}", 8), "チ", "iroha 8");
	CHECK_STR(fmt("{n:iroha}", 25), "ヰ", "iroha 25");
	CHECK_STR(fmt("{n:iroha}", 43), "ヱ", "iroha 43");
	CHECK_STR(fmt("{n:iroha}", 47), "ス", "iroha 47");
	CHECK_STR(fmt("{n:iroha}", 48), "ERR", "iroha 48 is an error");
}

static void
test_variables(void)
{
	struct numvars v = { 2, 1, 3, 4, "1-2" };
	struct numvars nosec = { 2, 1, 3, 4, NULL };

	CHECK_STR(errmsg("{chapter}-{n}", &v), "OK:keep1-2", "{chapter}-{n}");
	CHECK_STR(errmsg("{focus:circled}-{n}", &v), "OK:keep③-2",
	    "{focus:circled}-{n}");
	CHECK_STR(errmsg("{pillar}-{n}", &v), "OK:keep4-2", "{pillar}-{n}");
	CHECK_STR(errmsg("{section}-{n}", &v), "OK:keep1-2-2", "{section}-{n}");
	CHECK_STR(errmsg("図{chapter}-{n}", &v), "OK:keep図1-2", "図{chapter}-{n}");
	CHECK_STR(errmsg("表{section}-{n}", &v), "OK:keep表1-2-2",
	    "表{section}-{n}");
	CHECK_STR(errmsg("{chapter:kanji}", &v), "OK:keep一", "{chapter:kanji}");
	CHECK_STR(errmsg("{pillar:roman}", &v), "OK:keepⅣ", "{pillar:roman}");
	CHECK_STR(errmsg("＜{n}＞", &v), "OK:keep＜2＞", "＜{n}＞");
	CHECK_STR(errmsg("資料{n}", &v), "OK:keep資料2", "資料{n}");
	CHECK_STR(errmsg("", &v), "OK:keep", "empty pattern");
	CHECK_STR(errmsg("はじめに", &v), "OK:keepはじめに", "no placeholder");
	CHECK_STR(errmsg("{section}", &nosec),
	    "{section} has no enclosing section here", "{section} without one");
	CHECK_STR(errmsg("{section:circled}", &v),
	    "{section} is a printed number and takes no format",
	    "{section:fmt} is an error");
}

static void
test_errors(void)
{
	struct numvars v = { 2, 1, 3, 4, "1-2" };

	CHECK_STR(errmsg("{m}", &v),
	    "unknown variable (use n, chapter, section, focus or pillar)",
	    "unknown variable");
	CHECK_STR(errmsg("{N}", &v),
	    "unknown variable (use n, chapter, section, focus or pillar)",
	    "variables are case-sensitive");
	CHECK_STR(errmsg("{ n }", &v),
	    "unknown variable (use n, chapter, section, focus or pillar)",
	    "no spaces inside braces");
	CHECK_STR(errmsg("{}", &v),
	    "unknown variable (use n, chapter, section, focus or pillar)",
	    "empty braces");
	CHECK_STR(errmsg("{n:greek}", &v),
	    "unknown number format (use 02, kanji, circled, roman, katakana "
	    "or iroha)", "unknown format");
	CHECK_STR(errmsg("{n:}", &v), "empty number format after ':'",
	    "empty format");
	CHECK_STR(errmsg("{n:Kanji}", &v),
	    "unknown number format (use 02, kanji, circled, roman, katakana "
	    "or iroha)", "formats are case-sensitive");
	CHECK_STR(errmsg("第{n章", &v),
	    "an unclosed '{' (write '{{' for a literal brace)", "unclosed brace");
	CHECK_STR(errmsg("{n}}", &v),
	    "a lone '}' (write '}}' for a literal brace)", "lone closing brace");
	CHECK_STR(errmsg("1-{n}-{x}", &v),
	    "unknown variable (use n, chapter, section, focus or pillar)",
	    "error after output: buffer restored");
	CHECK(number_format(&(struct buf){0}, NULL, &v, &(const char *){0}) == -1,
	    "NULL pattern is an error");
}

static void
test_literal_braces(void)
{
	struct numvars v = { 2, 1, 3, 4, "1-2" };

	CHECK_STR(errmsg("{{n}}", &v), "OK:keep{n}", "{{n}} prints {n}");
	CHECK_STR(errmsg("{{{n}}}", &v), "OK:keep{2}", "{{{n}}} prints {2}");
	CHECK_STR(errmsg("}}", &v), "OK:keep}", "}} prints }");
	CHECK_STR(errmsg("a{{b", &v), "OK:keepa{b", "a{{b");
}

int
main(void)
{
	test_decimal();
	test_kanji();
	test_circled();
	test_roman();
	test_kana();
	test_variables();
	test_errors();
	test_literal_braces();
	return check_done();
}
