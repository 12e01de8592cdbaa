/*
 * sheet.c: the pages of a 重点事業 (focus area) and of a 事業シート
 * (project), with their schedule, indicator and roadmap tables.
 *
 * The tables are two-level: a value belongs to a year and to an indicator
 * (and its 成果/実績 group), a bar to several years. Every data cell names
 * its header cells with headers/id (WCAG 1.3.1, technique H43), since scope
 * alone cannot say which headers a cell spanning rows or years has. Merged
 * and pending cells carry rowspan/colspan, clamped so that no span leaves
 * the table (a Nu checker error).
 */
#include <stdlib.h>
#include <string.h>

#include "fy.h"
#include "html_int.h"
#include "words.h"

/* The fiscal years of a table: one column each. */
struct years {
	int		 from;
	int		 to;
	int		 n;
	const char	**ids;		/* the th id of each year column */
};

static void
years_init(struct html_ctx *c, struct years *y, int from, int to)
{
	int i;

	y->from = from;
	y->to = to;
	y->n = from > 0 ? y->to - y->from + 1 : 0;
	y->ids = y->n > 0 ? xcalloc((size_t)y->n, sizeof(*y->ids)) : NULL;
	for (i = 0; i < y->n; i++)
		y->ids[i] = html_id(c, "y");
}

static void
years_free(struct years *y)
{
	free(y->ids);
	y->ids = NULL;
}

/* The year header cells, after any leading header cells already in tr. */
static void
years_head(struct html_ctx *c, xmlNode *tr, const struct years *y)
{
	int i;

	for (i = 0; i < y->n; i++) {
		xmlNode *th = html_elc(tr, "th", "year");

		html_attr(th, "id", y->ids[i]);
		html_attr(th, "scope", "col");
		html_year_short(c, th, y->from + i);
	}
}

/* headers="…": the given ids, then the years from..to. */
static void
set_headers(xmlNode *td, const char *const *ids, size_t nids,
    const struct years *y, int from, int to)
{
	struct buf b = {0};
	size_t i;
	int k;

	for (i = 0; i < nids; i++) {
		if (ids[i] == NULL)
			continue;
		if (b.len > 0)
			buf_putc(&b, ' ');
		buf_puts(&b, ids[i]);
	}
	for (k = from; k <= to; k++) {
		if (k < y->from || k > y->to)
			continue;
		if (b.len > 0)
			buf_putc(&b, ' ');
		buf_puts(&b, y->ids[k - y->from]);
	}
	if (b.len > 0)
		html_attr(td, "headers", buf_str(&b));
	buf_free(&b);
}

static int
clamp_year(const struct years *y, int fy)
{
	return fy < y->from ? y->from : fy > y->to ? y->to : fy;
}

/* ------------------------------------------------------------------ */
/* Schedules                                                           */
/* ------------------------------------------------------------------ */

/*
 * The table rows a schedule row needs: one, plus one each time a bar starts
 * before the previous bar of the row has ended (overlapping bars cannot
 * share a table row).
 */
static int
sched_lines(const struct sched_row *r, const struct years *y)
{
	size_t k;
	int lines = 1, end = y->from - 1;

	if (r->is_cells)
		return 1;
	for (k = 0; k < r->nbars; k++) {
		int from = clamp_year(y, r->bars[k].from);

		if (from <= end)
			lines++, end = y->from - 1;
		end = clamp_year(y, r->bars[k].to);
	}
	return lines;
}

static void
empty_cells(xmlNode *tr, int n)
{
	int i;

	for (i = 0; i < n; i++)
		html_el(tr, "td");
}

/*
 * Writes schedule row r into tr (further rows after it in tbody when bars
 * overlap); row_id is the id of a row header for every cell, or NULL.
 */
