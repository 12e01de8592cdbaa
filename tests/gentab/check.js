// tests/gentab/check.js OUT DUMP NAME: the generated tables ({{projects}},
// {{register}}, the 重点事業一覧 …) of one built tree are the same in the
// model, the HTML and the PDF (suite 70-pdf). OUT is the build's output
// folder, DUMP its `keikaku dump`. Prints "ok - …" or "not ok - …" lines,
// "#" lines explaining a failure:
//
//   html   every generated table of every page (class "gen") is a table of
//          the dump: same caption, same cells row by row in order
//   pdf    every table of every volume whose caption is a generated table's
//          is that table, read from the structure tree (pdfinfo -struct-text)
//   both   every table a generated block of a chapter prints is on the site
//          and in a volume
//   taxonomy  the 体系図 (the dump's taxonomy_entries): every <div
//          class="taxonomy"> of the site has its entries in order, each of
//          its kind (class tax-goal …) and words; every volume whose chapters
//          print {{taxonomy}} has an L whose LIs are its entries in order, at
//          their depth (nested L), each one's Lbl and LBody text
//
// Cells are compared as text without white space and the format characters
// the layout does not draw; a cell's line breaks are not compared (the HTML
// writes <br>, the PDF breaks lines), its text is.
// Only node's standard library.
"use strict";
const fs = require("fs");
const path = require("path");
const cp = require("child_process");

const [out, dumpFile, name] = process.argv.slice(2);
const big = { encoding: "utf8", maxBuffer: 1 << 30 };

function report(ok, what, why) {
	console.log(`${ok ? "ok" : "not ok"} - ${name}: ${what}`);
	if (!ok)
		for (const l of [].concat(why || []).slice(0, 12))
			console.log(`#   ${String(l).slice(0, 400)}`);
}

function flat(s) {
	return s.replace(/[\s\u3000\u200B-\u200D\u2060\uFEFF\uFE00-\uFE0F]/g, "");
}

function unquote(s) {
	return s.replace(/\\(x[0-9A-Fa-f]{2}|.)/g, (_, e) =>
	    e[0] === "x" ? String.fromCharCode(parseInt(e.slice(1), 16)) :
	    e === "n" ? "\n" : e === "t" ? "\t" : e === "r" ? "\r" : e);
}

// ------------------------------------------------------------------
// The model: the dump's "tables" section, and the generated blocks' tables
// ------------------------------------------------------------------

const dump = fs.readFileSync(dumpFile, "utf8").split("\n");
const model = [];		// { caption, rows: [[cell text]] } (header row first)
const used = [];		// captions of the tables chapters' blocks print
{
	let inTables = false, t = null, row = null;
	for (const line of dump) {
		if (/^\S/.test(line)) {
			inTables = line === "tables";
			continue;
		}
		const q = [...line.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) =>
		    unquote(m[1]));
		if (!inTables) {
			const m = line.match(/^ +table caption "/);
			if (m)
				used.push(flat(q[0]));
			continue;
		}
		const k = line.trim().split(/\s+/)[0];
		if (k === "table" && /^  table /.test(line)) {
			const c = line.match(/ caption "((?:[^"\\]|\\.)*)"/);
			t = { caption: flat(unquote(c[1])), rows: [] };
			model.push(t);
		} else if (k === "head" || k === "row" || k === "group") {
			row = [];
			t.rows.push(row);
		} else if (k === "cell") {
			row.push(flat(q[0]));
		}
	}
}
const byCaption = new Map();
for (const t of model) {
	if (!byCaption.has(t.caption))
		byCaption.set(t.caption, []);
	byCaption.get(t.caption).push(t);
}

// The first difference between a table and the model's tables of its caption.
function differs(t) {
	const cands = byCaption.get(t.caption) || [];
	if (cands.length === 0)
		return `no table of the model has the caption ${t.caption}`;
	let best = null;
	for (const m of cands) {
		let why = null;
		const n = Math.max(m.rows.length, t.rows.length);
		for (let i = 0; i < n && why === null; i++) {
			const a = JSON.stringify(m.rows[i] || null);
			const b = JSON.stringify(t.rows[i] || null);
			if (a !== b)
				why = `row ${i}: model ${a}, printed ${b}`;
		}
		if (why === null)
			return null;
		best = best || why;
	}
	return `${t.caption}: ${best}`;
}

