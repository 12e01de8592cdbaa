/*
 * build.h: the pipeline (load → resolve → validate → back ends) and the
 * atomic output folder. main.c maps argv to a struct config and calls one
 * of these; nothing here reads argv.
 */
#ifndef KEIKAKU_BUILD_H
#define KEIKAKU_BUILD_H

#include <stdio.h>

#include "diag.h"
#include "model.h"

/* Exit statuses (keikaku(1)). */
#define EXIT_OK		0
#define EXIT_INPUT	1	/* errors in the content (or warnings with --werror) */
#define EXIT_USAGE	2
#define EXIT_SYSTEM	3	/* cannot read or write, out of resources */

struct config {
	const char	*root;		/* content folder; default "content" */
	const char	*out;		/* output folder; default "out" */
	const char	*theme;		/* theme folder; default "themes/default" */
	int		 werror;	/* warnings fail the build */
	int		 quiet;		/* no progress lines */
	int		 timings;	/* print the time of each stage (make bench) */
};

/*
 * Loads, resolves and validates cfg->root into b (zeroed by the caller) and
 * prints the diagnostics to err. Returns an exit status.
 */
int build_model(struct build *b, const struct config *cfg, FILE *err);

/* keikaku check: build_model and nothing written. */
int cmd_check(const struct config *cfg);
/* keikaku dump: the resolved model as text on stdout. */
int cmd_dump(const struct config *cfg);
/*
 * keikaku build: the model, then every back end into a temporary folder
 * beside cfg->out, renamed into place only when all of it was written. A
 * failed build leaves the previous output untouched.
 */
int cmd_build(const struct config *cfg);

#endif
