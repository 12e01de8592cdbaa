/*
 * resolve_xref.c: cross-references. A Markdown link whose address is a
 * file of the content tree, written relative to the file it is in (so
 * that it also works in a Markdown preview), refers to a place in the
 * plan:
 *
 *   [](02-current.md)                  a chapter
 *   [](../projects/madoguchi/online.md)  a project sheet or a 重点事業
 *   [](02-current.md#課題の整理)        a heading: its text, its GitHub
 *                                      style slug or its anchor (sec-2-5)
 *   [](03-plan.md#seika)               a table by the {#key} of its caption
 *   [](../figures/population.svg)      the figure that shows that image
 *   [](#課題の整理)                     a place in the same file
 *
 * Each gets a struct xref: what it points at, the text printed when the
 * link has none (第2章　現状と課題, 図2-1), the site page and anchor, the
 * PDF destination and the volume that prints it. A link to a .md or image
 * file that is not such a place is unknown-link-target; a link to any
 * other file (a PDF on the city's site) stays as written.
 *
 * resolve_xrefs() runs when every number is known and before the
 * volumes, whose tables of contents print a heading's reference text;
 * resolve_xref_volumes() then gives each reference the volume that
 * prints its target, and each volume the destinations other volumes
 * link to (its exports).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "resolve_int.h"

/* A page: a chapter or a sheet, and its file. */
struct xpage {
	const char		*file;		/* relative to the content root */
	struct chapter		*ch;
	struct sheet_common	*sc;
	struct focus_area	*focus;
	struct project		*project;
	struct doc		*doc;
	struct volume		*volume;	/* that prints it, or NULL */
};

/* A figure, by the image it shows. */
struct xfig {
	char			*src;		/* normalised, relative to the root */
	struct xpage		*page;
	struct block		*block;
};

struct xctx {
	struct rctx	*c;
	struct xpage	*pages;
	size_t		 npages;
	struct xfig	*figs;
	size_t		 nfigs, figcap;
	struct xpage	*cur;		/* the page being walked */
	struct volume	**fvol;		/* per 重点事業 and project: the volume that prints it (phase 2) */
	struct volume	**pvol;
	const char	**exports;	/* per volume: a growing list (names) */
};

static int
has_ext(const char *path, const char *ext)
{
	size_t n = strlen(path), e = strlen(ext), i;

	if (n < e)
		return 0;
	for (i = 0; i < e; i++) {
		char ch = path[n - e + i];

		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		if (ch != ext[i])
			return 0;
	}
	return 1;
}

static int
is_image(const char *path)
{
	return has_ext(path, ".svg") || has_ext(path, ".png") ||
	    has_ext(path, ".jpg") || has_ext(path, ".jpeg");
}

/* The folder part of a root-relative file ("" for a file at the root). */
static size_t
dir_len(const char *file)
{
	const char *s = strrchr(file, '/');

	return s != NULL ? (size_t)(s - file) : 0;
}

/* path (root-relative) as written in file: ../projects/x.md */
static char *
rel_from(struct arena *a, const char *file, const char *path)
{
	struct buf out = {0};
	size_t dl = dir_len(file), i = 0, common = 0;
	char *ret;

	/* The whole folders that file's folder and path share: path + common. */
	while (i < dl && file[i] == path[i]) {
		i++;
		if ((i == dl || file[i] == '/') && path[i] == '/')
			common = i + 1;
	}
	/* One ../ per folder of file's folder past them. */
	for (i = common; i < dl; i++)
		if (i == common || file[i] == '/')
			buf_puts(&out, "../");
	buf_puts(&out, path + common);
	ret = arena_strdup(a, buf_str(&out));
	buf_free(&out);
	return ret;
}