static void
sched_row(struct html_ctx *c, xmlNode *tbody, xmlNode *tr,
    const struct sched_row *r, const struct years *y, const char *row_id)
{
	const char *ids[1];
	size_t k, i;
	int next = y->from;

	ids[0] = row_id;
	if (r->is_cells) {
		for (next = y->from; next <= y->to; next++) {
			const struct sched_cell *ce = NULL;
			xmlNode *td = html_elc(tr, "td", "sched-cell");

			for (k = 0; k < r->ncells; k++)
				if (r->cells[k].year == next)
					ce = &r->cells[k];
			if (ce == NULL || ce->nlines == 0)
				continue;
			set_headers(td, ids, 1, y, next, next);
			if (ce->nlines == 1) {
				html_text(td, ce->lines[0]);
			} else {
				xmlNode *ul = html_elc(td, "ul", "cell-lines");

				for (i = 0; i < ce->nlines; i++)
					html_text(html_el(ul, "li"), ce->lines[i]);
			}
		}
		return;
	}
	for (k = 0; k < r->nbars; k++) {
		const struct bar *b = &r->bars[k];
		int from = clamp_year(y, b->from), to = clamp_year(y, b->to);
		xmlNode *td, *span;
		struct buf range = {0};

		if (to < from)
			continue;
		if (from < next) {
			/* Overlaps the previous bar: finish this row, start another. */
			empty_cells(tr, y->to - next + 1);
			tr = html_el(tbody, "tr");
			next = y->from;
		}
		empty_cells(tr, from - next);
		td = html_elc(tr, "td", "bar");
		if (to > from)
			html_attrf(td, "colspan", "%d", to - from + 1);
		set_headers(td, ids, 1, y, from, to);
		span = html_elc(td, "span", "bar-label");
		html_text(span, b->label);
		/* The years in words too, for reading the table in a line. */
		buf_puts(&range, "（");
		fy_format(&range, from, FY_STYLE_ERA);
		if (to > from) {
			buf_puts(&range, "～");
			fy_format(&range, to, FY_STYLE_ERA);
		}
		buf_puts(&range, "）");
		html_hidden(span, buf_str(&range));
		buf_free(&range);
		next = to + 1;
	}
	empty_cells(tr, y->to - next + 1);
}

void
html_schedule_table(struct html_ctx *c, xmlNode *parent,
    const struct project *p, const char *caption)
{
	struct years y;
	xmlNode *t, *tb, *cap;
	const char *cap_id;
	int from, to;
	size_t i;

	if (p->nschedule == 0)
		return;
	from = p->year_from;
	to = p->year_to;
	if (from <= 0)
		return;
	cap_id = html_id(c, "caption");
	t = html_table_region(c, parent, cap_id, "schedule");
	cap = html_el(t, "caption");
	html_attr(cap, "id", cap_id);
	html_text(cap, caption);
	years_init(c, &y, from, to);
	years_head(c, html_el(html_el(t, "thead"), "tr"), &y);
	tb = html_el(t, "tbody");
	for (i = 0; i < p->nschedule; i++)
		sched_row(c, tb, html_el(tb, "tr"), &p->schedule[i], &y, NULL);
	years_free(&y);
}

