/*
 * load_sheet.c: chapters, focus areas and project sheets
 * (content-format.md sections 6 and 7): the front-matter through the field
 * tables below, the body through md_parse().
 *
 * Required fields:
 *   chapter              title, key
 *   signature            (none)
 *   focus area           type, key, title
 *   project              type, key, title, departments (not empty)
 *   indicators_overview  (none)
 *   predecessor link     id, relation
 *   schedule bar         from (to defaults to from)
 *   cells row            cells
 *   indicator            kind (a name, unless it has a pending text, is
 *                        checked by validate: bad-indicator)
 *   pending              text (from/to default to the plan period, rows to 1)
 *
 * Defaults: a chapter is numbered and not an appendix; without volume: its
 * volume_ref.key is NULL and resolve puts it in the volume whose contents
 * name it, else honpen (else the first volume).
 *
 * Sheet bodies (struct sheet_body): intro and each section's blocks point
 * into the body's one block list (doc.blocks), so that every block exists
 * once and what resolve sets on it is what the back ends print. A reader
 * of intro or of a section's blocks stops at the next level-2 heading (or
 * the end): load_section_end() says where.
 */
#include <stdlib.h>
#include <string.h>

#include "load.h"
#include "load_int.h"
#include "md.h"

static const struct field f_chapter[] = {
	{ "title", FT_STR, F_REQ },
	{ "key", FT_ID, F_REQ },
	{ "short_title", FT_STR, 0 },
	{ "volume", FT_ID, 0 },
	{ "appendix", FT_BOOL, 0 },
	{ "numbered", FT_BOOL, 0 },
	{ "signature", FT_MAP, 0 },
};
FSPEC(chapter, "a chapter's front-matter");

static const struct field f_signature[] = {
	{ "date", FT_DATE, 0 },
	{ "title", FT_STR, 0 },
	{ "name", FT_STR, 0 },
};
FSPEC(signature, "'signature'");

static const struct field f_focus[] = {
	{ "type", FT_ANY, F_REQ },
	{ "key", FT_ID, F_REQ },
	{ "title", FT_STR, F_REQ },
	{ "short_title", FT_STR, 0 },
	{ "goal", FT_ID, 0 },
	{ "departments", FT_SEQ, 0 },
	{ "indicators_overview", FT_MAP, 0 },
	{ "summary", FT_STR, 0 },
	{ "predecessors", FT_SEQ, 0 },
	{ "terms", FT_SEQ, 0 },
	{ "notes", FT_SEQ, 0 },
};
FSPEC(focus, "a focus area's front-matter");

static const struct field f_overview[] = {
	{ "output", FT_SEQ, 0 },
	{ "outcome", FT_SEQ, 0 },
};
FSPEC(overview, "'indicators_overview'");

static const struct field f_project[] = {
	{ "type", FT_ANY, F_REQ },
	{ "key", FT_ID, F_REQ },
	{ "title", FT_STR, F_REQ },
	{ "short_title", FT_STR, 0 },
	{ "focus_area", FT_ID, 0 },
	{ "pillar", FT_ID, 0 },
	{ "category", FT_ID, 0 },
	{ "number", FT_INT, 0 },
	{ "status", FT_ANY, 0 },
	{ "predecessors", FT_SEQ, 0 },
	{ "status_note", FT_STR, 0 },
	{ "departments", FT_SEQ, F_REQ },
	{ "summary", FT_STR, 0 },
	{ "schedule", FT_SEQ, 0 },
	{ "indicators", FT_SEQ, 0 },
	{ "notes", FT_SEQ, 0 },
	{ "terms", FT_SEQ, 0 },
};
FSPEC(project, "a project's front-matter");

static const struct field f_predlink[] = {
	{ "id", FT_ID, F_REQ },
	{ "relation", FT_ANY, F_REQ },
};
FSPEC(predlink, "a 'predecessors' entry");

static const struct field f_bar[] = {
	{ "from", FT_YEAR, F_REQ },
	{ "to", FT_YEAR, 0 },
	{ "label", FT_STR, 0 },
};
FSPEC(bar, "a schedule bar");

static const struct field f_cellrow[] = {
	{ "cells", FT_MAP, F_REQ },
};
FSPEC(cellrow, "a schedule row");

