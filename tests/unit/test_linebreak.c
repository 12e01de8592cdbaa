/*
 * test_linebreak.c: the Japanese line breaker (generator/pdf/linebreak.c)
 * at fixed metrics: every wide character 1 em (1000), every narrow one half
 * an em (500), as the text device measures. Each case asserts the exact
 * lines; "|" separates lines in the expected strings.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "util.h"
#include "pdf/font.h"
#include "pdf/linebreak.h"

#define EM 1000

static int32_t
fixed_width(void *ctx, uint32_t cp)
{
	(void)ctx;
	return font_fixed_width(cp);
}

static struct linebreak lb;
static struct buf out;

static void
run(const char *text, int32_t width, int32_t indent, int justify, int hang)
{
	struct lb_opts o;

	o.width = width;
	o.indent = indent;
	o.justify = justify;
	o.hang = hang;
	linebreak_reset(&lb);
	linebreak_add(&lb, text, strlen(text), NULL, fixed_width, NULL);
	linebreak_compute(&lb, &o);
}

/* The lines as "line|line|…", with flags when asked: <h>ang <p>ushed <e>mergency <n> hard. */
static const char *
lines(int flags)
{
	struct buf *b = &out;
	size_t i, k;

	buf_reset(b);
	for (i = 0; i < lb.nline; i++) {
		const struct lb_line *l = &lb.line[i];

		if (i > 0)
			buf_putc(b, '|');
		for (k = l->start; k < l->end; k++)
			buf_put_cp(b, lb.c[k].cp);
		if (flags) {
			if (l->hang)
				buf_puts(b, "<h>");
			if (l->pushed)
				buf_puts(b, "<p>");
			if (l->emergency)
				buf_puts(b, "<e>");
			if (l->hard)
				buf_puts(b, "<n>");
		}
	}
	return buf_str(b);
}

static const char *
brk(const char *text, int32_t width)
{
	run(text, width, 0, 1, 1);
	return lines(0);
}

static const char *
brkf(const char *text, int32_t width)
{
	run(text, width, 0, 1, 1);
	return lines(1);
}

static void
test_basic(void)
{
	CHECK_STR(brk("あいうえおかきくけこさしすせそ", 10 * EM),
	    "あいうえおかきくけこ|さしすせそ", "CJK breaks anywhere");
	CHECK_STR(brk("あいうえお", 10 * EM), "あいうえお", "short paragraph");
	CHECK_STR(brk("あいうえおかきくけこ", 10 * EM), "あいうえおかきくけこ",
	    "exactly full");
	CHECK_INT(lb.line[0].adjust, 0, "the last line is not justified");
	run("", 10 * EM, 0, 1, 1);
	CHECK_INT(lb.nline, 0, "empty paragraph, no line");
	CHECK_STR(brk("あいうえおかきくけこさしすせそたちつてと", 5 * EM),
	    "あいうえお|かきくけこ|さしすせそ|たちつてと", "four lines");
	CHECK_INT(lb.line[3].last, 1, "last flag");
	CHECK_INT(lb.line[0].last, 0, "first not last");
}

static void
test_closing(void)
{
	CHECK_STR(brkf("あいうえおかきくけこ」さし", 10 * EM),
	    "あいうえおかきくけ<p>|こ」さし", "」 not at line start: push out こ");
	CHECK_INT(lb.line[0].adjust, 1 * EM, "pushed line spread by 1 em");
	CHECK_INT(lb.line[0].gaps, 8, "over 8 gaps");
	CHECK_STR(brk("あいうえおかきくけこ）さし", 10 * EM),
	    "あいうえおかきくけ|こ）さし", "）");
	CHECK_STR(brk("あいうえおかきくけこ』さし", 10 * EM),
	    "あいうえおかきくけ|こ』さし", "』");
	CHECK_STR(brk("あいうえおかきくけこ】さし", 10 * EM),
	    "あいうえおかきくけ|こ】さし", "】");
	CHECK_STR(brk("あいうえおかきくけこ”さし", 10 * EM),
	    "あいうえおかきくけ|こ”さし", "” (closing quote)");
	CHECK_STR(brk("あいうえおかきくけこ〟さし", 10 * EM),
	    "あいうえおかきくけ|こ〟さし", "〟");
	CHECK_STR(brk("あいうえおかきくけ」」」さし", 10 * EM),
	    "あいうえおかきく|け」」」さし", "three closing brackets go together");
	CHECK_STR(brk("あいうえおかきくけこ？さし", 10 * EM),
	    "あいうえおかきくけ|こ？さし", "？ not at line start");
	CHECK_STR(brk("あいうえおかきくけこ！さし", 10 * EM),
	    "あいうえおかきくけ|こ！さし", "！");
	CHECK_STR(brk("あいうえおかきくけこ・さし", 10 * EM),
	    "あいうえおかきくけ|こ・さし", "・");
	CHECK_STR(brk("あいうえおかきくけこ：さし", 10 * EM),
	    "あいうえおかきくけ|こ：さし", "：");
	CHECK_STR(brk("あいうえおかきくけこ〜さし", 10 * EM),
	    "あいうえおかきくけ|こ〜さし", "〜");
	CHECK_STR(brk("あいうえおかきくけ人々が", 10 * EM),
	    "あいうえおかきくけ|人々が", "々");
	CHECK_STR(brk("あいうえおかきくけこゝろ", 10 * EM),
	    "あいうえおかきくけ|こゝろ", "ゝ not at line start");
}