void
html_roadmap(struct html_ctx *c, xmlNode *parent, const struct focus_area *f)
{
	struct years y;
	xmlNode *t, *tr, *tb, *cap, *th;
	const char *cap_id;
	int from, to;
	size_t i, k;

	if (f->nmembers == 0)
		return;
	from = f->year_from;
	to = f->year_to;
	if (from <= 0)
		return;
	cap_id = html_id(c, "caption");
	t = html_table_region(c, parent, cap_id, "schedule roadmap");
	cap = html_el(t, "caption");
	html_attr(cap, "id", cap_id);
	html_text(cap, "ロードマップ（構成事業のスケジュール）");
	years_init(c, &y, from, to);
	tr = html_el(html_el(t, "thead"), "tr");
	th = html_el(tr, "th");
	html_attr(th, "scope", "col");
	html_text(th, "事業");
	years_head(c, tr, &y);
	tb = html_el(t, "tbody");
	for (i = 0; i < f->nmembers; i++) {
		const struct project *p = f->members[i];
		const char *row_id = html_id(c, "member");
		xmlNode *a;
		int lines = 0;

		for (k = 0; k < p->nschedule; k++)
			lines += sched_lines(&p->schedule[k], &y);
		tr = html_el(tb, "tr");
		th = html_elc(tr, "th", "member");
		html_attr(th, "id", row_id);
		if (lines > 1)
			html_attrf(th, "rowspan", "%d", lines);
		a = html_link(c, th, p->c.url, NULL);
		html_number(a, p->id_focus != NULL ? p->id_focus : p->id,
		    "itemno");
		html_text(a, p->c.title);
		if (p->nschedule == 0) {
			xmlNode *td = html_el(tr, "td");

			html_attrf(td, "colspan", "%d", y.n);
			set_headers(td, &row_id, 1, &y, y.from, y.to);
			html_spoken(td, "—", "スケジュールの設定なし");
			continue;
		}
		for (k = 0; k < p->nschedule; k++) {
			if (k > 0)
				tr = html_el(tb, "tr");
			sched_row(c, tb, tr, &p->schedule[k], &y, row_id);
		}
	}
	years_free(&y);
}

/* ------------------------------------------------------------------ */
/* Indicators                                                          */
/* ------------------------------------------------------------------ */

static const char *
kind_label(const struct plan *pl, enum ind_kind k)
{
	switch (k) {
	case IND_OUTCOME:
		return pl->labels.outcome != NULL ? pl->labels.outcome :
		    "成果（アウトカム）";
	case IND_OUTPUT:
		return pl->labels.output != NULL ? pl->labels.output :
		    "実績（アウトプット）";
	default:
		return "指標";
	}
}