/* A fragment with %XX decoded (as a preview writes 見出し); "" for %00. Owned by the caller. */
static char *
unescape(const char *s)
{
	struct buf out = {0};
	size_t i;

	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] == '%' && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
			if (hexval(s[i + 1]) == 0 && hexval(s[i + 2]) == 0) {
				buf_free(&out);
				return xstrdup("");
			}
			buf_putc(&out, hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
			i += 2;
		} else
			buf_putc(&out, s[i]);
	}
	if (out.len == 0)
		return xstrdup("");
	return buf_take(&out);
}

/*
 * A heading's slug as GitHub and VS Code make it: lower-case, spaces as
 * -, punctuation and symbols dropped (ASCII and the CJK and full-width
 * ones), letters, digits, kana and kanji kept.
 */
static char *
slug(struct arena *a, const char *text)
{
	struct buf out = {0};
	size_t i = 0, len = strlen(text), k;
	uint32_t cp;
	char *ret;

	while (i < len) {
		k = utf8_decode(text + i, len - i, &cp);
		if (k == 0)
			break;
		if (cp < 0x80) {
			if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') ||
			    cp == '-' || cp == '_')
				buf_putc(&out, (int)cp);
			else if (cp >= 'A' && cp <= 'Z')
				buf_putc(&out, (int)(cp - 'A' + 'a'));
			else if (cp == ' ')
				buf_putc(&out, '-');
		} else if (!cp_is_punct(cp) && !(cp >= 0x3000 && cp <= 0x303F &&
		    cp != 0x3005) && !(cp >= 0xFF01 && cp <= 0xFF0F) &&
		    !(cp >= 0xFF1A && cp <= 0xFF20) &&
		    !(cp >= 0xFF3B && cp <= 0xFF40) &&
		    !(cp >= 0xFF5B && cp <= 0xFF65)) {
			if (cp >= 0xFF21 && cp <= 0xFF3A)	/* full-width A-Z */
				cp += 0x20;
			buf_put_cp(&out, cp);
		}
		i += k;
	}
	ret = arena_strdup(a, buf_str(&out));
	buf_free(&out);
	return ret;
}

/* "number　title", or the title alone. */
static char *
numbered(struct arena *a, const char *number, const char *title)
{
	if (number == NULL || *number == '\0')
		return arena_strdup(a, title != NULL ? title : "");
	if (title == NULL || *title == '\0')
		return arena_strdup(a, number);
	return arena_printf(a, "%s\xE3\x80\x80%s", number, title);
}

static const char *
page_url(const struct xpage *pg)
{
	return pg->ch != NULL ? pg->ch->url : pg->sc->url;
}

static const char *
page_anchor(const struct xpage *pg)
{
	return pg->ch != NULL ? pg->ch->anchor : pg->sc->anchor;
}

/*
 * A volume as a reader names it, after a reference to a place in it
 * from another volume: its title without the plan's title and the draft
 * label (重点事業・個別事業集), or the plan's title for the volume that is
 * only that (the main volume).
 */
static const char *
short_title(struct rctx *c, const struct volume *v)
{
	const struct plan *pl = &c->b->plan;
	const char *t = v->title, *e;
	size_t n;

	if (t == NULL)
		return v->key;
	if (pl->title != NULL && strncmp(t, pl->title, strlen(pl->title)) == 0)
		t += strlen(pl->title);
	n = strlen(t);
	if (pl->status != PLAN_FINAL && pl->draft_label != NULL &&
	    n >= strlen(pl->draft_label) && strcmp(t + n -
	    strlen(pl->draft_label), pl->draft_label) == 0)
		n -= strlen(pl->draft_label);
	for (;;) {
		if (n > 0 && (*t == ' ' || t[n - 1] == ' ')) {
			if (*t == ' ')
				t++, n--;
			else
				n--;
		} else if (n >= 3 && strncmp(t, "\xE3\x80\x80", 3) == 0)
			t += 3, n -= 3;
		else if (n >= 3 && strncmp(t + n - 3, "\xE3\x80\x80", 3) == 0)
			n -= 3;
		else
			break;
	}
	e = t + n;
	if (n == 0)
		return pl->title != NULL ? pl->title : v->title;
	return arena_strndup(c->a, t, (size_t)(e - t));
}

