/*
 * test_resolve.c: resolve() and validate() on small content trees written
 * into a mkdtemp folder and read with load_tree(): printed ids, section,
 * figure, table and footnote numbers, anchors, fields, value displays,
 * pending rows, the glossary order and ※ markers, volumes, the register
 * counts, and the diagnostic codes with their positions.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "dump.h"
#include "load.h"
#include "resolve.h"

static char root[256];

/* Writes root/rel, creating folders. */
static void
put(const char *rel, const char *text)
{
	char path[512], *p;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	for (p = path + strlen(root) + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(path, 0700) == -1 && errno != EEXIST) {
			perror(path);
			exit(2);
		}
		*p = '/';
	}
	if ((f = fopen(path, "w")) == NULL) {
		perror(path);
		exit(2);
	}
	fputs(text, f);
	fclose(f);
}

static void
rm_tree(void)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", root);
}

static void
new_tree(void)
{
	snprintf(root, sizeof(root), "%s/keikaku-resolve.XXXXXX",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(root) == NULL) {
		perror("mkdtemp");
		exit(2);
	}
}

/* Loads, resolves and validates the tree. */
static void
run(struct build *b, struct diag *d)
{
	memset(b, 0, sizeof(*b));
	diag_init(d);
	load_tree(b, d, root);
	resolve(b, d);
	validate(b, d);
}

/*
 * Finds a diagnostic by code and file (relative to the tree) and returns
 * "line:col" or "none".
 */
static const char *
where(struct diag *d, const char *code, const char *file)
{
	static char out[64];
	size_t i, rl = strlen(root);

	for (i = 0; i < d->n; i++) {
		const struct diag_entry *e = &d->v[i];
		const char *f = e->file;

		if (strcmp(e->code, code) != 0)
			continue;
		if (f != NULL && strncmp(f, root, rl) == 0 && f[rl] == '/')
			f += rl + 1;
		if (file != NULL && (f == NULL || strcmp(f, file) != 0))
			continue;
		snprintf(out, sizeof(out), "%d:%d", e->line, e->col);
		return out;
	}
	return "none";
}

static const char *
msg_of(struct diag *d, const char *code)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (strcmp(d->v[i].code, code) == 0)
			return d->v[i].msg;
	return "";
}

static int
count(struct diag *d, const char *code)
{
	size_t i;
	int n = 0;

	for (i = 0; i < d->n; i++)
		if (strcmp(d->v[i].code, code) == 0)
			n++;
	return n;
}

static struct project *
project(struct build *b, const char *key)
{
	size_t i;

	for (i = 0; i < b->nprojects; i++)
		if (b->projects[i].c.key && strcmp(b->projects[i].c.key, key) == 0)
			return &b->projects[i];
	return NULL;
}

static struct chapter *
chapter(struct build *b, const char *key)
{
	size_t i;

	for (i = 0; i < b->nchapters; i++)
		if (strcmp(b->chapters[i].key, key) == 0)
			return &b->chapters[i];
	return NULL;
}

/* The n-th (0-based) block of a type in a doc's top level. */
static struct block *
nth_block(struct doc *doc, enum block_type t, int n)
{
	struct block *bl;

	for (bl = doc->blocks; bl != NULL; bl = bl->next)
		if (bl->type == t && n-- == 0)
			return bl;
	return NULL;
}

/* The first inline of a type anywhere in a list of inlines. */
static struct inline_node *
find_inl(struct inline_node *in, enum inline_type t)
{
	struct inline_node *r;

	for (; in != NULL; in = in->next) {
		if (in->type == t)
			return in;
		if ((r = find_inl(in->children, t)) != NULL)
			return r;
	}
	return NULL;
}

static struct inline_node *
para_inl(struct doc *doc, int para, enum inline_type t)
{
	struct block *bl = nth_block(doc, BLK_PARA, para);

	return bl ? find_inl(bl->inlines, t) : NULL;
}

#define S(x) ((x) ? (x) : "(null)")

/* ------------------------------------------------------------------ */
/* A tree that checks clean                                             */
/* ------------------------------------------------------------------ */

static const char plan_ok[] =
"city: { name: 東浜市 }\n"
"plan:\n"
"  key: test-plan\n"
"  title: 東浜市DX計画\n"
"  period: { from: R8, to: R12 }\n"
"  status: draft\n"
"  draft_label: （案）\n"
"  as_of: { year: 2026, month: null }\n"
"  publisher: digital\n"
"  predecessor: { key: old, title: 旧計画, register: registers/old.yaml }\n"
"taxonomy:\n"
"  goals:\n"
"    - { id: 1, title: 便利な市役所 }\n"
"  pillars:\n"
"    - { id: 1, title: 手続, goal: 1, categories: [ { key: cat-a, title: 窓口 }, { key: cat-b, title: 決済 } ] }\n"
"    - { id: 2, title: 業務, goal: 1 }\n"
"  focus_areas: [fa-two, fa-one]\n"
"glossary: { title: 用語集, order: reading, marker: \"※{n}\" }\n"
"volumes:\n"
"  - { key: honpen, title: \"{plan.title}{draft_label}\" }\n"
"  - { key: jigyoshu, title: \"{plan.title} 事業集{draft_label}\" }\n";

static const char depts_ok[] =
"- { key: digital, name: デジタル推進課 }\n"
"- { key: shimin, name: 市民課, aliases: [市民窓口課] }\n";

