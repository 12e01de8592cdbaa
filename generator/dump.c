/*
 * dump.c: the resolved model as text (dump.h), for golden tests and for
 * users who want to see what keikaku understood.
 *
 * One node per line, two spaces of indentation per level. A line starts
 * with the node's kind and continues with name-value pairs; strings are
 * quoted with C escapes (\" \\ \n \t \r, \xHH for other control bytes;
 * UTF-8 text is written as is, so Japanese stays readable); an absent
 * string is written null. A record's source position ends its line as
 * @file:line:col. References to other records are written by key or id,
 * never by address, and every list is in model order, so the same model
 * always gives the same bytes.
 */
#include <string.h>

#include "dump.h"
#include "gentab.h"
#include "words.h"

struct dumper {
	struct buf	*out;
};

static void
ind(struct dumper *d, int depth)
{
	int i;

	for (i = 0; i < depth; i++)
		buf_puts(d->out, "  ");
}

static void
q(struct dumper *d, const char *s)
{
	const unsigned char *p;

	if (s == NULL) {
		buf_puts(d->out, "null");
		return;
	}
	buf_putc(d->out, '"');
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		switch (*p) {
		case '"':
			buf_puts(d->out, "\\\"");
			break;
		case '\\':
			buf_puts(d->out, "\\\\");
			break;
		case '\n':
			buf_puts(d->out, "\\n");
			break;
		case '\t':
			buf_puts(d->out, "\\t");
			break;
		case '\r':
			buf_puts(d->out, "\\r");
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				buf_printf(d->out, "\\x%02x", *p);
			else
				buf_putc(d->out, *p);
		}
	}
	buf_putc(d->out, '"');
}

/* " name value" with the value quoted. */
static void
kv(struct dumper *d, const char *name, const char *s)
{
	buf_printf(d->out, " %s ", name);
	q(d, s);
}

/* " name value" only when the string is present. */
static void
kvo(struct dumper *d, const char *name, const char *s)
{
	if (s != NULL)
		kv(d, name, s);
}

static void
ki(struct dumper *d, const char *name, long long v)
{
	buf_printf(d->out, " %s %lld", name, v);
}

static void
sp(struct dumper *d, const struct span *s)
{
	if (s == NULL || s->file == NULL)
		return;
	buf_printf(d->out, " @%s:%d:%d", s->file, s->line, s->col);
}

static void
nl(struct dumper *d)
{
	buf_putc(d->out, '\n');
}

static void
date(struct dumper *d, const char *name, const struct kdate *k)
{
	buf_printf(d->out, " %s %04d-%02d-%02d", name, k->year, k->month,
	    k->day);
}

static void
strlist(struct dumper *d, const char *name, char *const *v, size_t n)
{
	size_t i;

	if (name != NULL)
		buf_printf(d->out, " %s", name);
	buf_puts(d->out, " [");
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_puts(d->out, ", ");
		q(d, v[i]);
	}
	buf_puts(d->out, "]");
}

/* ------------------------------------------------------------------ */
/* Markdown                                                             */
/* ------------------------------------------------------------------ */

static const char *
inline_name(enum inline_type t)
{
	switch (t) {
	case INL_TEXT:		return "text";
	case INL_CODE:		return "code";
	case INL_BREAK:		return "break";
	case INL_EMPH:		return "emph";
	case INL_STRONG:	return "strong";
	case INL_STRIKE:	return "strike";
	case INL_LINK:		return "link";
	case INL_IMAGE:		return "image";
	case INL_FOOTREF:	return "footref";
	case INL_GLOSS:		return "gloss";
	case INL_LANG:		return "lang";
	case INL_FIELD:		return "field";
	}
	return "?";
}

static const char *
xref_name(enum xref_kind k)
{
	switch (k) {
	case XR_CHAPTER:	return "chapter";
	case XR_FOCUS:		return "focus_area";
	case XR_PROJECT:	return "project";
	case XR_HEADING:	return "heading";
	case XR_FIGURE:		return "figure";
	case XR_TABLE:		return "table";
	}
	return "?";
}

/* A resolved cross-reference: what, where, and the text it prints. */
static void
dump_xref(struct dumper *d, const struct xref *r)
{
	kv(d, "ref", xref_name(r->kind));
	kv(d, "file", r->path);
	kv(d, "text", r->text);
	kv(d, "page", r->url);
	kvo(d, "anchor", r->anchor);
	kvo(d, "dest", r->dest);
	kvo(d, "volume", r->volume != NULL ? r->volume->key : NULL);
	kvo(d, "where", r->where);
}

static void
dump_inlines(struct dumper *d, const struct inline_node *in, int depth)
{
	for (; in != NULL; in = in->next) {
		ind(d, depth);
		buf_puts(d->out, inline_name(in->type));
		switch (in->type) {
		case INL_TEXT:
		case INL_CODE:
			buf_putc(d->out, ' ');
			q(d, in->text);
			break;
		case INL_BREAK:
		case INL_EMPH:
		case INL_STRONG:
		case INL_STRIKE:
			break;
		case INL_LINK:
			kv(d, "url", in->url);
			kvo(d, "title", in->title);
			if (in->xref != NULL)
				dump_xref(d, in->xref);
			break;
		case INL_IMAGE:
			kv(d, "url", in->url);
			kv(d, "alt", in->text);
			kvo(d, "title", in->title);
			break;
		case INL_FOOTREF:
			kv(d, "label", in->key);
			ki(d, "number", in->footnote ? in->footnote->number : 0);
			kvo(d, "anchor", in->footnote ? in->footnote->anchor :
			    NULL);
			sp(d, &in->span);
			break;
		case INL_GLOSS:
			kv(d, "key", in->key);
			kv(d, "term", in->term ? in->term->term : NULL);
			ki(d, "marker", in->gloss_marker);
			sp(d, &in->span);
			break;
		case INL_LANG:
			kv(d, "lang", in->key);
			break;
		case INL_FIELD:
			kv(d, "name", in->key);
			kvo(d, "args", in->args);
			kv(d, "text", in->text);
			kvo(d, "expansion", in->expansion);
			sp(d, &in->span);
			break;
		}
		nl(d);
		if (in->children != NULL)
			dump_inlines(d, in->children, depth + 1);
	}
}