/* ------------------------------------------------------------------ */
/* The index                                                            */
/* ------------------------------------------------------------------ */

/* The volume that prints a chapter, 重点事業 or project (one is given). */
static struct volume *
volume_of(const struct xctx *x, const struct chapter *ch,
    const struct focus_area *focus, const struct project *project)
{
	const struct build *b = x->c->b;

	if (ch != NULL)
		return ch->volume;
	if (focus != NULL && x->fvol != NULL)
		return x->fvol[focus - b->focus];
	if (project != NULL && x->pvol != NULL)
		return x->pvol[project - b->projects];
	return NULL;
}

/* The first volume that prints each 重点事業 and project, in one walk. */
static void
sheet_volumes(struct xctx *x)
{
	struct build *b = x->c->b;
	size_t i, k;

	x->fvol = xcalloc(b->nfocus + 1, sizeof(*x->fvol));
	x->pvol = xcalloc(b->nprojects + 1, sizeof(*x->pvol));
	for (i = 0; i < b->plan.nvolumes; i++) {
		struct volume *v = &b->plan.volumes[i];

		for (k = 0; k < v->nitems; k++) {
			const struct vol_item *it = &v->items[k];

			if (it->kind == VI_FOCUS_AREA && it->focus != NULL &&
			    x->fvol[it->focus - b->focus] == NULL)
				x->fvol[it->focus - b->focus] = v;
			else if (it->kind == VI_PROJECT && it->project != NULL &&
			    x->pvol[it->project - b->projects] == NULL)
				x->pvol[it->project - b->projects] = v;
		}
	}
}

static void
fig_blk(struct rwalk *w, struct block *bl)
{
	struct xctx *x = w->arg;
	const char *why;
	char *src;

	if (bl->type != BLK_FIGURE || bl->figure == NULL ||
	    bl->figure->src == NULL)
		return;
	if ((src = path_norm(bl->figure->src, &why)) == NULL)
		return;
	x->figs = xgrow(x->figs, &x->figcap, x->nfigs + 1, sizeof(*x->figs));
	x->figs[x->nfigs].src = arena_strdup(x->c->a, src);
	x->figs[x->nfigs].page = x->cur;
	x->figs[x->nfigs++].block = bl;
	free(src);
}

static void
index_pages(struct xctx *x)
{
	struct build *b = x->c->b;
	struct xpage *pg;
	struct rwalk w;
	size_t i, n = 0;

	x->pages = xcalloc(b->nchapters + b->nfocus + b->nprojects + 1,
	    sizeof(*x->pages));
	for (i = 0; i < b->nchapters; i++) {
		pg = &x->pages[n++];
		pg->file = b->chapters[i].file;
		pg->ch = &b->chapters[i];
		pg->doc = &b->chapters[i].doc;
	}
	for (i = 0; i < b->nfocus; i++) {
		pg = &x->pages[n++];
		pg->file = b->focus[i].c.file;
		pg->sc = &b->focus[i].c;
		pg->focus = &b->focus[i];
		pg->doc = &b->focus[i].c.body.doc;
	}
	for (i = 0; i < b->nprojects; i++) {
		pg = &x->pages[n++];
		pg->file = b->projects[i].c.file;
		pg->sc = &b->projects[i].c;
		pg->project = &b->projects[i];
		pg->doc = &b->projects[i].c.body.doc;
	}
	x->npages = n;
	memset(&w, 0, sizeof(w));
	w.blk = fig_blk;
	w.arg = x;
	for (i = 0; i < n; i++) {
		x->cur = &x->pages[i];
		rwalk_doc(&w, x->pages[i].doc, 1);
	}
}

/* ------------------------------------------------------------------ */
/* Fragments: a heading or table of a page                              */
/* ------------------------------------------------------------------ */

