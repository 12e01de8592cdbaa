/*
 * dev_text.c: the text device. Every call becomes one line of a
 * deterministic dump, for golden tests of the layout and the line breaker:
 *
 *   document title="…" lang=ja
 *   page 1 595.276x841.89
 *     text 70.866 100.5 fixed-BIZUDMincho-Regular 10.5 tc=0.125 content n1 "…"
 *     rule 70.866 90 524.41 90 w=0.5 layout
 *     <P n1>  …  </P n1>
 *   end page 1
 *   outline 1 "第1章" -> ch1
 *   end document, 1 page
 *
 * Lengths in points with up to three decimals (dev_put_pt); nodes are
 * numbered n1, n2, … in order of first appearance, so that pointers never
 * reach the dump; colours only when not black.
 */
#include <stdlib.h>
#include <string.h>

#include "pdf/device.h"
#include "pdf/font.h"

struct dev_text {
	struct device	 dev;	/* first: the common head */
	struct buf	 out;
	struct buf	 labels;	/* page labels, printed at the end of the document */
	int		 in_page;
	int		 depth;	/* structure nesting, for indentation */
	/*
	 * node pointer → number, open addressing; keys NULL = empty. opens:
	 * the structure elements of the node open now; a node whose last
	 * element has closed is numbered afresh when it is met again, so
	 * that memory freed and given to another node (a table's cells) does
	 * not make the dump depend on the allocator.
	 */
	const void	**keys;
	int		*vals;
	int		*opens;
	size_t		 cap;
	size_t		 count;
};

static size_t
hash_ptr(const void *p, size_t cap)
{
	uintptr_t v = (uintptr_t)p;

	v ^= v >> 17;
	v *= (uintptr_t)0x9E3779B97F4A7C15ULL;
	return (size_t)(v ^ (v >> 29)) & (cap - 1);
}

/* The node's slot, assigned at first sight; node not NULL. */
static size_t
node_slot(struct dev_text *t, const void *node)
{
	size_t i, k, oldcap;
	const void **ok;
	int *ov, *oo;

	if (t->count * 2 >= t->cap) {
		oldcap = t->cap;
		ok = t->keys;
		ov = t->vals;
		oo = t->opens;
		t->cap = oldcap ? oldcap * 2 : 64;
		t->keys = xcalloc(t->cap, sizeof(*t->keys));
		t->vals = xcalloc(t->cap, sizeof(*t->vals));
		t->opens = xcalloc(t->cap, sizeof(*t->opens));
		for (k = 0; k < oldcap; k++) {
			if (ok[k] == NULL)
				continue;
			for (i = hash_ptr(ok[k], t->cap); t->keys[i] != NULL;
			    i = (i + 1) & (t->cap - 1))
				;
			t->keys[i] = ok[k];
			t->vals[i] = ov[k];
			t->opens[i] = oo[k];
		}
		free(ok);
		free(ov);
		free(oo);
	}
	for (i = hash_ptr(node, t->cap); t->keys[i] != NULL;
	    i = (i + 1) & (t->cap - 1))
		if (t->keys[i] == node) {
			if (t->opens[i] < 0) {	/* its elements closed: a new node */
				t->vals[i] = (int)++t->count;
				t->opens[i] = 0;
			}
			return i;
		}
	t->keys[i] = node;
	t->vals[i] = (int)++t->count;
	t->opens[i] = 0;
	return i;
}

/* The node's number; 0 for NULL. */
static int
node_id(struct dev_text *t, const void *node)
{
	size_t i;

	if (node == NULL)
		return 0;
	i = node_slot(t, node);	/* may grow the table: vals read after */
	return t->vals[i];
}

static void
indent(struct dev_text *t)
{
	int i;

	for (i = 0; i < t->depth + (t->in_page ? 1 : 0); i++)
		buf_puts(&t->out, "  ");
}

static void
put_pt(struct dev_text *t, int32_t v)
{
	buf_putc(&t->out, ' ');
	dev_put_pt(&t->out, v);
}

/* A quoted string: " and \ escaped, control characters as \n or \xNN. */
static void
put_quoted(struct dev_text *t, const char *s, size_t len)
{
	size_t i;

	buf_putc(&t->out, '"');
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			buf_printf(&t->out, "\\%c", c);
		else if (c == '\n')
			buf_puts(&t->out, "\\n");
		else if (c < 0x20 || c == 0x7F)
			buf_printf(&t->out, "\\x%02X", c);
		else
			buf_putc(&t->out, (int)c);
	}
	buf_putc(&t->out, '"');
}

static void
put_mark(struct dev_text *t, const struct dev_mark *m)
{
	int id = node_id(t, m->node);

	buf_printf(&t->out, " %s", dev_role_name(m->role));
	if (id > 0)
		buf_printf(&t->out, " n%d", id);
}

