/*
 * load.c: reads a content tree into the model (see load.h).
 *
 * This file holds the tree walk, file reading and paths, and the checks of
 * images; the records themselves are read by load_plan.c and load_sheet.c
 * through the field checker of load_check.c (load_int.h).
 *
 * Paths. A diagnostic names a file as the user can open it: the root as
 * given on the command line joined with the path inside the tree
 * ("content/projects/focus/01-x.md"; just "plan.yaml" when the root is "."),
 * and the model's `file` fields hold the path relative to the root
 * ("projects/focus/01-x.md"), as model.h says.
 *
 * Determinism. Folders are read with readdir, whose order is the file
 * system's, so every list of names is sorted bytewise before use: the same
 * tree loads the same way on every machine.
 */
#define _POSIX_C_SOURCE 200809L
#define _XOPEN_SOURCE 700

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "load.h"
#include "load_int.h"
#include "md.h"

/*
 * How much of an image file is read to find its size: the PNG header is in
 * the first 24 bytes, an SVG's root element near the top; a JPEG's SOF
 * marker may follow large EXIF blocks, which are skipped by seeking.
 */
#define IMG_SNIFF_MAX	65536
/*
 * The most pixels a PNG or JPEG figure may have: the PDF library holds a
 * PNG's pixels in memory while it writes it (a 12,000 × 12,000 one, a
 * 420 KB file, took 440 MB), and readers and browsers decode both. A
 * 45-megapixel camera's photo fits; a printed A4 page at 300 dpi needs 9.
 */
#define IMG_MAX_PIXELS	50000000
/* JPEG segments skipped before giving up on finding the size. */
#define JPEG_MAX_SEGMENTS	256

/* A list of names, malloc'd. */
struct names {
	char	**v;
	size_t	  n;
	size_t	  cap;
};

static int
ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && strcmp(s + a - b, suffix) == 0;
}

static int
names_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
names_free(struct names *ns)
{
	size_t i;

	for (i = 0; i < ns->n; i++)
		free(ns->v[i]);
	free(ns->v);
	memset(ns, 0, sizeof(*ns));
}

static void suggest_sibling(struct lctx *, const char *, struct buf *);

/* --- paths --- */

char *
lc_path(struct lctx *lc, const char *rel)
{
	if (lc->root[0] == '\0')
		return arena_strdup(lc->a, rel);
	if (strcmp(lc->root, "/") == 0)
		return arena_printf(lc->a, "/%s", rel);
	return arena_printf(lc->a, "%s/%s", lc->root, rel);
}

char *
lc_norm_rel(struct lctx *lc, const char *src, const char **why)
{
	char *rel = path_norm(src, why), *ret;

	if (rel == NULL)
		return NULL;
	ret = arena_strdup(lc->a, rel);
	free(rel);
	return ret;
}

/* --- reading files --- */