struct xfind {
	struct rctx	*c;
	const char	*frag;
	struct block	*found;
	const char	*h2;		/* the number of the ## heading above found, or NULL */
	const char	*last_h2;
	struct names	*cands;		/* what there is, for a suggestion */
};

static void
find_blk(struct rwalk *w, struct block *bl)
{
	struct xfind *f = w->arg;
	struct rctx *c = f->c;
	const char *text;

	if (f->found != NULL)
		return;
	if (bl->type == BLK_HEADING) {
		if (bl->level == 2)
			f->last_h2 = bl->number;
		text = rctx_plain(c, bl->inlines);
		if ((bl->anchor != NULL && strcmp(bl->anchor, f->frag) == 0) ||
		    strcmp(text, f->frag) == 0 ||
		    strcmp(slug(c->a, text), f->frag) == 0) {
			f->found = bl;
			f->h2 = bl->level > 2 ? f->last_h2 : NULL;
		}
		else if (f->cands != NULL)
			names_add(f->cands, text);
	} else if (bl->type == BLK_TABLE && bl->table != NULL) {
		if ((bl->table->key != NULL &&
		    strcmp(bl->table->key, f->frag) == 0) ||
		    (bl->table->anchor != NULL &&
		    strcmp(bl->table->anchor, f->frag) == 0))
			f->found = bl;
		else if (f->cands != NULL && bl->table->key != NULL)
			names_add(f->cands, bl->table->key);
	} else if (bl->type == BLK_FIGURE && bl->figure != NULL &&
	    bl->figure->anchor != NULL &&
	    strcmp(bl->figure->anchor, f->frag) == 0)
		f->found = bl;
}

static struct block *
find_frag(struct rctx *c, struct doc *doc, const char *frag,
    struct names *cands, const char **h2)
{
	struct xfind f;
	struct rwalk w;

	memset(&f, 0, sizeof(f));
	f.c = c;
	f.frag = frag;
	f.cands = cands;
	memset(&w, 0, sizeof(w));
	w.blk = find_blk;
	w.arg = &f;
	rwalk_doc(&w, doc, 1);
	*h2 = f.h2;
	return f.found;
}

/* ------------------------------------------------------------------ */
/* A link                                                               */
/* ------------------------------------------------------------------ */

static void
export(struct xctx *x, const struct xref *r)
{
	struct volume *v = r->volume;
	size_t i;

	if (v == NULL || x->cur->volume == NULL || v == x->cur->volume ||
	    r->dest == NULL)
		return;
	for (i = 0; i < v->nexports; i++)
		if (strcmp(v->exports[i], r->dest) == 0)
			return;
	/* Few (one per place linked across volumes): grown one by one. */
	v->exports = xrealloc(v->exports, (v->nexports + 1) *
	    sizeof(*v->exports));
	v->exports[v->nexports++] = r->dest;
}

static struct xref *
new_ref(struct xctx *x, enum xref_kind k, const struct xpage *pg,
    struct block *bl, const char *anchor)
{
	struct rctx *c = x->c;
	struct xref *r = ARENA_NEW(c->a, struct xref);

	r->kind = k;
	r->path = pg->file;
	r->block = bl;
	r->url = page_url(pg);
	r->anchor = anchor;
	r->chapter = pg->ch;
	r->focus = pg->focus;
	r->project = pg->project;
	if (page_anchor(pg) != NULL)
		r->dest = anchor != NULL ? arena_printf(c->a, "%s.%s",
		    page_anchor(pg), anchor) : page_anchor(pg);
	return r;
}

/*
 * h2: for a heading below ##, the number of the ## above it: (1) alone
 * does not say which section, 2-5(1) does.
 */
