/*
 * pdf_sheet.c: the 事業集 (重点事業一覧 and 個別事業一覧, 重点事業
 * overviews, one sheet per project), the 用語集, and the generated blocks
 * of chapters ({{projects}}, {{indicators}} …) as tables.
 *
 * A sheet that runs over a page continues with its band repeated and
 * 「（続き）」: the page hook draws pc->cont_band at the top of every page
 * the sheet opens after its first.
 */
#include <stdlib.h>
#include <string.h>

#include "fy.h"
#include "pdf/pdf_int.h"
#include "words.h"

#define BANDFILL	0x2E7D32

/* The plan's words (plan.yaml labels), or their defaults. */
static const char *
label_or(const char *v, const char *dflt)
{
	return v != NULL && *v != '\0' ? v : dflt;
}
#define L_GOAL(pc)	label_or((pc)->pl->labels.goal, "目指す姿")
#define L_PILLAR(pc)	label_or((pc)->pl->labels.pillar, "基本取組")
#define L_FOCUS(pc)	label_or((pc)->pl->labels.focus_area, "重点事業")
#define L_PROJECT(pc)	label_or((pc)->pl->labels.project, "個別事業")
#define L_DEPT(pc)	label_or((pc)->pl->labels.lead_department, "主管課")

/* ------------------------------------------------------------------ */
/* Helpers                                                            */
/* ------------------------------------------------------------------ */

/* Department names, each kept whole on a line: 「、」 is where a list of them breaks. */
static const char *
depts(struct pdf_ctx *pc, const struct dept_list *l)
{
	struct buf b = {0};
	const char *s;
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (i > 0)
			buf_puts(&b, "、");
		pdf_put_glued(&b, l->v[i].dept != NULL ? l->v[i].dept->name :
		    l->v[i].written);
	}
	if (l->etc)
		buf_puts(&b, "等");
	s = arena_strdup(&pc->a, buf_str(&b));
	buf_free(&b);
	return s;
}

/* The long form of a short year (R8 → 令和8年度（2026年度）) for /E; NULL if not short. */
static const char *
year_long(struct pdf_ctx *pc, int fy)
{
	struct buf b = {0};
	const char *s = pdf_when(pc, &b, NULL, fy, pc->pl->year_short_style);

	buf_free(&b);
	return s;
}

static const char *
year_short(struct pdf_ctx *pc, int fy)
{
	struct buf b = {0};
	const char *s;

	fy_format(&b, fy, pc->pl->year_short_style);
	s = arena_strdup(&pc->a, buf_str(&b));
	buf_free(&b);
	return s;
}

static void
cell_text(struct pdf_cell *c, const char *text, const void *node)
{
	c->colspan = 1;
	c->text = text;
	c->node = node;
	c->align = LAYOUT_LEFT;
}

/* The band at the top of a sheet: id and title in white on green. */
static void
band(struct pdf_ctx *pc, const char *id, const char *title, const void *node,
    enum dev_stype stype)
{
	const struct layout_style *st = &pc->st[ST_BAND];
	struct layout_para p = pdf_para_defaults(pc, ST_BAND);
	struct layout_page *pg;
	struct pdf_runs r;
	int32_t idw = id ? layout_text_width(st, id) + st->size : 0;
	int32_t colw = pdf_colw(pc), lines, h, top;

	lines = 1 + layout_text_width(st, title) / (colw - idw - 2 * 6000 > 1 ?
	    colw - idw - 2 * 6000 : 1);
	p.line_height = st->size * 14 / 10;
	h = lines * p.line_height + 10000;
	pg = layout_need(pc->L, h + 60000);
	top = pc->L->y;
	layout_put_rect(pc->L, pg, DEV_ART_LAYOUT, NULL,
	    pc->L->geom.left + pc->ileft, top, colw, h, 1, BANDFILL, 0, 0);
	pc->L->y = top + 5000;
	memset(&r, 0, sizeof(r));
	if (id != NULL) {
		pdf_runs_add(pc, &r, id, st, node);
		pdf_runs_add(pc, &r, "　", st, node);
	}
	pdf_runs_add(pc, &r, title, st, node);
	p.left = 6000 + idw;
	p.right = 6000;
	p.indent = -idw;
	p.align = LAYOUT_LEFT;
	p.stype = stype;
	p.node = node;
	p.space_after = 0;
	pdf_para(pc, &r, &p);
	pdf_runs_free(&r);
	if (pc->L->y < top + h)
		pc->L->y = top + h;
	pc->L->y += 6000;
}