static const char gloss_ok[] =
"- { key: pc, term: パソコン, reading: ぱそこん, definition: 計算機。 }\n"
"- { key: bus, term: バス, reading: ばす, definition: 乗り物。 }\n"
"- { key: hard, term: ハード, reading: はーど, definition: 機械。 }\n"
"- { key: ai, term: AI, reading: えーあい, definition: 人工知能。 }\n"
"- { key: spare, term: 予備, reading: よび, definition: 使わない。, listed: true }\n";

static const char reg_ok[] =
"plan: { key: old, title: 旧計画, period: { from: R3, to: R7 } }\n"
"projects:\n"
"  - { id: \"1-1\", title: 旧A, departments: [digital], disposition: continued }\n"
"  - { id: \"1-2\", title: 旧B, departments: [digital], disposition: ended, reason: 完了 }\n"
"  - { id: \"2-1\", title: 旧A, relisted: true, disposition: continued }\n"
"  - { id: \"2-2\", title: 旧C, departments: [旧情報課], disposition: continued }\n";

static const char ch_intro[] =
"---\ntitle: はじめに\nkey: intro\nnumbered: false\n---\n"
"{{city.name}}の計画です。[[ai]]を使います。\n";

static const char ch_main[] =
"---\ntitle: 計画の趣旨\nkey: main\n---\n"
"期間は{{period}}です。表では{{fy R9 short}}と書きます。[[pc]]と[[hard]]。\n"
"\n"
"策定は{{date R8.3}}。注[^b]と注[^a]。[[ai]]も再び。\n"
"\n"
"## 背景\n"
"\n"
"### 国の動き\n"
"\n"
"### 市の動き\n"
"\n"
"## 補足 {-}\n"
"\n"
"### 補足の中\n"
"\n"
"## 目的\n"
"\n"
"![期間の図](figures/x.svg \"計画期間\")\n"
"\n"
"表：主な指標\n"
"\n"
"| a | b |\n"
"|---|---|\n"
"| 1 | 2 |\n"
"\n"
"{{projects pillar=1}}\n"
"\n"
"[^a]: 注A。\n"
"[^b]: 注B。\n";

static const char ch_app[] =
"---\ntitle: 資料編\nkey: app\nappendix: true\n---\n"
"## 経過\n"
"\n"
"本文。[[bus]]。\n";

static const char fa_one[] =
"---\ntype: focus_area\nkey: fa-one\ntitle: 重点一\ngoal: 1\n"
"departments: [digital]\n---\n重点一の説明。[[pc]]\n";

static const char fa_two[] =
"---\ntype: focus_area\nkey: fa-two\ntitle: 重点二\ngoal: 1\n"
"departments: [digital]\n---\n重点二の説明。\n";

static const char pj_a[] =
"---\ntype: project\nkey: p-a\ntitle: 事業A\nfocus_area: fa-one\n"
"status: continued\npredecessors: [ { id: \"1-1\", relation: continued } ]\n"
"departments: [digital, shimin]\n"
"indicators:\n"
"  - { kind: output, name: 件数, unit: 件, targets: { R8: 1290, R9: 1234567.5, R10: \"320件 (1,290人)\", R11: \"—\" } }\n"
"  - { kind: outcome, name: 率, unit: \"%\", targets: { R8: 20 } }\n"
"  - { kind: outcome, name: 時間, pending: { text: 後で決める, rows: 2 } }\n"
"  - { kind: outcome, name: 満足度 }\n"
"  - { kind: output, name: 手続, unit: 手続, targets: { all: 3 } }\n"
"---\n事業Aの説明。[[hard]]\n";

static const char pj_b[] =
"---\ntype: project\nkey: p-b\ntitle: 事業B\nfocus_area: fa-one\nnumber: 1\n"
"status: new\ndepartments: [digital]\n---\n事業B。\n";

static const char pj_c[] =
"---\ntype: project\nkey: p-c\ntitle: 事業C\npillar: 1\ncategory: cat-a\n"
"status: new\ndepartments: [shimin]\n---\n事業C。\n";

static const char pj_d[] =
"---\ntype: project\nkey: p-d\ntitle: 事業D\npillar: 1\n"
"status: new\ndepartments: [digital]\n---\n事業D。\n";

static const char pj_e[] =
"---\ntype: project\nkey: p-e\ntitle: 事業E\npillar: 2\nnumber: 2\n"
"status: continued\npredecessors: [ { id: \"2-2\", relation: renamed } ]\n"
"departments: [digital]\n---\n事業E。\n";

static const char pj_f[] =
"---\ntype: project\nkey: p-f\ntitle: 事業F\npillar: 2\n"
"status: new\ndepartments: [digital]\n---\n事業F。\n";

static const char pj_g[] =
"---\ntype: project\nkey: p-g\ntitle: 事業G\nfocus_area: fa-two\npillar: 1\n"
"category: cat-b\nstatus: new\ndepartments: [digital]\n---\n事業G。[[pc]]\n";

static void
write_ok_tree(void)
{
	put("plan.yaml", plan_ok);
	put("departments.yaml", depts_ok);
	put("glossary.yaml", gloss_ok);
	put("registers/old.yaml", reg_ok);
	put("figures/x.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"10\" height=\"10\"/>\n");
	put("chapters/01-intro.md", ch_intro);
	put("chapters/02-main.md", ch_main);
	put("chapters/03-app.md", ch_app);
	put("projects/fa/01-fa-one.md", fa_one);
	put("projects/fa/02-fa-two.md", fa_two);
	put("projects/a.md", pj_a);
	put("projects/b.md", pj_b);
	put("projects/c.md", pj_c);
	put("projects/d.md", pj_d);
	put("projects/e.md", pj_e);
	put("projects/f.md", pj_f);
	put("projects/g.md", pj_g);
}