static const char *
gen_name(enum gen_kind k)
{
	switch (k) {
	case GEN_PROJECTS:	return "projects";
	case GEN_FOCUS_AREAS:	return "focus_areas";
	case GEN_TAXONOMY:	return "taxonomy";
	case GEN_COMMON_ITEMS:	return "common_items";
	case GEN_INDICATORS:	return "indicators";
	case GEN_REGISTER:	return "register";
	case GEN_DEPARTMENTS:	return "departments";
	case GEN_HISTORY:	return "history";
	case GEN_GLOSSARY:	return "glossary";
	}
	return "?";
}

static const char *
align_name(enum align a)
{
	switch (a) {
	case ALIGN_NONE:	return "none";
	case ALIGN_LEFT:	return "left";
	case ALIGN_CENTER:	return "center";
	case ALIGN_RIGHT:	return "right";
	}
	return "?";
}

/* A list of projects by printed id and key: "①-1 key, 1-2 key". */
static void
project_refs(struct dumper *d, struct project *const *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		buf_puts(d->out, i ? ", " : " ");
		buf_printf(d->out, "%s %s", v[i]->id ? v[i]->id : "-",
		    v[i]->c.key ? v[i]->c.key : "-");
	}
}

static void dump_blocks(struct dumper *, const struct block *, int);

static void
dump_table(struct dumper *d, const struct table *t, int depth)
{
	int r, c;

	if (t->caption != NULL) {
		ind(d, depth + 1);
		buf_puts(d->out, "caption");
		sp(d, &t->caption_span);
		nl(d);
		dump_inlines(d, t->caption, depth + 2);
	}
	if (t->align != NULL) {
		ind(d, depth + 1);
		buf_puts(d->out, "align");
		for (c = 0; c < t->ncols; c++)
			buf_printf(d->out, " %s", align_name(t->align[c]));
		nl(d);
	}
	for (r = 0; t->cells != NULL && r < t->nrows; r++)
		for (c = 0; c < t->ncols; c++) {
			const struct cell *ce = &t->cells[r * t->ncols + c];

			ind(d, depth + 1);
			buf_printf(d->out, "cell %d %d", r, c);
			if (ce->merged)
				buf_puts(d->out, " merged");
			if (ce->rowspan > 1)
				ki(d, "rowspan", ce->rowspan);
			if (ce->colspan > 1)
				ki(d, "colspan", ce->colspan);
			sp(d, &ce->span);
			nl(d);
			dump_inlines(d, ce->inlines, depth + 2);
		}
}

static void
dump_block(struct dumper *d, const struct block *bl, int depth)
{
	ind(d, depth);
	switch (bl->type) {
	case BLK_PARA:
		buf_puts(d->out, "para");
		break;
	case BLK_HEADING:
		buf_puts(d->out, "heading");
		ki(d, "level", bl->level);
		if (!bl->numbered)
			buf_puts(d->out, " unnumbered");
		kvo(d, "number", bl->number);
		kv(d, "anchor", bl->anchor);
		break;
	case BLK_LIST:
		buf_puts(d->out, bl->ordered ? "list ordered" : "list bullet");
		if (bl->ordered)
			ki(d, "start", bl->start);
		buf_puts(d->out, bl->tight ? " tight" : " loose");
		break;
	case BLK_ITEM:
		buf_puts(d->out, "item");
		break;
	case BLK_QUOTE:
		buf_puts(d->out, "quote");
		break;
	case BLK_NOTE:
		buf_puts(d->out, "note");
		break;
	case BLK_COLUMN:
		buf_puts(d->out, "column");
		break;
	case BLK_CODE:
		buf_puts(d->out, "code");
		kvo(d, "info", bl->info);
		kv(d, "text", bl->text);
		break;
	case BLK_HR:
		buf_puts(d->out, "hr");
		break;
	case BLK_TABLE:
		buf_puts(d->out, "table");
		if (bl->table != NULL) {
			ki(d, "rows", bl->table->nrows);
			ki(d, "cols", bl->table->ncols);
			ki(d, "head", bl->table->nhead);
			kvo(d, "number", bl->table->number);
			kv(d, "anchor", bl->table->anchor);
			kvo(d, "key", bl->table->key);
		}
		break;
	case BLK_FIGURE:
		buf_puts(d->out, "figure");
		if (bl->figure != NULL) {
			const struct figure *f = bl->figure;

			kv(d, "src", f->src);
			kv(d, "alt", f->alt);
			if (f->decorative)
				buf_puts(d->out, " decorative");
			kvo(d, "title", f->title);
			kvo(d, "number", f->number);
			kv(d, "anchor", f->anchor);
			if (f->width_px > 0 || f->height_px > 0)
				buf_printf(d->out, " size %dx%d", f->width_px,
				    f->height_px);
		}
		break;
	case BLK_GENERATED:
		buf_puts(d->out, "generated");
		if (bl->gen != NULL)
			buf_printf(d->out, " %s", gen_name(bl->gen->kind));
		break;
	}
	sp(d, &bl->span);
	nl(d);
	switch (bl->type) {
	case BLK_PARA:
	case BLK_HEADING:
		dump_inlines(d, bl->inlines, depth + 1);
		break;
	case BLK_COLUMN:
		ind(d, depth + 1);
		buf_puts(d->out, "title");
		nl(d);
		dump_inlines(d, bl->inlines, depth + 2);
		dump_blocks(d, bl->children, depth + 1);
		break;
	case BLK_LIST:
	case BLK_ITEM:
	case BLK_QUOTE:
	case BLK_NOTE:
		dump_blocks(d, bl->children, depth + 1);
		break;
	case BLK_TABLE:
		if (bl->table != NULL)
			dump_table(d, bl->table, depth);
		break;
	case BLK_FIGURE:
		if (bl->figure != NULL && bl->figure->notes != NULL) {
			ind(d, depth + 1);
			buf_puts(d->out, "notes");
			nl(d);
			dump_blocks(d, bl->figure->notes, depth + 2);
		}
		break;
	case BLK_GENERATED:
		if (bl->gen != NULL && bl->gen->arg_name != NULL) {
			ind(d, depth + 1);
			buf_printf(d->out, "arg %s", bl->gen->arg_name);
			kv(d, "value", bl->gen->arg_value);
			sp(d, &bl->gen->arg_span);
			nl(d);
		}
		if (bl->gen != NULL && bl->gen->kind == GEN_PROJECTS) {
			ind(d, depth + 1);
			buf_puts(d->out, "projects");
			project_refs(d, bl->gen->projects, bl->gen->nprojects);
			nl(d);
		}
		if (bl->gen != NULL) {
			const struct gtable *t;

			for (t = bl->gen->table; t != NULL; t = t->next) {
				ind(d, depth + 1);
				buf_puts(d->out, "table");
				kv(d, "caption", t->caption);
				nl(d);
			}
		}
		break;
	default:
		break;
	}
}

