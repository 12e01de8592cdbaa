/*
 * pdf.h: the PDF back end. One PDF per volume of plan.yaml, laid out from
 * the resolved model (volume->items, ->toc, ->terms; printed ids, numbers,
 * anchors and value.display as resolve computed them) through the layout
 * engine (layout.h) and the libharu device (device.h).
 */
#ifndef KEIKAKU_PDF_PDF_H
#define KEIKAKU_PDF_PDF_H

#include "build.h"
#include "diag.h"
#include "model.h"

/*
 * Writes <outdir>/pdf/<volume key>.pdf for every volume. Returns 0, or -1
 * after a diagnostic to d.
 */
int pdf_write(const struct build *, const struct config *, const char *outdir,
    struct diag *d);

/*
 * keikaku check: lays every volume out as pdf_write() does, with the same
 * fonts, and writes nothing: what the layout finds (a character no font
 * has, an SVG element it cannot draw) is said as a build says it. Returns
 * 0, or -1 after a diagnostic (the fonts cannot be read).
 */
int pdf_check(const struct build *, struct diag *d);

/*
 * The PDF options of plan.yaml (output.pdf: body_font, heading_font,
 * size): what the PDF cannot honour is a warning to d. Called by
 * validate; the back end uses the same rules and says nothing.
 */
void pdf_check_options(const struct plan *, struct diag *d);

#endif