static void
test_ok_tree(void)
{
	struct build b;
	struct diag d;
	struct chapter *intro, *mainc, *app;
	struct project *p;
	struct inline_node *in;
	struct block *bl;
	struct volume *hon, *jig;
	struct buf dump1 = {0}, dump2 = {0};
	size_t i;

	new_tree();
	write_ok_tree();
	run(&b, &d);
	if (d.n > 0)
		diag_print(&d, stdout);
	CHECK_INT(d.errors, 0, "ok tree: no errors");
	/* The one warning: the old C row has no successor? No: p-e names it. */
	CHECK_INT(d.warnings, 0, "ok tree: no warnings");

	/* Focus areas in taxonomy order, not file order. */
	CHECK_STR(b.nfocus == 2 ? b.focus[0].c.key : NULL, "fa-two",
	    "focus areas reordered into taxonomy order");
	CHECK_STR(b.focus[0].id, "重点事業①", "fa-two is 重点事業①");
	CHECK_STR(b.focus[1].id, "重点事業②", "fa-one is 重点事業②");

	/* Pins and file order. */
	p = project(&b, "p-b");
	CHECK_STR(p ? p->id : NULL, "②-1", "p-b pinned to 1 in fa-one: ②-1");
	p = project(&b, "p-a");
	CHECK_STR(p ? p->id : NULL, "②-2", "p-a takes the next free number");
	CHECK_INT(b.focus[1].nmembers, 2, "fa-one has two members");
	CHECK_STR(b.focus[1].members[0]->c.key, "p-b", "members by number");
	p = project(&b, "p-g");
	CHECK_STR(p ? p->id : NULL, "①-1", "p-g: member of fa-two");
	/* Pillar 1 printed order: no category (p-d), cat-a (p-c), cat-b (p-g). */
	CHECK_STR(project(&b, "p-d")->id_pillar, "1-1", "p-d 1-1 (no category first)");
	CHECK_STR(project(&b, "p-c")->id_pillar, "1-2", "p-c 1-2 (cat-a)");
	CHECK(project(&b, "p-g")->id_pillar == NULL,
	    "p-g: a 再掲 member takes no pillar number");
	CHECK_INT(b.plan.pillars[0].categories[1].nprojects > 0 ?
	    b.plan.pillars[0].categories[1].projects[0] == project(&b, "p-g") : 0,
	    1, "p-g is still listed under cat-b");
	CHECK_STR(project(&b, "p-e")->id, "2-2", "p-e pinned to 2-2");
	CHECK_STR(project(&b, "p-f")->id, "2-1", "p-f takes the free 2-1");
	CHECK_STR(b.plan.pillars[0].number, "＜1＞", "pillar number ＜1＞");
	CHECK_INT(b.plan.pillars[0].categories[1].nprojects, 1,
	    "cat-b lists its project");
	CHECK_STR(project(&b, "p-a")->c.url, "projects/p-a.html", "project URL");
	CHECK_STR(b.focus[0].c.url, "focus/fa-two.html", "focus area URL");

	/* Chapters. */
	intro = chapter(&b, "intro");
	mainc = chapter(&b, "main");
	app = chapter(&b, "app");
	CHECK(intro && intro->number == NULL, "numbered: false has no number");
	CHECK_STR(mainc ? mainc->number : NULL, "第1章", "first numbered chapter 第1章");
	CHECK_STR(app ? app->number : NULL, "資料1", "appendix 資料1");
	CHECK_STR(mainc->url, "chapters/main.html", "chapter URL");

	/* Sections: ## 背景 1-1, ### (1) (2), ## 補足 {-}, ### (1), ## 目的 1-2. */
	bl = nth_block(&mainc->doc, BLK_HEADING, 0);
	CHECK_STR(bl ? bl->number : NULL, "1-1", "## 背景 is 1-1");
	CHECK_STR(bl ? bl->anchor : NULL, "sec-1", "## 背景 anchor sec-1");
	bl = nth_block(&mainc->doc, BLK_HEADING, 2);
	CHECK_STR(bl ? bl->number : NULL, "(2)", "second ### is (2)");
	CHECK_STR(bl ? bl->anchor : NULL, "sec-1-2", "second ### anchor sec-1-2");
	bl = nth_block(&mainc->doc, BLK_HEADING, 3);
	CHECK(bl && bl->number == NULL, "{-} heading has no number");
	CHECK_STR(bl ? bl->anchor : NULL, "h-4", "{-} heading anchor h-4");
	bl = nth_block(&mainc->doc, BLK_HEADING, 4);
	CHECK_STR(bl ? bl->number : NULL, "(1)", "### under {-} restarts at (1)");
	bl = nth_block(&mainc->doc, BLK_HEADING, 5);
	CHECK_STR(bl ? bl->number : NULL, "1-2", "{-} does not count: 目的 is 1-2");
	bl = nth_block(&app->doc, BLK_HEADING, 0);
	CHECK_STR(bl ? bl->number : NULL, "1-1", "appendix section {chapter} = 1");

	/* Figures, tables, footnotes. */
	bl = nth_block(&mainc->doc, BLK_FIGURE, 0);
	CHECK_STR(bl && bl->figure ? bl->figure->number : NULL, "図1-1",
	    "figure number 図1-1");
	CHECK_STR(bl && bl->figure ? bl->figure->anchor : NULL, "fig-1",
	    "figure anchor fig-1");
	bl = nth_block(&mainc->doc, BLK_TABLE, 0);
	CHECK_STR(bl && bl->table ? bl->table->number : NULL, "表1-1",
	    "captioned table 表1-1");
	in = para_inl(&mainc->doc, 1, INL_FOOTREF);
	CHECK_STR(in ? in->key : NULL, "b", "first footnote reference is [^b]");
	CHECK_INT(in && in->footnote ? in->footnote->number : -1, 1,
	    "[^b] is footnote 1 (order of first reference)");
	CHECK_STR(in && in->footnote ? in->footnote->anchor : NULL, "fn-1",
	    "footnote anchor fn-1");

	/* Fields. */
	in = para_inl(&mainc->doc, 0, INL_FIELD);
	CHECK_STR(in ? in->text : NULL,
	    "令和8年度（2026年度）～令和12年度（2030年度）", "{{period}}");
	CHECK(in && in->expansion == NULL, "long form has no expansion");
	in = in ? in->next : NULL;
	while (in != NULL && in->type != INL_FIELD)
		in = in->next;
	CHECK_STR(in ? in->text : NULL, "R9", "{{fy R9 short}} prints R9");
	CHECK_STR(in ? in->expansion : NULL, "令和9年度（2027年度）",
	    "{{fy R9 short}} expansion is the long form");
	in = para_inl(&mainc->doc, 1, INL_FIELD);
	CHECK_STR(in ? in->text : NULL, "令和8年（2026年）3月", "{{date R8.3}}");
	in = para_inl(&intro->doc, 0, INL_FIELD);
	CHECK_STR(in ? in->text : NULL, "東浜市", "{{city.name}}");

	/* Generated block. */
	bl = nth_block(&mainc->doc, BLK_GENERATED, 0);
	CHECK_INT(bl && bl->gen ? (long long)bl->gen->nprojects : -1, 3,
	    "{{projects pillar=1}} lists the pillar's 3 projects");

	/* Values. */
	p = project(&b, "p-a");
	CHECK_STR(p->indicators[0].targets[0].value.display, "1,290件",
	    "1290 + 件 = 1,290件");
	CHECK_STR(p->indicators[0].targets[1].value.display, "1,234,567.5件",
	    "1234567.5 grouped");
	CHECK_STR(p->indicators[0].targets[2].value.display, "320件 (1,290人)",
	    "a string is verbatim, no unit");
	CHECK_STR(p->indicators[0].targets[3].value.display, "—",
	    "dash displays —");
	CHECK_STR(p->indicators[1].targets[0].value.display, "20%",
	    "20 + %% = 20%%");
	CHECK_STR(p->indicators[4].all.display, "3手続", "all: 3 + 手続");
	CHECK_INT(p->indicators[2].pending.from, 2026, "pending from defaults "
	    "to the period");
	CHECK_INT(p->indicators[2].pending.to, 2030, "pending to defaults");
	CHECK_INT(p->indicators[3].covered, 1, "rows: 2 covers the next one");
	CHECK_INT(p->indicators[4].covered, 0, "and no more");

	/* Glossary: あい < はーど(はあと) < ばす(はす) < ぱそこん(はそこん) < よび. */
	CHECK_STR(b.terms_sorted[0]->key, "ai", "sorted 1: えーあい");
	CHECK_STR(b.terms_sorted[1]->key, "hard", "sorted 2: はーど");
	CHECK_STR(b.terms_sorted[2]->key, "bus", "sorted 3: ばす (voiced as は)");
	CHECK_STR(b.terms_sorted[3]->key, "pc", "sorted 4: ぱそこん");
	CHECK_STR(b.terms_sorted[4]->key, "spare", "sorted 5: よび");
	CHECK_STR(b.terms[0].anchor, "term-pc", "term anchor");
	for (i = 0; i < b.nterms; i++)
		if (strcmp(b.terms[i].key, "pc") == 0)
			CHECK_INT(b.terms[i].uses, 3, "pc is used 3 times");

	/* Volumes and markers. */
	hon = &b.plan.volumes[0];
	jig = &b.plan.volumes[1];
	CHECK_STR(hon->title, "東浜市DX計画（案）", "volume title pattern");
	CHECK_INT(hon->nterms, 4, "honpen: 4 terms marked (ai, pc, hard, bus)");
	CHECK_STR(hon->nterms > 0 ? hon->terms[0]->key : NULL, "ai",
	    "honpen ※1 is ai (はじめに comes first)");
	in = para_inl(&mainc->doc, 1, INL_GLOSS);
	CHECK_INT(in ? in->gloss_marker : -1, 0,
	    "second use of ai in the volume has no marker");
	in = para_inl(&mainc->doc, 0, INL_GLOSS);
	CHECK_INT(in ? in->gloss_marker : -1, 2, "pc is ※2 in honpen");
	in = para_inl(&project(&b, "p-g")->c.body.doc, 0, INL_GLOSS);
	CHECK_INT(in ? in->gloss_marker : -1, 1,
	    "pc is ※1 again in jigyoshu, in p-g (member of the first "
	    "focus area)");
	in = para_inl(&b.focus[1].c.body.doc, 0, INL_GLOSS);
	CHECK_INT(in ? in->gloss_marker : -1, 0,
	    "fa-one's later pc has no marker");
	CHECK_STR(jig->nterms > 1 ? jig->terms[1]->key : NULL, "hard",
	    "jigyoshu ※2 is hard (in p-a)");
	{
		int relisted = 0, groups = 0;

		for (i = 0; i < jig->nitems; i++) {
			if (jig->items[i].kind == VI_PROJECT &&
			    jig->items[i].relisted)
				relisted++;
			if (jig->items[i].kind == VI_GROUP)
				groups++;
		}
		CHECK_INT(relisted, 1, "p-g is relisted (【再掲】) under its pillar");
		CHECK_INT(groups, 4, "groups: ＜1＞, cat-a, cat-b, ＜2＞");
	}
	CHECK(hon->ntoc > 0 && hon->toc[0].level == 1, "toc starts at level 1");

	/* Register. */
	CHECK_INT(b.reg ? b.reg->n_continued : -1, 2,
	    "register: 2 continued (the 再掲 row not counted)");
	CHECK_INT(b.reg ? b.reg->n_ended : -1, 1, "register: 1 ended");
	CHECK_INT(b.reg ? (long long)b.reg->v[0].nsuccessors : -1, 1,
	    "1-1 has a successor");
	CHECK_INT(b.n_new, 5, "5 new projects");
	CHECK_INT(b.n_continued, 2, "2 continued projects");
	CHECK(b.reg && b.reg->v[3].departments.v[0].dept == NULL,
	    "an old department name in the register is kept as written");
	CHECK_STR(b.depts[1].anchor, "dept-shimin", "department anchor");
	CHECK_INT(b.depts[1].nprojects, 2, "市民課 lists p-a and p-c");

	/* The dump is deterministic. */
	dump_build(&b, &dump1);
	build_free(&b);
	diag_free(&d);
	run(&b, &d);
	dump_build(&b, &dump2);
	CHECK(dump1.len > 1000 && strcmp(buf_str(&dump1), buf_str(&dump2)) == 0,
	    "two runs dump the same bytes");
	buf_free(&dump1);
	buf_free(&dump2);
	build_free(&b);
	diag_free(&d);
	rm_tree();
}