static void
dump_blocks(struct dumper *d, const struct block *bl, int depth)
{
	for (; bl != NULL; bl = bl->next)
		dump_block(d, bl, depth);
}

static void
dump_doc(struct dumper *d, const struct doc *doc, int depth)
{
	const struct footnote *fn;

	ind(d, depth);
	buf_puts(d->out, "doc");
	nl(d);
	dump_blocks(d, doc->blocks, depth + 1);
	for (fn = doc->footnotes; fn != NULL; fn = fn->next) {
		ind(d, depth + 1);
		buf_puts(d->out, "footnote");
		kv(d, "label", fn->label);
		ki(d, "number", fn->number);
		kvo(d, "anchor", fn->anchor);
		sp(d, &fn->span);
		nl(d);
		dump_blocks(d, fn->blocks, depth + 2);
	}
}

/* ------------------------------------------------------------------ */
/* Records                                                              */
/* ------------------------------------------------------------------ */

static void
dump_dept_list(struct dumper *d, const struct dept_list *l, int depth)
{
	size_t i;

	ind(d, depth);
	buf_puts(d->out, "departments");
	if (l->etc)
		buf_puts(d->out, " etc");
	nl(d);
	for (i = 0; i < l->n; i++) {
		ind(d, depth + 1);
		buf_puts(d->out, "dept");
		kv(d, "written", l->v[i].written);
		kv(d, "key", l->v[i].dept ? l->v[i].dept->key : NULL);
		kv(d, "name", l->v[i].dept ? l->v[i].dept->name : NULL);
		sp(d, &l->v[i].span);
		nl(d);
	}
}

static const char *
relation_name(enum relation r)
{
	switch (r) {
	case REL_CONTINUED:	return "continued";
	case REL_RENAMED:	return "renamed";
	case REL_MERGED:	return "merged";
	case REL_SPLIT:		return "split";
	case REL_ABSORBED:	return "absorbed";
	}
	return "?";
}

static const char *
status_name(enum status s)
{
	switch (s) {
	case STATUS_NONE:	return "none";
	case STATUS_NEW:	return "new";
	case STATUS_CONTINUED:	return "continued";
	case STATUS_RENAMED:	return "renamed";
	case STATUS_MERGED:	return "merged";
	case STATUS_ENDED:	return "ended";
	}
	return "?";
}

static const char *
role_name(enum sec_role r)
{
	switch (r) {
	case SEC_OTHER:		return "other";
	case SEC_CURRENT:	return "current";
	case SEC_IDEAL:		return "ideal";
	case SEC_ACTIONS:	return "actions";
	}
	return "?";
}

static void
dump_common(struct dumper *d, const struct sheet_common *c, int depth)
{
	size_t i;

	ind(d, depth);
	buf_puts(d->out, "file");
	buf_putc(d->out, ' ');
	q(d, c->file);
	kv(d, "url", c->url);
	kv(d, "anchor", c->anchor);
	sp(d, &c->span);
	nl(d);
	ind(d, depth);
	buf_puts(d->out, "title ");
	q(d, c->title);
	kvo(d, "short", c->short_title);
	nl(d);
	if (c->summary != NULL) {
		ind(d, depth);
		buf_puts(d->out, "summary ");
		q(d, c->summary);
		nl(d);
	}
	dump_dept_list(d, &c->departments, depth);
	for (i = 0; i < c->npreds; i++) {
		const struct pred_link *p = &c->preds[i];

		ind(d, depth);
		buf_puts(d->out, "predecessor");
		kv(d, "id", p->id);
		buf_printf(d->out, " %s", relation_name(p->relation));
		buf_puts(d->out, p->entry ? " found" : " unresolved");
		sp(d, &p->span);
		nl(d);
	}
	for (i = 0; i < c->nterms; i++) {
		ind(d, depth);
		buf_puts(d->out, "note-term");
		kv(d, "key", c->terms[i].key);
		kv(d, "term", c->terms[i].term ? c->terms[i].term->term : NULL);
		sp(d, &c->terms[i].span);
		nl(d);
	}
	if (c->nnotes > 0) {
		ind(d, depth);
		buf_puts(d->out, "notes");
		strlist(d, NULL, c->notes, c->nnotes);
		nl(d);
	}
	ind(d, depth);
	buf_puts(d->out, "body");
	buf_puts(d->out, c->body.lead ? " lead" : " no-lead");
	ki(d, "sections", (long long)c->body.nsections);
	nl(d);
	for (i = 0; i < c->body.nsections; i++) {
		const struct section *s = &c->body.sections[i];
		const struct block *bl;
		int n = 0;

		for (bl = s->blocks; bl != NULL; bl = bl->next)
			n++;
		ind(d, depth + 1);
		buf_printf(d->out, "section %s", role_name(s->role));
		kv(d, "anchor", s->heading ? s->heading->anchor : NULL);
		ki(d, "blocks", n);
		sp(d, &s->span);
		nl(d);
		dump_inlines(d, s->title, depth + 2);
	}
	dump_doc(d, &c->body.doc, depth);
}