static void
test_stops(void)
{
	CHECK_STR(brkf("あいうえおかきくけこ。さし", 10 * EM),
	    "あいうえおかきくけこ。<h>|さし", "。 hangs (ぶら下げ)");
	CHECK_INT(lb.line[0].width, 11 * EM, "natural width includes the hanging 。");
	CHECK_INT(lb.line[0].adjust, 0, "the line before the hang is full");
	CHECK_INT(lb.line[0].gaps, 9, "gaps before the hanging char");
	CHECK_STR(brkf("あいうえおかきくけこ、さし", 10 * EM),
	    "あいうえおかきくけこ、<h>|さし", "、 hangs");
	CHECK_STR(brkf("あいうえおかきくけこ，さし", 10 * EM),
	    "あいうえおかきくけこ，<h>|さし", "， hangs");
	CHECK_STR(brkf("あいうえおかきくけこ．さし", 10 * EM),
	    "あいうえおかきくけこ．<h>|さし", "． hangs");
	CHECK_STR(brkf("あいうえおかきくけこ。", 10 * EM),
	    "あいうえおかきくけこ。<h>", "a final 。 hangs, no line of its own");
	CHECK_INT(lb.line[0].last, 1, "and the line is the last");
	run("あいうえおかきくけこ、さし", 10 * EM, 0, 1, 0);
	CHECK_STR(lines(1), "あいうえおかきくけ<p>|こ、さし",
	    "hanging off: 追い出し of こ");
	CHECK_STR(brkf("あいうえおかきくけこ。」さし", 10 * EM),
	    "あいうえおかきくけ<p>|こ。」さし",
	    "。」: the 。 cannot hang (」 would start a line): push out");
	CHECK_STR(brkf("あいうえおかきくけ。、さし", 10 * EM),
	    "あいうえおかきくけ。、<h>|さし",
	    "。 fits, the 、 after it hangs");
	CHECK_STR(brkf("あいうえおかきくけこ。、さし", 10 * EM),
	    "あいうえおかきくけ<p>|こ。、さし",
	    "only one char hangs: 。、 pushes こ down");
	CHECK_STR(brkf("あいうえおかきくけこ。\nさし", 10 * EM),
	    "あいうえおかきくけこ。<h><n>|さし", "hang before a hard break");
}

static void
test_kana(void)
{
	CHECK_STR(brk("あいうえおかきくけきょう", 10 * EM),
	    "あいうえおかきくけ|きょう", "ょ not at line start");
	CHECK_STR(brk("あいうえおかきくけきっと", 10 * EM),
	    "あいうえおかきくけ|きっと", "っ");
	CHECK_STR(brk("あいうえおかきくけシャツ", 10 * EM),
	    "あいうえおかきくけ|シャツ", "ャ");
	CHECK_STR(brk("あいうえおかきくけカォス", 10 * EM),
	    "あいうえおかきくけ|カォス", "ォ");
	CHECK_STR(brk("あいうえおかきくけヶヵヶ", 10 * EM),
	    "あいうえおかきく|けヶヵヶ", "ヶヵ");
	CHECK_STR(brk("あいうえおかきくけコーヒー", 10 * EM),
	    "あいうえおかきくけ|コーヒー", "ー not at line start");
	CHECK_STR(brk("あいうえおかきくけデータベース", 10 * EM),
	    "あいうえおかきくけ|データベース", "ー after デ");
}