static const struct field f_indicator[] = {
	{ "kind", FT_ANY, F_REQ },
	{ "group", FT_STR, 0 },
	{ "name", FT_STR, 0 },
	{ "unit", FT_STR, 0 },
	{ "targets", FT_MAP, 0 },
	{ "merge", FT_BOOL, 0 },
	{ "pending", FT_MAP, 0 },
};
FSPEC(indicator, "an indicator");

static const struct field f_pending[] = {
	{ "text", FT_STR, F_REQ },
	{ "from", FT_YEAR, 0 },
	{ "to", FT_YEAR, 0 },
	{ "rows", FT_INT, 0 },
};
FSPEC(pending, "'pending'");

static const char *const type_words[] = { "focus_area", "project" };
static const char *const status_words[] = {
	"new", "continued", "renamed", "merged", "ended"
};
static const char *const relation_words[] = {
	"continued", "renamed", "merged", "split", "absorbed"
};
static const char *const kind_words[] = { "outcome", "output", "kpi" };

#define SEQ_N(n) ((n) != NULL && (n)->type == YNODE_SEQ ? (n)->nitems : 0)

/* One Markdown file: read, split, its front-matter parsed. */
struct mdfile {
	struct lfile		 f;
	struct front_matter	 fm;
	const struct ynode	*y;	/* the front-matter, or NULL */
	struct span		 sp;	/* the file, line 1 */
};

/*
 * Reads rel and parses its front-matter. Returns 0 with the body ready for
 * md_parse (mf->y NULL if the front-matter is missing or broken, which is
 * reported), or -1 if the file could not be read or split.
 */
static int
md_open(struct lctx *lc, const char *rel, const char *what,
    struct mdfile *mf)
{
	memset(mf, 0, sizeof(*mf));
	if (lc_read(lc, rel, 1, NULL, &mf->f) != 0)
		return -1;
	mf->sp = (struct span){ mf->f.path, 1, 1 };
	lc->filesp = mf->sp;
	if (md_split(lc->d, mf->f.path, mf->f.text, mf->f.len, &mf->fm) != 0) {
		free(mf->f.data);
		mf->f.data = NULL;
		return -1;
	}
	if (mf->fm.yaml == NULL) {
		diag_error(lc->d, &mf->sp, "missing-front-matter", "'%s' has "
		    "no front-matter: %s starts with a line '---', its fields "
		    "(%s) and another line '---'", mf->f.rel, what,
		    strcmp(what, "a chapter") == 0 ? "title, key" :
		    "type, key, title");
		return 0;
	}
	mf->y = yaml_parse(lc->a, lc->d, mf->f.path, mf->fm.yaml,
	    mf->fm.yaml_len, mf->fm.yaml_line);
	if (mf->y != NULL && yaml_is_null(mf->y)) {
		/* "---\n---": an empty front-matter is an empty mapping. */
		struct ynode *m = ARENA_NEW(lc->a, struct ynode);

		m->type = YNODE_MAP;
		m->span = mf->y->span;
		mf->y = m;
	}
	return 0;
}

/* Parses the body into doc and checks its images. */
static void
md_body(struct lctx *lc, struct mdfile *mf, struct doc *doc)
{
	memset(doc, 0, sizeof(*doc));
	(void)md_parse(lc->a, lc->d, mf->f.path, mf->fm.body,
	    mf->fm.body_len, mf->fm.body_line, doc);
	lc->text = mf->f.text;
	lc->textlen = mf->f.len;
	lc_check_doc_images(lc, doc);
	lc->text = NULL;
	lc->textlen = 0;
}

static void
md_close(struct mdfile *mf)
{
	free(mf->f.data);
	mf->f.data = NULL;
}

/* --- chapters --- */