/* The span of byte offset off in text (after any BOM): lines and columns in characters. */
static struct span
span_at(const char *file, const char *text, size_t len, size_t off)
{
	struct span sp = { file, 1, 1 };
	size_t i = 0;
	uint32_t cp;

	while (i < off && i < len) {
		if (text[i] == '\n' || text[i] == '\r') {
			if (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')
				i++;
			i++;
			sp.line++;
			sp.col = 1;
			continue;
		}
		i += utf8_decode(text + i, len - i, &cp);
		sp.col++;
	}
	return sp;
}

int
lc_read(struct lctx *lc, const char *rel, int required,
    const struct span *where, struct lfile *out)
{
	struct stat st;
	const char *path = lc_path(lc, rel);
	struct span sp;
	const char *nul;
	size_t len, bad;
	char *data;

	memset(out, 0, sizeof(*out));
	out->path = path;
	out->rel = arena_strdup(lc->a, rel);
	if (stat(path, &st) != 0) {
		if (errno == ENOENT || errno == ENOTDIR) {
			if (!required)
				return 1;
			if (where != NULL) {
				struct buf msg = {0};

				buf_printf(&msg, "file '%s' does not exist "
				    "(looked for %s)", rel, path);
				suggest_sibling(lc, rel, &msg);
				diag_error(lc->d, where, "missing-file", "%s",
				    buf_str(&msg));
				buf_free(&msg);
			} else
				diag_error(lc->d, &(struct span){ path, 0, 0 },
				    "missing-file", "'%s' is missing from the "
				    "content folder", rel);
			return -1;
		}
		diag_syserr(lc->d, path, "read-error", "cannot read '%s': %s",
		    rel, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_error(lc->d, where != NULL ? where :
		    &(struct span){ path, 0, 0 }, "missing-file",
		    "'%s' is not a file", rel);
		return -1;
	}
	if ((uintmax_t)st.st_size > LOAD_MAX_FILE) {
		diag_error(lc->d, &(struct span){ path, 0, 0 },
		    "file-too-large", "'%s' is larger than %u MiB, more than "
		    "any hand-written text: is it the right file? split it, "
		    "or move what it holds into files of its own", rel,
		    (unsigned)(LOAD_MAX_FILE / (1024 * 1024)));
		return -1;
	}
	if ((data = file_read(path, &len, LOAD_MAX_FILE)) == NULL) {
		if (errno == EFBIG)
			diag_error(lc->d, &(struct span){ path, 0, 0 },
			    "file-too-large", "'%s' is larger than %u MiB, "
			    "more than any hand-written text: is it the right "
			    "file? split it, or move what it holds into files "
			    "of its own", rel,
			    (unsigned)(LOAD_MAX_FILE / (1024 * 1024)));
		else
			diag_syserr(lc->d, path, "read-error",
			    "cannot read '%s': %s", rel, strerror(errno));
		return -1;
	}
	out->data = data;
	out->text = data;
	out->len = len;
	/* A UTF-8 BOM (Windows Notepad writes one) is not part of the text. */
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		out->text += 3;
		out->len -= 3;
	}
	if ((nul = memchr(out->text, '\0', out->len)) != NULL) {
		sp = span_at(path, out->text, out->len,
		    (size_t)(nul - out->text));
		diag_error(lc->d, &sp, "nul-byte", "the file contains a NUL "
		    "byte; is it a binary or UTF-16 file? save it as UTF-8 "
		    "text");
		goto fail;
	}
	if (!utf8_valid(out->text, out->len, &bad)) {
		sp = span_at(path, out->text, out->len, bad);
		diag_error(lc->d, &sp, "invalid-utf8", "the text is not valid "
		    "UTF-8 (byte 0x%02X); save the file as UTF-8, not "
		    "Shift_JIS", (unsigned)(unsigned char)out->text[bad]);
		goto fail;
	}
	return 0;
fail:
	free(out->data);
	out->data = NULL;
	out->text = NULL;
	out->len = 0;
	return -1;
}

const struct ynode *
lc_read_yaml(struct lctx *lc, const char *rel, int required,
    const struct span *where)
{
	const struct ynode *y;
	struct lfile f;

	if (lc_read(lc, rel, required, where, &f) != 0)
		return NULL;
	lc->filesp = (struct span){ f.path, 1, 1 };
	y = yaml_parse(lc->a, lc->d, f.path, f.text, f.len, 1);
	free(f.data);
	return y;
}

/* --- walking folders --- */

/*
 * Collects the *.md files of rel (relative to the root), and with recursive
 * those of its subfolders, into ns as root-relative paths. Names starting
 * with '.' are skipped (editor lock and swap files such as .#x.md, which
 * Emacs makes as dangling symlinks). A symlink to a folder is not followed,
 * so a link loop cannot make the walk run forever; depth is bounded by
 * LOAD_MAX_DEPTH against deep real folders, and the count by LOAD_MAX_FILES.
 */
static void
walk(struct lctx *lc, const char *rel, int depth, int recursive,
    struct names *ns)
{
	struct names sub = {0};
	struct dirent *de;
	struct stat st, lst;
	const char *dirpath = lc_path(lc, rel);
	char *crel, *cpath;
	DIR *dir;
	size_t i;

	if ((dir = opendir(dirpath)) == NULL) {
		if (errno != ENOENT && errno != ENOTDIR)
			diag_syserr(lc->d, dirpath, "read-error",
			    "cannot read the folder '%s': %s", rel,
			    strerror(errno));
		return;
	}
	/* Read the names first, sorted, so that the order is not readdir's. */
	while ((de = readdir(dir)) != NULL) {
		/*
		 * A README beside the sheets is the office's own note, not a
		 * record: content-format.md says other files are ignored.
		 */
		if (de->d_name[0] == '.' || strcasecmp(de->d_name, "README.md") == 0)
			continue;
		sub.v = xgrow(sub.v, &sub.cap, sub.n + 1, sizeof(*sub.v));
		sub.v[sub.n++] = xstrdup(de->d_name);
		if (sub.n > LOAD_MAX_FILES)
			break;
	}
	closedir(dir);
	if (sub.n > 1)
		qsort(sub.v, sub.n, sizeof(*sub.v), names_cmp);
	for (i = 0; i < sub.n; i++) {
		crel = arena_printf(lc->a, "%s/%s", rel, sub.v[i]);
		cpath = lc_path(lc, crel);
		if (lstat(cpath, &lst) != 0)
			continue;
		if (S_ISLNK(lst.st_mode)) {
			if (stat(cpath, &st) != 0) {
				if (ends_with(sub.v[i], ".md"))
					diag_error(lc->d, &(struct span){
					    cpath, 0, 0 }, "missing-file",
					    errno == ELOOP ? "'%s' is a link "
					    "that leads back to itself (a link "
					    "loop); replace it with the file" :
					    "'%s' is a link to a file that "
					    "does not exist", crel);
				continue;
			}
			if (S_ISDIR(st.st_mode)) {
				if (recursive)
					diag_warning(lc->d, &(struct span){
					    cpath, 0, 0 }, "symlink-skipped",
					    "'%s' is a link to a folder and is "
					    "not read; move the files into the "
					    "content folder", crel);
				continue;
			}
		} else
			st = lst;
		if (S_ISDIR(st.st_mode)) {
			if (!recursive)
				continue;
			if (depth + 1 > LOAD_MAX_DEPTH) {
				diag_error(lc->d, &(struct span){ cpath, 0, 0 },
				    "too-deep", "'%s' is nested more than %d "
				    "folders deep and is not read; move its "
				    "files into a folder nearer the top", crel,
				    LOAD_MAX_DEPTH);
				continue;
			}
			walk(lc, crel, depth + 1, recursive, ns);
			continue;
		}
		if (!S_ISREG(st.st_mode) || !ends_with(sub.v[i], ".md"))
			continue;
		if (++lc->nfiles > LOAD_MAX_FILES) {
			if (!lc->too_many)
				diag_error(lc->d, &(struct span){ dirpath, 0,
				    0 }, "too-many-files", "more than %d "
				    "Markdown files; is this the right "
				    "content folder?", LOAD_MAX_FILES);
			lc->too_many = 1;
			break;
		}
		ns->v = xgrow(ns->v, &ns->cap, ns->n + 1, sizeof(*ns->v));
		ns->v[ns->n++] = xstrdup(crel);
	}
	names_free(&sub);
}

/* --- images --- */

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static int
clamp_int(double v)
{
	if (!(v > 0))
		return 0;
	return v > INT_MAX ? INT_MAX : (int)(v + 0.5);
}

/* A length in an SVG attribute, in CSS pixels; 0 if unknown (%, em, bad). */
static double
svg_length(const char *s, size_t n)
{
	char tmp[64];
	char *end;
	double v;

	if (n == 0 || n >= sizeof(tmp))
		return 0;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	v = strtod(tmp, &end);
	while (*end == ' ')
		end++;
	if (*end == '\0' || strcmp(end, "px") == 0)
		return v;
	if (strcmp(end, "pt") == 0)
		return v * 96 / 72;
	if (strcmp(end, "pc") == 0)
		return v * 16;
	if (strcmp(end, "in") == 0)
		return v * 96;
	if (strcmp(end, "cm") == 0)
		return v * 96 / 2.54;
	if (strcmp(end, "mm") == 0)
		return v * 96 / 25.4;
	return 0;
}

/* The value of attribute name in the tag text s[0..n), or NULL. */
static const char *
svg_attr(const char *s, size_t n, const char *name, size_t *vlen)
{
	size_t nl = strlen(name), i;
	char q;

	for (i = 1; i + nl + 2 < n; i++) {
		if ((s[i - 1] != ' ' && s[i - 1] != '\t' && s[i - 1] != '\n' &&
		    s[i - 1] != '\r') || memcmp(s + i, name, nl) != 0)
			continue;
		i += nl;
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i >= n || s[i] != '=')
			continue;
		i++;
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i >= n || (s[i] != '"' && s[i] != '\''))
			continue;
		q = s[i++];
		*vlen = 0;
		while (i + *vlen < n && s[i + *vlen] != q)
			(*vlen)++;
		return s + i;
	}
	return NULL;
}