static void
test_opening(void)
{
	CHECK_STR(brkf("あいうえおかきくけ「こさ」", 10 * EM),
	    "あいうえおかきくけ<p>|「こさ」", "「 not at line end");
	CHECK_STR(brk("あいうえおかきくけ（こさ）", 10 * EM),
	    "あいうえおかきくけ|（こさ）", "（");
	CHECK_STR(brk("あいうえおかきく『「こさ」』", 10 * EM),
	    "あいうえおかきく|『「こさ」』", "『「 together");
	CHECK_STR(brk("あいうえおかきくけ“こさ”", 10 * EM),
	    "あいうえおかきくけ|“こさ”", "“");
	CHECK_STR(brk("あいうえおかきくけ【こさ】", 10 * EM),
	    "あいうえおかきくけ|【こさ】", "【");
}

static void
test_numbers(void)
{
	CHECK_STR(brk("あいうえおかきく320件です", 10 * EM),
	    "あいうえおかきく|320件です", "320件 whole");
	CHECK_STR(brk("あいうえおかきくけ1,290人", 10 * EM),
	    "あいうえおかきくけ|1,290人", "1,290人 whole");
	CHECK_STR(brk("あいうえおかきくけ10,000円", 10 * EM),
	    "あいうえおかきくけ|10,000円", "10,000 never split at the comma");
	CHECK_STR(brk("あいうえおかきくけ3.5%です", 10 * EM),
	    "あいうえおかきくけ|3.5%です", "3.5%%");
	CHECK_STR(brk("あいうえおかきくけこ20%増", 10 * EM),
	    "あいうえおかきくけこ|20%増", "20%% after a full line");
	CHECK_STR(brk("あいうえおかきくけ20％増", 10 * EM),
	    "あいうえおかきくけ|20％増", "20％ (full-width percent)");
	CHECK_STR(brk("あいうえおかきくけ3手続", 10 * EM),
	    "あいうえおかきくけ|3手続", "3手: number and unit");
	CHECK_STR(brk("あいうえおかきく１２３，４５６人", 10 * EM),
	    "あいうえおかきく|１２３，４５６人", "full-width digits with ，");
	CHECK_STR(brk("あいうえおかきくけ1,290万円", 10 * EM),
	    "あいうえおかきくけ|1,290万円", "multiplier and unit");
	CHECK_STR(brk("あいうえおかきくけこ3か月", 10 * EM),
	    "あいうえおかきくけこ|3か月", "3か月: a unit word");
	CHECK_STR(brk("あいうえおかきく24時間", 10 * EM),
	    "あいうえおかきく|24時間", "24時間");
	CHECK_STR(brk("あいうえおかきくけ¥100", 10 * EM),
	    "あいうえおかきくけ|¥100", "¥ prefix");
	CHECK_STR(brk("あいうえおかきくけ第3章", 10 * EM),
	    "あいうえおかきくけ|第3章", "第3章");
	CHECK_STR(brk("あいうえ320件目の", 10 * EM),
	    "あいうえ320件目の", "no break needed");
	CHECK_STR(brk("あいうえおかきく令和8年度（2026年度）から", 10 * EM),
	    "あいうえおかきく|令和8年度|（2026年度）から",
	    "令和8年度（2026年度）: era, year and 年度 stay together");
	CHECK_STR(brk("あいうえおかき2026年4月1日から", 10 * EM),
	    "あいうえおかき|2026年4月1日から", "a date is one group");
	CHECK_STR(brk("あいうえおかきくけ10:30に", 10 * EM),
	    "あいうえおかきくけ|10:30に", "a time");
	CHECK_STR(brk("あいうえおかきくけこ、1,000", 10 * EM),
	    "あいうえおかきくけこ、|1,000", "、 hangs before a number");
}

static void
test_insep(void)
{
	CHECK_STR(brk("あいうえおかきくけ——あ", 10 * EM),
	    "あいうえおかきくけ|——あ", "—— never split");
	CHECK_STR(brk("あいうえおかきくけ……あ", 10 * EM),
	    "あいうえおかきくけ|……あ",
	    "…… never split");
	CHECK_STR(brk("あいうえおかきくけ――あ", 10 * EM),
	    "あいうえおかきくけ|――あ", "―― (U+2015) never split");
	CHECK_STR(brk("あいうえおかきく——あ", 10 * EM),
	    "あいうえおかきく——|あ", "—— fits");
}

