/*
 * gentab.h: the generated tables (model.h, struct gtable), built once by
 * the resolver for every back end.
 */
#ifndef KEIKAKU_GENTAB_H
#define KEIKAKU_GENTAB_H

#include "model.h"

/* Builds every generated table of the resolved build; the last step of resolve(). */
void resolve_tables(struct build *);

/* Builds the 体系図 (build.taxonomy, gentax.c); part of resolve_tables(). */
void resolve_taxonomy(struct build *);

/* Appends a cell's text to out, br for each line break. */
void gtable_cell_text(struct buf *out, const struct gcell *, const char *br);

#endif