/*
 * The size of an SVG from the width and height attributes of its root
 * element, else from its viewBox. A simple scan: the first "<svg" that is
 * not inside a comment, up to its '>'.
 */
static void
svg_size(const char *s, size_t n, int *w, int *h)
{
	const char *p = s, *end = s + n, *tag, *v;
	size_t tlen, vlen;
	double vb[4], dw = 0, dh = 0;
	char tmp[128], *q;
	int i;

	for (;;) {
		p = memchr(p, '<', (size_t)(end - p));
		if (p == NULL || end - p < 5)
			return;
		if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
			const char *c = p + 4;

			while (c + 3 <= end && memcmp(c, "-->", 3) != 0)
				c++;
			p = c + 3;
			if (p > end)
				return;
			continue;
		}
		if (memcmp(p, "<svg", 4) == 0 && (p[4] == ' ' || p[4] == '\t' ||
		    p[4] == '\n' || p[4] == '\r' || p[4] == '>'))
			break;
		p++;
	}
	tag = p + 4;
	q = memchr(tag, '>', (size_t)(end - tag));
	tlen = q != NULL ? (size_t)(q - tag) : (size_t)(end - tag);
	if ((v = svg_attr(tag - 1, tlen + 1, "width", &vlen)) != NULL)
		dw = svg_length(v, vlen);
	if ((v = svg_attr(tag - 1, tlen + 1, "height", &vlen)) != NULL)
		dh = svg_length(v, vlen);
	if ((dw <= 0 || dh <= 0) &&
	    (v = svg_attr(tag - 1, tlen + 1, "viewBox", &vlen)) != NULL &&
	    vlen < sizeof(tmp)) {
		memcpy(tmp, v, vlen);
		tmp[vlen] = '\0';
		q = tmp;
		for (i = 0; i < 4; i++) {
			char *e;

			while (*q == ' ' || *q == ',' || *q == '\t')
				q++;
			vb[i] = strtod(q, &e);
			if (e == q)
				break;
			q = e;
		}
		if (i == 4 && vb[2] > 0 && vb[3] > 0) {
			if (dw > 0)	/* width given: keep the aspect ratio */
				dh = dw * vb[3] / vb[2];
			else if (dh > 0)
				dw = dh * vb[2] / vb[3];
			else {
				dw = vb[2];
				dh = vb[3];
			}
		}
	}
	if (dw > 0 && dh > 0) {
		*w = clamp_int(dw);
		*h = clamp_int(dh);
	}
}

