/*
 * linebreak.h: Japanese line breaking by the strict rules of JIS X 4051 and
 * W3C JLREQ, for the PDF layout. Pure: no fonts, no libharu, no model; the
 * caller gives code points with their advance widths and gets lines back.
 *
 * Rules (each is explained where it is implemented, in linebreak.c):
 *  - A break is permitted between any two CJK characters, after a space, and
 *    before or after a CJK character next to Latin text.
 *  - 行頭禁則: no line starts with a closing bracket, ‐〜゠–, ？！‼⁇⁈⁉, ・：；,
 *    。．、，, an iteration mark, ー or a small kana.
 *  - 行末禁則: no line ends with an opening bracket.
 *  - 分離禁止: —— and …… are never split; neither are numbers with separators
 *    (10,000, 3.5%, １２３，４５６), a number and its unit (20%, 320件,
 *    1,290万円, 8年度), dates (2026年4月1日), a number and its prefix (¥100,
 *    第3, 令和8), Latin words, and URLs except after / or -.
 *  - A line that cannot take the next character: ぶら下げ (the next character
 *    is 、。，． and may hang into the margin), else 追い出し (the line ends
 *    at the last permitted break and is spread by inter-character spacing),
 *    else an emergency break where the text overflowed (a word or URL longer
 *    than the line).
 *  - Spaces at the end of a line are dropped; a hard line break (U+000A)
 *    ends a line that is not spread.
 *
 * Greedy, first fit, as JIS X 4051 describes the practice of Japanese
 * typesetting (each line is filled, then 禁則 adjusts its end); no
 * Knuth-Plass. Squeezing punctuation space (追い込み) is not done: the
 * fonts' punctuation carries its space inside the glyph, so it is not known
 * here; 追い出し is always chosen instead.
 *
 * Usage: linebreak_init(); linebreak_add() or linebreak_add_cp() for every
 * run of the paragraph; linebreak_compute(); read lb.line[0..nline);
 * linebreak_reset() for the next paragraph; linebreak_free() at the end.
 */
#ifndef KEIKAKU_PDF_LINEBREAK_H
#define KEIKAKU_PDF_LINEBREAK_H

#include <stddef.h>
#include <stdint.h>

/* One code point of the paragraph. style and off are the caller's, carried through. */
struct lb_char {
	uint32_t	 cp;
	int32_t		 width;		/* advance, in the caller's unit (the layout: 1/1000 pt) */
	const void	*style;		/* the run's style (font, size, node), opaque here */
	size_t		 off;		/* byte offset in the caller's text */
};

/* One line. Chars [start, end) are drawn; the next line starts at next. */
struct lb_line {
	size_t		 start;
	size_t		 end;		/* trailing spaces and a hard break excluded */
	size_t		 next;
	int32_t		 avail;		/* the width the line was set in */
	int32_t		 width;		/* natural width of [start, end), a hanging char included */
	int32_t		 adjust;	/* to add by inter-character spacing to justify; 0 if not */
	int		 gaps;		/* the gaps adjust is spread over (chars before a hanging one, minus 1) */
	int		 hang;		/* the last char (、。，．) hangs past avail (ぶら下げ) */
	int		 pushed;	/* ended early at a permitted break (追い出し) */
	int		 emergency;	/* nothing permitted fitted: broken where it overflowed */
	int		 hard;		/* ended by a hard line break */
	int		 last;		/* the paragraph's last line */
};

struct lb_opts {
	int32_t		 width;		/* line width, > 0 */
	int32_t		 indent;	/* the first line is width - indent wide */
	int		 justify;	/* spread every line but the last and those ended by a hard break */
	int		 hang;		/* permit ぶら下げ */
};

/*
 * The paragraph being broken and its lines. All arrays are owned and reused
 * from one paragraph to the next.
 */
struct linebreak {
	struct lb_char	*c;
	size_t		 n;
	size_t		 cap;
	unsigned char	*brk;		/* brk[i]: a break is permitted before c[i] */
	size_t		 brkcap;
	struct lb_line	*line;
	size_t		 nline;
	size_t		 linecap;
};

/* Width of a code point in the caller's unit. */
typedef int32_t (*lb_width_fn)(void *ctx, uint32_t cp);

void linebreak_init(struct linebreak *);
/* Forgets the paragraph and its lines, keeps the memory. */
void linebreak_reset(struct linebreak *);
void linebreak_free(struct linebreak *);

/* Appends one code point. */
void linebreak_add_cp(struct linebreak *, uint32_t cp, int32_t width,
    const void *style, size_t off);
/* Appends the UTF-8 text s[0..len), measuring each code point with width(ctx, cp). */
void linebreak_add(struct linebreak *, const char *s, size_t len,
    const void *style, lb_width_fn width, void *ctx);

/*
 * Breaks the paragraph into lines (lb->line, lb->nline). An empty paragraph
 * gives no line. Never fails: a character wider than the line gets a line
 * of its own (emergency). Returns the number of lines.
 */
size_t linebreak_compute(struct linebreak *, const struct lb_opts *);

/* After linebreak_compute(): 1 if a break is permitted before c[i] (0 < i < n). */
int linebreak_allowed(const struct linebreak *, size_t i);

/* 1 if no line may start with cp (行頭禁則), for checks on extracted text. */
int linebreak_no_start(uint32_t cp);
/* 1 if no line may end with cp (行末禁則). */
int linebreak_no_end(uint32_t cp);

#endif
