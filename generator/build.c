/* build.c: see build.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "build.h"
#include "dump.h"
#include "html/html.h"
#include "load.h"
#include "outdir.h"
#include "pdf/pdf.h"
#include "resolve.h"

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/*
 * The processor time this process has used, in milliseconds: unlike the
 * wall time it hardly moves when other programs load the machine, so
 * make bench compares stages (the cost of tagging) by it.
 */
static double
cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* The exit status for the diagnostics collected so far. */
static int
status_of(const struct diag *d, int werror)
{
	if (d->syserr)
		return EXIT_SYSTEM;
	return diag_failed(d, werror) ? EXIT_INPUT : EXIT_OK;
}

/*
 * Runs every stage up to validation. Resolve and validate run even after
 * load errors, so that one run reports as much as it can; the gate is
 * whether any error was collected.
 */
static int
model_stages(struct build *b, const struct config *cfg, struct diag *d)
{
	load_tree(b, d, cfg->root);
	if (d->syserr)
		return status_of(d, cfg->werror);
	resolve(b, d);
	validate(b, d);
	return status_of(d, cfg->werror);
}

/* Prints the diagnostics and, when only warnings fail the run, says so. */
static void
report(struct diag *d, const struct config *cfg, int rc, FILE *err)
{
	diag_print(d, err);
	if (rc == EXIT_INPUT && cfg->werror && d->errors == 0)
		fprintf(err, "keikaku: %zu warning%s treated as errors (--werror)\n",
		    d->warnings, d->warnings == 1 ? "" : "s");
}

int
build_model(struct build *b, const struct config *cfg, FILE *err)
{
	struct diag d;
	int rc;

	diag_init(&d);
	rc = model_stages(b, cfg, &d);
	report(&d, cfg, rc, err);
	diag_free(&d);
	return rc;
}

/*
 * keikaku check says what a build would: after the model, the PDF volumes
 * are laid out without being written (pdf_check()), as the build lays
 * them out, when the model has no error (the back ends need a sound one);
 * the theme folder (--theme, or the default) is checked whatever the
 * content, as it does not depend on it.
 */
int
cmd_check(const struct config *cfg)
{
	struct build b;
	struct diag d;
	int rc;

	memset(&b, 0, sizeof(b));
	diag_init(&d);
	rc = model_stages(&b, cfg, &d);
	if (rc != EXIT_SYSTEM && d.errors == 0)
		(void)pdf_check(&b, &d);
	if (rc != EXIT_SYSTEM)
		(void)html_theme_check(cfg->theme != NULL ? cfg->theme :
		    "themes/default", &d);
	rc = status_of(&d, cfg->werror);
	report(&d, cfg, rc, stderr);
	diag_free(&d);
	build_free(&b);
	return rc;
}

int
cmd_dump(const struct config *cfg)
{
	struct build b;
	struct buf out = {0};
	int rc;

	memset(&b, 0, sizeof(b));
	rc = build_model(&b, cfg, stderr);
	if (rc == EXIT_OK) {
		dump_build(&b, &out);
		if (fwrite(buf_str(&out), 1, out.len, stdout) != out.len ||
		    fflush(stdout) != 0) {
			fprintf(stderr, "keikaku: cannot write the dump: %s\n",
			    strerror(errno));
			rc = EXIT_SYSTEM;
		}
	}
	buf_free(&out);
	build_free(&b);
	return rc;
}

/* Milliseconds spent in each stage of a build, for --timings: wall and processor time. */
struct timings {
	double	model;		/* load, resolve, validate */
	double	pdf;
	double	html;
	double	commit;		/* model.txt and moving the output into place */
	double	cpu_model;
	double	cpu_pdf;
	double	cpu_html;
};

/* Writes everything into the temporary folder dir. Returns 0 or -1. */
static int
write_outputs(const struct build *b, const struct config *cfg,
    const char *dir, struct diag *d, struct timings *tm)
{
	struct buf model = {0};
	double t, c;
	int rc;

	/*
	 * model.txt: what keikaku understood, the same text as keikaku dump.
	 * An office can compare it between editions to see what changed.
	 */
	dump_build(b, &model);
	rc = fs_write(dir, "model.txt", buf_str(&model), model.len, d);
	buf_free(&model);
	t = now_ms();
	c = cpu_ms();
	if (rc == 0)
		rc = pdf_write(b, cfg, dir, d);
	tm->pdf = now_ms() - t;
	tm->cpu_pdf = cpu_ms() - c;
	/* The site last: it links the PDF volumes written before it. */
	t = now_ms();
	c = cpu_ms();
	if (rc == 0)
		rc = html_write(b, cfg, dir, d);
	tm->html = now_ms() - t;
	tm->cpu_html = cpu_ms() - c;
	return rc;
}

int
cmd_build(const struct config *cfg)
{
	struct build b;
	struct outdir o;
	struct diag d;
	struct timings tm = {0};
	double t0 = now_ms(), c0 = cpu_ms(), t;
	int rc;

	/* One list for every stage: sorted together, each said once. */
	memset(&b, 0, sizeof(b));
	diag_init(&d);
	rc = model_stages(&b, cfg, &d);
	tm.model = now_ms() - t0;
	tm.cpu_model = cpu_ms() - c0;
	if (rc != EXIT_OK)
		goto done;
	t = now_ms();
	if (outdir_begin(&o, cfg->out, &d) != 0) {
		rc = EXIT_SYSTEM;
	} else if (write_outputs(&b, cfg, o.tmp, &d, &tm) != 0 ||
	    diag_failed(&d, cfg->werror)) {
		/* A back end's warning fails the build with --werror, as in check. */
		outdir_abort(&o);
		rc = status_of(&d, cfg->werror) == EXIT_OK ? EXIT_INPUT :
		    status_of(&d, cfg->werror);
	} else if (outdir_commit(&o, &d) != 0) {
		rc = EXIT_SYSTEM;
	}
	tm.commit = now_ms() - t - tm.pdf - tm.html;
done:
	report(&d, cfg, rc, stderr);
	diag_free(&d);
	if (cfg->timings && tm.pdf + tm.html > 0)
		fprintf(stderr, "keikaku: timings model %.1f ms, pdf %.1f ms, "
		    "html %.1f ms, write %.1f ms, total %.1f ms; processor "
		    "model %.1f ms, pdf %.1f ms, html %.1f ms, all %.1f ms\n",
		    tm.model, tm.pdf, tm.html, tm.commit, now_ms() - t0,
		    tm.cpu_model, tm.cpu_pdf, tm.cpu_html, cpu_ms() - c0);
	if (rc == EXIT_OK && !cfg->quiet)
		fprintf(stderr, "keikaku: %zu chapters, %zu focus areas, "
		    "%zu projects -> %s/ (%.0f ms)\n", b.nchapters, b.nfocus,
		    b.nprojects, cfg->out, now_ms() - t0);
	build_free(&b);
	return rc;
}