/* The size from a JPEG's SOF marker, skipping the segments before it. */
static void
jpeg_size(FILE *f, int *w, int *h)
{
	unsigned char seg[8];
	int c, i;
	long len;

	if (fseek(f, 2, SEEK_SET) != 0)
		return;
	for (i = 0; i < JPEG_MAX_SEGMENTS; i++) {
		if ((c = fgetc(f)) != 0xFF)
			return;
		while ((c = fgetc(f)) == 0xFF)
			;		/* fill bytes */
		if (c == EOF)
			return;
		if (c == 0xD8 || c == 0x01 || (c >= 0xD0 && c <= 0xD7))
			continue;	/* no length */
		if (c == 0xD9 || c == 0xDA)
			return;		/* end of image, start of scan */
		if (fread(seg, 1, 2, f) != 2)
			return;
		len = (long)seg[0] << 8 | seg[1];
		if (len < 2)
			return;
		if (c >= 0xC0 && c <= 0xCF && c != 0xC4 && c != 0xC8 &&
		    c != 0xCC) {
			if (fread(seg, 1, 5, f) != 5)
				return;
			*h = seg[1] << 8 | seg[2];
			*w = seg[3] << 8 | seg[4];
			return;
		}
		if (fseek(f, len - 2, SEEK_CUR) != 0)
			return;
	}
}

/* Reads the intrinsic size of a PNG, JPEG or SVG file; unknown stays 0. */
static void
image_size(const char *path, int *w, int *h)
{
	unsigned char *buf;
	size_t n;
	FILE *f;

	*w = *h = 0;
	if ((f = fopen(path, "rb")) == NULL)
		return;
	buf = xmalloc(IMG_SNIFF_MAX);
	n = fread(buf, 1, IMG_SNIFF_MAX, f);
	if (n >= 24 && memcmp(buf, "\x89PNG\r\n\x1a\n", 8) == 0 &&
	    memcmp(buf + 12, "IHDR", 4) == 0) {
		uint32_t pw = be32(buf + 16), ph = be32(buf + 20);

		*w = pw > INT_MAX ? INT_MAX : (int)pw;
		*h = ph > INT_MAX ? INT_MAX : (int)ph;
	} else if (n >= 4 && buf[0] == 0xFF && buf[1] == 0xD8) {
		jpeg_size(f, w, h);
	} else {
		svg_size((const char *)buf, n, w, h);
	}
	free(buf);
	fclose(f);
}

/* The file's extension, lower-cased into low (of size n); "" if none. */
static void
ext_lower(const char *path, char *low, size_t n)
{
	const char *dot = strrchr(path, '.');
	size_t i;

	low[0] = '\0';
	if (dot == NULL || strchr(dot, '/') != NULL || strlen(dot) >= n)
		return;
	for (i = 0; dot[i] != '\0'; i++)
		low[i] = (char)(dot[i] >= 'A' && dot[i] <= 'Z' ?
		    dot[i] - 'A' + 'a' : dot[i]);
	low[i] = '\0';
}

/*
 * Why a .png file is not a sound PNG, or NULL: the signature, then every
 * chunk's length and CRC up to IEND. The PDF library hands a damaged PNG
 * to libpng, whose error handling ends the whole process; a file that
 * passes here has every byte as its writer meant it.
 */
static const char *
png_problem(const char *path)
{
	uint32_t table[256], crc, c, len;
	unsigned char hdr[8], buf[4096];
	const char *why = NULL;
	size_t n, want;
	FILE *f;
	int i, k, first = 1;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;		/* reported elsewhere, or unreadable */
	for (i = 0; i < 256; i++) {
		c = (uint32_t)i;
		for (k = 0; k < 8; k++)
			c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
		table[i] = c;
	}
	if (fread(hdr, 1, 8, f) != 8 ||
	    memcmp(hdr, "\x89PNG\r\n\x1a\n", 8) != 0) {
		why = "it does not start like a PNG file; is it another "
		    "format renamed to .png?";
		goto out;
	}
	for (;;) {
		if (fread(hdr, 1, 8, f) != 8) {
			why = "it is cut short (no IEND chunk); save it again";
			goto out;
		}
		len = be32(hdr);
		if (len > 0x7FFFFFFFu || (first && (len != 13 ||
		    memcmp(hdr + 4, "IHDR", 4) != 0))) {
			why = "it is damaged (a bad chunk header); save it again";
			goto out;
		}
		first = 0;
		crc = 0xFFFFFFFFu;
		for (i = 4; i < 8; i++)
			crc = table[(crc ^ hdr[i]) & 0xFF] ^ (crc >> 8);
		while (len > 0) {
			want = len < sizeof(buf) ? len : sizeof(buf);
			if ((n = fread(buf, 1, want, f)) != want) {
				why = "it is cut short; save it again";
				goto out;
			}
			for (i = 0; (size_t)i < n; i++)
				crc = table[(crc ^ buf[i]) & 0xFF] ^ (crc >> 8);
			len -= (uint32_t)n;
		}
		if (fread(buf, 1, 4, f) != 4) {
			why = "it is cut short; save it again";
			goto out;
		}
		if ((crc ^ 0xFFFFFFFFu) != be32(buf)) {
			why = "it is damaged (a chunk fails its CRC check); save "
			    "it again";
			goto out;
		}
		if (memcmp(hdr + 4, "IEND", 4) == 0)
			break;
	}
out:
	fclose(f);
	return why;
}