void
lc_load_chapter(struct lctx *lc, const char *rel)
{
	struct build *b = lc->b;
	struct chapter *ch = &b->chapters[b->nchapters];
	const struct ynode *v;
	struct mdfile mf;
	struct fmap fm, sm;
	struct doc doc;

	if (md_open(lc, rel, "a chapter", &mf) != 0) {
		b->lost_chapters.unkeyed++;
		return;
	}
	/*
	 * Without a front-matter the body is not checked: its first line is
	 * most likely the title, written as "# …", and would be reported too.
	 */
	if (mf.fm.yaml != NULL)
		md_body(lc, &mf, &doc);
	if (mf.y == NULL || fm_check(lc, mf.y, &s_chapter, &fm) != 0 ||
	    fm_str(&fm, "title") == NULL || fm_str(&fm, "key") == NULL) {
		lc_lost(lc, &b->lost_chapters, mf.y, "key");
		md_close(&mf);
		return;
	}
	memset(ch, 0, sizeof(*ch));
	ch->file = (char *)mf.f.rel;
	ch->span = fm_span(&fm, "key");
	ch->key = fm_str(&fm, "key");
	ch->title = fm_str(&fm, "title");
	ch->short_title = fm_str(&fm, "short_title");
	/*
	 * Not given: key NULL, and resolve places the chapter in honpen (or
	 * the first volume), or in the volume whose contents name it. A
	 * written default would clash with a volume that lists the chapter.
	 */
	ch->volume_ref.span = ch->span;
	if ((v = fm_get(&fm, "volume")) != NULL) {
		ch->volume_ref.key = v->str;
		ch->volume_ref.span = v->span;
	}
	ch->appendix = fm_bool(&fm, "appendix", 0);
	ch->numbered = fm_bool(&fm, "numbered", 1);
	if ((v = fm_get(&fm, "signature")) != NULL &&
	    fm_check(lc, v, &s_signature, &sm) == 0) {
		ch->signature.present = 1;
		ch->signature.has_date = fm_date(&sm, "date",
		    &ch->signature.date);
		ch->signature.title = fm_str(&sm, "title");
		ch->signature.name = fm_str(&sm, "name");
		ch->signature.span = sm.span;
	}
	ch->doc = doc;
	ch->order = b->nchapters;
	b->nchapters++;
	md_close(&mf);
}

/* --- sheet bodies --- */

int
load_section_end(const struct block *bl)
{
	return bl == NULL || (bl->type == BLK_HEADING && bl->level <= 2);
}

/* Trims white space (ASCII and U+3000) from both ends of s, in place. */
static char *
trim(char *s)
{
	size_t len = strlen(s);

	for (;;) {
		if (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
		    s[len - 1] == '\n' || s[len - 1] == '\r'))
			len--;
		else if (len >= 3 && memcmp(s + len - 3, "\xE3\x80\x80", 3) == 0)
			len -= 3;
		else
			break;
	}
	s[len] = '\0';
	for (;;) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		else if (memcmp(s, "\xE3\x80\x80", 3) == 0)
			s += 3;
		else
			break;
	}
	return s;
}

static enum sec_role
section_role(const struct block *h)
{
	struct buf b = {0};
	enum sec_role role = SEC_OTHER;
	char *t;

	md_plain_text(&b, h->inlines);
	if (b.data == NULL)
		return SEC_OTHER;
	t = trim(b.data);
	if (strcmp(t, "現状") == 0)
		role = SEC_CURRENT;
	else if (strcmp(t, "理想的な姿") == 0)
		role = SEC_IDEAL;
	else if (strcmp(t, "主な取組") == 0)
		role = SEC_ACTIONS;
	buf_free(&b);
	return role;
}

static void
split_body(struct lctx *lc, struct sheet_body *sb)
{
	struct block *bl, *first = sb->doc.blocks;
	size_t n = 0;

	for (bl = first; bl != NULL && bl->type != BLK_HEADING; bl = bl->next)
		if (bl->type == BLK_PARA) {
			sb->lead = bl;
			break;
		}
	sb->intro = load_section_end(first) ? NULL : first;
	for (bl = first; bl != NULL; bl = bl->next)
		if (bl->type == BLK_HEADING && bl->level <= 2)
			n++;
	sb->sections = ARENA_NEWN(lc->a, struct section, n);
	for (bl = first; bl != NULL; bl = bl->next) {
		struct section *s;

		if (!(bl->type == BLK_HEADING && bl->level <= 2))
			continue;
		s = &sb->sections[sb->nsections++];
		s->role = section_role(bl);
		s->title = bl->inlines;
		s->heading = bl;
		s->blocks = load_section_end(bl->next) ? NULL : bl->next;
		s->span = bl->span;
	}
}

