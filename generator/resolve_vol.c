/*
 * resolve_vol.c: what is resolved over the whole plan rather than one
 * record: the 用語集 order, the predecessor register (新旧対照) and its
 * counts, the volumes (their items, tables of contents, titles and ※
 * markers) and the 主管課別一覧.
 */
#include <stdlib.h>
#include <string.h>

#include "load.h"
#include "md.h"
#include "resolve_int.h"

/* ------------------------------------------------------------------ */
/* The glossary order (五十音)                                          */
/* ------------------------------------------------------------------ */

/* The vowel of a full-size, unvoiced hiragana, for the long-vowel mark ー. */
static uint32_t
kana_vowel(uint32_t cp)
{
	static const char *const cols[] = {
		"あかさたなはまやらわ", "いきしちにひみりゐ", "うくすつぬふむゆる",
		"えけせてねへめれゑ", "おこそとのほもよろを",
	};
	static const uint32_t vowels[] = { 0x3042, 0x3044, 0x3046, 0x3048,
	    0x304A };
	size_t i, off, n;
	uint32_t k;

	for (i = 0; i < KK_ARRAY_LEN(cols); i++) {
		n = strlen(cols[i]);
		for (off = 0; off < n; off += utf8_decode(cols[i] + off,
		    n - off, &k)) {
			utf8_decode(cols[i] + off, n - off, &k);
			if (k == cp)
				return vowels[i];
		}
	}
	return 0;
}

/*
 * The primary sort key of a reading, as a 五十音 index orders it: katakana
 * as hiragana, small kana as full size (ゃ→や, っ→つ), voiced and
 * semi-voiced as unvoiced (が→か, ぱ→は), the long-vowel mark as the vowel
 * it lengthens (えー→ええ), ASCII letters in one case.
 */
static uint32_t
kana_fold(uint32_t cp, uint32_t prev)
{
	if (cp >= 0x30A1 && cp <= 0x30F6)
		cp -= 0x60;			/* katakana → hiragana */
	else if (cp >= 0x30F7 && cp <= 0x30FA)	/* ヷ ヸ ヹ ヺ */
		cp = (uint32_t[]){ 0x308F, 0x3090, 0x3091, 0x3092 }[cp - 0x30F7];
	else if (cp == 0x30FC) {		/* ー */
		uint32_t v = kana_vowel(prev);

		return v ? v : cp;
	} else if (cp >= 'A' && cp <= 'Z')
		return cp + 32;
	else if (cp >= 0xFF21 && cp <= 0xFF3A)	/* Ａ..Ｚ */
		return cp - 0xFF21 + 'a';
	else if (cp >= 0xFF41 && cp <= 0xFF5A)	/* ａ..ｚ */
		return cp - 0xFF41 + 'a';
	else if (cp >= 0xFF10 && cp <= 0xFF19)	/* ０..９ */
		return cp - 0xFF10 + '0';
	switch (cp) {
	case 0x3041: case 0x3043: case 0x3045: case 0x3047: case 0x3049:
	case 0x3083: case 0x3085: case 0x3087: case 0x308E:
		return cp + 1;			/* ぁ→あ, ゃ→や, ゎ→わ */
	case 0x3063:
		return 0x3064;			/* っ→つ */
	case 0x3095:
		return 0x304B;			/* ゕ→か */
	case 0x3096:
		return 0x3051;			/* ゖ→け */
	case 0x3094:
		return 0x3046;			/* ゔ→う */
	default:
		break;
	}
	if (cp >= 0x304B && cp <= 0x3062)	/* か が … ち ぢ */
		return ((cp - 0x304B) & 1) ? cp - 1 : cp;
	if (cp >= 0x3064 && cp <= 0x3069)	/* つ づ て で と ど */
		return ((cp - 0x3064) & 1) ? cp - 1 : cp;
	if (cp >= 0x306F && cp <= 0x307D)	/* は ば ぱ … ほ ぼ ぽ */
		return cp - (cp - 0x306F) % 3;
	return cp;
}