/*
 * Reads a JPEG segment's marker and length as libharu 2.3.0 does: two bytes
 * each, no fill bytes. Returns 0 at the end of the file.
 */
static int
jpeg_segment(FILE *f, unsigned *marker, unsigned *len)
{
	unsigned char b[4];

	if (fread(b, 1, 4, f) != 4)
		return 0;
	*marker = (unsigned)b[0] << 8 | b[1];
	*len = (unsigned)b[2] << 8 | b[3];
	return 1;
}

/*
 * Why a .jpg file cannot go into the PDF, or NULL; the whole sentence after
 * "image 'x' ". libharu 2.3.0 copies a JPEG into the PDF as it is, having
 * read its header its own way (HPDF_LoadJpegImageFromFile): the start
 * marker, then segments (marker, length) up to the first frame header of
 * type SOF0, SOF1, SOF2 or SOF9, with 1, 3 or 4 colour components; else it
 * refuses the file while the PDF is written. What it takes, a PDF reader
 * must still decode (DCTDecode): 8-bit samples, Huffman coding (SOF9 is
 * arithmetic), a height in the header; CMYK only as Adobe's programs write
 * it (libharu gives every 4-component JPEG the inverted Decode of Adobe's
 * CMYK). Last, the picture data must reach the end marker. A sentence
 * with a number is written into tmp.
 */
static const char *
jpeg_problem(const char *path, char *tmp, size_t tmpsz)
{
	static const char *const cut = "is cut short: save it again";
	unsigned char b[4096], fr[6];
	const char *why = NULL;
	unsigned m, len, comps = 0;
	int adobe = 0, frame = 0, i, prev = 0;
	size_t n, k;
	FILE *f;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;		/* reported elsewhere, or unreadable */
	if (fread(b, 1, 3, f) != 3 || b[0] != 0xFF || b[1] != 0xD8 ||
	    b[2] != 0xFF || fseek(f, 2, SEEK_SET) != 0) {
		why = "is not a JPEG file: it does not start like one; is it "
		    "another format renamed to .jpg?";
		goto out;
	}
	for (i = 0; ; i++) {
		if (i == JPEG_MAX_SEGMENTS || !jpeg_segment(f, &m, &len)) {
			why = cut;
			goto out;
		}
		/* fill bytes and markers without a length read as libharu does */
		if (m >> 8 != 0xFF || m == 0xFFFF || m == 0xFF01 ||
		    (m >= 0xFFD0 && m <= 0xFFD8) || len < 2) {
			why = "has a header the PDF library cannot read (not "
			    "one marker after another): open it and save it "
			    "again";
			goto out;
		}
		if (m == 0xFFDA || m == 0xFFD9)
			break;		/* the picture data, or the end */
		if (!frame && (m == 0xFFC3 || (m >= 0xFFC5 && m <= 0xFFCF &&
		    m != 0xFFC8 && m != 0xFFCC && m != 0xFFC9))) {
			why = "is a lossless or hierarchical JPEG, which the "
			    "PDF cannot hold: save it again as an ordinary "
			    "(baseline) JPEG";
			goto out;
		}
		if (!frame && (m == 0xFFC0 || m == 0xFFC1 || m == 0xFFC2 ||
		    m == 0xFFC9)) {
			frame = 1;
			if (fread(fr, 1, 6, f) != 6) {
				why = cut;
				goto out;
			}
			comps = fr[5];
			if (comps != 1 && comps != 3 && comps != 4) {
				snprintf(tmp, tmpsz, "has %u colour channels; "
				    "the PDF takes a JPEG with 1 (grey), 3 "
				    "(colour) or 4 (CMYK): save it again as an "
				    "ordinary colour JPEG", comps);
				why = tmp;
				goto out;
			}
			if (m == 0xFFC9) {
				why = "uses arithmetic coding, which browsers "
				    "and PDF readers do not show: save it again as an "
				    "ordinary JPEG";
				goto out;
			}
			if (fr[0] != 8) {
				why = "has 12-bit samples, which browsers and "
				    "the PDF do not show (8-bit only): save it again as an ordinary "
				    "JPEG";
				goto out;
			}
			if ((fr[1] | fr[2]) == 0 || (fr[3] | fr[4]) == 0) {
				why = "gives no height or width in its header, "
				    "which the PDF needs: save it again";
				goto out;
			}
			if (len != 8 + 3 * comps) {
				why = "is damaged (its frame header has the "
				    "wrong length): save it again";
				goto out;
			}
			len -= 6;
		} else if (m == 0xFFEE && len >= 7) {
			if (fread(fr, 1, 5, f) != 5) {
				why = cut;
				goto out;
			}
			adobe |= memcmp(fr, "Adobe", 5) == 0;
			len -= 5;
		}
		if (fseek(f, (long)len - 2, SEEK_CUR) != 0) {
			why = cut;
			goto out;
		}
	}
	if (!frame) {
		why = m == 0xFFD9 ? "holds no picture: save it again" :
		    "is damaged (no frame header before the picture data): "
		    "save it again";
		goto out;
	}
	if (comps == 4 && !adobe) {
		why = "is a CMYK JPEG not written as Adobe's programs write "
		    "them; the PDF would print its colours inverted: save it "
		    "again in RGB colour";
		goto out;
	}
	/* The end marker: FF D9 (a byte FF in the picture data is FF 00). */
	why = cut;
	if (m == 0xFFD9)
		why = NULL;
	while (why != NULL && (n = fread(b, 1, sizeof(b), f)) > 0)
		for (k = 0; k < n && why != NULL; prev = b[k++])
			if (prev == 0xFF && b[k] == 0xD9)
				why = NULL;
out:
	fclose(f);
	return why;
}