/* ------------------------------------------------------------------ */
/* Errors                                                               */
/* ------------------------------------------------------------------ */

static void
test_errors(void)
{
	struct build b;
	struct diag d;

	new_tree();
	write_ok_tree();
	/* Line 4 of each front matter is the line edited below. */
	put("projects/c.md",
	    "---\ntype: project\nkey: p-c\ntitle: 事業C\npillar: 2\ncategory: cat-a\n"
	    "status: new\ndepartments: [digtal, 市民窓口課]\n"
	    "schedule:\n  - - { from: R7, to: R9, label: x }\n"
	    "  - - { from: R10, to: R9, label: y }\n"
	    "---\n事業C。[[pcc]]\n");
	put("projects/d.md",
	    "---\ntype: project\nkey: p-d\ntitle: 事業D\npillar: 9\n"
	    "status: new\ndepartments: [digital]\n---\n事業D。\n");
	put("projects/e.md",
	    "---\ntype: project\nkey: p-e\ntitle: 事業E\npillar: 2\nnumber: 1\n"
	    "status: new\ndepartments: [digital]\n"
	    "predecessors: [ { id: \"9-9\", relation: renamed } ]\n---\n事業E。\n");
	put("projects/f.md",
	    "---\ntype: project\nkey: p-f\ntitle: 事業F\npillar: 2\nnumber: 1\n"
	    "status: new\ndepartments: [digital]\n---\n事業F。\n");
	put("projects/h.md",
	    "---\ntype: project\nkey: p-h\ntitle: 事業H\nfocus_area: fa-on\n"
	    "status: new\ndepartments: [digital]\n---\n事業H。\n");
	put("projects/i.md",
	    "---\ntype: project\nkey: p-i\ntitle: 事業I\n"
	    "status: new\ndepartments: [digital]\n---\n事業I。\n");
	put("projects/j.md",
	    "---\ntype: project\nkey: p-a\ntitle: 重複\npillar: 2\n"
	    "status: new\ndepartments: [digital]\n---\n重複。\n");
	put("projects/k.md",
	    "---\ntype: focus_area\nkey: fa-three\ntitle: 重点三\ngoal: 1\n"
	    "departments: [digital]\n---\n三。\n");
	put("chapters/04-bad.md",
	    "---\ntitle: 誤り\nkey: bad\nvolume: honben\n---\n"
	    "{{fy R9 shrot}}と{{plan.titel}}と{{fy R99x}}。\n"
	    "\n"
	    "{{projects pillar=9}}\n");
	/* spare is listed: true; drop pc's uses by not editing. Add an unused one. */
	put("glossary.yaml",
	    "- { key: pc, term: パソコン, reading: ぱそこん, definition: 計算機。 }\n"
	    "- { key: bus, term: バス, reading: ばす, definition: 乗り物。 }\n"
	    "- { key: hard, term: ハード, reading: はーど, definition: 機械。 }\n"
	    "- { key: ai, term: AI, reading: えーあい, definition: 人工知能。 }\n"
	    "- { key: iot, term: IoT, reading: あいおーてぃー, definition: もの。 }\n");
	run(&b, &d);

	CHECK_STR(where(&d, "unknown-department", "projects/c.md"), "8:15",
	    "[unknown-department] at the department written");
	CHECK(strstr(msg_of(&d, "unknown-department"), "did you mean 'digital'")
	    != NULL, "unknown department has a did-you-mean hint");
	CHECK_STR(where(&d, "department-alias", "projects/c.md"), "8:23",
	    "[department-alias] warning at the alias");
	CHECK(strstr(msg_of(&d, "department-alias"), "市民課 is printed") != NULL,
	    "alias warning names the canonical name");
	CHECK_STR(where(&d, "unknown-category", "projects/c.md"), "6:11",
	    "[unknown-category] for a category of another pillar");
	CHECK(strstr(msg_of(&d, "unknown-category"), "belongs to pillar 1")
	    != NULL, "category message says which pillar it belongs to");
	CHECK_STR(where(&d, "year-outside-period", "projects/c.md"), "10:15",
	    "[year-outside-period] at from: R7 of a bar");
	CHECK_STR(where(&d, "bad-range", "projects/c.md"), "11:15",
	    "[bad-range] for a bar from R10 to R9");
	CHECK_STR(where(&d, "unknown-term", "projects/c.md"), "13:7",
	    "[unknown-term] at the key of [[pcc]] (columns in characters)");
	CHECK(strstr(msg_of(&d, "unknown-term"), "did you mean 'pc'") != NULL,
	    "unknown term hint");
	CHECK_STR(where(&d, "unknown-pillar", "projects/d.md"), "5:9",
	    "[unknown-pillar] at pillar: 9");
	CHECK_STR(where(&d, "duplicate-number", "projects/f.md"), "6:9",
	    "[duplicate-number] at the second pin");
	CHECK_STR(project(&b, "p-f")->id, "2-3",
	    "the second pin is numbered as if unpinned (after p-c)");
	CHECK_STR(where(&d, "unknown-predecessor", "projects/e.md"), "9:23",
	    "[unknown-predecessor] at the id");
	CHECK_STR(where(&d, "unknown-focus-area", "projects/h.md"), "5:13",
	    "[unknown-focus-area] at focus_area: fa-on");
	CHECK(strstr(msg_of(&d, "unknown-focus-area"), "did you mean 'fa-one'")
	    != NULL, "unknown focus area hint");
	CHECK_STR(where(&d, "no-group", "projects/i.md"), "2:1",
	    "[no-group] at the front matter");
	CHECK_STR(where(&d, "duplicate-key", "projects/j.md"), "3:6",
	    "[duplicate-key] at the second p-a");
	CHECK_STR(where(&d, "focus-not-listed", "projects/k.md"), "3:6",
	    "[focus-not-listed] at the key");
	CHECK_STR(where(&d, "unknown-volume", "chapters/04-bad.md"), "4:9",
	    "[unknown-volume] at volume: honben");
	CHECK(strstr(msg_of(&d, "unknown-volume"), "did you mean 'honpen'")
	    != NULL, "unknown volume hint");
	CHECK_STR(where(&d, "bad-field", "chapters/04-bad.md"), "6:37",
	    "[bad-field] points at the year that does not parse (R99x)");
	CHECK_INT(count(&d, "bad-field"), 1,
	    "a bad style or field name is md.c's error, not reported twice");
	CHECK_INT(count(&d, "bad-argument") + count(&d, "unknown-field"), 2,
	    "md.c reports shrot and plan.titel once each");
	CHECK_STR(where(&d, "unknown-pillar", "chapters/04-bad.md"), "8:19",
	    "{{projects pillar=9}}: [unknown-pillar] at the argument");
	CHECK_STR(where(&d, "unused-term", "glossary.yaml"), "5:10",
	    "[unused-term] warning for iot, at its key");
	CHECK_INT(count(&d, "unused-term"), 1,
	    "listed and referenced terms are not warned");
	CHECK_STR(where(&d, "orphan-predecessor", "registers/old.yaml"), "6:11",
	    "[orphan-predecessor] for 2-2 (p-e no longer names it)");
	CHECK_INT(count(&d, "orphan-predecessor"), 1,
	    "relisted and ended rows are not orphans");
	build_free(&b);
	diag_free(&d);
	rm_tree();
}