static const char *
term_reading(const struct term *t)
{
	if (t->reading != NULL && *t->reading != '\0')
		return t->reading;
	return t->term ? t->term : t->key ? t->key : "";
}

static int
cmp_primary(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i = 0, j = 0;
	uint32_t ca, cb, pa = 0, pb = 0, fa, fb;

	while (i < la && j < lb) {
		i += utf8_decode(a + i, la - i, &ca);
		j += utf8_decode(b + j, lb - j, &cb);
		fa = kana_fold(ca, pa);
		fb = kana_fold(cb, pb);
		pa = fa;
		pb = fb;
		if (fa != fb)
			return fa < fb ? -1 : 1;
	}
	if (i < la)
		return 1;
	if (j < lb)
		return -1;
	return 0;
}

static int
cmp_terms(const void *x, const void *y)
{
	const struct term *a = *(const struct term *const *)x;
	const struct term *b = *(const struct term *const *)y;
	const char *ra = term_reading(a), *rb = term_reading(b);
	int c;

	if ((c = cmp_primary(ra, rb)) != 0)
		return c;
	if ((c = strcmp(ra, rb)) != 0)
		return c;
	if ((c = strcmp(a->key ? a->key : "", b->key ? b->key : "")) != 0)
		return c;
	return a->index < b->index ? -1 : a->index > b->index;
}

/*
 * The 五十音 row of a term: of the first character of its reading folded
 * as the sort folds it (katakana, small and voiced kana as their row's
 * plain hiragana), so that the rows are the runs the order forms.
 */
static enum kana_row
kana_row_of(const struct term *t)
{
	/* The first hiragana of each row, あ行 to わ行, and the end of the block. */
	static const uint32_t starts[] = {
		0x3041, 0x304B, 0x3055, 0x305F, 0x306A, 0x306F, 0x307E, 0x3083,
		0x3089, 0x308E, 0x3097
	};
	const char *s = term_reading(t);
	uint32_t cp = 0;
	size_t i;

	if (*s != '\0')
		(void)utf8_decode(s, strlen(s), &cp);
	cp = kana_fold(cp, 0);
	for (i = 0; i + 1 < KK_ARRAY_LEN(starts); i++)
		if (cp >= starts[i] && cp < starts[i + 1])
			return (enum kana_row)i;
	return KR_OTHER;
}

void
resolve_glossary(struct rctx *c)
{
	struct build *b = c->b;
	size_t i;

	b->terms_sorted = ARENA_NEWN(c->a, struct term *, b->nterms + 1);
	for (i = 0; i < b->nterms; i++)
		b->terms_sorted[i] = &b->terms[i];
	if (b->plan.glossary_by_reading && b->nterms > 1)
		qsort(b->terms_sorted, b->nterms, sizeof(*b->terms_sorted),
		    cmp_terms);
	for (i = 0; i < b->nterms; i++) {
		b->terms_sorted[i]->order = i;
		b->terms_sorted[i]->row = kana_row_of(b->terms_sorted[i]);
	}
}

/* ------------------------------------------------------------------ */
/* The register (新旧対照)                                              */
/* ------------------------------------------------------------------ */

static struct reg_entry *
find_entry(struct reg *r, const char *id)
{
	struct reg_entry *relisted = NULL;
	size_t i;

	for (i = 0; id != NULL && i < r->n; i++) {
		if (r->v[i].id == NULL || strcmp(r->v[i].id, id) != 0)
			continue;
		if (!r->v[i].relisted)
			return &r->v[i];
		if (relisted == NULL)
			relisted = &r->v[i];
	}
	return relisted;
}