static int
image_ext_ok(const char *path)
{
	static const char *const exts[] = { ".svg", ".png", ".jpg", ".jpeg" };
	const char *dot = strrchr(path, '.');
	char low[8];
	size_t i;

	if (dot == NULL || strchr(dot, '/') != NULL || strlen(dot) >= sizeof(low))
		return 0;
	for (i = 0; dot[i] != '\0'; i++)
		low[i] = (char)(dot[i] >= 'A' && dot[i] <= 'Z' ?
		    dot[i] - 'A' + 'a' : dot[i]);
	low[i] = '\0';
	for (i = 0; i < KK_ARRAY_LEN(exts); i++)
		if (strcmp(low, exts[i]) == 0)
			return 1;
	return 0;
}

/*
 * Appends "; did you mean 'dir/name'?" when the folder of rel holds a file
 * whose name is close to rel's: a misspelt figure or register file name.
 */
static void
suggest_sibling(struct lctx *lc, const char *rel, struct buf *msg)
{
	const char *slash = strrchr(rel, '/'), *base, *best;
	struct names ns = {0};
	struct dirent *de;
	char *dir;
	DIR *dp;

	dir = slash != NULL ? arena_strndup(lc->a, rel, (size_t)(slash - rel)) :
	    NULL;
	base = slash != NULL ? slash + 1 : rel;
	if ((dp = opendir(dir != NULL ? lc_path(lc, dir) :
	    lc->root[0] != '\0' ? lc->root : ".")) == NULL)
		return;
	while ((de = readdir(dp)) != NULL && ns.n < 10000) {
		if (de->d_name[0] == '.')
			continue;
		ns.v = xgrow(ns.v, &ns.cap, ns.n + 1, sizeof(*ns.v));
		ns.v[ns.n++] = xstrdup(de->d_name);
	}
	closedir(dp);
	/* sorted, so that a tie between two names is decided the same way everywhere */
	if (ns.n > 1)
		qsort(ns.v, ns.n, sizeof(*ns.v), names_cmp);
	best = str_suggest(base, (const char *const *)ns.v, ns.n);
	if (best != NULL)
		buf_printf(msg, "; did you mean '%s%s%s'?", dir ? dir : "",
		    dir ? "/" : "", best);
	names_free(&ns);
}

/*
 * Where the path src of an image that starts at sp is written in the file
 * (lc->text): the first "](" after sp followed by src. Falls back to sp
 * when the path is not found as written (entities, escapes).
 */
static struct span
url_span(struct lctx *lc, const struct span *sp, const char *src)
{
	const char *t = lc->text, *p, *q, *end;
	size_t len = lc->textlen, off = 0, sl;
	int line = 1, col = 1, tries;
	uint32_t cp;

	if (t == NULL || src == NULL || sp->line < 1)
		return *sp;
	/* the byte offset of sp */
	while (off < len && line < sp->line) {
		if (t[off] == '\n' || t[off] == '\r') {
			if (t[off] == '\r' && off + 1 < len && t[off + 1] == '\n')
				off++;
			line++;
		}
		off++;
	}
	while (off < len && col < sp->col && t[off] != '\n' && t[off] != '\r') {
		off += utf8_decode(t + off, len - off, &cp);
		col++;
	}
	sl = strlen(src);
	end = t + len;
	p = t + off;
	for (tries = 0; tries < 16 && p < end; tries++) {
		while (p + 1 < end && !(p[0] == ']' && p[1] == '('))
			p++;
		if (p + 1 >= end)
			break;
		q = p + 2;
		while (q < end && (*q == ' ' || *q == '\t' || *q == '\n' ||
		    *q == '\r'))
			q++;
		if (q < end && *q == '<')
			q++;
		if ((size_t)(end - q) >= sl && memcmp(q, src, sl) == 0)
			return span_at(sp->file, t, len, (size_t)(q - t));
		p += 2;
	}
	return *sp;
}

