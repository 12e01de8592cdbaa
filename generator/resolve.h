/*
 * resolve.h: every semantic decision, made once for every back end
 * (architecture.md, "Resolve"): references between records bound, printed
 * ids, section, figure and table numbers, anchors and URLs, glossary order
 * and ※ markers, volume contents and tables of contents, the 新旧対照
 * mapping and its counts, indicator values formatted for print. The back
 * ends only read these answers, so the HTML and the PDF cannot disagree.
 */
#ifndef KEIKAKU_RESOLVE_H
#define KEIKAKU_RESOLVE_H

#include "diag.h"
#include "model.h"

/*
 * Resolves the loaded build. Unknown references (a department, pillar,
 * focus area, category, goal, glossary key, register id, chapter or volume
 * that does not exist) are errors with the position of the reference and a
 * "did you mean" hint. Returns 0, or -1 if errors were reported.
 */
int resolve(struct build *, struct diag *);

/*
 * Checks the rules that need the resolved model (content-format.md):
 * duplicate keys and printed ids, years outside the plan period, ●月 in a
 * final plan, aliases used (warning), glossary terms nothing references
 * (warning), old projects with neither successor nor ended (warning), and
 * the like. Returns 0, or -1 if errors were reported.
 */
int validate(struct build *, struct diag *);

/*
 * Numbering patterns (plan.yaml numbering): {n} and the named counters
 * {chapter}, {section}, {focus}, {pillar}, each optionally formatted as
 * {n:02} zero-padded, {n:kanji} 一二三, {n:circled} ①②③ (to ㊿),
 * {n:roman} ⅠⅡⅢ, {n:katakana} アイウ, {n:iroha} イロハ. {section} is the
 * printed number of the enclosing section and takes no format.
 */
struct numvars {
	int		 n;
	int		 chapter;
	int		 focus;
	int		 pillar;
	const char	*section;
};

/*
 * Appends the expanded pattern to out. Returns 0, or -1 if the pattern names
 * an unknown variable or format, or a counter that cannot be printed in that
 * format (㊿ is the last circled number): *err then holds a static message.
 */
int number_format(struct buf *out, const char *pattern,
    const struct numvars *v, const char **err);

#endif