/* Draws the continuation band on a new page of a sheet (page hook). */
void
pdf_cont_band(struct pdf_ctx *pc, struct layout *L, struct layout_page *pg)
{
	const struct layout_style *st = &pc->st[ST_BAND];
	struct layout_style small = *st;
	int32_t colw = layout_column_width(L), h = 22000;
	struct buf b = {0};
	const char *s = pc->cont_band;
	size_t len = strlen(s), k;
	uint32_t cp;

	small.size = 11000;
	layout_put_rect(L, pg, DEV_ART_REPEAT, NULL, L->geom.left, L->y, colw,
	    h, 1, BANDFILL, 0, 0);
	/* The title, shortened with … to fit the line. */
	for (k = 0; k < len;) {
		size_t n = utf8_decode(s + k, len - k, &cp);

		buf_put(&b, s + k, n);
		k += n;
		if (layout_text_width(&small, buf_str(&b)) > colw - 80000) {
			buf_puts(&b, "…");
			break;
		}
	}
	buf_puts(&b, "（続き）");
	layout_put_text(L, pg, DEV_ART_REPEAT, NULL, L->geom.left + 6000,
	    L->y + 15000, &small, buf_str(&b));
	buf_free(&b);
	L->y += h + 6000;
}

/* ------------------------------------------------------------------ */
/* 重点事業一覧 and 個別事業一覧                                      */
/* ------------------------------------------------------------------ */

void
pdf_lists(struct pdf_ctx *pc)
{
	const char *title = arena_printf(&pc->a, "%s一覧・%s一覧", L_FOCUS(pc),
	    L_PROJECT(pc));
	const struct build *b = pc->b;
	size_t i;

	layout_page_break(pc->L);
	pc->running = title;
	pdf_dest(pc, "lists");
	pdf_text_para(pc, title, ST_H1, DEV_S_H1, b, 12000);
	pdf_outline(pc, 1, title, "lists");
	if (b->nfocus > 0) {
		pdf_text_para(pc, arena_printf(&pc->a, "%s一覧",
		    L_FOCUS(pc)), ST_H2, DEV_S_H2, b->focus, 6000);
		pdf_gtable(pc, b->t_focus);
	}
	pdf_text_para(pc, arena_printf(&pc->a, "%s一覧",
	    L_PROJECT(pc)), ST_H2, DEV_S_H2, b->projects, 6000);
	for (i = 0; i < b->plan.npillars; i++)
		pdf_gtable(pc, b->plan.pillars[i].table);
	pdf_gtable(pc, b->t_nopillar);
}

/* ------------------------------------------------------------------ */
/* Sheets                                                             */
/* ------------------------------------------------------------------ */

static const struct section *
section_of(const struct sheet_body *body, enum sec_role role)
{
	size_t i;

	for (i = 0; i < body->nsections; i++)
		if (body->sections[i].role == role)
			return &body->sections[i];
	return NULL;
}

static void
facts(struct pdf_ctx *pc, const struct sheet_common *sc, const char *status)
{
	struct buf b = {0};
	const char *lab = L_DEPT(pc);

	if (sc->departments.n > 0)
		buf_printf(&b, "%s：%s", lab, depts(pc, &sc->departments));
	if (status != NULL)
		buf_printf(&b, "%s区分：%s", b.len ? "　" : "", status);
	if (b.len > 0)
		pdf_text_para(pc, buf_str(&b), ST_GOTHIC, DEV_S_P, sc, 4000);
	buf_free(&b);
}