static int
same_str(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Per row of the indicator table: the ids of its header cells. */
struct ind_row {
	const char	*kind_id;
	const char	*group_id;
	const char	*name_id;
};

static const struct target *
target_of(const struct indicator *in, int year)
{
	size_t k;

	for (k = 0; k < in->ntargets; k++)
		if (in->targets[k].year == year)
			return &in->targets[k];
	return NULL;
}

/* headers for a cell covering rows r0..r1 and years from..to. */
static void
cell_headers(xmlNode *td, const struct ind_row *rows, size_t r0, size_t r1,
    const struct years *y, int from, int to)
{
	const char **ids = xcalloc(3 * (r1 - r0 + 1), sizeof(*ids));
	size_t n = 0, r, k;

	for (r = r0; r <= r1; r++) {
		const char *v[3];
		size_t j;

		v[0] = rows[r].kind_id;
		v[1] = rows[r].group_id;
		v[2] = rows[r].name_id;
		for (j = 0; j < 3; j++) {
			int dup = v[j] == NULL;

			for (k = 0; k < n && !dup; k++)
				dup = strcmp(ids[k], v[j]) == 0;
			if (!dup)
				ids[n++] = v[j];
		}
	}
	set_headers(td, ids, n, y, from, to);
	free(ids);
}

void
html_indicator_table(struct html_ctx *c, xmlNode *parent,
    const struct project *p, const char *caption)
{
	const struct plan *pl = c->site->pl;
	size_t n = p->nindicators, i;
	struct ind_row *rows;
	int *cover;		/* per year: the last row a pending cell above covers, or -1 */
	int from, to, groups = 0, yi;
	struct years y;
	xmlNode *t, *tr, *th, *tb, *cap;
	const char *cap_id, *kind_col, *group_col = NULL, *name_col;

	if (n == 0)
		return;
	from = p->year_from;
	to = p->year_to;
	for (i = 0; i < n; i++)
		if (p->indicators[i].group != NULL)
			groups = 1;
	cap_id = html_id(c, "caption");
	t = html_table_region(c, parent, cap_id, "indicators");
	cap = html_el(t, "caption");
	html_attr(cap, "id", cap_id);
	html_text(cap, caption);
	years_init(c, &y, from, to);

	/*
	 * Fixed column widths (style.css): with automatic layout a browser
	 * gives the indicator names what the values leave, down to one
	 * character of Japanese text per line.
	 */
	{
		xmlNode *cg = html_el(t, "colgroup");

		html_attr(html_el(cg, "col"), "class", "col-kind");
		if (groups)
			html_attr(html_el(cg, "col"), "class", "col-group");
		html_attr(html_el(cg, "col"), "class", "col-name");
		if (y.n > 0) {
			xmlNode *col = html_elc(cg, "col", "col-year");

			if (y.n > 1)
				html_attrf(col, "span", "%d", y.n);
		}
	}
	tr = html_el(html_el(t, "thead"), "tr");
	kind_col = html_id(c, "kind");
	th = html_el(tr, "th");
	html_attr(th, "id", kind_col);
	html_attr(th, "scope", "col");
	html_text(th, "区分");
	if (groups) {
		group_col = html_id(c, "group");
		th = html_el(tr, "th");
		html_attr(th, "id", group_col);
		html_attr(th, "scope", "col");
		html_text(th, "項目");
	}
	name_col = html_id(c, "name");
	th = html_el(tr, "th");
	html_attr(th, "id", name_col);
	html_attr(th, "scope", "col");
	html_text(th, "指標");
	years_head(c, tr, &y);

	/* Ids first: a cell spanning rows names the headers of rows below it. */
	rows = xcalloc(n, sizeof(*rows));
	for (i = 0; i < n; i++) {
		const struct indicator *in = &p->indicators[i];

		rows[i].kind_id = i > 0 && p->indicators[i - 1].kind == in->kind ?
		    rows[i - 1].kind_id : html_id(c, "kind");
		if (in->group != NULL)
			rows[i].group_id = i > 0 && rows[i - 1].group_id != NULL &&
			    rows[i - 1].kind_id == rows[i].kind_id &&
			    same_str(p->indicators[i - 1].group, in->group) ?
			    rows[i - 1].group_id : html_id(c, "group");
		if (in->name != NULL)
			rows[i].name_id = html_id(c, "ind");
	}

	cover = xcalloc((size_t)(y.n > 0 ? y.n : 1), sizeof(*cover));
	for (yi = 0; yi < y.n; yi++)
		cover[yi] = -1;
	tb = html_el(t, "tbody");
	for (i = 0; i < n; i++) {
		const struct indicator *in = &p->indicators[i];
		int merged_done = 0, lead = 0, whole_group = 0;

		tr = html_el(tb, "tr");
		if (i == 0 || rows[i].kind_id != rows[i - 1].kind_id) {
			size_t run = 1;

			while (i + run < n && rows[i + run].kind_id == rows[i].kind_id)
				run++;
			th = html_elc(tr, "th", "ind-kind");
			html_attr(th, "id", rows[i].kind_id);
			/* A header of the rows it spans (headers= says which cells). */
			html_attr(th, "scope", "row");
			if (run > 1)
				html_attrf(th, "rowspan", "%zu", run);
			html_text(th, kind_label(pl, in->kind));
		}
		if (groups && in->group != NULL && (i == 0 ||
		    rows[i].group_id != rows[i - 1].group_id)) {
			size_t run = 1;

			while (i + run < n && rows[i + run].group_id == rows[i].group_id)
				run++;
			th = html_elc(tr, "th", "ind-group");
			html_attr(th, "id", rows[i].group_id);
			html_attr(th, "scope", "row");
			html_attr(th, "headers", rows[i].kind_id);
			if (run > 1)
				html_attrf(th, "rowspan", "%zu", run);
			if (in->name == NULL && run == 1) {
				/* A group alone in its row, without a name: the row's header. */
				html_attr(th, "colspan", "2");
				whole_group = 1;
			}
			html_text(th, in->group);
		}
		if (in->name != NULL) {
			th = html_elc(tr, "th", "ind-name");
			html_attr(th, "id", rows[i].name_id);
			html_attr(th, "scope", "row");
			html_attr(th, "headers", rows[i].group_id != NULL ?
			    rows[i].group_id : rows[i].kind_id);
			if (groups && in->group == NULL)
				html_attr(th, "colspan", "2");
			html_text(th, in->name);
		} else if (!whole_group) {
			/*
			 * No name: the row's first cell takes the free header
			 * columns too (a pending text then fills the row).
			 */
			lead = groups && in->group == NULL ? 2 : 1;
		}
		for (yi = 0; yi < y.n; yi++) {
			int year = y.from + yi, cs = 1, rs = 1;
			const struct target *tg;
			size_t last = i;
			xmlNode *td;

			if (cover[yi] >= (int)i)
				continue;
			if (lead > 0 && yi > 0) {
				/* The name column is not next to this cell: an empty cell fills it. */
				td = html_el(tr, "td");
				if (lead > 1)
					html_attrf(td, "colspan", "%d", lead);
				lead = 0;
			}
			if (in->has_pending &&
			    clamp_year(&y, in->pending.from) == year) {
				int pto = clamp_year(&y, in->pending.to), k;

				rs = in->pending.rows > 1 ? in->pending.rows : 1;
				if ((size_t)rs > n - i)
					rs = (int)(n - i);
				last = i + (size_t)rs - 1;
				/* Stop before a year a pending cell above still holds. */
				for (k = yi + 1; k <= pto - y.from; k++)
					if (cover[k] >= (int)i)
						break;
				pto = y.from + k - 1;
				cs = pto - year + 1;
				if (lead > 0 && rs > 1) {
					/* A cell spanning rows must not cover their names. */
					td = html_el(tr, "td");
					if (lead > 1)
						html_attrf(td, "colspan", "%d", lead);
					lead = 0;
				}
				td = html_elc(tr, "td", "pending");
				for (k = yi; k <= pto - y.from; k++)
					cover[k] = (int)last;
				html_text(td, in->pending.text);
			} else if (in->has_all && in->merge && !merged_done) {
				while (yi + cs < y.n && cover[yi + cs] < (int)i &&
				    !(in->has_pending && clamp_year(&y,
				    in->pending.from) == year + cs))
					cs++;
				td = html_elc(tr, "td", "value merged");
				html_value(td, &in->all, in->unit);
				merged_done = 1;
			} else {
				td = html_elc(tr, "td", "value");
				/* After a merged value cut by a pending cell: empty years. */
				if (in->has_all && !in->merge)
					html_value(td, &in->all, in->unit);
				else if ((tg = target_of(in, year)) != NULL)
					html_value(td, &tg->value, in->unit);
			}
			cell_headers(td, rows, i, last, &y, year, year + cs - 1);
			if (cs + lead > 1)
				html_attrf(td, "colspan", "%d", cs + lead);
			if (rs > 1)
				html_attrf(td, "rowspan", "%d", rs);
			lead = 0;
			yi += cs - 1;
		}
		if (lead > 0) {
			xmlNode *td = html_el(tr, "td");

			if (lead > 1)
				html_attrf(td, "colspan", "%d", lead);
		}
	}
	free(cover);
	free(rows);
	years_free(&y);
}

/* ------------------------------------------------------------------ */
/* The pages                                                           */
/* ------------------------------------------------------------------ */

static xmlNode *
fact(xmlNode *dl, const char *term)
{
	xmlNode *div = html_el(dl, "div");

	html_text(html_el(div, "dt"), term);
	return html_el(div, "dd");
}

static void
predecessors(struct html_ctx *c, xmlNode *dl, const struct sheet_common *sc)
{
	const struct html_page *reg = c->site->view[HP_REGISTER];
	xmlNode *dd, *ul;
	size_t i;

	if (sc->npreds == 0)
		return;
	dd = fact(dl, "前計画の事業");
	ul = html_elc(dd, "ul", "plain");
	for (i = 0; i < sc->npreds; i++) {
		const struct pred_link *pr = &sc->preds[i];
		xmlNode *li = html_el(ul, "li"), *a;
		const char *anchor = pr->entry != NULL ?
		    html_reg_anchor(c->site, pr->entry) : NULL;

		a = reg != NULL && anchor != NULL ?
		    html_link_anchor(c, li, reg->url, anchor, NULL) : li;
		html_number(a, pr->id, "itemno");
		if (pr->entry != NULL && pr->entry->title != NULL)
			html_text(a, pr->entry->title);
		html_text(li, "（");
		html_text(li, word_relation(pr->relation));
		html_text(li, "）");
	}
}

/*
 * A section's blocks are a run of the body's block list: it ends at the next
 * heading of level 2 or above (the loader's rule, load_section_end()).
 */
static int
section_end(const struct block *b)
{
	return b == NULL || (b->type == BLK_HEADING && b->level <= 2);
}

/* The lead paragraph and whatever else comes before the first ##. */
static void
intro(struct html_ctx *c, xmlNode *main, const struct sheet_body *body)
{
	const struct block *b;

	for (b = body->intro; !section_end(b); b = b->next) {
		if (b == body->lead && b->type == BLK_PARA)
			html_inlines(c, html_elc(main, "p", "lead"), b->inlines);
		else
			html_block(c, main, b);
	}
}

static xmlNode *
section_el(struct html_ctx *c, xmlNode *parent, const struct section *sec)
{
	static const char *const cls[] = {
		"sheet-section", "sheet-section current", "sheet-section ideal",
		"sheet-section actions"
	};
	xmlNode *el = html_elc(parent, "section", cls[sec->role]), *h;
	const struct block *b;
	const char *id;

	if (sec->heading != NULL) {
		h = html_heading(c, el, sec->heading);
	} else {
		h = html_heading_el(c, el, 2);
		html_inlines(c, h, sec->title);
	}
	id = html_attr_get(h, "id");
	if (id == NULL) {
		id = html_id(c, "section");
		html_attr(h, "id", id);
	}
	for (b = sec->blocks; !section_end(b); b = b->next)
		html_block(c, el, b);
	return el;
}

/*
 * The sections in source order; 現状 and 理想的な姿 written one after the
 * other share a row on wide screens (CSS grid), still in source order for
 * everyone.
 */
static void
sections(struct html_ctx *c, xmlNode *main, const struct sheet_body *body)
{
	size_t i;

	for (i = 0; i < body->nsections; i++) {
		const struct section *a = &body->sections[i];
		const struct section *b = i + 1 < body->nsections ?
		    &body->sections[i + 1] : NULL;

		c->last_h = 1;
		if (b != NULL && ((a->role == SEC_CURRENT && b->role == SEC_IDEAL) ||
		    (a->role == SEC_IDEAL && b->role == SEC_CURRENT))) {
			xmlNode *pair = html_elc(main, "div", "sheet-pair");

			section_el(c, pair, a);
			c->last_h = 1;
			section_el(c, pair, b);
			i++;
		} else {
			section_el(c, main, a);
		}
	}
	c->last_h = 1;
}

static xmlNode *
h2_section(struct html_ctx *c, xmlNode *main, const char *cls,
    const char *title)
{
	xmlNode *sec = html_elc(main, "section", cls), *h;
	const char *id = html_id(c, "section");

	c->last_h = 1;
	h = html_heading_el(c, sec, 2);
	html_attr(h, "id", id);
	html_text(h, title);
	return sec;
}

/* ※ notes, glossary notes and trademark notes of the terms used on the page. */
static void
notes(struct html_ctx *c, xmlNode *main, const struct sheet_common *sc)
{
	const struct html_page *g = c->site->view[HP_GLOSSARY];
	xmlNode *sec, *ul;
	size_t i;

	if (sc->nnotes == 0 && sc->nterms == 0)
		return;
	sec = h2_section(c, main, "sheet-notes", "注記");
	ul = html_elc(sec, "ul", "notes");
	for (i = 0; i < sc->nnotes; i++) {
		xmlNode *li = html_el(ul, "li");

		html_text(li, "※");
		html_text(li, sc->notes[i]);
	}
	for (i = 0; i < sc->nterms; i++) {
		const struct term *t = sc->terms[i].term;
		xmlNode *li, *a;
		const char *id;

		if (t == NULL)
			continue;
		li = html_elc(ul, "li", "term-note");
		html_text(li, "※");
		if (g != NULL && !c->in_link) {
			a = html_link_anchor(c, li, g->url, t->anchor, t->term);
			id = html_id(c, "term-use");
			html_attr(a, "id", id);
			html_use_add(c->site, t, c->page, id);
		} else {
			html_text(li, t->term);
		}
		if (t->ja != NULL) {
			html_text(li, "（");
			html_text(li, t->ja);
			html_text(li, "）");
		}
		html_text(li, "：");
		html_inlines(c, li, t->definition);
		/* Its trademark note follows with the page's others (html_trademarks). */
	}
}

void
html_trademarks(struct html_ctx *c, xmlNode *main)
{
	struct html_site *s = c->site;
	xmlNode *div = NULL;
	size_t i, k;

	for (i = s->nuses; i > 0 && s->uses[i - 1].page == c->page; i--)
		;
	for (k = i; k < s->nuses; k++) {
		const struct term *t = s->uses[k].term;
		size_t j;
		int seen = 0;

		if (t->trademark == NULL)
			continue;
		for (j = i; j < k && !seen; j++)
			seen = s->uses[j].term == t;
		if (seen)
			continue;
		if (div == NULL)
			div = html_elc(main, "div", "trademarks");
		html_text(html_el(div, "p"), arena_printf(&s->a, "※%s",
		    t->trademark));
	}
}

static xmlNode *
facts(xmlNode *main)
{
	return html_elc(main, "dl", "sheet-facts");
}

void
html_page_project(struct html_ctx *c, xmlNode *main)
{
	const struct project *p = c->page->project;
	struct html_site *s = c->site;
	const struct plan *pl = s->pl;
	xmlNode *dl, *dd, *sec;
	const char *st = word_status(p->status);

	html_h1(c, main, p->id, p->c.title);
	html_doc_begin(c, &p->c.body.doc);
	dl = facts(main);
	if (st != NULL || p->status_note != NULL) {
		dd = fact(dl, "状態");
		if (st != NULL)
			html_text(html_elc(dd, "span", "status"), st);
		if (p->status_note != NULL)
			html_text(html_elc(dd, "span", "status-note"),
			    p->status_note);
	}
	if (p->c.departments.n > 0)
		html_departments(c, fact(dl, pl->labels.lead_department != NULL ?
		    pl->labels.lead_department : "主管課"), &p->c.departments);
	if (p->focus != NULL) {
		xmlNode *a;

		dd = fact(dl, pl->labels.focus_area != NULL ?
		    pl->labels.focus_area : "重点事業");
		a = html_link(c, dd, p->focus->c.url, NULL);
		html_number(a, p->focus->id, "itemno");
		html_text(a, p->focus->c.title);
	}
	if (p->pillar != NULL) {
		const struct html_page *pv = s->view[HP_PROJECT_LIST];
		xmlNode *a;

		dd = fact(dl, pl->labels.pillar != NULL ? pl->labels.pillar :
		    "基本取組");
		a = pv != NULL ? html_link_anchor(c, dd, pv->url,
		    html_pillar_anchor(s, p->pillar), NULL) : dd;
		html_number(a, p->pillar->number, "itemno");
		html_text(a, p->pillar->title);
		if (p->category != NULL) {
			html_text(dd, "（");
			if (pv != NULL)
				html_link_anchor(c, dd, pv->url,
				    html_category_anchor(s, p->category),
				    p->category->title);
			else
				html_text(dd, p->category->title);
			html_text(dd, "）");
		}
	}
	predecessors(c, dl, &p->c);
	if (dl->children == NULL) {
		xmlUnlinkNode(dl);
		xmlFreeNode(dl);
	}
	intro(c, main, &p->c.body);
	sections(c, main, &p->c.body);
	if (p->nschedule > 0) {
		sec = h2_section(c, main, "sheet-schedule", "スケジュール");
		html_schedule_table(c, sec, p, arena_printf(&s->a,
		    "%sのスケジュール", p->id != NULL ? p->id : p->c.title));
	}
	if (p->nindicators > 0) {
		sec = h2_section(c, main, "sheet-indicators", "評価指標");
		html_indicator_table(c, sec, p, arena_printf(&s->a,
		    "%sの評価指標と目標値", p->id != NULL ? p->id : p->c.title));
	}
	notes(c, main, &p->c);
	html_footnotes(c, main, &p->c.body.doc);
	html_trademarks(c, main);
}

static void
overview(struct html_ctx *c, xmlNode *sec, const struct focus_area *f)
{
	const struct plan *pl = c->site->pl;
	xmlNode *dl = html_elc(sec, "dl", "overview");
	size_t i;

	if (f->nov_output > 0) {
		xmlNode *div = html_el(dl, "div"), *ul;

		html_text(html_el(div, "dt"), kind_label(pl, IND_OUTPUT));
		ul = html_el(html_el(div, "dd"), "ul");
		for (i = 0; i < f->nov_output; i++)
			html_text(html_el(ul, "li"), f->ov_output[i]);
	}
	if (f->nov_outcome > 0) {
		xmlNode *div = html_el(dl, "div"), *ul;

		html_text(html_el(div, "dt"), kind_label(pl, IND_OUTCOME));
		ul = html_el(html_el(div, "dd"), "ul");
		for (i = 0; i < f->nov_outcome; i++)
			html_text(html_el(ul, "li"), f->ov_outcome[i]);
	}
}

void
html_page_focus(struct html_ctx *c, xmlNode *main)
{
	const struct focus_area *f = c->page->focus;
	struct html_site *s = c->site;
	const struct plan *pl = s->pl;
	xmlNode *dl, *sec;

	html_h1(c, main, f->id, f->c.title);
	html_doc_begin(c, &f->c.body.doc);
	dl = facts(main);
	if (f->goal != NULL) {
		xmlNode *dd = fact(dl, pl->labels.goal != NULL ? pl->labels.goal :
		    "目指す姿");

		html_number(dd, f->goal->id, "itemno");
		html_text(dd, f->goal->title);
	}
	if (f->c.departments.n > 0)
		html_departments(c, fact(dl, pl->labels.lead_department != NULL ?
		    pl->labels.lead_department : "主管課"), &f->c.departments);
	predecessors(c, dl, &f->c);
	if (dl->children == NULL) {
		xmlUnlinkNode(dl);
		xmlFreeNode(dl);
	}
	intro(c, main, &f->c.body);
	sections(c, main, &f->c.body);
	if (f->nov_output + f->nov_outcome > 0) {
		sec = h2_section(c, main, "focus-indicators", "評価指標");
		overview(c, sec, f);
	}
	if (f->nmembers > 0) {
		sec = h2_section(c, main, "focus-roadmap", "ロードマップ");
		html_roadmap(c, sec, f);
		sec = h2_section(c, main, "focus-members", "構成事業");
		html_gtable(c, sec, f->table);
	}
	notes(c, main, &f->c);
	html_footnotes(c, main, &f->c.body.doc);
	html_trademarks(c, main);
}
