/*
 * html.h: the HTML back end. Renders the resolved model (model.h) as the
 * accessible static site <outdir>/site/ (content-format.md section 10,
 * accessibility.md): a top page, one page per chapter, focus area and
 * project, the generated views (重点事業一覧, 個別事業一覧, 主管課別一覧,
 * 指標一覧, 新旧対照表, 用語集, 改定履歴), a 404 page and sitemap.xml, with the
 * theme's assets and the content's figures copied beside them.
 *
 * Every page is built as a libxml2 tree, grafted into the theme's page
 * template (themes/<theme>/page.html, parsed as markup) and serialised by
 * this module's own HTML5 serialiser, so that all text is escaped by
 * construction. libxml2 types never leave generator/html/.
 *
 * The back end only reads the model: printed ids, numbers, anchors, URLs,
 * glossary order and volume contents are the resolver's answers.
 */
#ifndef KEIKAKU_HTML_H
#define KEIKAKU_HTML_H

#include "build.h"
#include "diag.h"
#include "model.h"

/*
 * Writes the site for b into <outdir>/site/, reading the theme from
 * cfg->theme (themes/default when NULL). If the PDF back end has already
 * written <outdir>/pdf/<volume>.pdf, the volume's download link states its
 * format and size and the file is placed in the site (site/pdf/). Returns 0,
 * or -1 after reporting to d (an unreadable theme or an unwritable file is a
 * system error; a model that asks for something unsafe, such as a link with
 * a scheme other than http, https or mailto, is an error).
 */
int html_write(const struct build *b, const struct config *cfg,
    const char *outdir, struct diag *d);

/*
 * keikaku check: reports to d what html_write() would of the theme folder
 * dir (its page template and its files), writing nothing. Returns 0 or -1.
 */
int html_theme_check(const char *dir, struct diag *d);

#endif