/* --- fields shared by focus areas and projects --- */

static void
load_preds(struct lctx *lc, const struct ynode *seq, struct sheet_common *c)
{
	struct fmap fm;
	size_t i;
	int w;

	c->preds = ARENA_NEWN(lc->a, struct pred_link, SEQ_N(seq));
	for (i = 0; i < SEQ_N(seq); i++) {
		struct pred_link *pl = &c->preds[c->npreds];
		const struct ynode *rel;

		if (fm_check(lc, seq->items[i], &s_predlink, &fm) != 0 ||
		    fm_str(&fm, "id") == NULL ||
		    (rel = fm_get(&fm, "relation")) == NULL)
			continue;
		/*
		 * An unknown relation is reported, and the link kept (as
		 * continued) so that the old project does not also look
		 * orphaned: one mistake, one message.
		 */
		w = lc_word(lc, rel, "relation", relation_words,
		    KK_ARRAY_LEN(relation_words));
		pl->id = fm_str(&fm, "id");
		pl->relation = w >= 0 ? (enum relation)w : REL_CONTINUED;
		pl->span = fm_span(&fm, "id");
		c->npreds++;
	}
}

static void
load_common(struct lctx *lc, const struct fmap *fm, struct mdfile *mf,
    int dept_needed, struct sheet_common *c)
{
	const struct ynode *v;
	struct span dsp;
	size_t i;

	c->file = (char *)mf->f.rel;
	/* The record: its front-matter mapping (the first key's line). */
	c->span = fm->span;
	c->key = fm_str(fm, "key");
	c->key_span = fm_span(fm, "key");
	c->title = fm_str(fm, "title");
	c->short_title = fm_str(fm, "short_title");
	c->summary = fm_str(fm, "summary");
	dsp = fm_key_span(fm, "departments");
	if ((v = fm_get(fm, "departments")) != NULL)
		lc_dept_list(lc, v, "departments", dept_needed, &dsp,
		    &c->departments);
	if ((v = fm_get(fm, "predecessors")) != NULL)
		load_preds(lc, v, c);
	if ((v = fm_get(fm, "terms")) != NULL) {
		c->terms = ARENA_NEWN(lc->a, struct term_ref, v->nitems);
		for (i = 0; i < v->nitems; i++) {
			const struct ynode *it = v->items[i];

			if (it->type != YNODE_SCALAR || yaml_is_null(it)) {
				struct buf msg = {0};

				buf_puts(&msg, "'terms': each item must be a "
				    "glossary key, got ");
				lc_describe(&msg, it);
				diag_error(lc->d, &it->span, "bad-type", "%s",
				    buf_str(&msg));
				buf_free(&msg);
				continue;
			}
			c->terms[c->nterms].key = it->str;
			c->terms[c->nterms].span = it->span;
			c->nterms++;
		}
	}
	if ((v = fm_get(fm, "notes")) != NULL)
		c->notes = lc_str_list(lc, v, "notes", &c->nnotes);
}

/* --- schedules --- */

/*
 * A bar and a pending text have one span each, at which validate reports a
 * year outside the plan period: it points at 'from', or at 'to' when only
 * 'to' is outside the period, so that the message lands on the year at
 * fault. (plan.yaml is read first, so the period is known here.)
 */
static struct span
years_span(struct lctx *lc, const struct fmap *fm, int from, int to)
{
	const struct plan *p = &lc->b->plan;

	if (fm_has(fm, "to") && p->has_period && from >= p->from &&
	    from <= p->to && (to < p->from || to > p->to))
		return fm_span(fm, "to");
	if (fm_has(fm, "from"))
		return fm_span(fm, "from");
	if (fm_has(fm, "to"))
		return fm_span(fm, "to");
	return fm->span;
}