static void
put_rgb(struct dev_text *t, const char *what, uint32_t rgb)
{
	if (rgb != 0)
		buf_printf(&t->out, " %s#%06X", what, (unsigned)rgb);
}

/* Pages must be open for drawing: a layout bug, reported once. */
static int
check_page(struct dev_text *t, const char *op)
{
	if (t->dev.failed)
		return 0;
	if (!t->in_page) {
		diag_error(t->dev.diag, NULL, "pdf-device",
		    "text device: %s outside a page", op);
		t->dev.failed = 1;
		return 0;
	}
	return 1;
}

static int
txt_begin_document(struct device *dev, const struct dev_info *info)
{
	struct dev_text *t = (struct dev_text *)dev;

	buf_puts(&t->out, "document");
	if (info->title) {
		buf_puts(&t->out, " title=");
		put_quoted(t, info->title, strlen(info->title));
	}
	if (info->author) {
		buf_puts(&t->out, " author=");
		put_quoted(t, info->author, strlen(info->author));
	}
	if (info->subject) {
		buf_puts(&t->out, " subject=");
		put_quoted(t, info->subject, strlen(info->subject));
	}
	if (info->lang)
		buf_printf(&t->out, " lang=%s", info->lang);
	if (info->epoch >= 0)
		buf_printf(&t->out, " epoch=%lld", info->epoch);
	buf_putc(&t->out, '\n');
	return 0;
}

static struct font *
txt_load_font(struct device *dev, const char *path)
{
	struct dev_text *t = (struct dev_text *)dev;
	const char *base = path ? strrchr(path, '/') : NULL;
	const char *dot;
	struct font *f;
	char *name;

	base = base ? base + 1 : path ? path : "font";
	dot = strrchr(base, '.');
	name = xstrndup(base, dot ? (size_t)(dot - base) : strlen(base));
	f = font_new_fixed(name);
	free(name);
	buf_printf(&t->out, "font %s\n", f->name);
	return f;
}

static int
txt_begin_page(struct device *dev, int32_t w, int32_t h)
{
	struct dev_text *t = (struct dev_text *)dev;

	if (t->in_page) {
		diag_error(dev->diag, NULL, "pdf-device",
		    "text device: page %d begun inside a page", dev->npages + 1);
		dev->failed = 1;
		return -1;
	}
	dev->npages++;
	buf_printf(&t->out, "page %d", dev->npages);
	put_pt(t, w);
	buf_putc(&t->out, 'x');
	dev_put_pt(&t->out, h);
	buf_putc(&t->out, '\n');
	t->in_page = 1;
	return 0;
}

static void
txt_text(struct device *dev, const struct dev_mark *m, int32_t x, int32_t y,
    struct font *f, int32_t size, const char *s, size_t len, double tc,
    uint32_t rgb)
{
	struct dev_text *t = (struct dev_text *)dev;

	if (!check_page(t, "text"))
		return;
	indent(t);
	buf_puts(&t->out, "text");
	put_pt(t, x);
	put_pt(t, y);
	buf_printf(&t->out, " %s", f->name);
	put_pt(t, size);
	if (tc != 0)
		buf_printf(&t->out, " tc=%.4f", tc);
	put_rgb(t, "", rgb);
	put_mark(t, m);
	buf_putc(&t->out, ' ');
	put_quoted(t, s, len);
	buf_putc(&t->out, '\n');
}

static void
txt_rule(struct device *dev, const struct dev_mark *m, int32_t x1, int32_t y1,
    int32_t x2, int32_t y2, int32_t w, uint32_t rgb)
{
	struct dev_text *t = (struct dev_text *)dev;

	if (!check_page(t, "rule"))
		return;
	indent(t);
	buf_puts(&t->out, "rule");
	put_pt(t, x1);
	put_pt(t, y1);
	put_pt(t, x2);
	put_pt(t, y2);
	buf_puts(&t->out, " w=");
	dev_put_pt(&t->out, w);
	put_rgb(t, "", rgb);
	put_mark(t, m);
	buf_putc(&t->out, '\n');
}

static void
txt_rect(struct device *dev, const struct dev_mark *m, int32_t x, int32_t y,
    int32_t w, int32_t h, int fill, uint32_t fill_rgb, int32_t lw,
    uint32_t line_rgb)
{
	struct dev_text *t = (struct dev_text *)dev;

	if (!check_page(t, "rect"))
		return;
	indent(t);
	buf_puts(&t->out, "rect");
	put_pt(t, x);
	put_pt(t, y);
	put_pt(t, w);
	buf_putc(&t->out, 'x');
	dev_put_pt(&t->out, h);
	if (fill)
		buf_printf(&t->out, " fill=#%06X", (unsigned)fill_rgb);
	if (lw > 0) {
		buf_puts(&t->out, " stroke=");
		dev_put_pt(&t->out, lw);
		put_rgb(t, "", line_rgb);
	}
	put_mark(t, m);
	buf_putc(&t->out, '\n');
}