static void
test_final_plan(void)
{
	struct build b;
	struct diag d;

	new_tree();
	write_ok_tree();
	{
		char *s = xstrdup(plan_ok), *p = strstr(s, "status: draft");

		memcpy(p, "status: final", 13);
		/* A key that is not ASCII. */
		put("plan.yaml", s);
		free(s);
	}
	put("projects/a.md", "---\ntype: project\nkey: プロジェクト\ntitle: 事業A\n"
	    "focus_area: fa-one\nstatus: new\ndepartments: [digital]\n---\nA。\n");
	run(&b, &d);
	CHECK_STR(where(&d, "unknown-month", "plan.yaml"), "8:31",
	    "[unknown-month]: as_of month null in a final plan");
	CHECK_STR(where(&d, "bad-key", "projects/a.md"), "3:6",
	    "[bad-key] for a non-ASCII key");
	CHECK_STR(b.plan.volumes[0].title, "東浜市DX計画",
	    "{draft_label} is empty in a final plan");
	build_free(&b);
	diag_free(&d);
	rm_tree();
}

/* numbering.project_in_category: ids restart in each category. */
static void
test_in_category(void)
{
	struct build b;
	struct diag d;
	char *s;
	const char *add = "numbering: { project_in_category: \"{pillar}-{n:circled}\" }\n";

	new_tree();
	write_ok_tree();
	s = xmalloc(strlen(plan_ok) + strlen(add) + 1);
	strcpy(s, plan_ok);
	strcat(s, add);
	put("plan.yaml", s);
	free(s);
	put("projects/h.md", "---\ntype: project\nkey: p-h\ntitle: 事業H\npillar: 1\n"
	    "category: cat-a\nstatus: new\ndepartments: [digital]\n---\nH。\n");
	run(&b, &d);
	CHECK_INT(d.errors, 0, "project_in_category tree has no errors");
	CHECK_STR(project(&b, "p-c")->id, "1-①", "p-c is 1-① in cat-a");
	CHECK_STR(project(&b, "p-h")->id, "1-②", "p-h is 1-② in cat-a");
	CHECK(project(&b, "p-g")->id_pillar == NULL,
	    "p-g (再掲 in cat-b) takes no category number");
	CHECK_STR(project(&b, "p-d")->id, "1-1",
	    "a project without a category keeps project_in_pillar");
	build_free(&b);
	diag_free(&d);
	rm_tree();
}