static int
load_bar(struct lctx *lc, const struct ynode *n, struct bar *bar)
{
	struct fmap fm;

	if (fm_check(lc, n, &s_bar, &fm) != 0 ||
	    !fm_year(&fm, "from", &bar->from))
		return -1;
	if (fm_has(&fm, "to") && !fm_year(&fm, "to", &bar->to))
		return -1;
	if (!fm_has(&fm, "to"))
		bar->to = bar->from;	/* a bar of one year */
	if (bar->from > bar->to) {
		struct span sp = fm_span(&fm, "from");

		diag_error(lc->d, &sp, "bad-range", "the schedule bar starts "
		    "in '%s', after it ends in '%s'; swap from and to",
		    fm_str(&fm, "from"), fm_str(&fm, "to"));
		return -1;
	}
	bar->label = fm_str(&fm, "label");
	bar->span = years_span(lc, &fm, bar->from, bar->to);
	return 0;
}

static void
load_cells(struct lctx *lc, const struct ynode *map, struct sched_row *row)
{
	size_t i, j, k;

	row->cells = ARENA_NEWN(lc->a, struct sched_cell, map->npairs);
	for (i = 0; i < map->npairs; i++) {
		const struct ynode *key = map->pairs[i].key;
		const struct ynode *val = map->pairs[i].value;
		struct sched_cell cell;

		memset(&cell, 0, sizeof(cell));
		if (lc_year(lc, key, &cell.year) != 0)
			continue;
		cell.span = key->span;
		if (val->type == YNODE_SCALAR && !yaml_is_null(val)) {
			cell.lines = ARENA_NEWN(lc->a, char *, 1);
			cell.lines[0] = val->str;
			cell.nlines = 1;
		} else if (val->type == YNODE_SEQ) {
			cell.lines = lc_str_list(lc, val, "cells", &cell.nlines);
		} else {
			struct buf msg = {0};

			buf_puts(&msg, "a schedule cell holds text or a list of "
			    "lines, got ");
			lc_describe(&msg, val);
			diag_error(lc->d, &val->span, "bad-type", "%s",
			    buf_str(&msg));
			buf_free(&msg);
			continue;
		}
		/* in year order; the same year twice is an error */
		for (j = 0; j < row->ncells && row->cells[j].year < cell.year;
		    j++)
			;
		if (j < row->ncells && row->cells[j].year == cell.year) {
			const char *first = "";

			for (k = 0; k < i; k++)	/* the first cell's year as written */
				if (map->pairs[k].key->span.line ==
				    row->cells[j].span.line &&
				    map->pairs[k].key->span.col ==
				    row->cells[j].span.col)
					first = map->pairs[k].key->str;
			diag_error(lc->d, &key->span, "duplicate-year",
			    "'%s' is the same year as '%s' (line %d, column "
			    "%d), which already has a cell in this row; merge "
			    "the two cells", key->str, first,
			    row->cells[j].span.line, row->cells[j].span.col);
			continue;
		}
		for (k = row->ncells; k > j; k--)
			row->cells[k] = row->cells[k - 1];
		row->cells[j] = cell;
		row->ncells++;
	}
}

/*
 * A schedule row is a list of bars, or { cells: { R8: text | [lines] } }.
 * A row that is a single bar mapping ({ from, to, label }) is taken as a
 * row of that one bar, which is what its writer means.
 */
static void
load_schedule(struct lctx *lc, const struct ynode *seq, struct project *p)
{
	struct fmap fm;
	size_t i, j;

	p->schedule = ARENA_NEWN(lc->a, struct sched_row, SEQ_N(seq));
	for (i = 0; i < SEQ_N(seq); i++) {
		const struct ynode *rn = seq->items[i];
		struct sched_row *row = &p->schedule[p->nschedule];

		memset(row, 0, sizeof(*row));
		row->span = rn->span;
		if (rn->type == YNODE_SEQ) {
			if (rn->nitems == 0) {
				diag_error(lc->d, &rn->span, "bad-value",
				    "an empty schedule row; give its bars "
				    "({ from: R8, to: R9, label: … })");
				continue;
			}
			row->bars = ARENA_NEWN(lc->a, struct bar, rn->nitems);
			for (j = 0; j < rn->nitems; j++)
				if (load_bar(lc, rn->items[j],
				    &row->bars[row->nbars]) == 0)
					row->nbars++;
			if (row->nbars > 0)
				p->nschedule++;
			continue;
		}
		if (rn->type == YNODE_MAP && yaml_map_get(rn, "cells") == NULL &&
		    (yaml_map_get(rn, "from") != NULL ||
		    yaml_map_get(rn, "label") != NULL)) {
			row->bars = ARENA_NEW(lc->a, struct bar);
			if (load_bar(lc, rn, &row->bars[0]) == 0) {
				row->nbars = 1;
				p->nschedule++;
			}
			continue;
		}
		if (rn->type != YNODE_MAP) {
			struct buf msg = {0};

			buf_puts(&msg, "a schedule row is a list of bars or "
			    "{ cells: … }, got ");
			lc_describe(&msg, rn);
			diag_error(lc->d, &rn->span, "bad-type", "%s",
			    buf_str(&msg));
			buf_free(&msg);
			continue;
		}
		if (fm_check(lc, rn, &s_cellrow, &fm) != 0 ||
		    fm_get(&fm, "cells") == NULL)
			continue;
		row->is_cells = 1;
		load_cells(lc, fm_get(&fm, "cells"), row);
		p->nschedule++;
	}
}