static void
dump_value(struct dumper *d, const struct value *v)
{
	buf_puts(d->out, v->is_number ? " number " : v->is_dash ? " dash " :
	    " string ");
	q(d, v->text);
	kv(d, "display", v->display);
	sp(d, &v->span);
}

static const char *
kind_name(enum ind_kind k)
{
	switch (k) {
	case IND_OUTCOME:	return "outcome";
	case IND_OUTPUT:	return "output";
	case IND_KPI:		return "kpi";
	}
	return "?";
}

static void
dump_project(struct dumper *d, const struct project *p, int depth)
{
	size_t i, j;

	ind(d, depth);
	buf_puts(d->out, "project");
	kv(d, "key", p->c.key);
	kv(d, "id", p->id);
	kvo(d, "id_focus", p->id_focus);
	kvo(d, "id_pillar", p->id_pillar);
	if (p->focus != NULL) {
		kv(d, "focus", p->focus->c.key);
		ki(d, "n_focus", p->n_focus);
	}
	if (p->pillar != NULL) {
		kv(d, "pillar", p->pillar->id);
		ki(d, "n_pillar", p->n_pillar);
	}
	if (p->category != NULL)
		kv(d, "category", p->category->key);
	if (p->number > 0)
		ki(d, "pinned", p->number);
	buf_printf(d->out, " status %s", status_name(p->status));
	kvo(d, "status_note", p->status_note);
	ki(d, "order", (long long)p->order);
	if (p->year_from > 0)
		buf_printf(d->out, " years %d-%d", p->year_from, p->year_to);
	sp(d, &p->c.key_span);
	nl(d);
	dump_common(d, &p->c, depth + 1);
	for (i = 0; i < p->nschedule; i++) {
		const struct sched_row *r = &p->schedule[i];

		ind(d, depth + 1);
		buf_puts(d->out, r->is_cells ? "schedule cells" : "schedule bars");
		sp(d, &r->span);
		nl(d);
		for (j = 0; j < r->nbars; j++) {
			ind(d, depth + 2);
			buf_printf(d->out, "bar %d..%d", r->bars[j].from,
			    r->bars[j].to);
			buf_putc(d->out, ' ');
			q(d, r->bars[j].label);
			sp(d, &r->bars[j].span);
			nl(d);
		}
		for (j = 0; j < r->ncells; j++) {
			ind(d, depth + 2);
			buf_printf(d->out, "cell %d", r->cells[j].year);
			strlist(d, "lines", r->cells[j].lines, r->cells[j].nlines);
			sp(d, &r->cells[j].span);
			nl(d);
		}
	}
	for (i = 0; i < p->nindicators; i++) {
		const struct indicator *in = &p->indicators[i];

		ind(d, depth + 1);
		buf_printf(d->out, "indicator %s", kind_name(in->kind));
		kvo(d, "group", in->group);
		kv(d, "name", in->name);
		kvo(d, "unit", in->unit);
		if (in->merge)
			buf_puts(d->out, " merge");
		if (in->covered)
			buf_puts(d->out, " covered");
		sp(d, &in->span);
		nl(d);
		for (j = 0; j < in->ntargets; j++) {
			ind(d, depth + 2);
			buf_printf(d->out, "target %d", in->targets[j].year);
			dump_value(d, &in->targets[j].value);
			nl(d);
		}
		if (in->has_all) {
			ind(d, depth + 2);
			buf_puts(d->out, "all");
			dump_value(d, &in->all);
			nl(d);
		}
		if (in->has_pending) {
			ind(d, depth + 2);
			buf_printf(d->out, "pending %d..%d rows %d ",
			    in->pending.from, in->pending.to, in->pending.rows);
			q(d, in->pending.text);
			sp(d, &in->pending.span);
			nl(d);
		}
	}
}

static void
dump_focus(struct dumper *d, const struct focus_area *f, int depth)
{
	ind(d, depth);
	buf_puts(d->out, "focus_area");
	kv(d, "key", f->c.key);
	ki(d, "n", f->n);
	kv(d, "id", f->id);
	kv(d, "goal", f->goal ? f->goal->id : NULL);
	if (f->year_from > 0)
		buf_printf(d->out, " years %d-%d", f->year_from, f->year_to);
	sp(d, &f->c.key_span);
	nl(d);
	ind(d, depth + 1);
	buf_puts(d->out, "members");
	project_refs(d, f->members, f->nmembers);
	nl(d);
	if (f->nov_output > 0 || f->nov_outcome > 0) {
		ind(d, depth + 1);
		buf_puts(d->out, "overview");
		strlist(d, "output", f->ov_output, f->nov_output);
		strlist(d, "outcome", f->ov_outcome, f->nov_outcome);
		nl(d);
	}
	dump_common(d, &f->c, depth + 1);
}

static void
dump_chapter(struct dumper *d, const struct chapter *ch, int depth)
{
	ind(d, depth);
	buf_puts(d->out, "chapter");
	kv(d, "key", ch->key);
	kv(d, "file", ch->file);
	if (ch->appendix)
		buf_puts(d->out, " appendix");
	if (!ch->numbered)
		buf_puts(d->out, " unnumbered");
	ki(d, "n", ch->n);
	kvo(d, "number", ch->number);
	kv(d, "volume", ch->volume ? ch->volume->key : NULL);
	kv(d, "url", ch->url);
	kv(d, "anchor", ch->anchor);
	sp(d, &ch->span);
	nl(d);
	ind(d, depth + 1);
	buf_puts(d->out, "title ");
	q(d, ch->title);
	kvo(d, "short", ch->short_title);
	nl(d);
	if (ch->signature.present) {
		ind(d, depth + 1);
		buf_puts(d->out, "signature");
		if (ch->signature.has_date)
			date(d, "date", &ch->signature.date);
		kv(d, "title", ch->signature.title);
		kv(d, "name", ch->signature.name);
		sp(d, &ch->signature.span);
		nl(d);
	}
	dump_doc(d, &ch->doc, depth + 1);
}