/* Numbering patterns: a bad one is reported once; kanji chapters. */
static void
test_patterns(void)
{
	struct build b;
	struct diag d;
	char *s;
	const char *add = "numbering: { chapter: \"第{n:kanji}章\", "
	    "figure: \"図{n:circle}\", sections: [\"{n:roman}\", "
	    "\"{section}-{n}\"] }\n";

	new_tree();
	write_ok_tree();
	s = xmalloc(strlen(plan_ok) + strlen(add) + 1);
	strcpy(s, plan_ok);
	strcat(s, add);
	put("plan.yaml", s);
	free(s);
	/* A chapter named in the contents of two volumes. */
	run(&b, &d);
	CHECK_STR(where(&d, "bad-numbering", "plan.yaml"), "22:46",
	    "a bad figure pattern is reported at its value");
	CHECK(strstr(msg_of(&d, "bad-numbering"), "did you mean '{n:circled}'")
	    != NULL, "bad-numbering hints the format");
	CHECK_STR(chapter(&b, "main")->number, "第一章", "第{n:kanji}章");
	CHECK_STR(nth_block(&chapter(&b, "main")->doc, BLK_HEADING, 0)->number,
	    "Ⅰ", "## with {n:roman}");
	CHECK_STR(nth_block(&chapter(&b, "main")->doc, BLK_HEADING, 2)->number,
	    "Ⅰ-2", "### with {section}-{n}");
	CHECK_STR(where(&d, "bad-numbering", "chapters/02-main.md"), "17:1",
	    "### under an unnumbered ## has no {section}: an error at it");
	CHECK(nth_block(&chapter(&b, "main")->doc, BLK_HEADING, 4)->number ==
	    NULL, "and it is not numbered");
	CHECK_INT(count(&d, "bad-numbering"), 2,
	    "the figure pattern once, the heading once");
	build_free(&b);
	diag_free(&d);
	rm_tree();
}