/* --- indicators --- */

static void
load_targets(struct lctx *lc, const struct ynode *map, struct indicator *ind)
{
	const struct ynode *all = yaml_map_get(map, "all");
	size_t i, j, k;

	if (all != NULL) {
		for (i = 0; i < map->npairs; i++)
			if (strcmp(map->pairs[i].key->str, "all") != 0)
				break;
		for (j = 0; i < map->npairs && j < map->npairs; j++)
			if (strcmp(map->pairs[j].key->str, "all") == 0) {
				diag_error(lc->d, &map->pairs[j].key->span,
				    "mixed-targets", "'targets' has both 'all' "
				    "and per-year values ('%s'): write one value "
				    "for all years, or a value per year",
				    map->pairs[i].key->str);
				break;
			}
		if (lc_value(lc, all, &ind->all) == 0)
			ind->has_all = 1;
		return;
	}
	ind->targets = ARENA_NEWN(lc->a, struct target, map->npairs);
	for (i = 0; i < map->npairs; i++) {
		const struct ynode *key = map->pairs[i].key;
		struct target t;

		memset(&t, 0, sizeof(t));
		if (lc_year(lc, key, &t.year) != 0)
			continue;
		if (lc_value(lc, map->pairs[i].value, &t.value) != 0)
			continue;
		/*
		 * The checks still to come (year outside the period, a year
		 * under a pending text) are about the year: point at it.
		 */
		t.value.span = key->span;
		for (j = 0; j < ind->ntargets && ind->targets[j].year < t.year;
		    j++)
			;
		if (j < ind->ntargets && ind->targets[j].year == t.year) {
			diag_error(lc->d, &key->span, "duplicate-year",
			    "'%s' is a year that already has a target (line "
			    "%d, column %d); keep one of them", key->str,
			    ind->targets[j].value.span.line,
			    ind->targets[j].value.span.col);
			continue;
		}
		for (k = ind->ntargets; k > j; k--)
			ind->targets[k] = ind->targets[k - 1];
		ind->targets[j] = t;
		ind->ntargets++;
	}
}

static int
load_pending(struct lctx *lc, const struct ynode *n, struct pending *pd)
{
	const struct plan *p = &lc->b->plan;
	struct fmap fm;
	long long rows;

	if (fm_check(lc, n, &s_pending, &fm) != 0 ||
	    fm_str(&fm, "text") == NULL)
		return -1;
	pd->text = fm_str(&fm, "text");
	/* Omitted years are the plan's whole period (plan.yaml is read first). */
	pd->from = p->has_period ? p->from : 0;
	pd->to = p->has_period ? p->to : 0;
	if (fm_has(&fm, "from") && !fm_year(&fm, "from", &pd->from))
		return -1;
	if (fm_has(&fm, "to") && !fm_year(&fm, "to", &pd->to))
		return -1;
	if (pd->from != 0 && pd->to != 0 && pd->from > pd->to) {
		struct span sp = fm_span(&fm, fm_has(&fm, "from") ? "from" :
		    "to");

		struct buf f = {0}, t = {0};

		fy_format(&f, pd->from, FY_STYLE_SHORT);
		fy_format(&t, pd->to, FY_STYLE_SHORT);
		diag_error(lc->d, &sp, "bad-range", "'pending' starts in '%s', "
		    "after it ends in '%s'", buf_str(&f), buf_str(&t));
		buf_free(&f);
		buf_free(&t);
		return -1;
	}
	pd->span = years_span(lc, &fm, pd->from, pd->to);
	pd->rows = 1;
	if (fm_int(&fm, "rows", &rows)) {
		if (rows < 1 || rows > 1000) {
			struct span sp = fm_span(&fm, "rows");

			diag_error(lc->d, &sp, "bad-value", "'rows' is the "
			    "number of indicators the text spans, from 1; got "
			    "%lld", rows);
			return -1;
		}
		pd->rows = (int)rows;
	}
	return 0;
}