static void
txt_image(struct device *dev, const struct dev_mark *m, const char *path,
    int32_t x, int32_t y, int32_t w, int32_t h)
{
	struct dev_text *t = (struct dev_text *)dev;

	if (!check_page(t, "image"))
		return;
	indent(t);
	buf_puts(&t->out, "image");
	put_pt(t, x);
	put_pt(t, y);
	put_pt(t, w);
	buf_putc(&t->out, 'x');
	dev_put_pt(&t->out, h);
	put_mark(t, m);
	buf_putc(&t->out, ' ');
	put_quoted(t, path, strlen(path));
	buf_putc(&t->out, '\n');
}

static void
txt_link(struct device *dev, const struct dev_mark *m, int32_t x, int32_t y,
    int32_t w, int32_t h, const char *dest, const char *uri)
{
	struct dev_text *t = (struct dev_text *)dev;

	if (!check_page(t, "link"))
		return;
	indent(t);
	buf_puts(&t->out, "link");
	put_pt(t, x);
	put_pt(t, y);
	put_pt(t, w);
	buf_putc(&t->out, 'x');
	dev_put_pt(&t->out, h);
	put_mark(t, m);
	if (dest) {
		buf_puts(&t->out, " dest=");
		put_quoted(t, dest, strlen(dest));
	} else if (uri) {
		buf_puts(&t->out, " uri=");
		put_quoted(t, uri, strlen(uri));
	}
	buf_putc(&t->out, '\n');
}

static void
txt_dest(struct device *dev, const char *dest, int32_t x, int32_t y)
{
	struct dev_text *t = (struct dev_text *)dev;

	if (!check_page(t, "dest"))
		return;
	indent(t);
	buf_puts(&t->out, "dest ");
	put_quoted(t, dest, strlen(dest));
	put_pt(t, x);
	put_pt(t, y);
	buf_putc(&t->out, '\n');
}

static void
txt_outline(struct device *dev, int level, const char *title, const char *dest)
{
	struct dev_text *t = (struct dev_text *)dev;

	if (dev->failed)
		return;
	indent(t);
	buf_printf(&t->out, "outline %d ", level);
	put_quoted(t, title, strlen(title));
	buf_puts(&t->out, " -> ");
	put_quoted(t, dest, strlen(dest));
	buf_putc(&t->out, '\n');
}

static void
txt_struct_begin(struct device *dev, enum dev_stype st, const void *node)
{
	struct dev_text *t = (struct dev_text *)dev;

	if (dev->failed)
		return;
	indent(t);
	buf_printf(&t->out, "<%s n%d>\n", dev_stype_name(st), node_id(t, node));
	if (node != NULL) {
		size_t i = node_slot(t, node);

		t->opens[i]++;
	}
	t->depth++;
}

static void
txt_struct_end(struct device *dev, enum dev_stype st, const void *node)
{
	struct dev_text *t = (struct dev_text *)dev;

	if (dev->failed)
		return;
	if (t->depth > 0)
		t->depth--;
	indent(t);
	buf_printf(&t->out, "</%s n%d>\n", dev_stype_name(st), node_id(t, node));
	if (node != NULL) {
		size_t i = node_slot(t, node);

		if (--t->opens[i] <= 0)
			t->opens[i] = -1;	/* numbered afresh if met again */
	}
}

static const char *
hatch_name(enum dev_hatch h)
{
	switch (h) {
	case DEV_HATCH_NONE:
		return "none";
	case DEV_HATCH_DIAG:
		return "diag";
	case DEV_HATCH_BACKDIAG:
		return "backdiag";
	case DEV_HATCH_CROSS:
		return "cross";
	case DEV_HATCH_HORIZ:
		return "horiz";
	case DEV_HATCH_VERT:
		return "vert";
	}
	return "?";
}

/*
 *   path fill=#CFE3CF evenodd stroke=0.5 hatch=diag/3#2E7D32 content n4 M 10 20 L 30 20 C 1 2 3 4 5 6 Z
 */