/*
 * Checks an image path written in Markdown: relative, inside the content
 * folder (also after following symlinks), an allowed type, existing.
 * Returns the root-joined path (interned), or NULL after reporting.
 */
static char *
check_image(struct lctx *lc, const char *src, const struct span *at,
    int *w, int *h)
{
	struct buf msg = {0};
	struct stat st;
	struct span spv = url_span(lc, at, src), *sp = &spv;
	const char *why;
	char *rel, *path, *real, low[8], tmp[160];
	size_t rl;

	*w = *h = 0;
	if ((rel = lc_norm_rel(lc, src, &why)) == NULL) {
		buf_puts(&msg, "image '");
		lc_quote(&msg, src);
		buf_printf(&msg, "' cannot be used: %s", why);
		diag_error(lc->d, sp, src != NULL && *src != '\0' ?
		    "image-outside" : "missing-image", "%s", buf_str(&msg));
		buf_free(&msg);
		return NULL;
	}
	if (!image_ext_ok(rel)) {
		buf_puts(&msg, "image '");
		lc_quote(&msg, src);
		buf_puts(&msg, "' is not an SVG, PNG or JPEG file (.svg, .png, "
		    ".jpg, .jpeg); save it in one of these formats");
		diag_error(lc->d, sp, "bad-image", "%s", buf_str(&msg));
		buf_free(&msg);
		return NULL;
	}
	path = lc_path(lc, rel);
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
		buf_puts(&msg, "image '");
		lc_quote(&msg, src);
		buf_printf(&msg, "' does not exist (looked for %s)", path);
		suggest_sibling(lc, rel, &msg);
		diag_error(lc->d, sp, "missing-image", "%s", buf_str(&msg));
		buf_free(&msg);
		return NULL;
	}
	if (lc->root_real != NULL && (real = realpath(path, NULL)) != NULL) {
		rl = strlen(lc->root_real);
		if (!(strncmp(real, lc->root_real, rl) == 0 &&
		    (real[rl] == '/' || strcmp(lc->root_real, "/") == 0))) {
			buf_puts(&msg, "image '");
			lc_quote(&msg, src);
			buf_puts(&msg, "' is a link to a file outside the "
			    "content folder; copy the file into it");
			diag_error(lc->d, sp, "image-outside", "%s",
			    buf_str(&msg));
			buf_free(&msg);
			free(real);
			return NULL;
		}
		free(real);
	}
	ext_lower(rel, low, sizeof(low));
	if ((strcmp(low, ".jpg") == 0 || strcmp(low, ".jpeg") == 0) &&
	    (why = jpeg_problem(path, tmp, sizeof(tmp))) != NULL) {
		buf_puts(&msg, "image '");
		lc_quote(&msg, src);
		buf_printf(&msg, "' %s", why);
		diag_error(lc->d, sp, "bad-image", "%s", buf_str(&msg));
		buf_free(&msg);
		return NULL;
	}
	if (strcmp(low, ".svg") == 0 && (why = lc_svg_problem(path)) != NULL) {
		buf_puts(&msg, "image '");
		lc_quote(&msg, src);
		buf_printf(&msg, "' is not safe to publish: %s. The site serves "
		    "figures as they are, and a browser that opens the file "
		    "would run it; save the drawing again without it", why);
		diag_error(lc->d, sp, "bad-image", "%s", buf_str(&msg));
		buf_free(&msg);
		return NULL;
	}
	if (strcmp(low, ".png") == 0 && (why = png_problem(path)) != NULL) {
		buf_puts(&msg, "image '");
		lc_quote(&msg, src);
		buf_printf(&msg, "' is not a sound PNG file: %s", why);
		diag_error(lc->d, sp, "bad-image", "%s", buf_str(&msg));
		buf_free(&msg);
		return NULL;
	}
	image_size(path, w, h);
	if (strcmp(low, ".svg") != 0 &&
	    (uint64_t)*w * (uint64_t)*h > IMG_MAX_PIXELS) {
		buf_puts(&msg, "image '");
		lc_quote(&msg, src);
		buf_printf(&msg, "' is %d × %d pixels, more than keikaku takes "
		    "(%d million): save it smaller; a full A4 page printed "
		    "at 300 dpi is 2,480 × 3,508", *w, *h,
		    IMG_MAX_PIXELS / 1000000);
		diag_error(lc->d, sp, "bad-image", "%s", buf_str(&msg));
		buf_free(&msg);
		return NULL;
	}
	return path;
}

static void check_blocks(struct lctx *, struct block *);