/* The blocks before the first section (intro points into the whole body: load_sheet.c). */
static void
intro(struct pdf_ctx *pc, const struct sheet_body *body)
{
	pdf_blocks_until(pc, body->intro, body->nsections > 0 ?
	    body->sections[0].heading : NULL);
}

/* The heading of the section after s, where its blocks stop. */
static const struct block *
section_end(const struct sheet_body *body, const struct section *s)
{
	size_t i = (size_t)(s - body->sections);

	return i + 1 < body->nsections ? body->sections[i + 1].heading : NULL;
}

/* 現状 and 理想的な姿 side by side, then the other sections in order. */
static void
sections(struct pdf_ctx *pc, const struct sheet_body *body)
{
	const struct section *cur = section_of(body, SEC_CURRENT);
	const struct section *ideal = section_of(body, SEC_IDEAL);
	struct pdf_table t;
	struct pdf_cell *r;
	struct buf b = {0};
	size_t i;

	if (cur != NULL && ideal != NULL) {
		memset(&t, 0, sizeof(t));
		t.ncols = 2;
		t.node = cur;
		r = pdf_table_row(&t);
		buf_reset(&b);
		pdf_plain(&b, cur->title);
		cell_text(&r[0], arena_strdup(&pc->a, buf_str(&b)), cur->heading);
		buf_reset(&b);
		pdf_plain(&b, ideal->title);
		cell_text(&r[1], arena_strdup(&pc->a, buf_str(&b)), ideal->heading);
		r[0].head = r[1].head = 1;
		r[0].align = r[1].align = LAYOUT_CENTER;
		t.nhead = 1;
		r = pdf_table_row(&t);
		r[0].colspan = r[1].colspan = 1;
		r[0].blocks = cur->blocks;
		r[0].blocks_end = section_end(body, cur);
		r[1].blocks = ideal->blocks;
		r[1].blocks_end = section_end(body, ideal);
		r[0].node = cur;
		r[1].node = ideal;
		pdf_table_emit(pc, &t);
		pdf_table_free(&t);
	}
	for (i = 0; i < body->nsections; i++) {
		const struct section *s = &body->sections[i];

		if (cur != NULL && ideal != NULL && (s == cur || s == ideal))
			continue;
		if (s->heading != NULL)
			pdf_heading(pc, s->heading);
		pdf_blocks_until(pc, s->blocks, section_end(body, s));
	}
	buf_free(&b);
}

static void
notes(struct pdf_ctx *pc, const struct sheet_common *sc)
{
	struct layout_para p = pdf_para_defaults(pc, ST_SMALL);
	struct pdf_runs r;
	size_t i;

	p.indent = 0;
	p.left = pc->st[ST_SMALL].size;
	p.align = LAYOUT_LEFT;
	/* Each a Note (PDF/UA-1 §7.9), which gets its /ID (tag.c). */
	for (i = 0; i < sc->nnotes; i++) {
		layout_struct_begin(pc->L, DEV_S_NOTE, &sc->notes[i]);
		memset(&r, 0, sizeof(r));
		pdf_runs_add(pc, &r, "※", &pc->st[ST_SMALL], sc);
		pdf_runs_add(pc, &r, sc->notes[i], &pc->st[ST_SMALL], sc);
		p.indent = -pc->st[ST_SMALL].size;
		pdf_para(pc, &r, &p);
		pdf_runs_free(&r);
		layout_struct_end(pc->L, DEV_S_NOTE, &sc->notes[i]);
	}
	for (i = 0; i < sc->nterms; i++) {
		const struct term *t = sc->terms[i].term;

		if (t == NULL)
			continue;
		layout_struct_begin(pc->L, DEV_S_NOTE, &sc->terms[i]);
		memset(&r, 0, sizeof(r));
		pdf_runs_add(pc, &r, "※", &pc->st[ST_SMALL], t);
		pdf_runs_add(pc, &r, t->term, &pc->st[ST_SMALLB], t);
		if (t->ja != NULL)
			pdf_runs_add(pc, &r, arena_printf(&pc->a, "（%s）", t->ja),
			    &pc->st[ST_SMALL], t);
		pdf_runs_add(pc, &r, "：", &pc->st[ST_SMALL], t);
		pdf_runs_inlines(pc, &r, t->definition, &pc->st[ST_SMALL]);
		p.indent = -pc->st[ST_SMALL].size;
		pdf_para(pc, &r, &p);
		pdf_runs_free(&r);
		layout_struct_end(pc->L, DEV_S_NOTE, &sc->terms[i]);
	}
}

