/*
 * fuzz_tree.c: libFuzzer target for a whole content tree, through every
 * stage: load, resolve, validate, the diagnostics printer, and, when the
 * tree is valid, the dump, the PDF and the HTML back ends with the atomic
 * output folder, exactly as `keikaku build` runs them (build.c).
 *
 * The input holds the tree's files one after another, each introduced by a
 * line "%%% relative/path" (text before the first such line is plan.yaml):
 *
 *   city: { name: 南浜町 }
 *   ...
 *   %%% departments.yaml
 *   - { key: somu, name: 総務課 }
 *   %%% chapters/01-intro.md
 *   ---
 *   ...
 *
 * The files are written into a scratch folder under /dev/shm (or TMPDIR) and
 * loaded from there, since the loader reads the file system as a real build
 * does (stat, readdir, symbolic links). A path is kept only if it is a plain
 * relative path (letters, digits, - _ . / and no ".." or empty part), at most
 * FT_MAX_FILES files, so the fuzzer cannot write outside its folder.
 * tests/fuzz/mktree.sh turns a content tree into such an input.
 *
 * The theme is themes/default of the repository (KEIKAKU_TOP at compile time,
 * or $KEIKAKU_THEME).
 */
#define _GNU_SOURCE
#include <sys/stat.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build.h"
#include "diag.h"
#include "dump.h"
#include "html/html.h"
#include "load.h"
#include "outdir.h"
#include "pdf/pdf.h"
#include "resolve.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#ifndef KEIKAKU_TOP
#define KEIKAKU_TOP "."
#endif

#define FT_MAX_FILES 48
#define FT_MAX_PATH 96
#define FT_SEP "%%% "

static char *scratch;		/* the fuzzer's own folder */
static char *theme;
static FILE *devnull;

static void
cleanup(void)
{
	if (scratch != NULL)
		fs_remove_tree(scratch);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *base = getenv("TMPDIR");
	struct stat st;
	char *t;

	(void)argc;
	(void)argv;
	if (stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) &&
	    access("/dev/shm", W_OK) == 0)
		base = "/dev/shm";
	if (base == NULL)
		base = "/tmp";
	t = xmalloc(strlen(base) + 32);
	sprintf(t, "%s/keikaku-fuzz-tree.XXXXXX", base);
	if (mkdtemp(t) == NULL) {
		perror("fuzz_tree: mkdtemp");
		exit(1);
	}
	scratch = t;
	atexit(cleanup);
	theme = getenv("KEIKAKU_THEME");
	if (theme == NULL) {
		theme = xmalloc(strlen(KEIKAKU_TOP) + 32);
		sprintf(theme, "%s/themes/default", KEIKAKU_TOP);
	}
	devnull = fopen("/dev/null", "w");
	return 0;
}

/* A path the fuzzer may write: plain, relative, inside the tree. */
static int
safe_path(const char *p, size_t n)
{
	size_t i, seg = 0;

	if (n == 0 || n > FT_MAX_PATH || p[0] == '/')
		return 0;
	for (i = 0; i < n; i++) {
		char c = p[i];

		if (c == '/') {
			if (seg == 0)
				return 0;
			seg = 0;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'))
			return 0;
		if (c == '.' && seg == 0 && (i + 1 == n || p[i + 1] == '.' ||
		    p[i + 1] == '/'))
			return 0;	/* ".", ".." */
		seg++;
	}
	return seg > 0;
}

/* Writes one file of the tree; a bad path or a clash is skipped. */
static void
put_file(const char *root, const char *rel, size_t rlen, const uint8_t *p,
    size_t n)
{
	struct buf path = {0};
	struct diag d;
	struct stat st;

	if (!safe_path(rel, rlen))
		return;
	buf_printf(&path, "%s/%.*s", root, (int)rlen, rel);
	/* The first file of a name wins; a folder is never overwritten. */
	if (lstat(path.data, &st) == 0)
		goto done;
	diag_init(&d);
	{
		char *r = xstrndup(rel, rlen);

		(void)fs_write(root, r, p, n, &d);
		free(r);
	}
	diag_free(&d);
done:
	buf_free(&path);
}

static void
write_tree(const char *root, const uint8_t *data, size_t size)
{
	const uint8_t *p = data, *end = data + size, *line, *nl, *body;
	const char *rel = "plan.yaml";
	size_t rlen = strlen(rel), nfiles = 0;

	body = p;
	for (line = p; line < end; line = nl + 1) {
		nl = memchr(line, '\n', (size_t)(end - line));
		if (nl == NULL)
			nl = end;
		if ((size_t)(nl - line) >= sizeof(FT_SEP) - 1 &&
		    memcmp(line, FT_SEP, sizeof(FT_SEP) - 1) == 0) {
			if (nfiles++ < FT_MAX_FILES)
				put_file(root, rel, rlen, body,
				    (size_t)(line - body));
			rel = (const char *)line + sizeof(FT_SEP) - 1;
			rlen = (size_t)((const char *)nl - rel);
			if (rlen > 0 && rel[rlen - 1] == '\r')
				rlen--;
			body = nl < end ? nl + 1 : end;
		}
		if (nl == end)
			break;
	}
	if (nfiles < FT_MAX_FILES)
		put_file(root, rel, rlen, body, (size_t)(end - body));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct build b;
	struct config cfg;
	struct outdir o;
	struct buf root = {0}, out = {0}, dump = {0};
	struct diag d, wd;
	int rc;

	buf_printf(&root, "%s/content", scratch);
	buf_printf(&out, "%s/out", scratch);
	fs_remove_tree(root.data);
	if (fs_mkdir_p(root.data) != 0)
		abort();
	write_tree(root.data, data, size);

	memset(&b, 0, sizeof(b));
	memset(&cfg, 0, sizeof(cfg));
	cfg.root = root.data;
	cfg.out = out.data;
	cfg.theme = theme;
	cfg.quiet = 1;
	diag_init(&d);
	load_tree(&b, &d, root.data);
	if (!d.syserr) {
		resolve(&b, &d);
		validate(&b, &d);
	}
	rc = diag_failed(&d, 0) || d.syserr;
	diag_print(&d, devnull);
	diag_free(&d);
	if (!rc) {
		dump_build(&b, &dump);
		diag_init(&wd);
		if (outdir_begin(&o, cfg.out, &wd) == 0) {
			if (fs_write(o.tmp, "model.txt", buf_str(&dump),
			    dump.len, &wd) == 0 &&
			    pdf_write(&b, &cfg, o.tmp, &wd) == 0 &&
			    html_write(&b, &cfg, o.tmp, &wd) == 0 &&
			    wd.errors == 0)
				(void)outdir_commit(&o, &wd);
			else
				outdir_abort(&o);
		}
		/* A system error writing into our own folder is not the input's fault. */
		diag_print(&wd, devnull);
		diag_free(&wd);
	}
	build_free(&b);
	buf_free(&dump);
	buf_free(&root);
	buf_free(&out);
	return 0;
}