/* ------------------------------------------------------------------ */
/* plan.yaml                                                            */
/* ------------------------------------------------------------------ */

static const char *
plan_status_name(enum plan_status s)
{
	switch (s) {
	case PLAN_DRAFT:		return "draft";
	case PLAN_PUBLIC_COMMENT:	return "public_comment";
	case PLAN_COUNCIL:		return "council";
	case PLAN_FINAL:		return "final";
	}
	return "?";
}

static void
dump_plan(struct dumper *d, const struct build *b)
{
	const struct plan *p = &b->plan;
	const struct numbering *nb = &p->numbering;
	const struct labels *lb = &p->labels;
	size_t i;

	buf_puts(d->out, "plan");
	kv(d, "key", p->key);
	kv(d, "title", p->title);
	buf_printf(d->out, " kind %s status %s",
	    p->kind == PLAN_KIND_POLICY ? "policy" : "plan",
	    plan_status_name(p->status));
	kv(d, "file", p->file);
	nl(d);
	ind(d, 1);
	buf_puts(d->out, "city");
	kv(d, "name", p->city_name);
	kvo(d, "prefecture", p->prefecture);
	kvo(d, "mayor_title", p->mayor_title);
	kvo(d, "mayor_name", p->mayor_name);
	nl(d);
	ind(d, 1);
	buf_puts(d->out, "labels");
	kvo(d, "tagline", p->tagline);
	kvo(d, "draft_label", p->draft_label);
	kvo(d, "edition", p->edition);
	nl(d);
	if (p->has_period) {
		ind(d, 1);
		buf_printf(d->out, "period %d..%d", p->from, p->to);
		sp(d, &p->period_span);
		nl(d);
	}
	ind(d, 1);
	buf_printf(d->out, "as_of %d-%02d", p->as_of_year, p->as_of_month);
	sp(d, &p->as_of_span);
	nl(d);
	if (p->has_issued) {
		ind(d, 1);
		buf_puts(d->out, "issued");
		date(d, "date", &p->issued);
		nl(d);
	}
	ind(d, 1);
	buf_puts(d->out, "publisher");
	kv(d, "written", p->publisher_ref.key);
	kv(d, "dept", p->publisher ? p->publisher->key : NULL);
	sp(d, &p->publisher_ref.span);
	nl(d);
	if (p->pred_key != NULL || p->pred_title != NULL) {
		ind(d, 1);
		buf_puts(d->out, "predecessor");
		kv(d, "key", p->pred_key);
		kv(d, "title", p->pred_title);
		kvo(d, "register", p->pred_register);
		sp(d, &p->pred_span);
		nl(d);
	}
	for (i = 0; i < p->nhistory; i++) {
		ind(d, 1);
		buf_puts(d->out, "history");
		kv(d, "edition", p->history[i].edition);
		date(d, "date", &p->history[i].date);
		kv(d, "summary", p->history[i].summary);
		sp(d, &p->history[i].span);
		nl(d);
	}
	ind(d, 1);
	buf_puts(d->out, "words");
	kv(d, "goal", lb->goal);
	kv(d, "pillar", lb->pillar);
	kv(d, "focus_area", lb->focus_area);
	kv(d, "project", lb->project);
	kv(d, "outcome", lb->outcome);
	kv(d, "output", lb->output);
	kv(d, "lead_department", lb->lead_department);
	nl(d);
	ind(d, 1);
	buf_puts(d->out, "numbering");
	kv(d, "chapter", nb->chapter);
	strlist(d, "sections", nb->sections, nb->nsections);
	kv(d, "appendix", nb->appendix);
	kv(d, "pillar", nb->pillar);
	kv(d, "focus_area", nb->focus_area);
	kv(d, "project_in_focus", nb->project_in_focus);
	kv(d, "project_in_pillar", nb->project_in_pillar);
	kv(d, "project_in_category", nb->project_in_category);
	kv(d, "figure", nb->figure);
	kv(d, "table", nb->table);
	nl(d);
	ind(d, 1);
	buf_printf(d->out, "years style %s short %s",
	    fy_style_name(p->year_style), fy_style_name(p->year_short_style));
	nl(d);
	ind(d, 1);
	buf_puts(d->out, "glossary");
	kv(d, "title", p->glossary_title);
	buf_printf(d->out, " order %s", p->glossary_by_reading ? "reading" :
	    "file");
	kv(d, "marker", p->glossary_marker);
	nl(d);
	ind(d, 1);
	buf_puts(d->out, "output");
	kv(d, "base_url", p->base_url);
	if (p->site_url != NULL)
		kv(d, "site_url", p->site_url);
	kv(d, "pdf_size", p->pdf_size);
	kv(d, "body_font", p->body_font);
	kv(d, "heading_font", p->heading_font);
	kv(d, "watermark", p->watermark);
	nl(d);
	for (i = 0; i < p->nindicators; i++) {
		const struct plan_indicator *pi = &p->indicators[i];

		ind(d, 1);
		buf_puts(d->out, "plan_indicator");
		kv(d, "name", pi->name);
		kvo(d, "unit", pi->unit);
		sp(d, &pi->span);
		nl(d);
		if (pi->has_baseline) {
			ind(d, 2);
			buf_puts(d->out, "baseline");
			dump_value(d, &pi->baseline);
			if (pi->has_baseline_as_of)
				date(d, "as_of", &pi->baseline_as_of);
			nl(d);
		}
		if (pi->has_target) {
			ind(d, 2);
			buf_printf(d->out, "target %d", pi->target_year);
			dump_value(d, &pi->target);
			nl(d);
		}
	}
}