static void
load_indicators(struct lctx *lc, const struct ynode *seq, struct project *p)
{
	const struct ynode *v;
	struct fmap fm;
	size_t i;
	int w;

	p->indicators = ARENA_NEWN(lc->a, struct indicator, SEQ_N(seq));
	for (i = 0; i < SEQ_N(seq); i++) {
		struct indicator *ind = &p->indicators[p->nindicators];

		memset(ind, 0, sizeof(*ind));
		if (fm_check(lc, seq->items[i], &s_indicator, &fm) != 0)
			continue;
		ind->span = fm.span;
		ind->kind = IND_KPI;
		if ((v = fm_get(&fm, "kind")) != NULL &&
		    (w = lc_word(lc, v, "indicator kind", kind_words,
		    KK_ARRAY_LEN(kind_words))) >= 0)
			ind->kind = (enum ind_kind)w;
		ind->group = fm_str(&fm, "group");
		ind->name = fm_str(&fm, "name");
		ind->unit = fm_str(&fm, "unit");
		if ((v = fm_get(&fm, "targets")) != NULL)
			load_targets(lc, v, ind);
		ind->merge = fm_bool(&fm, "merge", 0);
		if (ind->merge && !ind->has_all && fm_get(&fm, "merge") != NULL) {
			struct span sp = fm_span(&fm, "merge");

			diag_error(lc->d, &sp, "bad-value", "'merge: true' "
			    "prints one value across the years: it needs "
			    "targets: { all: … }");
		}
		if ((v = fm_get(&fm, "pending")) != NULL &&
		    load_pending(lc, v, &ind->pending) == 0)
			ind->has_pending = 1;
		p->nindicators++;
	}
}

/* --- focus areas and projects --- */

/* The spec with a message name that says which record: "project 'key'". */
static const struct fspec *
named_spec(struct lctx *lc, const struct fspec *spec, const struct ynode *y,
    const char *what)
{
	const struct ynode *k = yaml_map_get(y, "key");
	struct fspec *s;

	if (k == NULL || k->type != YNODE_SCALAR || yaml_is_null(k) ||
	    strlen(k->str) > 60)
		return spec;
	s = ARENA_NEW(lc->a, struct fspec);
	*s = *spec;
	s->what = arena_printf(lc->a, "the front-matter of %s '%s'", what,
	    k->str);
	return s;
}

/* Returns 0, or -1 if the focus area could not be made (reported). */
static int
load_focus(struct lctx *lc, const struct ynode *y, struct mdfile *mf,
    struct doc *doc)
{
	struct build *b = lc->b;
	struct focus_area *fa = &b->focus[b->nfocus];
	const struct ynode *v;
	struct fmap fm, om;

	if (fm_check(lc, y, named_spec(lc, &s_focus, y, "focus area"), &fm) != 0 ||
	    fm_str(&fm, "key") == NULL || fm_str(&fm, "title") == NULL)
		return -1;
	memset(fa, 0, sizeof(*fa));
	load_common(lc, &fm, mf, 0, &fa->c);
	if ((v = fm_get(&fm, "goal")) != NULL) {
		fa->goal_ref.key = v->str;
		fa->goal_ref.span = v->span;
	}
	if ((v = fm_get(&fm, "indicators_overview")) != NULL &&
	    fm_check(lc, v, &s_overview, &om) == 0) {
		if ((v = fm_get(&om, "output")) != NULL)
			fa->ov_output = lc_str_list(lc, v, "output",
			    &fa->nov_output);
		if ((v = fm_get(&om, "outcome")) != NULL)
			fa->ov_outcome = lc_str_list(lc, v, "outcome",
			    &fa->nov_outcome);
	}
	fa->c.body.doc = *doc;
	split_body(lc, &fa->c.body);
	b->nfocus++;
	return 0;
}