/* A chapter in two volumes; register counts without relisted rows. */
static void
test_volumes(void)
{
	struct build b;
	struct diag d;
	char *s;
	const char *vols =
	    "volumes:\n"
	    "  - { key: honpen, title: \"{plan.title}\", contents: [main, chapters, register] }\n"
	    "  - { key: jigyoshu, title: \"{city.name} {plan.title}\", contents: [main, focus_areas] }\n";

	new_tree();
	write_ok_tree();
	s = xmalloc(strlen(plan_ok) + strlen(vols) + 1);
	strcpy(s, plan_ok);
	strcpy(strstr(s, "volumes:"), vols);
	put("plan.yaml", s);
	free(s);
	run(&b, &d);
	CHECK_STR(where(&d, "two-volumes", "plan.yaml"), "21:68",
	    "[two-volumes]: main named in the contents of a second volume");
	CHECK_STR(b.plan.volumes[1].title, "東浜市 東浜市DX計画",
	    "{city.name} in a volume title");
	CHECK(b.plan.volumes[0].nitems > 0 &&
	    b.plan.volumes[0].items[0].kind == VI_CHAPTER &&
	    b.plan.volumes[0].items[0].chapter == chapter(&b, "main"),
	    "a named chapter comes where it is named");
	CHECK(b.plan.volumes[0].items[b.plan.volumes[0].nitems - 1].kind ==
	    VI_REGISTER, "register item last");
	CHECK_INT(count(&d, "sheet-missing"), 0, "no other error");
	build_free(&b);
	diag_free(&d);
	rm_tree();
}