static struct xref *
block_ref(struct xctx *x, const struct xpage *pg, struct block *bl,
    const char *h2)
{
	struct rctx *c = x->c;
	struct xref *r;
	const struct figure *fg;
	const struct table *t;

	if (bl->type == BLK_HEADING) {
		r = new_ref(x, XR_HEADING, pg, bl, bl->anchor);
		r->text = numbered(c->a, bl->number != NULL && h2 != NULL ?
		    arena_printf(c->a, "%s%s", h2, bl->number) : bl->number,
		    rctx_plain(c, bl->inlines));
	} else if (bl->type == BLK_FIGURE) {
		fg = bl->figure;
		r = new_ref(x, XR_FIGURE, pg, bl, fg->anchor);
		r->text = arena_strdup(c->a, fg->number ? fg->number :
		    fg->title ? fg->title : fg->alt && *fg->alt ? fg->alt : "図");
	} else {
		t = bl->table;
		r = new_ref(x, XR_TABLE, pg, bl, t->anchor);
		r->text = t->number ? arena_strdup(c->a, t->number) :
		    t->caption ? rctx_plain(c, t->caption) :
		    arena_strdup(c->a, "表");
	}
	return r;
}

static struct xref *
page_ref(struct xctx *x, const struct xpage *pg)
{
	struct rctx *c = x->c;
	struct xref *r;

	if (pg->ch != NULL) {
		r = new_ref(x, XR_CHAPTER, pg, NULL, NULL);
		r->text = numbered(c->a, pg->ch->number, pg->ch->title);
	} else if (pg->focus != NULL) {
		r = new_ref(x, XR_FOCUS, pg, NULL, NULL);
		r->text = numbered(c->a, pg->focus->id, pg->sc->title);
	} else {
		r = new_ref(x, XR_PROJECT, pg, NULL, NULL);
		r->text = numbered(c->a, pg->project->id, pg->sc->title);
	}
	return r;
}

/*
 * At the link ([), with a suggestion from cands, or (list_label) what
 * there is when nothing is close and the list is short.
 */
static void
unknown(struct xctx *x, const struct inline_node *in, const char *word,
    struct names *cands, const char *list_label, const char *fmt,
    const char *what)
{
	rctx_report(x->c, &in->span, "unknown-link-target", word, cands,
	    list_label, fmt, in->url, what);
}

static void
link_to_page(struct xctx *x, struct inline_node *in, struct xpage *pg,
    const char *frag)
{
	struct names cands = {0};
	struct block *bl;
	const char *h2;
	char *f;

	if (frag == NULL || *frag == '\0') {
		in->xref = page_ref(x, pg);
		return;
	}
	f = unescape(frag);
	bl = find_frag(x->c, pg->doc, f, &cands, &h2);
	if (bl == NULL)
		unknown(x, in, f, &cands, "headings and table ids",
		    "link '%s': %s has no heading of that text and no "
		    "table of that {#key}", pg->file);
	else
		in->xref = block_ref(x, pg, bl, h2);
	names_free(&cands);
	free(f);
}

