/*
 * test_load.c: the content loader (load.h). Each test writes a small
 * content tree into a fresh mkdtemp folder, loads it, and checks the model
 * and the diagnostics (code, line, column).
 */
#define _POSIX_C_SOURCE 200809L
#define _XOPEN_SOURCE 700

#include <sys/stat.h>

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "load.h"

/* --- scaffolding --- */

static char tree[64];

static const char base_plan[] =
	"city: { name: みどり市 }\n"
	"plan:\n"
	"  key: dx\n"
	"  title: みどり市DX推進計画\n"
	"  period: { from: R8, to: R12 }\n";

static const char base_depts[] =
	"- { key: digital, name: デジタル推進課 }\n"
	"- { key: shimin, name: 市民課, aliases: [市民窓口課] }\n";

static void
put(const char *rel, const char *text, size_t len)
{
	char path[512], *p;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tree, rel);
	for (p = path + strlen(tree) + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		mkdir(path, 0755);
		*p = '/';
	}
	if ((f = fopen(path, "wb")) == NULL) {
		perror(path);
		exit(2);
	}
	fwrite(text, 1, len, f);
	fclose(f);
}

static void
wr(const char *rel, const char *text)
{
	put(rel, text, strlen(text));
}

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void
cleanup(void)
{
	if (tree[0] != '\0')
		nftw(tree, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	tree[0] = '\0';
}

/* A fresh tree with a valid plan.yaml and departments.yaml. */
static void
fresh(void)
{
	cleanup();
	strcpy(tree, "/tmp/kk-load-XXXXXX");
	if (mkdtemp(tree) == NULL) {
		perror("mkdtemp");
		exit(2);
	}
	wr("plan.yaml", base_plan);
	wr("departments.yaml", base_depts);
}

static struct build b;
static struct diag d;
static int rc;

static void
load(void)
{
	build_free(&b);
	diag_free(&d);
	memset(&b, 0, sizeof(b));
	diag_init(&d);
	rc = load_tree(&b, &d, tree);
}

/* Prints the diagnostics as TAP comments, for a failing check. */
static void
show(void)
{
	size_t i;

	for (i = 0; i < d.n; i++)
		printf("#   %s:%d:%d: %s [%s]\n", d.v[i].file ? d.v[i].file : "",
		    d.v[i].line, d.v[i].col, d.v[i].msg, d.v[i].code);
}

/* The first diagnostic with code, or NULL. */
static const struct diag_entry *
find(const char *code)
{
	size_t i;

	for (i = 0; i < d.n; i++)
		if (strcmp(d.v[i].code, code) == 0)
			return &d.v[i];
	return NULL;
}

/* A diagnostic with code at file (relative to the tree) line:col. */
static int
at(const char *code, const char *rel, int line, int col)
{
	char want[512];
	size_t i;

	snprintf(want, sizeof(want), "%s/%s", tree, rel);
	for (i = 0; i < d.n; i++)
		if (strcmp(d.v[i].code, code) == 0 && d.v[i].file != NULL &&
		    strcmp(d.v[i].file, want) == 0 && d.v[i].line == line &&
		    d.v[i].col == col)
			return 1;
	show();
	return 0;
}

/* Some diagnostic with code has needle in its message. */
static int
msg_has(const char *code, const char *needle)
{
	size_t i;

	for (i = 0; i < d.n; i++)
		if (strcmp(d.v[i].code, code) == 0 &&
		    strstr(d.v[i].msg, needle) != NULL)
			return 1;
	show();
	return 0;
}

static void
rm(const char *rel)
{
	char path[600];

	snprintf(path, sizeof(path), "%s/%s", tree, rel);
	remove(path);
}

static const char project_head[] =
	"---\n"
	"type: project\n"
	"key: p1\n"
	"title: オンライン申請の拡充\n"
	"pillar: 1\n"
	"departments: [digital]\n";

/* A project file: the standard head, then extra front-matter lines, then the body. */
static void
project(const char *rel, const char *extra, const char *body)
{
	char text[8192];

	snprintf(text, sizeof(text), "%s%s---\n%s", project_head, extra, body);
	wr(rel, text);
}

/* --- tests --- */

static void
test_minimal(void)
{
	fresh();
	load();
	CHECK_INT(rc, 0, "minimal tree loads");
	CHECK_INT((long long)d.errors, 0, "minimal tree: no errors");
	if (d.errors)
		show();
	CHECK_STR(b.plan.city_name, "みどり市", "city name");
	CHECK_STR(b.plan.title, "みどり市DX推進計画", "plan title");
	CHECK_INT(b.plan.from, 2026, "period from R8");
	CHECK_INT(b.plan.to, 2030, "period to R12");
	CHECK_INT(b.plan.has_period, 1, "has_period");
	CHECK_INT((long long)b.ndepts, 2, "two departments");
	CHECK_STR(b.depts[1].aliases[0], "市民窓口課", "department alias");
	CHECK_INT((long long)b.plan.nvolumes, 1, "default volumes: honpen only without sheets");
	CHECK_STR(b.plan.volumes[0].key, "honpen", "default volume honpen");
	CHECK_STR(b.plan.numbering.sections[1], "({n})", "default numbering.sections[1]");
	CHECK_INT(b.plan.status, PLAN_DRAFT, "default status draft");
	CHECK(b.root != NULL && strcmp(b.root, tree) == 0, "b->root is the root as given");
	CHECK_INT((long long)b.nterms, 0, "glossary.yaml is optional");
}

static void
test_missing_files(void)
{
	fresh();
	rm("plan.yaml");
	load();
	CHECK_INT(rc, -1, "missing plan.yaml fails");
	CHECK(at("missing-file", "plan.yaml", 0, 0), "missing plan.yaml: missing-file at the file");
	fresh();
	rm("departments.yaml");
	load();
	CHECK(at("missing-file", "departments.yaml", 0, 0), "departments.yaml is required");
}

static void
test_unknown_key_japanese(void)
{
	fresh();
	wr("plan.yaml",
	    "city:\n"
	    "  name: みどり市\n"
	    "  mayor: { title: みどり市長, nme: 山田 太郎 }\n"
	    "plan: { key: dx, title: 計画, period: { from: R8, to: R12 } }\n");
	load();
	/* "  mayor: { title: みどり市長, " is 25 characters: nme starts at 26. */
	CHECK(at("unknown-key", "plan.yaml", 3, 26), "unknown key on a Japanese line: column in characters");
	CHECK(msg_has("unknown-key", "did you mean 'name'?"), "unknown key: did you mean 'name'");
	CHECK(msg_has("unknown-key", "'nme'"), "unknown key quoted");
	CHECK_INT(rc, -1, "unknown key is an error");
}

static void
test_transposed_key(void)
{
	fresh();
	wr("plan.yaml",
	    "city: { name: みどり市 }\n"
	    "plan: { key: dx, title: 計画, period: { from: R8, to: R12 } }\n"
	    "lables: { goal: 目標 }\n");
	load();
	CHECK(at("unknown-key", "plan.yaml", 3, 1), "unknown top-level key at its position");
	CHECK(msg_has("unknown-key", "did you mean 'labels'?"), "transposed letters get a hint");
}

/* A util function the loader's hints rest on: a name's first word. */
static void
test_suggest_first_word(void)
{
	static const char *const keys[] = { "focus_area", "pillar",
	    "departments", "dept-x", "dept-y" };

	CHECK_STR(str_suggest("focus", keys, 5), "focus_area",
	    "the first word of one name: did you mean 'focus_area'");
	CHECK(str_suggest("dept", keys, 5) == NULL,
	    "the first word of two names: no guess");
	CHECK(str_suggest("foc", keys, 5) == NULL,
	    "three characters are too few to guess from");
	CHECK_STR(str_suggest("pilar", keys, 5), "pillar",
	    "a typo still wins");
}

static void
test_bad_year(void)
{
	fresh();
	wr("plan.yaml",
	    "city: { name: みどり市 }\n"
	    "plan:\n"
	    "  key: dx\n"
	    "  title: 計画\n"
	    "  period: { from: 令和8年度, to: R1x }\n");
	load();
	/* "  period: { from: 令和8年度, to: " is 29 characters. */
	CHECK(at("bad-year", "plan.yaml", 5, 30), "bad year at the value, counted in characters");
	CHECK(msg_has("bad-year", "'R1x'"), "bad year quotes the value");
	CHECK_INT(b.plan.has_period, 0, "no period after a bad year");
}

static void
test_yaml12_and_ids(void)
{
	fresh();
	wr("plan.yaml",
	    "city: { name: みどり市 }\n"
	    "plan: { key: dx, title: No, period: { from: 2026, to: R12 }, issued: R8.3 }\n"
	    "taxonomy:\n"
	    "  goals:\n"
	    "    - { id: 010, title: 目標A }\n"
	    "    - { id: 1.0, title: 目標B }\n"
	    "  pillars:\n"
	    "    - { id: 1, title: 柱, goal: 010, sdgs: [9, 16],\n"
	    "        categories: [ { key: tetsuzuki, title: 手続 } ] }\n"
	    "  focus_areas: [focus-a]\n");
	load();
	CHECK_INT(rc, 0, "YAML 1.2 tree loads");
	if (rc)
		show();
	CHECK_STR(b.plan.title, "No", "title: No is the string No");
	CHECK_INT(b.plan.from, 2026, "a bare year 2026 is a fiscal year");
	CHECK_INT(b.plan.issued.year * 100 + b.plan.issued.month, 202603, "issued R8.3");
	CHECK_STR(b.plan.goals[0].id, "010", "id: 010 stays \"010\"");
	CHECK_STR(b.plan.goals[1].id, "1.0", "id: 1.0 stays \"1.0\"");
	CHECK_STR(b.plan.pillars[0].goal_ref.key, "010", "goal reference as written");
	CHECK_INT((long long)b.plan.pillars[0].nsdgs, 2, "sdgs");
	CHECK(b.plan.pillars[0].categories[0].pillar == &b.plan.pillars[0], "category points at its pillar");
	CHECK_STR(b.plan.focus_keys[0].key, "focus-a", "focus area keys");
}

static void
test_bool_yes(void)
{
	fresh();
	wr("chapters/01-a.md",
	    "---\n"
	    "title: はじめに\n"
	    "key: intro\n"
	    "numbered: no\n"
	    "---\n"
	    "本文。\n");
	load();
	CHECK(at("bad-type", "chapters/01-a.md", 4, 11), "numbered: no is a string, not false");
	CHECK(msg_has("bad-type", "YAML 1.2"), "bad-type explains YAML 1.2");
}

static void
test_chapter(void)
{
	fresh();
	wr("chapters/02-b.md",
	    "---\ntitle: 計画の趣旨\nkey: purpose\nshort_title: 趣旨\n---\n"
	    "本文。\n\n## 背景\n\n説明。\n");
	wr("chapters/01-a.md",
	    "---\ntitle: 市長あいさつ\nkey: greeting\nnumbered: false\n"
	    "signature: { date: R8.3, title: みどり市長, name: 山田 太郎 }\n"
	    "---\nごあいさつ。\n");
	wr("chapters/notes.txt", "ignored\n");
	wr("chapters/sub/03-c.md", "not read: chapters/ is not recursive\n");
	load();
	CHECK_INT(rc, 0, "chapters load");
	if (rc)
		show();
	CHECK_INT((long long)b.nchapters, 2, "two chapters (other files ignored)");
	CHECK_STR(b.chapters[0].key, "greeting", "chapters in file-name order");
	CHECK_STR(b.chapters[0].file, "chapters/01-a.md", "chapter file relative to the root");
	CHECK_INT(b.chapters[0].numbered, 0, "numbered: false");
	CHECK_INT(b.chapters[1].numbered, 1, "numbered defaults to true");
	CHECK_INT(b.chapters[1].appendix, 0, "appendix defaults to false");
	CHECK(b.chapters[1].volume_ref.key == NULL, "volume not given: left to resolve (honpen)");
	CHECK_INT(b.chapters[0].signature.present, 1, "signature");
	CHECK_INT(b.chapters[0].signature.date.month, 3, "signature date");
	CHECK(b.chapters[1].doc.blocks != NULL, "chapter body parsed");
	CHECK_INT(b.chapters[1].doc.blocks->span.line, 6, "body lines count from the file's first line");
}

static void
test_project(void)
{
	const struct project *p;

	fresh();
	project("projects/focus/01-x.md",
	    "status: renamed\n"
	    "predecessors: [ { id: \"1-1-(1)\", relation: renamed } ]\n"
	    "number: 2\n"
	    "schedule:\n"
	    "  - - { from: R8, to: R9, label: 検討 }\n"
	    "    - { from: R10, label: 導入 }\n"
	    "  - { cells: { R9: [システム導入, 運用開始], R8: 調査・検討 } }\n"
	    "indicators:\n"
	    "  - { kind: outcome, name: 利用率, unit: \"%\", targets: { R8: 1290, R9: 22.5, R10: 3.0, R11: \"3.0\", R12: 1.5e3 } }\n"
	    "  - { kind: output, name: 件数, targets: { R8: \"—\", R9: \"－\", R10: 0x1F } }\n"
	    "  - { kind: outcome, name: 平均正答率, targets: { all: 全国平均以上 }, merge: true }\n"
	    "  - { kind: kpi, pending: { text: 今後設定する。 } }\n"
	    "  - { kind: output, name: 受付, pending: { text: 後で, from: R10, rows: 2 } }\n"
	    "  - { kind: output, name: 小数, targets: { R8: .5, R9: -0.0, R10: 1e-3, R11: 2.50E+1, R12: -12 } }\n",
	    "来庁せずに手続できる窓口を広げます。\n\n"
	    "## 現状\n\n- 窓口が混む。\n\n### 市民\n\n- 待つ。\n\n"
	    "## 理想的な姿\n\n- 待たない。\n\n"
	    "## 主な取組 {-}\n\n- 拡充する。\n\n"
	    "## その他\n");
	load();
	CHECK_INT(rc, 0, "project loads");
	if (rc)
		show();
	if (b.nprojects != 1)
		return;
	p = &b.projects[0];
	CHECK_STR(p->c.file, "projects/focus/01-x.md", "project file relative to the root");
	CHECK_STR(p->c.key, "p1", "project key");
	CHECK_INT(p->c.key_span.line, 3, "key span line");
	CHECK_INT(p->status, STATUS_RENAMED, "status renamed");
	CHECK_INT(p->number, 2, "number");
	CHECK_STR(p->pillar_ref.key, "1", "pillar: 1 as written");
	CHECK_STR(p->c.preds[0].id, "1-1-(1)", "predecessor id");
	CHECK_INT(p->c.preds[0].relation, REL_RENAMED, "predecessor relation");
	/* schedule */
	CHECK_INT((long long)p->nschedule, 2, "two schedule rows");
	CHECK_INT(p->schedule[0].bars[1].from, 2028, "bar from R10");
	CHECK_INT(p->schedule[0].bars[1].to, 2028, "bar to defaults to from");
	CHECK_INT(p->schedule[1].is_cells, 1, "cells row");
	CHECK_INT((long long)p->schedule[1].ncells, 2, "two cells");
	CHECK_INT(p->schedule[1].cells[0].year, 2026, "cells in year order");
	CHECK_STR(p->schedule[1].cells[1].lines[1], "運用開始", "a list cell prints one line each");
	/* indicators */
	CHECK_INT((long long)p->nindicators, 6, "six indicators");
	if (p->nindicators == 6 && p->indicators[5].ntargets == 5) {
		CHECK_STR(p->indicators[5].targets[0].value.text, "0.5", ".5 is 0.5");
		CHECK_STR(p->indicators[5].targets[1].value.text, "0", "-0.0 is 0");
		CHECK_STR(p->indicators[5].targets[2].value.text, "0.001", "1e-3 is 0.001");
		CHECK_STR(p->indicators[5].targets[3].value.text, "25", "2.50E+1 is 25");
		CHECK_STR(p->indicators[5].targets[4].value.text, "-12", "negative integer");
	} else
		CHECK(0, "decimal indicator loaded");
	CHECK_STR(p->indicators[0].targets[0].value.text, "1290", "integer value");
	CHECK_INT(p->indicators[0].targets[0].value.is_number, 1, "integer is a number");
	CHECK_STR(p->indicators[0].targets[1].value.text, "22.5", "float value");
	CHECK_STR(p->indicators[0].targets[2].value.text, "3", "3.0 is the number 3");
	CHECK_STR(p->indicators[0].targets[3].value.text, "3.0", "\"3.0\" stays text");
	CHECK_INT(p->indicators[0].targets[3].value.is_number, 0, "\"3.0\" is not a number");
	CHECK_STR(p->indicators[0].targets[4].value.text, "1500", "1.5e3 is 1500");
	CHECK_INT(p->indicators[1].targets[0].value.is_dash, 1, "— is a dash");
	CHECK_INT(p->indicators[1].targets[1].value.is_dash, 1, "－ is a dash");
	CHECK_STR(p->indicators[1].targets[2].value.text, "31", "0x1F is 31");
	CHECK_INT(p->indicators[2].has_all, 1, "targets: { all: … }");
	CHECK_STR(p->indicators[2].all.text, "全国平均以上", "all value verbatim");
	CHECK_INT(p->indicators[2].merge, 1, "merge: true");
	CHECK_INT(p->indicators[3].kind, IND_KPI, "kind kpi");
	CHECK_INT(p->indicators[3].has_pending, 1, "pending");
	CHECK(p->indicators[3].name == NULL, "kpi with pending only has no name");
	CHECK_INT(p->indicators[3].pending.from, 2026, "pending from defaults to the period");
	CHECK_INT(p->indicators[3].pending.to, 2030, "pending to defaults to the period");
	CHECK_INT(p->indicators[3].pending.rows, 1, "pending rows default 1");
	CHECK_INT(p->indicators[4].pending.from, 2028, "pending from R10");
	CHECK_INT(p->indicators[4].pending.rows, 2, "pending rows 2");
	/* body */
	CHECK(p->c.body.lead != NULL && p->c.body.lead->type == BLK_PARA, "lead paragraph");
	CHECK(p->c.body.intro == p->c.body.lead, "intro starts with the lead");
	CHECK(load_section_end(p->c.body.intro->next), "intro ends at the first ##");
	CHECK_INT((long long)p->c.body.nsections, 4, "four ## sections");
	CHECK_INT(p->c.body.sections[0].role, SEC_CURRENT, "現状");
	CHECK_INT(p->c.body.sections[1].role, SEC_IDEAL, "理想的な姿");
	CHECK_INT(p->c.body.sections[2].role, SEC_ACTIONS, "主な取組 {-}");
	CHECK_INT(p->c.body.sections[3].role, SEC_OTHER, "other section");
	CHECK(p->c.body.sections[3].blocks == NULL, "an empty section has no blocks");
	CHECK(p->c.body.sections[0].blocks != NULL &&
	    p->c.body.sections[0].blocks->type == BLK_LIST, "section blocks follow the heading");
}

static void
test_values_errors(void)
{
	fresh();
	project("projects/a.md",
	    "indicators:\n"
	    "  - { kind: outcom, name: A, targets: { R8: 1 } }\n"
	    "  - { kind: output, name: B, targets: { R9: 70, all: 80 } }\n"
	    "  - { kind: output, name: C, targets: { R8: 123456789012345678901234 } }\n"
	    "  - { kind: output, name: D, targets: { R8: 1e400 } }\n"
	    "  - { kind: output, name: E, targets: { R8: true } }\n",
	    "");
	load();
	CHECK(at("bad-value", "projects/a.md", 8, 13), "unknown indicator kind at the value");
	CHECK(msg_has("bad-value", "did you mean 'outcome'?"), "indicator kind hint");
	/* "  - { kind: output, name: B, targets: { R9: 70, " is 48 characters */
	CHECK(at("mixed-targets", "projects/a.md", 9, 49), "all mixed with years: at 'all'");
	CHECK(at("number-range", "projects/a.md", 10, 45), "huge integer: number-range");
	CHECK(at("number-range", "projects/a.md", 11, 45), "1e400: number-range");
	CHECK(at("bad-type", "projects/a.md", 12, 45), "true is not a value");
}

static void
test_departments_etc(void)
{
	fresh();
	project("projects/a.md", "", "");
	wr("projects/b.md",
	    "---\ntype: project\nkey: b\ntitle: B\npillar: 1\n"
	    "departments: [digital, 市民窓口課, 等]\n---\n");
	wr("projects/c.md",
	    "---\ntype: project\nkey: c\ntitle: C\npillar: 1\n"
	    "departments: [等, digital]\n---\n");
	wr("projects/d.md",
	    "---\ntype: project\nkey: d\ntitle: D\npillar: 1\n"
	    "departments: []\n---\n");
	wr("projects/e.md",
	    "---\ntype: project\nkey: e\ntitle: E\npillar: 1\n---\n");
	load();
	CHECK_INT((long long)b.projects[1].c.departments.n, 2, "等 is not a department");
	CHECK_INT(b.projects[1].c.departments.etc, 1, "final 等 sets etc");
	CHECK_STR(b.projects[1].c.departments.v[1].written, "市民窓口課", "department as written");
	CHECK(at("bad-value", "projects/c.md", 6, 15), "等 not at the end is an error");
	CHECK(at("missing-field", "projects/d.md", 6, 1), "empty departments: missing-field");
	CHECK(at("missing-field", "projects/e.md", 2, 1), "no departments: missing-field at the mapping");
}

static void
test_focus_and_types(void)
{
	fresh();
	wr("projects/focus/00-focus.md",
	    "---\ntype: focus_area\nkey: focus-a\ntitle: 窓口改革\ngoal: 1\n"
	    "indicators_overview: { output: [利用率], outcome: [満足度, 時間] }\n"
	    "---\nリード文。\n\n## 現状\n\n- 課題。\n");
	wr("projects/focus/01-x.md",
	    "---\ntype: focus-area\nkey: x\ntitle: X\n---\n");
	wr("projects/focus/02-y.md",
	    "---\ntype: focus_area\nkey: y\ntitle: Y\nschedule: []\n---\n");
	wr("projects/focus/03-z.md", "本文だけ。\n");
	load();
	CHECK_INT((long long)b.nfocus, 2, "two focus areas (an unknown key does not drop the record)");
	CHECK_STR(b.focus[0].goal_ref.key, "1", "focus goal");
	CHECK_INT((long long)b.focus[0].nov_outcome, 2, "indicators_overview outcome");
	CHECK_INT(b.focus[0].c.body.sections[0].role, SEC_CURRENT, "focus body sections");
	CHECK(at("bad-value", "projects/focus/01-x.md", 2, 7), "unknown type at the value");
	CHECK(msg_has("bad-value", "did you mean 'focus_area'?"), "type hint");
	CHECK(at("unknown-key", "projects/focus/02-y.md", 5, 1), "schedule is not a focus area key");
	CHECK(at("missing-front-matter", "projects/focus/03-z.md", 1, 1), "file without front-matter");
}

static void
test_sort_and_symlink_loop(void)
{
	char path[600];

	fresh();
	wr("projects/b/01.md", "---\ntype: project\nkey: b1\ntitle: B\npillar: 1\ndepartments: [digital]\n---\n");
	wr("projects/a-b.md", "---\ntype: project\nkey: ab\ntitle: AB\npillar: 1\ndepartments: [digital]\n---\n");
	wr("projects/a/z.md", "---\ntype: project\nkey: az\ntitle: AZ\npillar: 1\ndepartments: [digital]\n---\n");
	wr("projects/README.txt", "ignored\n");
	snprintf(path, sizeof(path), "%s/projects/a/loop", tree);
	if (symlink("..", path) != 0)
		perror("symlink");
	snprintf(path, sizeof(path), "%s/projects/self", tree);
	if (symlink(".", path) != 0)
		perror("symlink");
	load();
	CHECK_INT((long long)b.nprojects, 3, "three projects; symlinked folders not followed");
	CHECK_STR(b.projects[0].c.key, "ab", "sorted bytewise: projects/a-b.md first");
	CHECK_STR(b.projects[1].c.key, "az", "then projects/a/z.md");
	CHECK_STR(b.projects[2].c.key, "b1", "then projects/b/01.md");
	CHECK_INT((long long)b.projects[2].order, 2, "order over all projects");
	CHECK(find("symlink-skipped") != NULL, "a symlinked folder is a warning");
	CHECK_INT((long long)d.errors, 0, "symlink loop: no errors");
}

static void
test_too_deep(void)
{
	char rel[600] = "projects";
	int i;

	fresh();
	for (i = 0; i < LOAD_MAX_DEPTH + 2; i++)
		strcat(rel, "/d");
	strcat(rel, "/x.md");
	wr(rel, "---\ntype: project\n---\n");
	load();
	CHECK(find("too-deep") != NULL, "folders past LOAD_MAX_DEPTH: too-deep");
	CHECK_INT((long long)b.nprojects, 0, "nothing read below the limit");
}

static void
test_bom_crlf(void)
{
	fresh();
	wr("plan.yaml",
	    "\xEF\xBB\xBF" "city: { name: みどり市, x: 1 }\n"
	    "plan: { key: dx, title: 計画, period: { from: R8, to: R12 } }\n");
	load();
	/* "city: { name: みどり市, " is 20 characters; the BOM is not one. */
	CHECK(at("unknown-key", "plan.yaml", 1, 21), "BOM skipped: columns unaffected");
	CHECK_STR(b.plan.city_name, "みどり市", "BOM: the first key is still 'city'");

	fresh();
	wr("plan.yaml",
	    "city:\r\n  name: みどり市\r\nplan:\r\n  key: dx\r\n  title: 計画\r\n"
	    "  perod: { from: R8, to: R12 }\r\n");
	project("projects/a.md", "", "");
	wr("projects/b.md",
	    "---\r\ntype: project\r\nkey: b\r\ntitle: B\r\npillar: 1\r\n"
	    "departments: [digital]\r\nindicators:\r\n"
	    "  - { kind: output, name: 件数, unti: 件 }\r\n---\r\n本文。\r\n");
	load();
	CHECK(at("unknown-key", "plan.yaml", 6, 3), "CRLF: line and column");
	CHECK(msg_has("unknown-key", "did you mean 'period'?"), "CRLF: hint");
	CHECK(at("unknown-key", "projects/b.md", 8, 31), "CRLF front-matter: line and column");
	CHECK_STR(b.plan.title, "計画", "CRLF: no CR in values");
}

static void
test_front_matter_unclosed(void)
{
	fresh();
	wr("chapters/01-a.md", "---\ntitle: 序\nkey: intro\n\n本文。\n");
	load();
	CHECK(find("front-matter-unclosed") != NULL, "unclosed front-matter is reported");
	CHECK_INT((long long)b.nchapters, 0, "the chapter is not loaded");
	CHECK_INT(rc, -1, "unclosed front-matter fails");
}

static void
test_utf8_nul(void)
{
	static const char bad[] = "- { key: digital, name: デジタル推進課 }\n- { key: x\xFF, name: y }\n";
	static const char nul[] = "city: { name: a }\nplan: x\0y\n";

	fresh();
	put("departments.yaml", bad, sizeof(bad) - 1);
	put("plan.yaml", nul, sizeof(nul) - 1);
	load();
	CHECK(at("invalid-utf8", "departments.yaml", 2, 11), "invalid UTF-8 at line:col");
	CHECK(msg_has("invalid-utf8", "0xFF"), "invalid UTF-8 names the byte");
	CHECK(at("nul-byte", "plan.yaml", 2, 8), "NUL byte at line:col");
}

static void
test_images(void)
{
	/* A sound PNG structure: IHDR 640x480, an empty IDAT, IEND, with CRCs. */
	static const unsigned char png[] = {
		0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n',
		0, 0, 0, 13, 'I', 'H', 'D', 'R',
		0, 0, 0x02, 0x80, 0, 0, 0x01, 0xE0, 8, 2, 0, 0, 0,
		0xBA, 0xB3, 0x4B, 0xB3,
		0, 0, 0, 0, 'I', 'D', 'A', 'T', 0x35, 0xAF, 0x06, 0x1E,
		0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82
	};
	unsigned char bad[sizeof(png)];
	char path[600], outside[64];
	const struct block *bl;
	int fd;

	fresh();
	put("figures/chart.png", (const char *)png, sizeof(png));
	/* One bit flipped in the IHDR data: its CRC no longer matches. */
	memcpy(bad, png, sizeof(png));
	bad[20] ^= 1;
	put("figures/bad.png", (const char *)bad, sizeof(bad));
	put("figures/short.png", (const char *)png, 33);
	wr("figures/gif.jpg", "GIF89a");
	wr("figures/map.svg", "<?xml version=\"1.0\"?>\n<!-- <svg width=\"1\"> -->\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 300 150\">\n</svg>\n");
	wr("figures/doc.pdf", "%PDF-1.4\n");
	/* a real file outside the tree, reached through a symlink inside it */
	strcpy(outside, "/tmp/kk-load-outside-XXXXXX");
	if ((fd = mkstemp(outside)) >= 0) {
		if (write(fd, png, sizeof(png)) < 0)
			perror("write");
		close(fd);
	}
	snprintf(path, sizeof(path), "%s/figures/outside.png", tree);
	if (symlink(outside, path) != 0)
		perror("symlink");
	wr("chapters/01-a.md",
	    "---\ntitle: 図\nkey: fig\n---\n"
	    "![利用率の推移](figures/chart.png \"利用率\")\n\n"	/* line 5 */
	    "![地図](figures/map.svg)\n\n"			/* line 7 */
	    "![ない画像](figures/none.png)\n\n"			/* line 9 */
	    "![外](../secret.png)\n\n"				/* line 11 */
	    "![PDF](figures/doc.pdf)\n\n"			/* line 13 */
	    "![リンク](figures/outside.png)\n\n"		/* line 15 */
	    "文中の ![小](figures/charts.png) 画像。\n\n"	/* line 17 */
	    "![壊](figures/bad.png)\n\n"				/* line 19 */
	    "![短](figures/short.png)\n\n"			/* line 21 */
	    "![偽](figures/gif.jpg)\n");			/* line 23 */
	load();
	if (b.nchapters != 1) {
		unlink(outside);
		CHECK(0, "image chapter loaded");
		show();
		return;
	}
	bl = b.chapters[0].doc.blocks;
	CHECK(bl != NULL && bl->type == BLK_FIGURE, "an image alone is a figure");
	if (bl != NULL && bl->type == BLK_FIGURE) {
		CHECK(bl->figure->path != NULL && strstr(bl->figure->path, tree) == bl->figure->path &&
		    strcmp(bl->figure->path + strlen(tree), "/figures/chart.png") == 0,
		    "figure path is the root-joined path");
		CHECK_INT(bl->figure->width_px, 640, "PNG width from IHDR");
		CHECK_INT(bl->figure->height_px, 480, "PNG height from IHDR");
		bl = bl->next;
		CHECK(bl != NULL && bl->figure != NULL && bl->figure->width_px == 300 &&
		    bl->figure->height_px == 150, "SVG size from viewBox (comment skipped)");
	}
	/* "![ない画像](" is 8 characters: the path starts at column 9 */
	CHECK(at("missing-image", "chapters/01-a.md", 9, 9), "missing image at its path");
	CHECK(at("image-outside", "chapters/01-a.md", 11, 6), "../ leaves the tree");
	CHECK(at("bad-image", "chapters/01-a.md", 13, 8), "a PDF is not an image type");
	CHECK(at("image-outside", "chapters/01-a.md", 15, 8), "symlink to a file outside the tree");
	CHECK(at("missing-image", "chapters/01-a.md", 17, 10), "inline image checked too");
	CHECK(msg_has("missing-image", "did you mean"), "missing image: did you mean a file beside it");
	CHECK(at("bad-image", "chapters/01-a.md", 19, 6), "a PNG failing its CRC");
	CHECK(msg_has("bad-image", "fails its CRC check"), "bad-image says the CRC fails");
	CHECK(at("bad-image", "chapters/01-a.md", 21, 6), "a PNG cut short");
	CHECK(at("bad-image", "chapters/01-a.md", 23, 6), "a .jpg that is no JPEG");
	unlink(outside);
}

static void
test_glossary_register(void)
{
	fresh();
	wr("glossary.yaml",
	    "- key: rpa\n"
	    "  term: RPA\n"
	    "  reading: あーるぴーえー\n"
	    "  expansion: { text: Robotic Process Automation, lang: en }\n"
	    "  definition: 定型作業を**自動化**するソフトウェア。\n"
	    "- { key: bpr, term: BPR, definition: 業務改革, listed: true, trademark: ™ }\n"
	    "- { key: x, term: X }\n");
	wr("plan.yaml",
	    "city: { name: みどり市 }\n"
	    "plan:\n"
	    "  key: dx\n"
	    "  title: 計画\n"
	    "  period: { from: R8, to: R12 }\n"
	    "  as_of: { year: 2026, month: null }\n"
	    "  predecessor: { key: ict, title: 旧計画, register: registers/ict.yaml }\n"
	    "  history:\n"
	    "    - { edition: 第1.0版, date: R6.3, summary: 策定 }\n"
	    "    - { edition: 第2.0版, date: R8.13 }\n"
	    "glossary: { order: file, marker: \"*{n}\" }\n"
	    "volumes:\n"
	    "  - { key: honpen, contents: [chapters, glosary] }\n");
	wr("registers/ict.yaml",
	    "plan: { key: ict, title: 旧計画, period: { from: R3, to: R7 } }\n"
	    "projects:\n"
	    "  - { id: \"1-1-(1)\", title: 手続のオンライン化, departments: [digital], disposition: continued }\n"
	    "  - { id: 1.10, title: 図書館カード, disposition: ended, reason: 目的を達成したため。 }\n"
	    "  - { id: \"2-3-(2)\", title: 再掲, group: \"2-3 行政\", relisted: true, disposition: continue }\n");
	load();
	CHECK_INT((long long)b.nterms, 3, "three terms (one without its definition)");
	CHECK(b.nterms == 3 && b.terms[2].definition == NULL, "no definition: NULL");
	CHECK_STR(b.terms[0].expansion_lang, "en", "expansion lang");
	CHECK(b.terms[0].definition != NULL, "definition parsed as inline Markdown");
	CHECK_INT(b.terms[1].listed, 1, "listed: true");
	CHECK(at("missing-field", "glossary.yaml", 7, 3), "term without definition");
	CHECK_INT(b.plan.as_of_year, 2026, "as_of year");
	CHECK_INT(b.plan.as_of_month, 0, "as_of month null is unknown (0)");
	CHECK_INT((long long)b.plan.nhistory, 1, "history entry with a bad date dropped");
	CHECK(at("bad-date", "plan.yaml", 10, 31), "bad date at the value");
	CHECK_INT(b.plan.glossary_by_reading, 0, "glossary order: file");
	CHECK_STR(b.plan.glossary_marker, "*{n}", "glossary marker");
	CHECK(b.reg != NULL, "register loaded");
	if (b.reg != NULL) {
		CHECK_INT((long long)b.reg->n, 3, "register entries");
		CHECK_INT(b.reg->from, 2021, "register period");
		CHECK_STR(b.reg->v[1].id, "1.10", "register id 1.10 as written");
		CHECK_INT(b.reg->v[1].disposition, DISP_ENDED, "disposition ended");
		CHECK_INT(b.reg->v[2].relisted, 1, "relisted");
		CHECK_STR(b.reg->file, "registers/ict.yaml", "register file as named");
	}
	CHECK(at("bad-value", "registers/ict.yaml", 5, 79), "unknown disposition at the value");
	CHECK(msg_has("bad-value", "did you mean 'continued'?"), "disposition hint");
	CHECK(at("bad-value", "plan.yaml", 13, 41), "unknown volume contents word");
}

static void
test_missing_required(void)
{
	fresh();
	wr("plan.yaml",
	    "city: { prefecture: ○○県 }\n"
	    "plan:\n"
	    "  title: 計画\n"
	    "  status: drafft\n");
	wr("projects/a.md", "---\ntype: project\nkey: a\npillar: 1\ndepartments: [digital]\n---\n");
	load();
	CHECK(at("missing-field", "plan.yaml", 1, 7), "city.name missing: at the city mapping");
	CHECK(at("missing-field", "plan.yaml", 3, 3), "plan.key and period missing: at the plan mapping");
	CHECK(msg_has("bad-value", "did you mean 'draft'?"), "plan status hint");
	CHECK(at("missing-field", "projects/a.md", 2, 1), "project title missing: at the front-matter");
	CHECK(msg_has("missing-field", "missing 'name' in plan.yaml 'city'"), "message names the place");
	CHECK(b.plan.key != NULL && b.plan.title != NULL, "plan strings never NULL");
}

static void
test_bar_range(void)
{
	fresh();
	project("projects/a.md",
	    "schedule:\n"
	    "  - - { label: 申請フォームの見直し, from: R10, to: R9 }\n"
	    "  - - { from: R8, to: R14 }\n"
	    "  - { cells: { R8: a, 令和8年度: b } }\n",
	    "");
	load();
	CHECK(at("bad-range", "projects/a.md", 8, 34), "bar from after to: at from");
	CHECK(at("duplicate-year", "projects/a.md", 10, 23), "the same year twice in a cells row");
	if (b.nprojects == 1 && b.projects[0].nschedule >= 1)
		CHECK_INT(b.projects[0].schedule[0].bars[0].span.col, 23,
		    "a bar whose to is outside the period points at to");
}

static void
test_limits_and_defaults(void)
{
	char path[600];
	FILE *f;

	fresh();
	project("projects/a.md",
	    "schedule:\n"
	    "  - { from: R9, to: R10, label: 一本だけの行 }\n",
	    "");
	snprintf(path, sizeof(path), "%s/projects/big.md", tree);
	if ((f = fopen(path, "wb")) != NULL) {
		/* sparse: LOAD_MAX_FILE + 1 bytes without writing them */
		if (fseek(f, (long)LOAD_MAX_FILE, SEEK_SET) == 0)
			fputc('x', f);
		fclose(f);
	}
	load();
	CHECK(at("file-too-large", "projects/big.md", 0, 0), "a file over LOAD_MAX_FILE is refused");
	CHECK_INT((long long)b.nprojects, 1, "the other project loads");
	if (b.nprojects == 1) {
		CHECK(b.projects[0].nschedule == 1 && b.projects[0].schedule[0].nbars == 1 &&
		    b.projects[0].schedule[0].bars[0].to == 2028,
		    "a row written as one bar mapping is a row of that bar");
		CHECK_INT(b.projects[0].c.span.line, 2, "a sheet's span is its front-matter mapping");
	}
	CHECK_INT((long long)b.plan.nvolumes, 2, "with sheets, the default volumes are honpen and jigyoshu");
	CHECK(b.plan.nvolumes == 2 && strcmp(b.plan.volumes[1].key, "jigyoshu") == 0 &&
	    b.plan.volumes[1].has_contents == 0, "jigyoshu without contents: resolve's defaults");
	CHECK_STR(b.plan.labels.lead_department, "主管課", "default label");
	CHECK_STR(b.plan.draft_label, "（案）", "default draft_label");
}

int
main(void)
{
	test_minimal();
	test_missing_files();
	test_unknown_key_japanese();
	test_transposed_key();
	test_suggest_first_word();
	test_bad_year();
	test_yaml12_and_ids();
	test_bool_yes();
	test_chapter();
	test_project();
	test_values_errors();
	test_departments_etc();
	test_focus_and_types();
	test_sort_and_symlink_loop();
	test_too_deep();
	test_bom_crlf();
	test_front_matter_unclosed();
	test_utf8_nul();
	test_images();
	test_glossary_register();
	test_missing_required();
	test_bar_range();
	test_limits_and_defaults();
	build_free(&b);
	diag_free(&d);
	cleanup();
	return check_done();
}