static void
txt_path(struct device *dev, const struct dev_mark *m,
    const struct dev_seg *sg, size_t n, const struct dev_paint *pa)
{
	struct dev_text *t = (struct dev_text *)dev;
	size_t i;
	int k, npts;

	if (!check_page(t, "path"))
		return;
	indent(t);
	buf_puts(&t->out, "path");
	if (pa->fill)
		buf_printf(&t->out, " fill=#%06X", (unsigned)pa->fill_rgb);
	if (pa->evenodd)
		buf_puts(&t->out, " evenodd");
	if (pa->line_width > 0) {
		buf_puts(&t->out, " stroke=");
		dev_put_pt(&t->out, pa->line_width);
		put_rgb(t, "", pa->line_rgb);
	}
	if (pa->hatch != DEV_HATCH_NONE) {
		buf_printf(&t->out, " hatch=%s/", hatch_name(pa->hatch));
		dev_put_pt(&t->out, pa->hatch_gap);
		put_rgb(t, "", pa->hatch_rgb);
	}
	put_mark(t, m);
	for (i = 0; i < n; i++) {
		static const char ops[] = "MLCZ";

		buf_printf(&t->out, " %c", ops[sg[i].op]);
		npts = sg[i].op == DEV_CURVE ? 3 : sg[i].op == DEV_CLOSE ? 0 : 1;
		for (k = 0; k < npts; k++) {
			put_pt(t, sg[i].x[k]);
			put_pt(t, sg[i].y[k]);
		}
	}
	buf_putc(&t->out, '\n');
}

static void
txt_page_label(struct device *dev, int first, enum dev_label style,
    const char *prefix, int start)
{
	struct dev_text *t = (struct dev_text *)dev;
	static const char *const names[] = {
		"none", "decimal", "roman", "ROMAN", "ALPHA", "alpha"
	};

	struct buf *b = &t->labels;
	size_t i;

	if (dev->failed)
		return;
	buf_printf(b, "label %d %s", first,
	    (unsigned)style < KK_ARRAY_LEN(names) ? names[style] : "?");
	if (prefix != NULL) {
		buf_puts(b, " prefix=\"");
		for (i = 0; prefix[i] != '\0'; i++)	/* as put_quoted() */
			if (prefix[i] == '"' || prefix[i] == '\\')
				buf_printf(b, "\\%c", prefix[i]);
			else if ((unsigned char)prefix[i] < 0x20)
				buf_printf(b, "\\x%02X", (unsigned char)prefix[i]);
			else
				buf_putc(b, prefix[i]);
		buf_putc(b, '"');
	}
	buf_printf(b, " start=%d\n", start);
}

/* An attribute line inside the element: "@lang \"en\"". */
static void
txt_struct_attr(struct device *dev, enum dev_attr a, const char *value)
{
	struct dev_text *t = (struct dev_text *)dev;

	if (dev->failed || value == NULL)
		return;
	indent(t);
	buf_printf(&t->out, "@%s ", dev_attr_name(a));
	put_quoted(t, value, strlen(value));
	buf_putc(&t->out, '\n');
}

static int
txt_end_page(struct device *dev)
{
	struct dev_text *t = (struct dev_text *)dev;

	if (!check_page(t, "end_page"))
		return -1;
	t->in_page = 0;
	indent(t);
	buf_printf(&t->out, "end page %d\n", dev->npages);
	return 0;
}

static int
txt_end_document(struct device *dev, struct buf *out)
{
	struct dev_text *t = (struct dev_text *)dev;

	if (t->in_page && !dev->failed) {
		diag_error(dev->diag, NULL, "pdf-device",
		    "text device: document ended inside page %d", dev->npages);
		dev->failed = 1;
	}
	if (dev->failed)
		return -1;
	if (t->labels.len > 0)
		buf_put(&t->out, t->labels.data, t->labels.len);
	buf_printf(&t->out, "end document, %d page%s\n", dev->npages,
	    dev->npages == 1 ? "" : "s");
	buf_put(out, t->out.data ? t->out.data : "", t->out.len);
	return 0;
}

static void
txt_free(struct device *dev)
{
	struct dev_text *t = (struct dev_text *)dev;

	buf_free(&t->out);
	buf_free(&t->labels);
	free(t->keys);
	free(t->vals);
	free(t->opens);
	free(t);
}

static const struct dev_ops text_ops = {
	"text",
	1,
	txt_begin_document,
	txt_load_font,
	txt_begin_page,
	txt_text,
	txt_rule,
	txt_rect,
	txt_image,
	txt_link,
	txt_dest,
	txt_outline,
	txt_struct_begin,
	txt_struct_end,
	txt_end_page,
	txt_end_document,
	txt_free,
	txt_path,
	txt_page_label,
	txt_struct_attr
};

struct device *
dev_text_new(struct diag *d)
{
	struct dev_text *t = xcalloc(1, sizeof(*t));

	t->dev.ops = &text_ops;
	t->dev.diag = d;
	return &t->dev;
}