static void
dump_taxonomy(struct dumper *d, const struct build *b)
{
	const struct plan *p = &b->plan;
	size_t i, j, k;

	buf_puts(d->out, "taxonomy");
	kvo(d, "principle", p->principle);
	nl(d);
	for (i = 0; i < p->ngoals; i++) {
		const struct goal *g = &p->goals[i];

		ind(d, 1);
		buf_puts(d->out, "goal");
		kv(d, "id", g->id);
		ki(d, "n", g->n);
		kv(d, "title", g->title);
		sp(d, &g->span);
		nl(d);
		ind(d, 2);
		buf_puts(d->out, "pillars");
		for (j = 0; j < g->npillars; j++)
			buf_printf(d->out, " %s", g->pillars[j]->id ?
			    g->pillars[j]->id : "-");
		nl(d);
		ind(d, 2);
		buf_puts(d->out, "focus_areas");
		for (j = 0; j < g->nfocus_areas; j++)
			buf_printf(d->out, " %s", g->focus_areas[j]->c.key ?
			    g->focus_areas[j]->c.key : "-");
		nl(d);
	}
	for (i = 0; i < p->npillars; i++) {
		const struct pillar *pl = &p->pillars[i];

		ind(d, 1);
		buf_puts(d->out, "pillar");
		kv(d, "id", pl->id);
		ki(d, "n", pl->n);
		kv(d, "number", pl->number);
		kv(d, "anchor", pl->anchor);
		kv(d, "goal", pl->goal ? pl->goal->id : NULL);
		kv(d, "title", pl->title);
		sp(d, &pl->span);
		nl(d);
		if (pl->nsdgs > 0) {
			ind(d, 2);
			buf_puts(d->out, "sdgs");
			for (j = 0; j < pl->nsdgs; j++)
				buf_printf(d->out, " %d", pl->sdgs[j]);
			nl(d);
		}
		ind(d, 2);
		buf_puts(d->out, "projects");
		project_refs(d, pl->projects, pl->nprojects);
		nl(d);
		for (j = 0; j < pl->ncategories; j++) {
			const struct category *c = &pl->categories[j];

			ind(d, 2);
			buf_puts(d->out, "category");
			kv(d, "key", c->key);
			kv(d, "anchor", c->anchor);
			kv(d, "title", c->title);
			sp(d, &c->span);
			nl(d);
			ind(d, 3);
			buf_puts(d->out, "projects");
			project_refs(d, c->projects, c->nprojects);
			nl(d);
		}
	}
	for (i = 0; i < p->ncommon_items; i++) {
		ind(d, 1);
		buf_puts(d->out, "common_item");
		kv(d, "id", p->common_items[i].id);
		kv(d, "title", p->common_items[i].title);
		kvo(d, "summary", p->common_items[i].summary);
		sp(d, &p->common_items[i].span);
		nl(d);
	}
	for (k = 0; k < p->nfocus_keys; k++) {
		ind(d, 1);
		buf_puts(d->out, "focus_key");
		kv(d, "key", p->focus_keys[k].key);
		sp(d, &p->focus_keys[k].span);
		nl(d);
	}
}

static const char *
part_name(enum vol_part p)
{
	switch (p) {
	case VOL_CHAPTER:	return "chapter";
	case VOL_CHAPTERS:	return "chapters";
	case VOL_FOCUS_AREAS:	return "focus_areas";
	case VOL_PROJECTS:	return "projects";
	case VOL_LISTS:		return "lists";
	case VOL_REGISTER:	return "register";
	case VOL_HISTORY:	return "history";
	case VOL_GLOSSARY:	return "glossary";
	}
	return "?";
}

static void
dump_volume(struct dumper *d, const struct volume *v)
{
	size_t i;

	ind(d, 1);
	buf_puts(d->out, "volume");
	kv(d, "key", v->key);
	kv(d, "title", v->title);
	kv(d, "pattern", v->title_pattern);
	kvo(d, "orientation", v->orientation);
	sp(d, &v->span);
	nl(d);
	ind(d, 2);
	buf_puts(d->out, v->has_contents ? "contents" : "contents default");
	for (i = 0; i < v->ncontents; i++) {
		buf_printf(d->out, " %s", part_name(v->contents[i].part));
		if (v->contents[i].part == VOL_CHAPTER)
			buf_printf(d->out, "=%s", v->contents[i].key ?
			    v->contents[i].key : "");
	}
	nl(d);
	for (i = 0; i < v->nitems; i++) {
		const struct vol_item *it = &v->items[i];

		ind(d, 2);
		switch (it->kind) {
		case VI_CHAPTER:
			buf_printf(d->out, "item chapter %s",
			    it->chapter->key ? it->chapter->key : "-");
			break;
		case VI_LISTS:
			buf_puts(d->out, "item lists");
			break;
		case VI_FOCUS_AREA:
			buf_printf(d->out, "item focus_area %s %s",
			    it->focus->id ? it->focus->id : "-",
			    it->focus->c.key ? it->focus->c.key : "-");
			break;
		case VI_GROUP:
			buf_printf(d->out, "item group pillar %s",
			    it->pillar && it->pillar->id ? it->pillar->id : "-");
			if (it->category != NULL)
				buf_printf(d->out, " category %s",
				    it->category->key ? it->category->key : "-");
			break;
		case VI_PROJECT:
			buf_printf(d->out, "item project %s %s",
			    it->project->id ? it->project->id : "-",
			    it->project->c.key ? it->project->c.key : "-");
			if (it->relisted)
				buf_puts(d->out, " relisted");
			break;
		case VI_REGISTER:
			buf_puts(d->out, "item register");
			break;
		case VI_HISTORY:
			buf_puts(d->out, "item history");
			break;
		case VI_GLOSSARY:
			buf_puts(d->out, "item glossary");
			break;
		}
		nl(d);
	}
	for (i = 0; i < v->ntoc; i++) {
		ind(d, 2);
		buf_printf(d->out, "toc %d", v->toc[i].level);
		kvo(d, "number", v->toc[i].number);
		kv(d, "title", v->toc[i].title);
		kv(d, "anchor", v->toc[i].anchor);
		nl(d);
	}
	for (i = 0; i < v->nterms; i++) {
		ind(d, 2);
		buf_printf(d->out, "marker %zu %s", i + 1,
		    v->terms[i]->key ? v->terms[i]->key : "-");
		nl(d);
	}
	for (i = 0; i < v->nexports; i++) {
		ind(d, 2);
		buf_printf(d->out, "export %s", v->exports[i]);
		nl(d);
	}
}