static void
bind_preds(struct rctx *c, struct sheet_common *sc, int *reported)
{
	struct reg *r = c->b->reg;
	size_t i;

	for (i = 0; i < sc->npreds; i++) {
		struct pred_link *pl = &sc->preds[i];

		pl->entry = NULL;
		if (r == NULL) {
			/*
			 * One error is enough to say what is missing; none when
			 * plan.yaml names a register that could not be read
			 * (that is reported where it is named).
			 */
			if (!*reported && c->b->plan.pred_register == NULL)
				diag_error(c->d, &pl->span, "no-register",
				    "a predecessor link needs the predecessor "
				    "plan's register, but plan.yaml names none: "
				    "add plan.predecessor with its register, or "
				    "remove predecessors");
			*reported = 1;
			continue;
		}
		pl->entry = find_entry(r, pl->id);
		/* An entry that failed in the register is reported there. */
		if (pl->entry == NULL && !build_lost(&c->b->lost_reg, pl->id))
			rctx_report(c, &pl->span, "unknown-predecessor", pl->id,
			    &c->reg_ids, NULL, "predecessor id '%s' is not in the "
			    "register %s (%s)", pl->id ? pl->id : "",
			    r->file ? r->file : "", r->plan_title ?
			    r->plan_title : "");
	}
}

void
resolve_register(struct rctx *c)
{
	struct build *b = c->b;
	struct reg *r = b->reg;
	size_t i, j, k;
	int reported = 0;

	for (i = 0; i < b->nfocus; i++)
		bind_preds(c, &b->focus[i].c, &reported);
	for (i = 0; i < b->nprojects; i++)
		bind_preds(c, &b->projects[i].c, &reported);

	b->n_new = b->n_continued = b->n_ended = 0;
	for (i = 0; i < b->nprojects; i++)
		switch (b->projects[i].status) {
		case STATUS_NEW:
			b->n_new++;
			break;
		case STATUS_CONTINUED:
		case STATUS_RENAMED:
		case STATUS_MERGED:
			b->n_continued++;
			break;
		default:
			break;
		}
	if (r == NULL)
		return;

	/*
	 * Successors: the 重点事業 (in taxonomy order) and then the projects
	 * (in file order) that name an entry. A focus area that takes over an
	 * old project is its successor as much as a project is.
	 */
	for (k = 0; k < r->n; k++) {
		struct reg_entry *e = &r->v[k];
		size_t n = 0;

		for (i = 0; i < b->nfocus; i++)
			for (j = 0; j < b->focus[i].c.npreds; j++)
				n += b->focus[i].c.preds[j].entry == e;
		for (i = 0; i < b->nprojects; i++)
			for (j = 0; j < b->projects[i].c.npreds; j++)
				n += b->projects[i].c.preds[j].entry == e;
		e->successors = ARENA_NEWN(c->a, struct successor, n + 1);
		e->nsuccessors = 0;
		for (i = 0; i < b->nfocus; i++)
			for (j = 0; j < b->focus[i].c.npreds; j++)
				if (b->focus[i].c.preds[j].entry == e) {
					struct successor *s =
					    &e->successors[e->nsuccessors++];

					s->focus = &b->focus[i];
					s->sheet = &b->focus[i].c;
					s->id = b->focus[i].id;
					s->relation = b->focus[i].c.preds[j].relation;
				}
		for (i = 0; i < b->nprojects; i++)
			for (j = 0; j < b->projects[i].c.npreds; j++)
				if (b->projects[i].c.preds[j].entry == e) {
					struct successor *s =
					    &e->successors[e->nsuccessors++];

					s->project = &b->projects[i];
					s->sheet = &b->projects[i].c;
					s->id = b->projects[i].id;
					s->relation =
					    b->projects[i].c.preds[j].relation;
				}
	}
	/* Counts: a 【再掲】 row is the same old project printed again. */
	r->n_continued = r->n_ended = 0;
	for (k = 0; k < r->n; k++) {
		if (r->v[k].relisted)
			continue;
		if (r->v[k].disposition == DISP_ENDED)
			r->n_ended++;
		else
			r->n_continued++;
	}
	b->n_ended = r->n_ended;
}

/* ------------------------------------------------------------------ */
/* Volumes                                                              */
/* ------------------------------------------------------------------ */

/* Growable arrays for one volume, copied into the arena at the end. */
struct volbuild {
	struct vol_item		*items;
	size_t			 nitems, icap;
	struct toc_entry	*toc;
	size_t			 ntoc, tcap;
	struct term		**terms;
	size_t			 nterms, mcap;
};

