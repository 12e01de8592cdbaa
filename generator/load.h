/*
 * load.h: reads a content tree (content-format.md section 1) into the model.
 *
 * The loader checks the shape of every file: known keys only (unknown keys
 * are errors with a "did you mean" hint), value types, required fields,
 * fiscal years and dates that parse, images that exist inside the tree. It
 * does not bind references between records (a project's pillar, a
 * department key): resolve.c does that once everything is loaded.
 */
#ifndef KEIKAKU_LOAD_H
#define KEIKAKU_LOAD_H

#include "diag.h"
#include "model.h"

/*
 * Named limits, with their reasons.
 * LOAD_MAX_FILE: a content file larger than this is not a hand-written plan
 *   file; refusing it bounds memory and parse time (16 MiB).
 * LOAD_MAX_FILES: more files than this under projects/ or chapters/ means a
 *   wrong folder was given (100,000); then none of them is read.
 * LOAD_MAX_DEPTH: folder depth under projects/, which also stops a symlink
 *   loop that the directory walk would otherwise follow forever.
 */
#define LOAD_MAX_FILE (16u * 1024 * 1024)
#define LOAD_MAX_FILES 100000
#define LOAD_MAX_DEPTH 16

/*
 * Loads the tree at root into b, which must be zeroed. root is copied.
 * Returns 0, or -1 if any error was reported to d (the model is then filled
 * as far as possible, so that later checks can still run and report more).
 * A file that cannot be read is a system error (diag_syserr).
 */
int load_tree(struct build *b, struct diag *d, const char *root);

/*
 * The lists of a sheet body (struct sheet_body: intro, and each section's
 * blocks) point into the body's single block list (doc.blocks), so that
 * every block exists once and what resolve sets on it is what the back ends
 * print. A reader of one of them stops at the first block for which this
 * returns 1: the next level-2 heading, or NULL (the end).
 */
int load_section_end(const struct block *);

/*
 * Whether a record with this key may be missing because its file or entry
 * failed (struct lost in model.h): its key is in the list, or a file failed
 * before its key could be read. Then what follows from its absence is not
 * reported: the failure was.
 */
int build_lost(const struct lost *, const char *key);

/* Frees everything the build holds. */
void build_free(struct build *b);

#endif
