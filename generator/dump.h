/*
 * dump.h: the resolved model as deterministic text (keikaku dump), for
 * golden tests and for users who want to see what keikaku understood. The
 * same model always gives the same bytes: no addresses, no timestamps, and
 * every list in model order.
 */
#ifndef KEIKAKU_DUMP_H
#define KEIKAKU_DUMP_H

#include "model.h"

/* Appends the dump of b to out. */
void dump_build(const struct build *b, struct buf *out);

#endif