static void
dump_register(struct dumper *d, const struct reg *r)
{
	size_t i, j;

	buf_puts(d->out, "register");
	kv(d, "file", r->file);
	kv(d, "plan", r->plan_key);
	kv(d, "title", r->plan_title);
	buf_printf(d->out, " period %d..%d", r->from, r->to);
	ki(d, "continued", r->n_continued);
	ki(d, "ended", r->n_ended);
	sp(d, &r->span);
	nl(d);
	for (i = 0; i < r->n; i++) {
		const struct reg_entry *e = &r->v[i];

		ind(d, 1);
		buf_puts(d->out, "entry");
		kv(d, "id", e->id);
		kv(d, "title", e->title);
		buf_puts(d->out, e->disposition == DISP_ENDED ? " ended" :
		    " continued");
		if (e->relisted)
			buf_puts(d->out, " relisted");
		kvo(d, "group", e->group);
		kvo(d, "reason", e->reason);
		kvo(d, "remark", e->remark);
		sp(d, &e->span);
		nl(d);
		if (e->departments.n > 0)
			dump_dept_list(d, &e->departments, 2);
		for (j = 0; j < e->nsuccessors; j++) {
			ind(d, 2);
			buf_printf(d->out, "successor %s %s %s",
			    relation_name(e->successors[j].relation),
			    e->successors[j].id ? e->successors[j].id : "-",
			    e->successors[j].sheet->key ?
			    e->successors[j].sheet->key : "-");
			nl(d);
		}
	}
}

/* ------------------------------------------------------------------ */
/* Generated tables                                                    */
/* ------------------------------------------------------------------ */

static const char *
ref_name(enum grow_ref k)
{
	switch (k) {
	case GR_NONE:		return "none";
	case GR_REG:		return "reg";
	case GR_DEPT:		return "department";
	case GR_FOCUS:		return "focus";
	case GR_CATEGORY:	return "category";
	}
	return "?";
}

static const char *
ref_key(enum grow_ref k, const void *ref)
{
	switch (k) {
	case GR_REG:
		return ((const struct reg_entry *)ref)->id;
	case GR_DEPT:
		return ((const struct department *)ref)->key;
	case GR_FOCUS:
		return ((const struct focus_area *)ref)->c.key;
	case GR_CATEGORY:
		return ((const struct category *)ref)->key;
	case GR_NONE:
		break;
	}
	return NULL;
}

/*
 * A cell: its flags, its text (a line break written \n) and the records
 * its pieces link to.
 */
static void
dump_gcell(struct dumper *d, const struct gcell *c, int depth)
{
	const struct gpiece *p;
	struct buf t = {0};

	ind(d, depth);
	buf_puts(d->out, "cell");
	if (c->flags & GC_HEAD)
		buf_puts(d->out, " head");
	if (c->flags & GC_ROWHEAD)
		buf_puts(d->out, " rowhead");
	if (c->flags & GC_NUM)
		buf_puts(d->out, " num");
	if (c->flags & GC_NOWRAP)
		buf_puts(d->out, " nowrap");
	gtable_cell_text(&t, c, "\n");
	buf_putc(d->out, ' ');
	q(d, buf_str(&t));
	buf_free(&t);
	for (p = c->pieces; p != NULL; p = p->next) {
		if (p->sheet != NULL)
			kv(d, "link", p->sheet->key);
		if (p->dept != NULL)
			kv(d, "department", p->dept->key);
		if (p->spoken != NULL)
			kv(d, "spoken", p->spoken);
	}
	nl(d);
}

static void
dump_gtable(struct dumper *d, const char *owner, const char *key,
    const struct gtable *t)
{
	size_t i;
	int c;

	for (; t != NULL; t = t->next) {
		ind(d, 1);
		buf_printf(d->out, "table %s", owner);
		kvo(d, "key", key);
		kv(d, "caption", t->caption);
		kv(d, "class", t->cls);
		ki(d, "cols", t->ncols);
		kvo(d, "empty", t->empty);
		nl(d);
		ind(d, 2);
		buf_puts(d->out, "head");
		nl(d);
		for (c = 0; c < t->ncols; c++)
			dump_gcell(d, &t->head[c], 3);
		for (i = 0; i < t->nrows; i++) {
			const struct grow *r = &t->rows[i];

			ind(d, 2);
			buf_puts(d->out, r->group ? "group" : "row");
			if (r->ref_kind != GR_NONE) {
				buf_printf(d->out, " %s", ref_name(r->ref_kind));
				kv(d, "ref", ref_key(r->ref_kind, r->ref));
			}
			nl(d);
			for (c = 0; c < (r->group ? 1 : t->ncols); c++)
				dump_gcell(d, &r->cells[c], 3);
		}
	}
}

static void
dump_gtables(struct dumper *d, const struct build *b)
{
	size_t i, k;

	buf_puts(d->out, "tables");
	nl(d);
	dump_gtable(d, "focus_areas", NULL, b->t_focus);
	for (i = 0; i < b->nfocus; i++)
		dump_gtable(d, "focus", b->focus[i].c.key, b->focus[i].table);
	for (i = 0; i < b->plan.npillars; i++) {
		const struct pillar *p = &b->plan.pillars[i];

		dump_gtable(d, "pillar", p->id, p->table);
		for (k = 0; k < p->ncategories; k++)
			dump_gtable(d, "category", p->categories[k].key,
			    p->categories[k].table);
	}
	dump_gtable(d, "no_pillar", NULL, b->t_nopillar);
	dump_gtable(d, "common_items", NULL, b->t_common);
	dump_gtable(d, "indicators", NULL, b->t_indicators);
	dump_gtable(d, "register", NULL, b->t_register);
	dump_gtable(d, "departments", NULL, b->t_departments);
	dump_gtable(d, "history", NULL, b->t_history);
}