/* Cross-references: links to chapters, sheets, headings, figures, tables. */
static void
test_xrefs(void)
{
	struct build b;
	struct diag d;
	struct chapter *intro, *mainc;
	struct inline_node *in;
	struct block *bl;
	struct volume *hon, *jig;
	char *s;

	new_tree();
	write_ok_tree();
	put("chapters/01-intro.md",
	    "---\ntitle: はじめに\nkey: intro\nnumbered: false\n---\n"
	    "[](02-main.md)、[趣旨](02-main.md)、[](02-main.md#国の動き)、"
	    "[](02-main.md#sec-2)、[](02-main.md#shihyo)、"
	    "[](../figures/x.svg)、[](../projects/a.md)、"
	    "[](../projects/fa/01-fa-one.md)、[](02-main.md#%E8%83%8C%E6%99%AF)、"
	    "[](#導入)、[](https://example.jp/)、[](../registers/old.pdf)\n"
	    "\n## 導入 {-}\n\n## [](02-main.md)との関係\n");
	s = xmalloc(strlen(ch_main) + 64);
	strcpy(s, ch_main);
	strcpy(strstr(s, "表：主な指標"), "表：主な指標 {#shihyo}");
	strcat(s, strstr(ch_main, "表：主な指標") + strlen("表：主な指標"));
	put("chapters/02-main.md", s);
	free(s);
	put("projects/b.md",
	    "---\ntype: project\nkey: p-b\ntitle: 事業B\nfocus_area: fa-one\n"
	    "number: 1\nstatus: new\ndepartments: [digital]\n---\n"
	    "[](../chapters/02-main.md#目的)と[](fa/01-fa-one.md)。\n");
	run(&b, &d);
	if (d.errors > 0)
		diag_print(&d, stdout);
	CHECK_INT(d.errors, 0, "xrefs: no errors");
	intro = chapter(&b, "intro");
	mainc = chapter(&b, "main");
	hon = &b.plan.volumes[0];
	jig = &b.plan.volumes[1];
	bl = intro != NULL ? nth_block(&intro->doc, BLK_PARA, 0) : NULL;
	in = bl != NULL ? bl->inlines : NULL;
	CHECK(in != NULL && in->type == INL_LINK && in->xref != NULL &&
	    in->xref->kind == XR_CHAPTER, "a link to a chapter file");
	if (in == NULL || in->xref == NULL)
		goto out;
	CHECK_STR(in->xref->text, "第1章　計画の趣旨", "chapter: number and title");
	CHECK_STR(in->xref->url, "chapters/main.html", "chapter: its page");
	CHECK_STR(in->xref->dest, "ch-main", "chapter: its destination");
	CHECK(in->xref->volume == hon, "chapter: printed in the 本編");
#define NEXT() do { in = in->next; while (in != NULL && in->type != INL_LINK) in = in->next; } while (0)
	NEXT();
	CHECK(in != NULL && in->children != NULL && in->xref != NULL,
	    "text kept, target resolved");
	NEXT();
	CHECK_STR(in && in->xref ? in->xref->text : NULL, "1-1(1)　国の動き",
	    "a heading by its text");
	CHECK_STR(in && in->xref ? in->xref->dest : NULL, "ch-main.sec-1-1",
	    "a heading's destination: page and anchor");
	NEXT();
	CHECK_STR(in && in->xref ? in->xref->text : NULL, "1-2　目的",
	    "a heading by its anchor");
	NEXT();
	CHECK_STR(in && in->xref ? in->xref->text : NULL, "表1-1",
	    "a table by its {#key}");
	CHECK_STR(in && in->xref ? in->xref->anchor : NULL, "tbl-shihyo",
	    "a keyed table's anchor");
	NEXT();
	CHECK_STR(in && in->xref ? in->xref->text : NULL, "図1-1",
	    "a figure by its image file");
	NEXT();
	CHECK_STR(in && in->xref ? in->xref->text : NULL, "②-2　事業A",
	    "a project: printed id and title");
	CHECK(in && in->xref && in->xref->volume == jig,
	    "a project is printed in the 事業集");
	CHECK_STR(in && in->xref ? in->xref->where : NULL, "事業集",
	    "the other volume as a reader names it");
	NEXT();
	CHECK_STR(in && in->xref ? in->xref->text : NULL, "重点事業②　重点一",
	    "a focus area: its number and title");
	NEXT();
	CHECK_STR(in && in->xref ? in->xref->text : NULL, "1-1　背景",
	    "a percent-encoded heading text");
	NEXT();
	CHECK_STR(in && in->xref ? in->xref->dest : NULL, "ch-intro.h-1",
	    "#fragment: a heading of the same file");
	NEXT();
	CHECK(in != NULL && in->xref == NULL, "a web address is no xref");
	NEXT();
	CHECK(in != NULL && in->xref == NULL, "another file stays as written");
	CHECK_INT(jig->nexports, 2, "the 事業集 exports what the 本編 links to");
	CHECK_STR(jig->nexports > 0 ? jig->exports[0] : NULL, "fa-fa-one",
	    "exports sorted");
	{
		size_t k;
		const char *tt = NULL;

		for (k = 0; k < hon->ntoc; k++)
			if (hon->toc[k].title != NULL &&
			    strstr(hon->toc[k].title, "との関係") != NULL)
				tt = hon->toc[k].title;
		CHECK_STR(tt, "第1章　計画の趣旨との関係",
		    "a heading's reference text in the table of contents");
	}
	CHECK_INT(hon->nexports, 1, "the 本編 exports what a sheet links to");
	CHECK_STR(hon->nexports > 0 ? hon->exports[0] : NULL, "ch-main.sec-2",
	    "a heading as a named destination");
	(void)mainc;
#undef NEXT
out:
	build_free(&b);
	diag_free(&d);
	rm_tree();

	/* Errors: at the link, with did-you-mean as written from the file. */
	new_tree();
	write_ok_tree();
	put("chapters/01-intro.md",
	    "---\ntitle: はじめに\nkey: intro\nnumbered: false\n---\n"
	    "前文。[](02-mian.md)\n"
	    "[](02-main.md#目標)、[](figures/x.svg)\n");
	s = xmalloc(strlen(ch_main) + 64);
	strcpy(s, ch_main);
	strcpy(strstr(s, "表：主な指標"), "表：主な指標 {#Bad}");
	strcat(s, strstr(ch_main, "表：主な指標") + strlen("表：主な指標"));
	put("chapters/02-main.md", s);
	free(s);
	run(&b, &d);
	CHECK_INT(count(&d, "unknown-link-target"), 3,
	    "[unknown-link-target] three times");
	CHECK_STR(where(&d, "unknown-link-target", "chapters/01-intro.md"),
	    "6:4", "[unknown-link-target] at the link");
	CHECK(strstr(msg_of(&d, "unknown-link-target"),
	    "did you mean '02-main.md'") != NULL, "did you mean the file");
	CHECK_STR(where(&d, "bad-key", "chapters/02-main.md"), "23:10",
	    "[bad-key] a table id with a capital, at the key");
	build_free(&b);
	diag_free(&d);
	rm_tree();
}

int
main(void)
{
	test_ok_tree();
	test_errors();
	test_final_plan();
	test_in_category();
	test_patterns();
	test_volumes();
	test_xrefs();
	return check_done();
}
