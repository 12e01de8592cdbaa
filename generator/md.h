/*
 * md.h: the Markdown adapter. A Markdown body is parsed with cmark-gfm
 * (tables, strikethrough, autolinks, footnotes) and converted at once into
 * keikaku's model (model.h), with a source span on every node; cmark's types
 * never leave md.c.
 *
 * On top of CommonMark/GFM, this module implements the format's rules for
 * Japanese text and its extensions (content-format.md section 6):
 *   - a source line break between two East Asian wide characters joins the
 *     lines without a space (CSS Text 3 segment break transformation);
 *   - emphasis next to Japanese punctuation works (**「強調」**の);
 *   - [[key]] and [[text|key]] glossary references, resolved before links;
 *   - [text]{lang=en} language spans;
 *   - {{name args}} fields inside text, and a paragraph that is only
 *     {{name args}} as a generated block;
 *   - > [!NOTE] and > [!COLUMN] title boxes;
 *   - 表： caption paragraphs before tables, ^^ merged cells;
 *   - an image alone in a paragraph is a figure, with 出典：/資料：/（注）
 *     paragraphs after it as its notes;
 *   - "## 見出し {-}" marks an unnumbered heading.
 * Raw HTML and links with schemes other than http, https and mailto are
 * errors, reported with their position.
 */
#ifndef KEIKAKU_MD_H
#define KEIKAKU_MD_H

#include "diag.h"
#include "model.h"
#include "util.h"

/*
 * Named limits, with their reasons.
 * MD_MAX_NESTING: lists and quotes nested deeper than any document needs;
 *   the converter and back ends recurse, so this bounds their stack.
 * MD_MAX_TABLE_CELLS: a table larger than this cannot be printed usefully
 *   and would cost quadratic layout time.
 * MD_MAX_URL: a link or image address longer than this (bytes) is no
 *   address a reader can use: RFC 9110 asks only 8,000 octets of every
 *   implementation, sitemaps stop at 2,048 characters, and a PDF link
 *   annotation holds at most 65,535 bytes; the PDF repeats the address in
 *   the link of every line it spans, so its length also bounds memory.
 */
#define MD_MAX_NESTING 32
#define MD_MAX_TABLE_CELLS 20000
#define MD_MAX_URL 8192

/* The front-matter split of a Markdown file. */
struct front_matter {
	const char	*yaml;		/* borrowed, into the file's text; NULL if none */
	size_t		 yaml_len;
	int		 yaml_line;	/* line of the first YAML line */
	const char	*body;		/* borrowed */
	size_t		 body_len;
	int		 body_line;	/* line of the first body line */
};

/*
 * Splits a file into front-matter and body: the front-matter is between a
 * first line "---" and the next line "---" (or "..."), CRLF allowed. A file
 * without it has yaml NULL and the whole text as body. Returns 0, or -1
 * after reporting an unclosed block (front-matter-unclosed).
 */
int md_split(struct diag *, const char *file, const char *text, size_t len,
    struct front_matter *out);

/*
 * Parses body[0..len), which starts at line first_line of file, into out.
 * Returns 0, or -1 if errors were reported (the doc is then still usable for
 * further checks). file is borrowed and must outlive the model.
 */
int md_parse(struct arena *, struct diag *, const char *file,
    const char *body, size_t len, int first_line, struct doc *out);

/*
 * Parses a short inline Markdown text (a glossary definition written in
 * YAML) into inlines; sp is where the string was written. Block syntax is
 * not interpreted. Returns NULL for an empty text or after errors.
 */
struct inline_node *md_parse_inline(struct arena *, struct diag *,
    const struct span *sp, const char *text);

/* Appends the plain text of inlines (no markup, glossary text, field text) to b. */
void md_plain_text(struct buf *b, const struct inline_node *);

#endif