// ------------------------------------------------------------------
// The site: <table class="… gen">
// ------------------------------------------------------------------

function decode(s) {
	return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e) =>
	    e[0] === "#" ? String.fromCodePoint(e[1] === "x" || e[1] === "X" ?
	    parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) :
	    ({ amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: "\u00a0" })[e] || m);
}

// The visible text of an HTML fragment: tags dropped, the words read only
// by assistive technology (visually-hidden) left out.
function visible(h) {
	return flat(decode(h.replace(/<span class="visually-hidden">.*?<\/span>/gs, "")
	    .replace(/<[^>]*>/g, "")));
}

function htmlFiles(dir) {
	const res = [];
	for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, e.name);
		if (e.isDirectory())
			res.push(...htmlFiles(p));
		else if (e.name.endsWith(".html"))
			res.push(p);
	}
	return res.sort();
}

const site = [];
for (const f of htmlFiles(path.join(out, "site"))) {
	const page = fs.readFileSync(f, "utf8");
	for (const m of page.matchAll(/<table class="[^"]*\bgen\b[^"]*">(.*?)<\/table>/gs)) {
		const cap = m[1].match(/<caption[^>]*>(.*?)<\/caption>/s);
		const t = { file: path.relative(out, f), caption: cap ? visible(cap[1]) : "",
		    rows: [] };
		for (const r of m[1].matchAll(/<tr[^>]*>(.*?)<\/tr>/gs))
			t.rows.push([...r[1].matchAll(/<(th|td)\b[^>]*>(.*?)<\/\1>/gs)]
			    .map((c) => visible(c[2])));
		site.push(t);
	}
}
{
	const why = [];
	for (const t of site) {
		const d = differs(t);
		if (d !== null)
			why.push(`${t.file}: ${d}`);
	}
	report(site.length > 0 && why.length === 0,
	    `html: ${site.length} generated tables are the model's`,
	    site.length === 0 ? "no generated table on the site" : why);
}

// ------------------------------------------------------------------
// The volumes: Table elements of the structure tree
// ------------------------------------------------------------------

function structure(pdf) {
	const lines = cp.execFileSync("pdfinfo", ["-struct-text", pdf], big)
	    .split("\n");
	const root = { type: "", kids: [], texts: [], own: [], depth: -1 };
	const stack = [root];
	for (const l of lines) {
		const m = l.match(/^( *)(.*)$/);
		const depth = m[1].length, body = m[2];
		if (body === "")
			continue;
		if (body[0] === '"') {
			for (const n of stack)
				n.texts.push(body.slice(1, -1));
			stack[stack.length - 1].own.push(body.slice(1, -1));
			continue;
		}
		if (body[0] === "/" || body.startsWith("Object "))
			continue;
		const e = body.match(/^([A-Za-z0-9]+)/);
		if (!e)
			continue;
		while (stack.length > 1 && stack[stack.length - 1].depth >= depth)
			stack.pop();
		const node = { type: e[1], kids: [], texts: [], own: [], depth };
		stack[stack.length - 1].kids.push(node);
		stack.push(node);
	}
	return root;
}

const printed = [];
const pdfdir = path.join(out, "pdf");
const pdfs = fs.existsSync(pdfdir) ?
    fs.readdirSync(pdfdir).filter((f) => f.endsWith(".pdf")).sort() : [];
for (const f of pdfs) {
	(function walk(n) {
		if (n.type !== "Table") {
			n.kids.forEach(walk);
			return;
		}
		const cap = n.kids.find((k) => k.type === "Caption");
		const t = { file: f, caption: cap ? flat(cap.texts.join("")) : "",
		    rows: [] };
		(function rows(k) {
			if (k.type === "TR")
				t.rows.push(k.kids.filter((c) => c.type === "TH" ||
				    c.type === "TD").map((c) => flat(c.texts.join(""))));
			else
				k.kids.forEach(rows);
		})(n);
		if (byCaption.has(t.caption))
			printed.push(t);
	})(structure(path.join(pdfdir, f)));
}
{
	const why = [];
	for (const t of printed) {
		const d = differs(t);
		if (d !== null)
			why.push(`${t.file}: ${d}`);
	}
	report(pdfs.length === 0 || (printed.length > 0 && why.length === 0),
	    `pdf: ${printed.length} generated tables are the model's`,
	    printed.length === 0 ? "no generated table in the volumes" : why);
}

