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

#endif