static struct vol_item *
add_item(struct volbuild *vb, enum vol_item_kind kind)
{
	struct vol_item *it;

	vb->items = xgrow(vb->items, &vb->icap, vb->nitems + 1,
	    sizeof(*vb->items));
	it = &vb->items[vb->nitems++];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	return it;
}

static void
add_toc(struct volbuild *vb, int level, char *number, char *title,
    char *anchor)
{
	struct toc_entry *t;

	vb->toc = xgrow(vb->toc, &vb->tcap, vb->ntoc + 1, sizeof(*vb->toc));
	t = &vb->toc[vb->ntoc++];
	t->level = level;
	t->number = number;
	t->title = title;
	t->anchor = anchor;
}

/*
 * {plan.title}{draft_label} and the like; {{ and }} are literal braces.
 * Returns NULL after reporting an unknown placeholder.
 */
static char *
expand_title(struct rctx *c, struct volume *v, const char *pattern)
{
	static const char *const fields[] = { "plan.title", "draft_label",
	    "city.name", "edition" };
	struct plan *pl = &c->b->plan;
	struct buf out = {0}, msg = {0};
	const char *p = pattern, *end = NULL, *sug;
	char *s, *name;

	while (*p != '\0') {
		if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
			buf_putc(&out, p[0]);
			p += 2;
			continue;
		}
		if (*p != '{') {
			buf_putc(&out, (unsigned char)*p++);
			continue;
		}
		end = strchr(p, '}');
		if (end == NULL)
			goto bad;
#define IS(name) ((size_t)(end - p - 1) == sizeof(name) - 1 && \
	memcmp(p + 1, name, sizeof(name) - 1) == 0)
		if (IS("plan.title"))
			buf_puts(&out, pl->title ? pl->title : "");
		else if (IS("draft_label")) {
			if (pl->status != PLAN_FINAL && pl->draft_label != NULL)
				buf_puts(&out, pl->draft_label);
		} else if (IS("city.name"))
			buf_puts(&out, pl->city_name ? pl->city_name : "");
		else if (IS("edition"))
			buf_puts(&out, pl->edition ? pl->edition : "");
		else
			goto bad;
#undef IS
		p = end + 1;
	}
	s = arena_strdup(c->a, buf_str(&out));
	buf_free(&out);
	return s;
bad:
	buf_printf(&msg, "volume %s title \"%s\": ", v->key ? v->key : "",
	    pattern);
	if (end == NULL)
		buf_puts(&msg, "an unclosed '{' (write {{ for a brace)");
	else {
		name = xstrndup(p + 1, (size_t)(end - p - 1));
		buf_printf(&msg, "unknown field '{%s}'", name);
		if ((sug = str_suggest(name, fields, KK_ARRAY_LEN(fields))) !=
		    NULL)
			buf_printf(&msg, "; did you mean '{%s}'?", sug);
		else
			buf_puts(&msg, " (the fields are {plan.title}, "
			    "{draft_label}, {city.name} and {edition}; {{ and "
			    "}} for braces)");
		free(name);
	}
	diag_error(c->d, v->title_span.file != NULL ? &v->title_span :
	    &v->span, "bad-pattern", "%s", buf_str(&msg));
	buf_free(&msg);
	buf_free(&out);
	return NULL;
}