/* Returns 0, or -1 if the project could not be made (reported). */
static int
load_project(struct lctx *lc, const struct ynode *y, struct mdfile *mf,
    struct doc *doc)
{
	struct build *b = lc->b;
	struct project *p = &b->projects[b->nprojects];
	const struct ynode *v;
	struct fmap fm;
	long long num;
	int w;

	if (fm_check(lc, y, named_spec(lc, &s_project, y, "project"), &fm) != 0 ||
	    fm_str(&fm, "key") == NULL || fm_str(&fm, "title") == NULL)
		return -1;
	memset(p, 0, sizeof(*p));
	load_common(lc, &fm, mf, 1, &p->c);
	if ((v = fm_get(&fm, "focus_area")) != NULL) {
		p->focus_ref.key = v->str;
		p->focus_ref.span = v->span;
	}
	if ((v = fm_get(&fm, "pillar")) != NULL) {
		p->pillar_ref.key = v->str;
		p->pillar_ref.span = v->span;
	}
	if ((v = fm_get(&fm, "category")) != NULL) {
		p->category_ref.key = v->str;
		p->category_ref.span = v->span;
	}
	if (fm_int(&fm, "number", &num)) {
		p->number_span = fm_span(&fm, "number");
		if (num < 1 || num > 9999)
			diag_error(lc->d, &p->number_span, "bad-value",
			    "'number' is a position in the group, from 1; "
			    "got %lld", num);
		else
			p->number = (int)num;
	}
	if ((v = fm_get(&fm, "status")) != NULL) {
		p->status_span = v->span;
		if ((w = lc_word(lc, v, "status", status_words,
		    KK_ARRAY_LEN(status_words))) >= 0)
			p->status = (enum status)(STATUS_NEW + w);
	}
	p->status_note = fm_str(&fm, "status_note");
	if ((v = fm_get(&fm, "schedule")) != NULL)
		load_schedule(lc, v, p);
	if ((v = fm_get(&fm, "indicators")) != NULL)
		load_indicators(lc, v, p);
	p->c.body.doc = *doc;
	split_body(lc, &p->c.body);
	p->order = b->nprojects;
	b->nprojects++;
	return 0;
}

void
lc_load_sheet(struct lctx *lc, const char *rel)
{
	const struct ynode *type;
	struct mdfile mf;
	struct doc doc;
	int w = -1;

	if (md_open(lc, rel, "a project file", &mf) != 0) {
		lc->b->lost_sheets.unkeyed++;
		return;
	}
	if (mf.y == NULL) {
		/* The body is checked when the front-matter was there (broken). */
		if (mf.fm.yaml != NULL)
			md_body(lc, &mf, &doc);
		goto lost;
	}
	md_body(lc, &mf, &doc);
	if (mf.y->type != YNODE_MAP) {
		struct buf msg = {0};

		buf_puts(&msg, "the front-matter must be a mapping (type: …, "
		    "key: …), got ");
		lc_describe(&msg, mf.y);
		diag_error(lc->d, &mf.y->span, "bad-type", "%s",
		    buf_str(&msg));
		buf_free(&msg);
		goto lost;
	}
	if ((type = yaml_map_get(mf.y, "type")) == NULL ||
	    yaml_is_null(type)) {
		diag_error(lc->d, &mf.y->span, "missing-field", "missing "
		    "'type' in the front-matter of '%s': write type: project "
		    "or type: focus_area", mf.f.rel);
		goto lost;
	}
	if ((w = lc_word(lc, type, "type", type_words,
	    KK_ARRAY_LEN(type_words))) < 0)
		goto lost;
	if ((w == 0 ? load_focus(lc, mf.y, &mf, &doc) :
	    load_project(lc, mf.y, &mf, &doc)) == 0)
		goto out;
lost:
	/* Reported above: what depends on this record is not reported again. */
	lc_lost(lc, &lc->b->lost_sheets, mf.y, "key");
out:
	md_close(&mf);
}
