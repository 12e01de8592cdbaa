/* outdir.c: see outdir.h. */
#define _GNU_SOURCE
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "outdir.h"
#include "util.h"

#define TMP_TAG ".tmp-"

/* The folder that holds path, and the last component. Owned by the caller. */
static void
split_path(const char *path, char **dir, char **base)
{
	size_t len = strlen(path);
	const char *slash;

	while (len > 1 && path[len - 1] == '/')
		len--;
	*base = NULL;
	for (slash = path + len; slash > path && slash[-1] != '/'; slash--)
		;
	*base = xstrndup(slash, (size_t)(path + len - slash));
	if (slash == path)
		*dir = xstrdup(".");
	else if (slash - path == 1)
		*dir = xstrdup("/");
	else
		*dir = xstrndup(path, (size_t)(slash - path - 1));
}

static int
rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		return rmdir(p) == 0 || errno == ENOENT ? 0 : -1;
	return unlink(p) == 0 || errno == ENOENT ? 0 : -1;
}

int
fs_remove_tree(const char *path)
{
	struct stat st;

	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	return nftw(path, rm_one, 32, FTW_DEPTH | FTW_PHYS);
}

int
fs_mkdir_p(const char *dir)
{
	char *p = xstrdup(dir), *s;
	int rc = 0;

	for (s = p + 1; *s != '\0'; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0755) != 0 && errno != EEXIST)
			rc = -1;
		*s = '/';
		if (rc)
			break;
	}
	if (rc == 0 && mkdir(p, 0755) != 0 && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

/*
 * Removes the temporary folders of builds that were killed: their names carry
 * the process id, and a process that no longer exists will not finish them.
 */
static void
remove_stale(const char *dir, const char *base)
{
	struct buf prefix = {0}, path = {0};
	struct dirent *e;
	DIR *dp;

	buf_printf(&prefix, ".%s%s", base, TMP_TAG);
	if ((dp = opendir(dir)) == NULL)
		goto done;
	while ((e = readdir(dp)) != NULL) {
		long pid;
		char *end;

		if (strncmp(e->d_name, prefix.data, prefix.len) != 0)
			continue;
		pid = strtol(e->d_name + prefix.len, &end, 10);
		if (end == e->d_name + prefix.len || *end != '-' || pid <= 0)
			continue;
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		buf_reset(&path);
		buf_printf(&path, "%s/%s", dir, e->d_name);
		fs_remove_tree(path.data);
	}
	closedir(dp);
done:
	buf_free(&prefix);
	buf_free(&path);
}

/*
 * Returns 1 if out may be replaced: absent, empty, or made by keikaku.
 * *err is the errno when out could not even be looked at (ENOTDIR for
 * a path through a file), else 0.
 */
static int
replaceable(const char *out, int *err)
{
	struct buf m = {0};
	struct stat st;
	struct dirent *e;
	DIR *dp;
	int ok = 0, empty = 1;

	*err = 0;
	if (lstat(out, &st) != 0) {
		if (errno == ENOENT)
			return 1;
		*err = errno;
		return 0;
	}
	if (!S_ISDIR(st.st_mode))
		return 0;
	buf_printf(&m, "%s/%s", out, OUTDIR_MARKER);
	if (lstat(m.data, &st) == 0 && S_ISREG(st.st_mode))
		ok = 1;
	buf_free(&m);
	if (ok)
		return 1;
	if ((dp = opendir(out)) == NULL)
		return 0;
	while ((e = readdir(dp)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			empty = 0;
	closedir(dp);
	return empty;
}

int
outdir_begin(struct outdir *o, const char *out, struct diag *d)
{
	struct buf t = {0};
	char *dir, *base;
	int err;

	memset(o, 0, sizeof(*o));
	split_path(out, &dir, &base);
	if (strcmp(base, "") == 0 || strcmp(base, ".") == 0 ||
	    strcmp(base, "..") == 0 || strcmp(base, "/") == 0) {
		diag_syserr(d, out, "bad-output",
		    "cannot use '%s' as the output folder; name a folder such as out", out);
		goto fail;
	}
	if (!replaceable(out, &err)) {
		if (err != 0)
			diag_syserr(d, out, "io", "cannot use '%s' as the "
			    "output folder: %s", out, strerror(err));
		else
			diag_syserr(d, out, "bad-output", "'%s' exists and "
			    "was not written by keikaku (no %s in it); "
			    "refusing to replace it: give another output "
			    "folder with -o", out, OUTDIR_MARKER);
		goto fail;
	}
	if (fs_mkdir_p(dir) != 0) {
		diag_syserr(d, dir, "io", "cannot create folder: %s",
		    strerror(errno));
		goto fail;
	}
	remove_stale(dir, base);
	buf_printf(&t, "%s/.%s%s%ld-XXXXXX", dir, base, TMP_TAG, (long)getpid());
	if (mkdtemp(t.data) == NULL) {
		diag_syserr(d, dir, "io", "cannot create a temporary folder: %s",
		    strerror(errno));
		buf_free(&t);
		goto fail;
	}
	chmod(t.data, 0755);
	o->final = xstrdup(out);
	o->tmp = buf_take(&t);
	free(dir);
	free(base);
	return fs_write(o->tmp, OUTDIR_MARKER,
	    "This folder is written by keikaku build and replaced as a whole.\n",
	    66, d);
fail:
	free(dir);
	free(base);
	return -1;
}

int
outdir_commit(struct outdir *o, struct diag *d)
{
	int rc = -1;

	if (renameat2(AT_FDCWD, o->tmp, AT_FDCWD, o->final,
	    RENAME_EXCHANGE) == 0) {
		/* o->tmp now names the previous output. */
		fs_remove_tree(o->tmp);
		rc = 0;
	} else if (errno == ENOENT) {
		if (rename(o->tmp, o->final) == 0)
			rc = 0;
	} else if (errno == EINVAL || errno == ENOSYS) {
		/* No RENAME_EXCHANGE on this file system: two renames. */
		struct buf old = {0};

		buf_printf(&old, "%s.old", o->tmp);
		if (rename(o->final, old.data) == 0 &&
		    rename(o->tmp, o->final) == 0) {
			fs_remove_tree(old.data);
			rc = 0;
		}
		buf_free(&old);
	}
	if (rc != 0) {
		diag_syserr(d, o->final, "io", "cannot move the new output into place: %s",
		    strerror(errno));
		outdir_abort(o);
		return -1;
	}
	free(o->tmp);
	free(o->final);
	o->tmp = o->final = NULL;
	return 0;
}

void
outdir_abort(struct outdir *o)
{
	if (o->tmp != NULL)
		fs_remove_tree(o->tmp);
	free(o->tmp);
	free(o->final);
	o->tmp = o->final = NULL;
}

/* Creates the folders leading to dir/rel. */
static int
mkparents(const char *dir, const char *rel)
{
	const char *slash = strrchr(rel, '/');
	struct buf p = {0};
	int rc;

	if (slash == NULL)
		return 0;
	buf_printf(&p, "%s/%.*s", dir, (int)(slash - rel), rel);
	rc = fs_mkdir_p(p.data);
	buf_free(&p);
	return rc;
}

int
fs_write(const char *dir, const char *rel, const void *data, size_t len,
    struct diag *d)
{
	struct buf p = {0};
	FILE *f = NULL;
	int rc = -1;

	buf_printf(&p, "%s/%s", dir, rel);
	if (mkparents(dir, rel) != 0 || (f = fopen(p.data, "wb")) == NULL)
		goto fail;
	if (len > 0 && fwrite(data, 1, len, f) != len)
		goto fail;
	if (fclose(f) != 0) {
		f = NULL;
		goto fail;
	}
	f = NULL;
	rc = 0;
	goto done;
fail:
	diag_syserr(d, p.data, "io", "cannot write: %s", strerror(errno));
	if (f != NULL)
		fclose(f);
done:
	buf_free(&p);
	return rc;
}

int
fs_copy(const char *src, const char *dir, const char *rel, struct diag *d)
{
	size_t len;
	char *data;
	int rc;

	if ((data = file_read(src, &len, (size_t)1 << 30)) == NULL) {
		diag_syserr(d, src, "io", "cannot read: %s", strerror(errno));
		return -1;
	}
	rc = fs_write(dir, rel, data, len, d);
	free(data);
	return rc;
}