/* Places every chapter in a volume: named in contents, else its volume:. */
static void
assign_chapters(struct rctx *c, char *named)
{
	struct build *b = c->b;
	struct plan *pl = &b->plan;
	struct volume *dflt;
	size_t i, k;

	for (i = 0; i < b->nchapters; i++)
		b->chapters[i].volume = NULL;
	for (k = 0; k < pl->nvolumes; k++) {
		struct volume *v = &pl->volumes[k];

		for (i = 0; i < v->ncontents; i++) {
			struct vol_content *vc = &v->contents[i];
			struct chapter *ch;

			if (vc->part != VOL_CHAPTER)
				continue;
			ch = rctx_find_chapter(b, vc->key);
			if (ch == NULL) {
				/* Not reached: the loader drops unknown items. */
				rctx_report(c, &vc->span, "bad-value",
				    vc->key, &c->chapter_keys, NULL,
				    "unknown item '%s' in contents of volume %s "
				    "(a chapter key, or chapters, lists, "
				    "focus_areas, projects, register, history, "
				    "glossary)", vc->key ? vc->key : "",
				    v->key ? v->key : "");
				continue;
			}
			if (ch->volume != NULL) {
				diag_error(c->d, &vc->span, "two-volumes",
				    "chapter '%s' is already in the contents of "
				    "volume %s; a chapter is printed in one "
				    "volume", ch->key, ch->volume->key ?
				    ch->volume->key : "");
				continue;
			}
			if (ch->volume_ref.key != NULL &&
			    rctx_find_volume(b, ch->volume_ref.key) == NULL)
				rctx_report(c, &ch->volume_ref.span,
				    "unknown-volume", ch->volume_ref.key,
				    &c->volume_keys, "volumes",
				    "unknown volume '%s'", ch->volume_ref.key);
			else if (ch->volume_ref.key != NULL && v->key != NULL &&
			    strcmp(ch->volume_ref.key, v->key) != 0) {
				diag_error(c->d, &vc->span, "two-volumes",
				    "chapter '%s' says volume: %s but is listed "
				    "in the contents of volume %s", ch->key,
				    ch->volume_ref.key, v->key);
				continue;
			}
			ch->volume = v;
			named[ch - b->chapters] = 1;
		}
	}
	dflt = rctx_find_volume(b, "honpen");
	if (dflt == NULL && pl->nvolumes > 0)
		dflt = &pl->volumes[0];
	for (i = 0; i < b->nchapters; i++) {
		struct chapter *ch = &b->chapters[i];

		if (ch->volume != NULL || named[i])
			continue;
		if (ch->volume_ref.key == NULL) {
			ch->volume = dflt;
			continue;
		}
		ch->volume = rctx_find_volume(b, ch->volume_ref.key);
		if (ch->volume == NULL)
			rctx_report(c, &ch->volume_ref.span, "unknown-volume",
			    ch->volume_ref.key, &c->volume_keys, "volumes",
			    "unknown volume '%s'", ch->volume_ref.key);
	}
}

static const enum vol_part default_honpen[] = { VOL_CHAPTERS, VOL_HISTORY,
    VOL_GLOSSARY };
static const enum vol_part default_jigyoshu[] = { VOL_CHAPTERS, VOL_LISTS,
    VOL_FOCUS_AREAS, VOL_PROJECTS, VOL_GLOSSARY };
static const enum vol_part default_other[] = { VOL_CHAPTERS };

static void
item_chapter(struct rctx *c, struct volbuild *vb, struct chapter *ch)
{
	struct block *bl;

	add_item(vb, VI_CHAPTER)->chapter = ch;
	add_toc(vb, 1, ch->number, ch->title, ch->anchor);
	for (bl = ch->doc.blocks; bl != NULL; bl = bl->next)
		if (bl->type == BLK_HEADING && bl->level == 2)
			add_toc(vb, 2, bl->number, rctx_plain(c, bl->inlines),
			    bl->anchor && ch->anchor ? arena_printf(c->a,
			    "%s.%s", ch->anchor, bl->anchor) : NULL);
}

static void
item_project(struct volbuild *vb, struct project *p, int relisted)
{
	struct vol_item *it = add_item(vb, VI_PROJECT);

	it->project = p;
	it->relisted = relisted;
	it->pillar = p->pillar;
	it->category = p->category;
	it->focus = p->focus;
	/* A 【再掲】 line points at the sheet printed elsewhere: no TOC entry. */
	if (!relisted)
		add_toc(vb, 2, p->id, p->c.title, p->c.anchor);
}

/*
 * Where each record is printed in full, to catch one printed in two
 * volumes (or twice in one).
 */
struct printed {
	struct volume	**focus;	/* per focus area */
	struct volume	**project;	/* per project */
	int		 members_printed;	/* some volume prints focus_areas */
};