static void
test_latin(void)
{
	CHECK_STR(brk("This is a pen and that is a book", 5 * EM),
	    "This is a|pen and|that is a|book", "Latin breaks only at spaces");
	CHECK_STR(brk("日本語とEnglishの混在テキストです", 10 * EM),
	    "日本語とEnglishの混|在テキストです", "mixed");
	CHECK_STR(brk("日本語のテキストとEnglish", 10 * EM),
	    "日本語のテキストと|English", "a Latin word is not split");
	CHECK_STR(brk("あいうえおかきくけ COVID-19 です", 10 * EM),
	    "あいうえおかきくけ|COVID-19 です", "a word with a hyphen and digits");
	CHECK_STR(brk("abc    def", 2 * EM),
	    "abc|def", "spaces at the end of a line are dropped");
	CHECK_INT(lb.line[0].end, 3, "end before the spaces");
	CHECK_INT(lb.line[0].next, 7, "next after them");
	CHECK_STR(brk("ab cd", 5 * EM / 2), "ab cd", "a space that fits stays");
	CHECK_STR(brkf("abcdefghijklmnop", 5 * EM),
	    "abcdefghij<e>|klmnop", "a word longer than the line: emergency");
	CHECK_STR(brk("あいうえおかきくけこ Word", 10 * EM),
	    "あいうえおかきくけこ|Word", "space after a full line dropped");
}

static void
test_url(void)
{
	CHECK_STR(brk("詳しくはhttps://www.example.jp/keikaku/2026/index.htmlを参照",
	    10 * EM),
	    "詳しくはhttps://|www.example.jp/|keikaku/2026/|index.htmlを参照",
	    "a URL breaks after /");
	CHECK_STR(brkf("https://example.jp/verylongpathnamewithoutslashes", 6 * EM),
	    "https://<p>|example.jp/<p>|verylongpath<e>|namewithouts<e>|lashes",
	    "an unbreakable URL part: emergency");
	CHECK_STR(brk("see www.city-example.jp/a-b for it", 7 * EM),
	    "see www.city-|example.jp/a-b|for it", "after - in a URL");
	CHECK_STR(brkf("詳しくはhttps://www.city.midori.example.jp/dx/", 20 * EM),
	    "詳しくはhttps://www.city.midori.example.<e>|jp/dx/",
	    "a line less than half full: the URL breaks after a '.'");
	CHECK_STR(brkf("詳しくはhttps://www.example.jp/dx/", 10 * EM),
	    "詳しくはhttps://<p>|www.example.jp/dx/",
	    "a pushed line at least half full stays");
	CHECK_STR(brk("a re-elected x-ray", 5 * EM),
	    "a|re-elected|x-ray", "not after - in a word");
}

static void
test_flags(void)
{
	run("あいう\nえお", 10 * EM, 0, 1, 1);
	CHECK_STR(lines(1), "あいう<n>|えお", "hard break");
	CHECK_INT(lb.line[0].adjust, 0, "a line ended by a hard break is not spread");
	CHECK_INT(lb.line[0].next, 4, "the newline is consumed");
	run("あいうえおかきくけこ」さし", 10 * EM, 0, 0, 1);
	CHECK_INT(lb.line[0].adjust, 0, "no justification when not asked");
	run("あいうえおかきくけこさしすせそ", 10 * EM, 2 * EM, 1, 1);
	CHECK_STR(lines(0), "あいうえおかきく|けこさしすせそ", "first-line indent");
	CHECK_INT(lb.line[0].avail, 8 * EM, "first line narrower");
	CHECK_INT(lb.line[1].avail, 10 * EM, "second line full");
	run("あいう", EM / 2, 0, 1, 1);
	CHECK_STR(lines(1), "あ<e>|い<e>|う<e>", "a char wider than the line");
	run("あいうえおかきくけ「こ", 10 * EM, 0, 1, 1);
	CHECK_STR(lines(1), "あいうえおかきくけ<p>|「こ", "push-out flag");
	CHECK_INT(lb.line[0].width, 9 * EM, "natural width");
	CHECK_INT(lb.line[0].adjust, EM, "adjust");
	CHECK(linebreak_allowed(&lb, 9) && !linebreak_allowed(&lb, 10),
	    "linebreak_allowed before 「, not after");
}