static void
resolve_link(struct xctx *x, struct inline_node *in)
{
	struct rctx *c = x->c;
	struct names cands = {0};
	const char *url = in->url, *hash, *why, *rel;
	char *joined, *path;
	size_t i, plen;
	struct xpage *found = NULL;

	in->xref = NULL;
	if (url == NULL || *url == '\0' || url_has_scheme(url) ||
	    url[0] == '/' || url[0] == '\\' || url[0] == '?')
		return;
	hash = strchr(url, '#');
	plen = hash != NULL ? (size_t)(hash - url) : strlen(url);
	if (plen == 0) {
		if (hash != NULL && hash[1] != '\0')
			link_to_page(x, in, x->cur, hash + 1);
		return;
	}
	if (memchr(url, '?', plen) != NULL)
		return;
	joined = arena_printf(c->a, "%.*s%s%.*s", (int)dir_len(x->cur->file),
	    x->cur->file, dir_len(x->cur->file) > 0 ? "/" : "", (int)plen, url);
	if ((path = path_norm(joined, &why)) == NULL)
		return;		/* outside the content folder: as written */
	if (has_ext(path, ".md")) {
		for (i = 0; i < x->npages && found == NULL; i++)
			if (x->pages[i].file != NULL &&
			    strcmp(x->pages[i].file, path) == 0)
				found = &x->pages[i];
		if (found != NULL)
			link_to_page(x, in, found, hash ? hash + 1 : NULL);
		else if (!rctx_file_failed(c->d, path)) {	/* else said there */
			for (i = 0; i < x->npages; i++)
				if (x->pages[i].file != NULL)
					names_add(&cands, rel_from(c->a,
					    x->cur->file, x->pages[i].file));
			rel = arena_strndup(c->a, url, plen);
			unknown(x, in, rel, &cands, NULL, "link '%s': %s is not a "
			    "chapter, 重点事業 or project file of the plan",
			    path);
		}
	} else if (is_image(path)) {
		for (i = 0; i < x->nfigs && found == NULL; i++)
			if (strcmp(x->figs[i].src, path) == 0) {
				in->xref = block_ref(x, x->figs[i].page,
				    x->figs[i].block, NULL);
				found = x->figs[i].page;
			}
		if (found == NULL) {
			for (i = 0; i < x->nfigs; i++)
				names_add(&cands, rel_from(c->a, x->cur->file,
				    x->figs[i].src));
			rel = arena_strndup(c->a, url, plen);
			unknown(x, in, rel, &cands, NULL, "link '%s': no figure of "
			    "the plan shows %s", path);
		}
	}
	names_free(&cands);
	free(path);
}

static void
xref_inl(struct rwalk *w, struct inline_node *in)
{
	if (in->type == INL_LINK)
		resolve_link(w->arg, in);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Calls inl on every inline of every page, with x->cur its page. */
static void
walk_pages(struct rctx *c, void (*inl)(struct rwalk *, struct inline_node *),
    int volumes)
{
	struct xctx x;
	struct rwalk w;
	size_t i;

	memset(&x, 0, sizeof(x));
	x.c = c;
	index_pages(&x);
	if (volumes)
		sheet_volumes(&x);
	memset(&w, 0, sizeof(w));
	w.inl = inl;
	w.arg = &x;
	for (i = 0; i < x.npages; i++) {
		x.cur = &x.pages[i];
		x.cur->volume = volume_of(&x, x.cur->ch, x.cur->focus,
		    x.cur->project);
		rwalk_doc(&w, x.pages[i].doc, 1);
	}
	free(x.pages);
	free(x.figs);
	free(x.fvol);
	free(x.pvol);
}

void
resolve_xrefs(struct rctx *c)
{
	walk_pages(c, xref_inl, 0);
}

/* ------------------------------------------------------------------ */
/* Volumes                                                              */
/* ------------------------------------------------------------------ */

static void
vol_inl(struct rwalk *w, struct inline_node *in)
{
	struct xctx *x = w->arg;
	struct xref *r = in->xref;

	if (in->type != INL_LINK || r == NULL)
		return;
	r->volume = volume_of(x, r->chapter, r->focus, r->project);
	r->where = r->volume != NULL ? short_title(x->c, r->volume) : NULL;
	export(x, r);
}

void
resolve_xref_volumes(struct rctx *c)
{
	struct build *b = c->b;
	size_t i;

	for (i = 0; i < b->plan.nvolumes; i++) {
		b->plan.volumes[i].exports = NULL;
		b->plan.volumes[i].nexports = 0;
	}
	walk_pages(c, vol_inl, 1);
	/* The exports move into the arena, sorted for the name tree. */
	for (i = 0; i < b->plan.nvolumes; i++) {
		struct volume *v = &b->plan.volumes[i];
		const char **e;

		if (v->nexports == 0)
			continue;
		qsort(v->exports, v->nexports, sizeof(*v->exports), cmp_str);
		e = ARENA_NEWN(c->a, const char *, v->nexports);
		memcpy(e, v->exports, v->nexports * sizeof(*e));
		free(v->exports);
		v->exports = e;
	}
}
