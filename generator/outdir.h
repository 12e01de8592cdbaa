/*
 * outdir.h: the output folder, written atomically. A build writes into a
 * fresh temporary folder beside OUT (same file system) and, only when every
 * back end has succeeded, swaps it into place with one rename (Linux
 * renameat2 RENAME_EXCHANGE), then removes the old tree. A failed or killed
 * build leaves the previous OUT intact; the temporary folder of a killed
 * build is removed by the next build.
 *
 * OUT is replaced only if it does not exist, is empty, or holds the marker
 * file .keikaku-out written by an earlier build: `-o ~` must never delete a
 * home folder.
 */
#ifndef KEIKAKU_OUTDIR_H
#define KEIKAKU_OUTDIR_H

#include <stddef.h>

#include "diag.h"

#define OUTDIR_MARKER ".keikaku-out"

struct outdir {
	char	*final;		/* OUT as given */
	char	*tmp;		/* the temporary folder being written */
};

/* Creates the temporary folder. Returns 0, or -1 after a system error to d. */
int outdir_begin(struct outdir *, const char *out, struct diag *d);
/* Swaps the temporary folder into place. Returns 0, or -1 after a system error. */
int outdir_commit(struct outdir *, struct diag *d);
/* Removes the temporary folder (after a failure). */
void outdir_abort(struct outdir *);

/* Creates dir and its parents (mode 0755). Returns 0 or -1 with errno. */
int fs_mkdir_p(const char *dir);
/*
 * Writes data to dir/rel, creating folders in rel. Returns 0, or -1 after a
 * system error to d.
 */
int fs_write(const char *dir, const char *rel, const void *data, size_t len,
    struct diag *d);
/* Copies the file src to dir/rel. Returns 0, or -1 after a system error to d. */
int fs_copy(const char *src, const char *dir, const char *rel, struct diag *d);
/* Removes a tree without following symbolic links. Returns 0 or -1. */
int fs_remove_tree(const char *path);

#endif