static void
test_classes(void)
{
	const char *no_start = "」』）］｝〕〉》】〙〗〟’”‐〜゠–？！‼⁇⁈⁉・：；。．、，"
	    "ヽヾゝゞ々〻ーぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ";
	const char *no_end = "「『（［｛〔〈《【〘〖〝‘“";
	const char *ok = "あ漢カ日";
	size_t off, len;
	uint32_t cp;
	int bad = 0;

	for (off = 0, len = strlen(no_start); off < len; ) {
		off += utf8_decode(no_start + off, len - off, &cp);
		if (!linebreak_no_start(cp)) {
			printf("# U+%04X may start a line\n", (unsigned)cp);
			bad++;
		}
	}
	CHECK_INT(bad, 0, "every 行頭禁則 character of pdf.md is no-start");
	bad = 0;
	for (off = 0, len = strlen(no_end); off < len; ) {
		off += utf8_decode(no_end + off, len - off, &cp);
		if (!linebreak_no_end(cp)) {
			printf("# U+%04X may end a line\n", (unsigned)cp);
			bad++;
		}
	}
	CHECK_INT(bad, 0, "every 行末禁則 character is no-end");
	bad = 0;
	for (off = 0, len = strlen(ok); off < len; ) {
		off += utf8_decode(ok + off, len - off, &cp);
		bad += linebreak_no_start(cp) + linebreak_no_end(cp);
	}
	CHECK_INT(bad, 0, "kana and kanji are neither");
}

/*
 * Every width from 2 to 30 em over a text with every kind of case: no line
 * starts with a no-start char or ends with a no-end char unless it is an
 * emergency break, nothing is lost, nothing overflows but a hanging char.
 */
static void
test_properties(void)
{
	const char *text = "本計画は、「みどり市総合計画（令和8年度〜令和12年度）」の"
	    "分野別計画として、デジタル・トランスフォーメーション（DX）を推進する"
	    "ための基本的な方針を定めるものです。市民サービスの向上——とりわけ"
	    "手続のオンライン化……を進め、320件の手続のうち1,290人が利用した"
	    "3手続を含め、オンライン化率を3.5%から１２３，４５６件へ高めます。"
	    "詳細はhttps://www.city.midori.example.jp/dx/plan-2026/index.html"
	    "をご覧ください。ユーザー・インターフェースのアクセシビリティ"
	    "（Accessibility）にも配慮します！　ぁぃぅぇぉっゃゅょ。";
	struct buf joined = {0}, want = {0};
	size_t i, k, len = strlen(text);
	int32_t w;
	int viol = 0, lost = 0, over = 0;
	uint32_t cp;

	for (i = 0; i < len; ) {
		i += utf8_decode(text + i, len - i, &cp);
		if (cp != ' ')
			buf_put_cp(&want, cp);
	}
	for (w = 2 * EM; w <= 30 * EM; w += EM / 2) {
		run(text, w, 0, 1, 1);
		buf_reset(&joined);
		for (i = 0; i < lb.nline; i++) {
			const struct lb_line *l = &lb.line[i];

			for (k = l->start; k < l->next; k++)
				if (lb.c[k].cp != ' ')
					buf_put_cp(&joined, lb.c[k].cp);
			if (l->emergency || l->end == l->start)
				continue;
			if ((i > 0 && !lb.line[i - 1].emergency &&
			    linebreak_no_start(lb.c[l->start].cp)) ||
			    (!l->last && linebreak_no_end(lb.c[l->end - 1].cp))) {
				viol++;
				printf("# width %d line %zu: %s\n", (int)w, i,
				    lines(0));
			}
			if (l->width - (l->hang ? lb.c[l->end - 1].width : 0) >
			    l->avail)
				over++;
			if (l->adjust < 0 || (l->adjust > 0 && l->last))
				over++;
		}
		if (strcmp(buf_str(&joined), buf_str(&want)) != 0)
			lost++;
	}
	CHECK_INT(viol, 0, "no 禁則 violation at any width");
	CHECK_INT(lost, 0, "the lines give back the text at every width");
	CHECK_INT(over, 0, "no line overflows; adjustments are sane");
	buf_free(&joined);
	buf_free(&want);
}

int
main(void)
{
	linebreak_init(&lb);
	test_basic();
	test_closing();
	test_stops();
	test_kana();
	test_opening();
	test_numbers();
	test_insep();
	test_latin();
	test_url();
	test_flags();
	test_classes();
	test_properties();
	linebreak_free(&lb);
	buf_free(&out);
	return check_done();
}