static int
claim(struct rctx *c, struct volume **slot, struct volume *v,
    const struct span *sp, const char *what, const char *key)
{
	if (*slot != NULL) {
		diag_error(c->d, sp, "two-volumes", "%s '%s' is already printed "
		    "in volume %s", what, key ? key : "", (*slot)->key ?
		    (*slot)->key : "");
		return -1;
	}
	*slot = v;
	return 0;
}

static void
build_volume(struct rctx *c, struct volume *v, struct printed *pr,
    const char *named)
{
	struct build *b = c->b;
	struct plan *pl = &b->plan;
	struct volbuild vb;
	const enum vol_part *parts = NULL;
	size_t nparts, i, j, k;
	int explicit = v->has_contents;
	char *lists_title;

	memset(&vb, 0, sizeof(vb));
	if (explicit)
		nparts = v->ncontents;
	else if (v->key != NULL && strcmp(v->key, "jigyoshu") == 0) {
		parts = default_jigyoshu;
		nparts = KK_ARRAY_LEN(default_jigyoshu);
	} else if (v->key != NULL && strcmp(v->key, "honpen") == 0) {
		parts = default_honpen;
		nparts = KK_ARRAY_LEN(default_honpen);
	} else {
		parts = default_other;
		nparts = KK_ARRAY_LEN(default_other);
	}
	lists_title = arena_printf(c->a, "%s一覧・%s一覧",
	    rctx_label(pl->labels.focus_area, "重点事業"),
	    rctx_label(pl->labels.project, "個別事業"));

	for (i = 0; i < nparts; i++) {
		enum vol_part part = explicit ? v->contents[i].part : parts[i];
		const struct span *sp = explicit ? &v->contents[i].span : &v->span;

		switch (part) {
		case VOL_CHAPTER:
			for (j = 0; j < b->nchapters; j++)
				if (b->chapters[j].volume == v &&
				    named[j] && b->chapters[j].key != NULL &&
				    v->contents[i].key != NULL &&
				    strcmp(b->chapters[j].key,
				    v->contents[i].key) == 0)
					item_chapter(c, &vb, &b->chapters[j]);
			break;
		case VOL_CHAPTERS:
			for (j = 0; j < b->nchapters; j++)
				if (b->chapters[j].volume == v && !named[j])
					item_chapter(c, &vb, &b->chapters[j]);
			break;
		case VOL_LISTS:
			add_item(&vb, VI_LISTS);
			add_toc(&vb, 1, NULL, lists_title, "lists");
			break;
		case VOL_FOCUS_AREAS:
			for (j = 0; j < b->nfocus; j++) {
				struct focus_area *f = &b->focus[j];

				if (claim(c, &pr->focus[j], v, sp, "focus area",
				    f->c.key) == -1)
					continue;
				add_item(&vb, VI_FOCUS_AREA)->focus = f;
				add_toc(&vb, 1, f->id, f->c.title, f->c.anchor);
				for (k = 0; k < f->nmembers; k++) {
					struct project *p = f->members[k];

					if (claim(c, &pr->project[p - b->projects],
					    v, sp, "project", p->c.key) == 0)
						item_project(&vb, p, 0);
				}
			}
			break;
		case VOL_PROJECTS:
			for (j = 0; j < pl->npillars; j++) {
				struct pillar *pi = &pl->pillars[j];
				struct category *cur = NULL;
				if (pi->nprojects == 0)
					continue;
				add_item(&vb, VI_GROUP)->pillar = pi;
				add_toc(&vb, 1, pi->number, pi->title, pi->anchor);
				for (k = 0; k < pi->nprojects; k++) {
					struct project *p = pi->projects[k];
					int re = p->focus != NULL &&
					    pr->members_printed;
					struct vol_item *it;

					if (p->category != cur && p->category) {
						cur = p->category;
						it = add_item(&vb, VI_GROUP);
						it->pillar = pi;
						it->category = cur;
						add_toc(&vb, 1, NULL, cur->title,
						    cur->anchor);
					}
					if (!re && claim(c,
					    &pr->project[p - b->projects], v, sp,
					    "project", p->c.key) == -1)
						continue;
					item_project(&vb, p, re);
				}
			}
			break;
		case VOL_REGISTER:
			if (b->reg == NULL) {
				if (explicit)
					diag_error(c->d, sp, "no-register",
					    "volume %s lists register, but the "
					    "plan names no predecessor register",
					    v->key ? v->key : "");
				break;
			}
			add_item(&vb, VI_REGISTER);
			add_toc(&vb, 1, NULL, "新旧対照表", "register");
			break;
		case VOL_HISTORY:
			if (pl->nhistory == 0)
				break;
			add_item(&vb, VI_HISTORY);
			add_toc(&vb, 1, NULL, "改定履歴", "history");
			break;
		case VOL_GLOSSARY:
			if (b->nterms == 0)
				break;
			add_item(&vb, VI_GLOSSARY);
			add_toc(&vb, 1, NULL, (char *)rctx_label(pl->glossary_title,
			    "用語集"), "glossary");
			break;
		}
	}
	v->items = ARENA_NEWN(c->a, struct vol_item, vb.nitems + 1);
	if (vb.nitems > 0)
		memcpy(v->items, vb.items, vb.nitems * sizeof(*vb.items));
	v->nitems = vb.nitems;
	v->toc = ARENA_NEWN(c->a, struct toc_entry, vb.ntoc + 1);
	if (vb.ntoc > 0)
		memcpy(v->toc, vb.toc, vb.ntoc * sizeof(*vb.toc));
	v->ntoc = vb.ntoc;
	free(vb.items);
	free(vb.toc);
}