/* ------------------------------------------------------------------ */
/* The 体系図                                                          */
/* ------------------------------------------------------------------ */

static const char *
tax_kind_name(enum tax_kind k)
{
	switch (k) {
	case TX_PRINCIPLE:	return "principle";
	case TX_GOAL:		return "goal";
	case TX_PILLAR:		return "pillar";
	case TX_CATEGORY:	return "category";
	case TX_FOCUS:		return "focus";
	case TX_COMMON:		return "common";
	case TX_COMMON_ITEM:	return "common_item";
	}
	return "?";
}

static const char *
tax_ref(const struct tax_entry *e)
{
	switch (e->kind) {
	case TX_GOAL:
		return ((const struct goal *)e->ref)->id;
	case TX_PILLAR:
		return ((const struct pillar *)e->ref)->id;
	case TX_CATEGORY:
		return ((const struct category *)e->ref)->key;
	case TX_FOCUS:
		return ((const struct focus_area *)e->ref)->c.key;
	case TX_COMMON_ITEM:
		return ((const struct common_item *)e->ref)->id;
	case TX_PRINCIPLE:
	case TX_COMMON:
		break;
	}
	return NULL;
}

/* An entry of the 体系図 and those below it: kind, words, record, column. */
static void
dump_tax(struct dumper *d, const struct tax_entry *e, size_t n, int depth)
{
	size_t i;

	for (i = 0; i < n; i++) {
		ind(d, depth);
		buf_printf(d->out, "entry %s", tax_kind_name(e[i].kind));
		kvo(d, "label", e[i].label);
		kvo(d, "number", e[i].number);
		kvo(d, "title", e[i].title);
		kvo(d, "ref", tax_ref(&e[i]));
		ki(d, "level", e[i].level);
		nl(d);
		dump_tax(d, e[i].kids, e[i].nkids, depth + 1);
	}
}

void
dump_build(const struct build *b, struct buf *out)
{
	struct dumper d;
	size_t i;

	d.out = out;
	dump_plan(&d, b);
	dump_taxonomy(&d, b);

	buf_puts(out, "departments");
	nl(&d);
	for (i = 0; i < b->ndepts; i++) {
		const struct department *dp = &b->depts[i];

		ind(&d, 1);
		buf_puts(out, "department");
		kv(&d, "key", dp->key);
		kv(&d, "name", dp->name);
		kvo(&d, "division", dp->division);
		kvo(&d, "reading", dp->reading);
		if (dp->pseudo)
			buf_puts(out, " pseudo");
		kv(&d, "anchor", dp->anchor);
		sp(&d, &dp->span);
		nl(&d);
		if (dp->naliases > 0) {
			ind(&d, 2);
			buf_puts(out, "aliases");
			strlist(&d, NULL, dp->aliases, dp->naliases);
			nl(&d);
		}
		ind(&d, 2);
		buf_puts(out, "projects");
		project_refs(&d, dp->projects, dp->nprojects);
		nl(&d);
	}

	buf_puts(out, "glossary");
	nl(&d);
	for (i = 0; i < b->nterms; i++) {
		const struct term *t = &b->terms[i];

		ind(&d, 1);
		buf_puts(out, "term");
		kv(&d, "key", t->key);
		kv(&d, "term", t->term);
		kvo(&d, "reading", t->reading);
		kvo(&d, "ja", t->ja);
		ki(&d, "order", (long long)t->order);
		kv(&d, "row", word_kana_row(t->row));
		ki(&d, "uses", t->uses);
		if (t->listed)
			buf_puts(out, " listed");
		kv(&d, "anchor", t->anchor);
		sp(&d, &t->span);
		nl(&d);
		if (t->expansion != NULL) {
			ind(&d, 2);
			buf_puts(out, "expansion");
			kv(&d, "text", t->expansion);
			kvo(&d, "lang", t->expansion_lang);
			nl(&d);
		}
		if (t->trademark != NULL) {
			ind(&d, 2);
			buf_puts(out, "trademark");
			kv(&d, "text", t->trademark);
			nl(&d);
		}
		if (t->definition != NULL) {
			ind(&d, 2);
			buf_puts(out, "definition");
			sp(&d, &t->definition_span);
			nl(&d);
			dump_inlines(&d, t->definition, 3);
		}
	}
	ind(&d, 1);
	buf_puts(out, "sorted");
	for (i = 0; b->terms_sorted != NULL && i < b->nterms; i++)
		buf_printf(out, " %s", b->terms_sorted[i]->key ?
		    b->terms_sorted[i]->key : "-");
	nl(&d);

	buf_puts(out, "volumes");
	nl(&d);
	for (i = 0; i < b->plan.nvolumes; i++)
		dump_volume(&d, &b->plan.volumes[i]);

	buf_puts(out, "chapters");
	nl(&d);
	for (i = 0; i < b->nchapters; i++)
		dump_chapter(&d, &b->chapters[i], 1);

	buf_puts(out, "focus_areas");
	nl(&d);
	for (i = 0; i < b->nfocus; i++)
		dump_focus(&d, &b->focus[i], 1);

	buf_puts(out, "projects");
	nl(&d);
	for (i = 0; i < b->nprojects; i++)
		dump_project(&d, &b->projects[i], 1);

	if (b->reg != NULL)
		dump_register(&d, b->reg);
	buf_printf(out, "counts new %d continued %d ended %d\n", b->n_new,
	    b->n_continued, b->n_ended);
	dump_gtables(&d, b);
	buf_puts(out, "taxonomy_entries");
	nl(&d);
	dump_tax(&d, b->taxonomy.v, b->taxonomy.n, 1);
}