static void
check_inlines(struct lctx *lc, struct inline_node *in)
{
	int w, h;

	for (; in != NULL; in = in->next) {
		if (in->type == INL_IMAGE)
			(void)check_image(lc, in->url, &in->span, &w, &h);
		check_inlines(lc, in->children);
	}
}

static void
check_blocks(struct lctx *lc, struct block *bl)
{
	struct figure *fg;
	int r, c;

	for (; bl != NULL; bl = bl->next) {
		check_inlines(lc, bl->inlines);
		if (bl->type == BLK_FIGURE && (fg = bl->figure) != NULL) {
			fg->path = check_image(lc, fg->src, &bl->span,
			    &fg->width_px, &fg->height_px);
			check_blocks(lc, fg->notes);
		}
		if (bl->type == BLK_TABLE && bl->table != NULL) {
			struct table *t = bl->table;

			check_inlines(lc, t->caption);
			for (r = 0; r < t->nrows; r++)
				for (c = 0; c < t->ncols; c++)
					check_inlines(lc,
					    t->cells[r * t->ncols + c].inlines);
		}
		check_blocks(lc, bl->children);
	}
}

void
lc_check_inline_images(struct lctx *lc, struct inline_node *in)
{
	check_inlines(lc, in);
}

void
lc_check_doc_images(struct lctx *lc, struct doc *doc)
{
	struct footnote *fn;

	check_blocks(lc, doc->blocks);
	for (fn = doc->footnotes; fn != NULL; fn = fn->next)
		check_blocks(lc, fn->blocks);
}

/* --- the tree --- */

/* Loads every file of a sorted list through fn. */
static void
load_chapters(struct lctx *lc)
{
	struct names ns = {0};
	size_t i;

	walk(lc, "chapters", 0, 0, &ns);
	if (lc->too_many) {
		/* The wrong folder (reported): reading it would only add noise. */
		lc->b->lost_chapters.unkeyed += ns.n;
		names_free(&ns);
		return;
	}
	if (ns.n > 1)
		qsort(ns.v, ns.n, sizeof(*ns.v), names_cmp);
	lc->b->chapters = ARENA_NEWN(lc->a, struct chapter, ns.n);
	for (i = 0; i < ns.n; i++)
		lc_load_chapter(lc, ns.v[i]);
	names_free(&ns);
}

static void
load_projects(struct lctx *lc)
{
	struct names ns = {0};
	size_t i;

	walk(lc, "projects", 0, 1, &ns);
	if (lc->too_many) {
		/* The wrong folder (reported): reading it would only add noise. */
		lc->b->lost_sheets.unkeyed += ns.n;
		names_free(&ns);
		return;
	}
	/* Sorted by the whole relative path, bytewise, as load.h promises. */
	if (ns.n > 1)
		qsort(ns.v, ns.n, sizeof(*ns.v), names_cmp);
	lc->b->focus = ARENA_NEWN(lc->a, struct focus_area, ns.n);
	lc->b->projects = ARENA_NEWN(lc->a, struct project, ns.n);
	for (i = 0; i < ns.n; i++)
		lc_load_sheet(lc, ns.v[i]);
	names_free(&ns);
}

int
load_tree(struct build *b, struct diag *d, const char *root)
{
	struct lctx lc;
	struct stat st;
	size_t errors = d->errors, n;
	char *r;

	memset(&lc, 0, sizeof(lc));
	lc.b = b;
	lc.d = d;
	lc.a = &b->arena;
	b->root = arena_strdup(&b->arena, root);
	/* "content/" and "content" name the same files: content/plan.yaml. */
	r = arena_strdup(&b->arena, root);
	n = strlen(r);
	while (n > 1 && r[n - 1] == '/')
		r[--n] = '\0';
	if (strcmp(r, ".") == 0 || n == 0)
		r[0] = '\0';
	lc.root = r;
	if (stat(root[0] != '\0' ? root : ".", &st) != 0 ||
	    !S_ISDIR(st.st_mode)) {
		diag_error(d, &(struct span){ b->root, 0, 0 }, "missing-file",
		    "'%s' is not a content folder (no such folder)", root);
		return -1;
	}
	lc.root_real = realpath(root[0] != '\0' ? root : ".", NULL);

	/* plan.yaml first: later files default to its period. */
	lc_load_plan(&lc);
	lc_load_departments(&lc);
	lc_load_glossary(&lc);
	load_chapters(&lc);
	load_projects(&lc);
	lc_load_register(&lc);
	lc_finish_volumes(&lc);

	free(lc.root_real);
	return d->errors > errors ? -1 : 0;
}

int
build_lost(const struct lost *l, const char *key)
{
	const struct lost_key *k;

	if (l->unkeyed > 0)
		return 1;
	for (k = l->keys; key != NULL && k != NULL; k = k->next)
		if (strcmp(k->key, key) == 0)
			return 1;
	return 0;
}

void
build_free(struct build *b)
{
	if (b == NULL)
		return;
	/* Everything in the model lives in the arena (model.h). */
	arena_free(&b->arena);
	memset(b, 0, sizeof(*b));
}