/* ※ markers: the first use of each term in the volume, in print order. */
struct markwalk {
	struct volume	 *v;
	struct term	**seen;		/* indexed by term position in b->terms */
	struct term	 *base;
	struct volbuild	 *vb;
};

static void
mark_inl(struct rwalk *w, struct inline_node *in)
{
	struct markwalk *m = w->arg;
	size_t idx;

	if (in->type != INL_GLOSS || in->term == NULL)
		return;
	idx = (size_t)(in->term - m->base);
	if (m->seen[idx] != NULL)
		return;
	m->seen[idx] = in->term;
	m->vb->terms = xgrow(m->vb->terms, &m->vb->mcap, m->vb->nterms + 1,
	    sizeof(*m->vb->terms));
	m->vb->terms[m->vb->nterms++] = in->term;
	in->gloss_marker = (int)m->vb->nterms;
}

static void
mark_volume(struct rctx *c, struct volume *v)
{
	struct build *b = c->b;
	struct volbuild vb;
	struct markwalk m;
	struct rwalk w;
	size_t i;

	memset(&vb, 0, sizeof(vb));
	m.v = v;
	m.seen = xcalloc(b->nterms + 1, sizeof(*m.seen));
	m.base = b->terms;
	m.vb = &vb;
	memset(&w, 0, sizeof(w));
	w.inl = mark_inl;
	w.arg = &m;
	for (i = 0; i < v->nitems; i++) {
		struct vol_item *it = &v->items[i];

		if (it->kind == VI_CHAPTER && it->chapter != NULL)
			rwalk_doc(&w, &it->chapter->doc, 0);
		else if (it->kind == VI_FOCUS_AREA && it->focus != NULL)
			rwalk_doc(&w, &it->focus->c.body.doc, 0);
		else if (it->kind == VI_PROJECT && it->project != NULL &&
		    !it->relisted)
			rwalk_doc(&w, &it->project->c.body.doc, 0);
	}
	v->terms = ARENA_NEWN(c->a, struct term *, vb.nterms + 1);
	if (vb.nterms > 0)
		memcpy(v->terms, vb.terms, vb.nterms * sizeof(*vb.terms));
	v->nterms = vb.nterms;
	free(vb.terms);
	free(m.seen);
}