static int
clampi(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* The header row of a schedule: one column per fiscal year after the first skip columns. */
static void
year_head(struct pdf_ctx *pc, struct pdf_table *t, int skip, int from)
{
	struct pdf_cell *r = pdf_table_row(t);
	int y;

	for (y = skip; y < t->ncols; y++) {
		cell_text(&r[y], year_short(pc, from + y - skip), NULL);
		r[y].expansion = year_long(pc, from + y - skip);
		r[y].head = 1;
		r[y].nowrap = 1;
		r[y].align = LAYOUT_CENTER;
	}
	t->nhead = 1;
}

/*
 * One schedule row into the year slots r[0..ny): bars span their years
 * with their label and pattern; per-year cells hold their lines.
 */
static void
sched_row(struct pdf_ctx *pc, struct pdf_cell *r, const struct sched_row *s,
    int from, int ny, enum dev_hatch hatch)
{
	struct buf b = {0};
	int y, a, z;
	size_t k, l;

	for (y = 0; y < ny; y++) {
		cell_text(&r[y], NULL, s);
		r[y].phrase = 1;
	}
	if (s->is_cells) {
		for (k = 0; k < s->ncells; k++) {
			y = s->cells[k].year - from;
			if (y < 0 || y >= ny)
				continue;
			buf_reset(&b);
			for (l = 0; l < s->cells[k].nlines; l++)
				buf_printf(&b, "%s%s", l ? "\n" : "",
				    s->cells[k].lines[l]);
			r[y].text = arena_strdup(&pc->a, buf_str(&b));
			r[y].node = &s->cells[k];
		}
		buf_free(&b);
		return;
	}
	for (k = 0; k < s->nbars; k++) {
		a = clampi(s->bars[k].from - from, 0, ny - 1);
		z = clampi(s->bars[k].to - from, 0, ny - 1);
		if (r[a].colspan != 1 || r[a].bar) {
			/*
			 * Its first year is in a bar already (bars of one row
			 * that overlap): its label goes under that bar's, so
			 * that no text is lost.
			 */
			for (y = a; y > 0 && r[y].colspan < 1; y--)
				;
			if (s->bars[k].label != NULL && *s->bars[k].label != '\0')
				r[y].text = r[y].text != NULL && *r[y].text != '\0' ?
				    arena_printf(&pc->a, "%s\n%s", r[y].text,
				    s->bars[k].label) : s->bars[k].label;
			continue;
		}
		for (y = a + 1; y <= z; y++)
			if (r[y].colspan != 1 || r[y].bar)
				z = y - 1;
		r[a].colspan = z - a + 1;
		for (y = a + 1; y <= z; y++)
			r[y].colspan = 0;
		r[a].text = s->bars[k].label ? s->bars[k].label : "";
		r[a].bar = 1;
		r[a].hatch = hatch;
		r[a].align = LAYOUT_CENTER;
		r[a].node = &s->bars[k];
	}
	buf_free(&b);
}

/* The schedule: one column per fiscal year; bars span their years with their label. */
static void
schedule(struct pdf_ctx *pc, const struct project *p, int from, int to)
{
	struct pdf_table t;
	int ny = to - from + 1;
	size_t i;

	if (p->nschedule == 0 || ny <= 0)
		return;
	memset(&t, 0, sizeof(t));
	t.ncols = ny;
	t.node = p->schedule;
	t.caption = "スケジュール";
	t.equal_last = ny;
	year_head(pc, &t, 0, from);
	for (i = 0; i < p->nschedule; i++)
		sched_row(pc, pdf_table_row(&t), &p->schedule[i], from, ny,
		    DEV_HATCH_DIAG);
	pdf_table_emit(pc, &t);
	pdf_table_free(&t);
}

/*
 * The roadmap of a 重点事業: a Gantt chart of its members' schedules, one
 * column per fiscal year, the member's name over its rows. Each member's
 * bars carry their label as text and a pattern of their own, so the chart
 * reads without colour (JIS X 8341-3, WCAG 1.4.1).
 */
static void
roadmap(struct pdf_ctx *pc, const struct focus_area *f)
{
	static const enum dev_hatch pat[] = {
		DEV_HATCH_DIAG, DEV_HATCH_BACKDIAG, DEV_HATCH_CROSS,
		DEV_HATCH_HORIZ, DEV_HATCH_VERT
	};
	struct pdf_table t;
	struct pdf_cell *r;
	int from, to, ny, any = 0;
	size_t i, k, nrow;

	for (i = 0; i < f->nmembers; i++)
		any += f->members[i]->nschedule > 0;
	from = f->year_from;
	to = f->year_to;
	ny = to - from + 1;
	if (!any || from <= 0 || ny <= 0)
		return;
	memset(&t, 0, sizeof(t));
	t.ncols = 1 + ny;
	t.node = f->members;
	t.caption = "ロードマップ";
	t.equal_last = ny;
	/* the names read on a few lines, not one word a line */
	t.minw = ARENA_NEWN(&pc->a, int32_t, t.ncols);
	t.minw[0] = 14 * pc->st[ST_TABLE].size;
	year_head(pc, &t, 1, from);
	cell_text(&t.cells[0], L_PROJECT(pc), NULL);
	t.cells[0].head = 1;
	t.cells[0].align = LAYOUT_CENTER;
	for (i = 0; i < f->nmembers; i++) {
		const struct project *m = f->members[i];

		nrow = m->nschedule > 0 ? m->nschedule : 1;
		for (k = 0; k < nrow; k++) {
			r = pdf_table_row(&t);
			if (k < m->nschedule)
				sched_row(pc, r + 1, &m->schedule[k], from, ny,
				    pat[i % KK_ARRAY_LEN(pat)]);
			else
				for (int y = 1; y <= ny; y++)
					cell_text(&r[y], NULL, m);
			if (k > 0)
				continue;	/* covered by the name above */
			cell_text(&r[0], arena_printf(&pc->a, "%s　%s",
			    m->id ? m->id : "", m->c.title), m);
			r[0].head = 1;
			r[0].rowspan = (int)nrow;
			r[0].link = m->c.anchor;
		}
	}
	pdf_table_emit(pc, &t);
	pdf_table_free(&t);
}

static const char *
value_text(const struct value *v)
{
	return v->display != NULL ? v->display : v->text != NULL ? v->text : "";
}

static const char *
kind_label(struct pdf_ctx *pc, enum ind_kind k)
{
	const struct labels *lb = &pc->pl->labels;

	if (k == IND_OUTCOME)
		return lb->outcome ? lb->outcome : "成果（アウトカム）";
	if (k == IND_OUTPUT)
		return lb->output ? lb->output : "実績（アウトプット）";
	return "指標";
}

static void
indicators(struct pdf_ctx *pc, const struct project *p, int from, int to)
{
	struct pdf_table t;
	struct pdf_cell *r;
	int ny = to - from + 1, y, a, z;
	size_t i, k;

	if (p->nindicators == 0 || ny <= 0)
		return;
	memset(&t, 0, sizeof(t));
	t.ncols = 2 + ny;
	t.node = p->indicators;
	t.caption = "指標";
	t.equal_last = ny;
	r = pdf_table_row(&t);
	cell_text(&r[0], "区分", NULL);
	cell_text(&r[1], "指標名", NULL);
	for (y = 0; y < ny; y++) {
		cell_text(&r[2 + y], year_short(pc, from + y), NULL);
		r[2 + y].expansion = year_long(pc, from + y);
		r[2 + y].nowrap = 1;
	}
	for (y = 0; y < t.ncols; y++) {
		r[y].head = 1;
		r[y].align = LAYOUT_CENTER;
	}
	t.nhead = 1;
	for (i = 0; i < p->nindicators; i++) {
		const struct indicator *in = &p->indicators[i];

		r = pdf_table_row(&t);
		cell_text(&r[0], kind_label(pc, in->kind), in);
		r[0].head = 1;
		cell_text(&r[1], in->name == NULL ? "" : in->unit == NULL ?
		    in->name : arena_printf(&pc->a, "%s（%s）", in->name,
		    in->unit), in);
		r[1].rowhead = 1;	/* the values' header with the year (/Headers) */
		for (y = 0; y < ny; y++) {
			cell_text(&r[2 + y], NULL, in);
			r[2 + y].align = LAYOUT_RIGHT;
		}
		if (in->has_all) {
			r[2].colspan = ny;
			r[2].text = value_text(&in->all);
			r[2].align = LAYOUT_CENTER;
			for (y = 1; y < ny; y++)
				r[2 + y].colspan = 0;
		} else if (in->has_pending) {
			a = clampi(in->pending.from - from, 0, ny - 1);
			z = clampi(in->pending.to - from, 0, ny - 1);
			if (in->pending.from == 0)
				a = 0;
			if (in->pending.to == 0)
				z = ny - 1;
			r[2 + a].colspan = z - a + 1;
			r[2 + a].text = in->pending.text;
			r[2 + a].align = LAYOUT_CENTER;
			for (y = a + 1; y <= z; y++)
				r[2 + y].colspan = 0;
		}
		for (k = 0; k < in->ntargets; k++) {
			y = in->targets[k].year - from;
			if (y < 0 || y >= ny || r[2 + y].colspan != 1 ||
			    r[2 + y].text != NULL)
				continue;
			r[2 + y].text = value_text(&in->targets[k].value);
			r[2 + y].nowrap = 1;
		}
	}
	pdf_table_emit(pc, &t);
	pdf_table_free(&t);
}

static void
sheet_begin(struct pdf_ctx *pc, const struct sheet_common *sc, const char *id,
    const char *title, int relisted, int level)
{
	pc->running = title;
	pc->page_anchor = sc->anchor;
	pc->cont_band = NULL;
	if (!relisted)
		pdf_dest(pc, sc->anchor);
	band(pc, id, relisted ? arena_printf(&pc->a, "【再掲】%s", title) :
	    title, sc, level == 1 ? DEV_S_H1 : DEV_S_H2);
	if (!relisted)
		pdf_outline(pc, level, arena_printf(&pc->a, "%s　%s",
		    id ? id : "", title), sc->anchor);
	pc->cont_band = arena_printf(&pc->a, "%s　%s", id ? id : "", title);
}

static void
sheet_end(struct pdf_ctx *pc, const struct sheet_common *sc)
{
	notes(pc, sc);
	pdf_footnotes(pc, &sc->body.doc);
	pc->cont_band = NULL;
	pc->page_anchor = NULL;
}

void
pdf_project(struct pdf_ctx *pc, const struct project *p, int relisted)
{
	layout_page_break(pc->L);
	pc->running = p->c.title;
	layout_struct_begin(pc->L, DEV_S_SECT, p);
	sheet_begin(pc, &p->c, p->id, p->c.title, relisted, 2);
	facts(pc, &p->c, word_status(p->status));
	if (relisted && pdf_dest_known(pc, p->c.anchor)) {
		/* 【再掲】: a pointer to the full sheet, linked to it */
		struct layout_para lp = pdf_para_defaults(pc, ST_BODY);
		struct pdf_runs r;

		memset(&r, 0, sizeof(r));
		pdf_runs_add(pc, &r, arena_printf(&pc->a, "この事業は%sの%s"
		    "として", p->focus ? p->focus->id : L_FOCUS(pc),
		    L_PROJECT(pc)),
		    &pc->st[ST_BODY], p);
		pdf_runs_add(pc, &r, arena_printf(&pc->a, "%dページ",
		    pdf_dest_page(pc, p->c.anchor)), pdf_linked(pc,
		    &pc->st[ST_BODY], p->c.anchor, NULL), p);
		pdf_runs_add(pc, &r, "に掲載しています。", &pc->st[ST_BODY], p);
		lp.indent = 0;
		lp.align = LAYOUT_LEFT;
		lp.node = p;
		pdf_para(pc, &r, &lp);
		pdf_runs_free(&r);
	} else if (relisted) {
		pdf_text_para(pc, arena_printf(&pc->a, "この事業は%sの%sとして"
		    "掲載しています。", L_FOCUS(pc), L_PROJECT(pc)),
		    ST_BODY, DEV_S_P, p, 0);
	} else {
		intro(pc, &p->c.body);
		sections(pc, &p->c.body);
		schedule(pc, p, p->year_from, p->year_to);
		indicators(pc, p, p->year_from, p->year_to);
	}
	sheet_end(pc, &p->c);
	layout_struct_end(pc->L, DEV_S_SECT, p);
}

void
pdf_focus(struct pdf_ctx *pc, const struct focus_area *f)
{
	layout_page_break(pc->L);
	pc->running = f->c.title;
	layout_struct_begin(pc->L, DEV_S_SECT, f);
	sheet_begin(pc, &f->c, f->id, f->c.title, 0, 1);
	facts(pc, &f->c, NULL);
	intro(pc, &f->c.body);
	sections(pc, &f->c.body);
	if (f->nmembers > 0) {
		pdf_gtable(pc, f->table);
		roadmap(pc, f);
	}
	sheet_end(pc, &f->c);
	layout_struct_end(pc->L, DEV_S_SECT, f);
}

void
pdf_group(struct pdf_ctx *pc, const struct vol_item *it)
{
	const struct pillar *p = it->pillar;
	const struct category *c = it->category;
	const char *a, *title;

	if (p == NULL)
		return;
	if (c == NULL) {
		layout_page_break(pc->L);
		title = arena_printf(&pc->a, "%s%s　%s",
		    pc->pl->labels.pillar ? pc->pl->labels.pillar : "",
		    p->number ? p->number : "", p->title);
		pc->running = title;
		a = p->anchor;
		pdf_dest(pc, a);
		pdf_text_para(pc, title, ST_H1, DEV_S_H1, p, 12000);
		pdf_outline(pc, 1, title, a);
		if (p->ncategories > 0)
			return;
	} else {
		title = c->title;
		a = c->anchor;
		pdf_dest(pc, a);
		pdf_text_para(pc, title, ST_H2, DEV_S_H2, c, 6000);
		pdf_outline(pc, 1, title, a);
	}
	pdf_gtable(pc, c != NULL ? c->table : p->table);
}

/* ------------------------------------------------------------------ */
/* 用語集                                                             */
/* ------------------------------------------------------------------ */

static int
marker_of(const struct volume *v, const struct term *t)
{
	size_t i;

	for (i = 0; i < v->nterms; i++)
		if (v->terms[i] == t)
			return (int)i + 1;
	return 0;
}

/*
 * The entries of the 用語集; with rows (the volume's 用語集 in reading
 * order, as the site's page) under a heading per 五十音 row (term.row).
 */
static void
terms(struct pdf_ctx *pc, int rows)
{
	const struct build *b = pc->b;
	struct layout_para p;
	struct pdf_runs r;
	size_t i;
	int n, row = -1;

	for (i = 0; i < b->nterms; i++) {
		const struct term *t = b->terms_sorted ? b->terms_sorted[i] :
		    &b->terms[i];

		if (t->uses == 0 && !t->listed)
			continue;
		if (rows && (int)t->row != row) {
			const char *dest = arena_printf(&pc->a, "kana-%s",
			    kana_row_key(t->row));

			row = (int)t->row;
			layout_space(pc->L, pc->st[ST_H2].size);
			pdf_dest(pc, dest);
			/* The row's heading: its node is the row of its first term. */
			pdf_text_para(pc, word_kana_row(t->row), ST_H2, DEV_S_H2,
			    &t->row, pc->st[ST_H2].size / 2);
			pdf_outline(pc, 2, word_kana_row(t->row), dest);
		}
		pdf_dest(pc, t->anchor);
		/*
		 * An entry a ※n marker of the volume refers to (its Reference
		 * links here) is a Note, as a footnote is (PDF/UA-1 §7.9).
		 */
		n = marker_of(pc->vol, t);
		if (n > 0)
			layout_struct_begin(pc->L, DEV_S_NOTE, t->anchor);
		memset(&r, 0, sizeof(r));
		p = pdf_para_defaults(pc, ST_BOLD);
		p.indent = 0;
		p.align = LAYOUT_LEFT;
		p.keep_after = 2 * pc->st[ST_BODY].size;
		p.space_before = 4000;
		p.space_after = 1000;
		p.stype = DEV_S_P;
		p.node = t;
		pdf_runs_add(pc, &r, t->term, &pc->st[ST_BOLD], t);
		if (t->ja != NULL)
			pdf_runs_add(pc, &r, arena_printf(&pc->a, "（%s）", t->ja),
			    &pc->st[ST_BOLD], t);
		if (t->expansion != NULL) {
			pdf_runs_add(pc, &r, "　", &pc->st[ST_GOTHIC], t);
			/* An English expansion is read in English (PDF/UA-1 §7.2). */
			if (t->expansion_lang != NULL)
				r.tag = pdf_tag(pc, DEV_S_SPAN, t->expansion,
				    DEV_A_LANG, t->expansion_lang, NULL);
			pdf_runs_add(pc, &r, t->expansion, &pc->st[ST_GOTHIC], t);
			r.tag = NULL;
		}
		if (n > 0)
			pdf_runs_add(pc, &r, arena_printf(&pc->a, "　（%s）",
			    pdf_marker_text(pc, n)),
			    &pc->st[ST_SMALL], t);
		pdf_para(pc, &r, &p);
		pdf_runs_free(&r);
		memset(&r, 0, sizeof(r));
		p = pdf_para_defaults(pc, ST_BODY);
		p.left = pc->st[ST_BODY].size;
		p.indent = 0;
		p.node = t->definition;
		pdf_runs_inlines(pc, &r, t->definition, &pc->st[ST_BODY]);
		if (t->trademark != NULL) {
			pdf_runs_add(pc, &r, "　", &pc->st[ST_BODY], t);
			pdf_runs_add(pc, &r, t->trademark, &pc->st[ST_SMALL], t);
		}
		pdf_para(pc, &r, &p);
		pdf_runs_free(&r);
		if (n > 0)
			layout_struct_end(pc->L, DEV_S_NOTE, t->anchor);
	}
}

void
pdf_glossary(struct pdf_ctx *pc)
{
	const char *title = pc->pl->glossary_title ? pc->pl->glossary_title :
	    "用語集";

	layout_page_break(pc->L);
	pc->running = title;
	pdf_dest(pc, "glossary");
	pdf_text_para(pc, title, ST_H1, DEV_S_H1, pc->b->terms, 12000);
	pdf_outline(pc, 1, title, "glossary");
	terms(pc, pc->pl->glossary_by_reading);
}

/* ------------------------------------------------------------------ */
/* Generated blocks                                                   */
/* ------------------------------------------------------------------ */

void
pdf_generated(struct pdf_ctx *pc, const struct generated *g)
{
	switch (g->kind) {
	case GEN_TAXONOMY:
		pdf_taxonomy(pc);
		break;
	case GEN_GLOSSARY:
		terms(pc, 0);
		break;
	default:
		pdf_gtable(pc, g->table);
		break;
	}
}