// ------------------------------------------------------------------
// Every table a chapter's generated block prints is printed by both
// ------------------------------------------------------------------
{
	const why = [];
	const inSite = new Set(site.map((t) => t.caption));
	const inPdf = new Set(printed.map((t) => t.caption));
	for (const c of new Set(used)) {
		const empty = model.find((t) => t.caption === c && t.rows.length === 1);
		if (empty)	/* printed as its 「該当なし」 sentence */
			continue;
		if (!inSite.has(c))
			why.push(`not on the site: ${c}`);
		if (pdfs.length > 0 && !inPdf.has(c))
			why.push(`in no volume: ${c}`);
	}
	report(why.length === 0, `both: the ${new Set(used).size} tables of the ` +
	    "generated blocks are on the site and in the volumes", why);
}

// ------------------------------------------------------------------
// The 体系図: the same entries in the model, on the site, in the volumes
// ------------------------------------------------------------------
{
	const tax = [];		// { depth, kind, text }
	let inTax = false, usesTax = false;
	for (const line of dump) {
		if (/^\S/.test(line)) {
			inTax = line === "taxonomy_entries";
			continue;
		}
		if (/^ +generated taxonomy\b/.test(line))
			usesTax = true;
		const m = inTax && line.match(/^( +)entry (\S+)(.*)$/);
		if (!m)
			continue;
		const word = (k) => {
			const w = m[3].match(new RegExp(` ${k} "((?:[^"\\\\]|\\\\.)*)"`));
			return w ? unquote(w[1]) : "";
		};
		tax.push({ depth: m[1].length / 2 - 1, kind: m[2].replace("_", "-"),
		    text: flat(word("label") + word("number") + word("title")) });
	}
	const want = tax.map((e) => `${e.kind}:${e.text}`);
	const why = [];
	let pages = 0;
	for (const f of htmlFiles(path.join(out, "site"))) {
		const page = fs.readFileSync(f, "utf8");
		for (const m of page.matchAll(/<div class="taxonomy">(.*?)\n<\/div>\n/gs)) {
			pages++;
			const got = [...m[1].matchAll(/<(p|li|div) class="tax-([a-z-]+)">(.*?)(?=<ul|<\/li>|<\/p>|<\/div>)/gs)]
			    .map((e) => `${e[2]}:${visible(e[3])}`);
			const n = Math.max(got.length, want.length);
			for (let i = 0; i < n; i++)
				if (got[i] !== want[i]) {
					why.push(`${path.relative(out, f)}: entry ${i}: model ${want[i]}, printed ${got[i]}`);
					break;
				}
		}
	}
	report(tax.length === 0 || (pages > 0 && why.length === 0),
	    `taxonomy: html: ${pages} 体系図 with the model's ${tax.length} entries`, why);

	// The volumes: an L whose first LI is the model's first entry.
	const wantd = tax.map((e) => `${e.depth}:${e.text}`);
	const pwhy = [];
	let found = 0;
	const own = (n) => n.own.join("") + n.kids.filter((k) => k.type !== "L")
	    .map(own).join("");
	for (const f of pdfs) {
		(function walk(n) {
			if (n.type !== "L") {
				n.kids.forEach(walk);
				return;
			}
			const got = [];
			(function items(l, depth) {
				for (const li of l.kids.filter((k) => k.type === "LI")) {
					got.push(`${depth}:${flat(own(li))}`);
					for (const k of li.kids)
						for (const sub of k.kids.filter((x) => x.type === "L"))
							items(sub, depth + 1);
				}
			})(n, 0);
			if (got.length === 0 || got[0] !== wantd[0]) {
				n.kids.forEach(walk);
				return;
			}
			found++;
			const len = Math.max(got.length, wantd.length);
			for (let i = 0; i < len; i++)
				if (got[i] !== wantd[i]) {
					pwhy.push(`${f}: entry ${i}: model ${wantd[i]}, printed ${got[i]}`);
					break;
				}
		})(structure(path.join(pdfdir, f), true));
	}
	report(tax.length === 0 || !usesTax || pdfs.length === 0 ||
	    (found > 0 && pwhy.length === 0),
	    `taxonomy: pdf: ${found} 体系図 with the model's ${tax.length} entries`,
	    found === 0 ? "no L in the volumes holds the 体系図" : pwhy);
}