void
resolve_volumes(struct rctx *c)
{
	struct build *b = c->b;
	struct plan *pl = &b->plan;
	struct printed pr;
	char *named = xcalloc(b->nchapters + 1, 1);
	size_t i, k;

	assign_chapters(c, named);
	memset(&pr, 0, sizeof(pr));
	pr.focus = xcalloc(b->nfocus + 1, sizeof(*pr.focus));
	pr.project = xcalloc(b->nprojects + 1, sizeof(*pr.project));
	for (k = 0; k < pl->nvolumes; k++) {
		struct volume *v = &pl->volumes[k];

		if (!v->has_contents)
			pr.members_printed |= v->key != NULL &&
			    strcmp(v->key, "jigyoshu") == 0;
		for (i = 0; v->has_contents && i < v->ncontents; i++)
			if (v->contents[i].part == VOL_FOCUS_AREAS)
				pr.members_printed = 1;
	}
	for (k = 0; k < pl->nvolumes; k++) {
		struct volume *v = &pl->volumes[k];
		const char *pattern = v->title_pattern;

		if (pattern == NULL)
			pattern = v->key != NULL && strcmp(v->key, "jigyoshu") == 0 ?
			    "{plan.title} 重点事業・個別事業集{draft_label}" :
			    "{plan.title}{draft_label}";
		v->title = expand_title(c, v, pattern);
		build_volume(c, v, &pr, named);
		/* A chapter of this volume that its contents leave out. */
		for (i = 0; i < b->nchapters; i++) {
			size_t j;

			/*
			 * An unknown item of contents was reported: it was
			 * probably meant to name this chapter.
			 */
			if (b->chapters[i].volume != v || v->contents_dropped)
				continue;
			/* A duplicate key is reported as such. */
			for (j = 0; j < b->nchapters; j++)
				if (j != i && b->chapters[j].key != NULL &&
				    b->chapters[i].key != NULL &&
				    strcmp(b->chapters[j].key,
				    b->chapters[i].key) == 0)
					break;
			if (j < b->nchapters)
				continue;
			for (j = 0; j < v->nitems; j++)
				if (v->items[j].kind == VI_CHAPTER &&
				    v->items[j].chapter == &b->chapters[i])
					break;
			if (j == v->nitems)
				diag_warning(c->d, &b->chapters[i].span,
				    "chapter-not-printed", "chapter '%s' belongs "
				    "to volume %s, whose contents list neither it "
				    "nor 'chapters'; it is not in that PDF (add "
				    "'%s' to the contents)",
				    b->chapters[i].key ? b->chapters[i].key : "",
				    v->key ? v->key : "",
				    b->chapters[i].key ? b->chapters[i].key : "");
		}
		mark_volume(c, v);
	}
	free(named);
	free(pr.focus);
	free(pr.project);
}

/* ------------------------------------------------------------------ */
/* 主管課別一覧                                                          */
/* ------------------------------------------------------------------ */

static void
dept_add(struct rctx *c, struct project *p)
{
	size_t i, j;

	for (i = 0; i < p->c.departments.n; i++) {
		struct department *d = p->c.departments.v[i].dept;
		struct project **nv;

		if (d == NULL)
			continue;
		for (j = 0; j < d->nprojects; j++)
			if (d->projects[j] == p)
				break;
		if (j < d->nprojects)
			continue;
		nv = ARENA_NEWN(c->a, struct project *, d->nprojects + 1);
		if (d->nprojects > 0)
			memcpy(nv, d->projects, d->nprojects * sizeof(*nv));
		nv[d->nprojects++] = p;
		d->projects = nv;
	}
}

/*
 * Each department lists the projects that name it (as 主管課 anywhere in
 * their departments:), in printed order: focus members by focus area, then
 * the pillars' projects. Focus areas are not listed: their members carry
 * the departments that do the work.
 */
void
resolve_departments(struct rctx *c)
{
	struct build *b = c->b;
	size_t i, j;

	for (i = 0; i < b->ndepts; i++) {
		b->depts[i].projects = NULL;
		b->depts[i].nprojects = 0;
	}
	for (i = 0; i < b->nfocus; i++)
		for (j = 0; j < b->focus[i].nmembers; j++)
			dept_add(c, b->focus[i].members[j]);
	for (i = 0; i < b->plan.npillars; i++)
		for (j = 0; j < b->plan.pillars[i].nprojects; j++)
			dept_add(c, b->plan.pillars[i].projects[j]);
}
