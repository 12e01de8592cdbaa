// tests/pdftags/check.js PDF DUMP VOLUME NAME: the tagged-PDF checks of one
// volume (suite 75-pdf-tags). Reads the PDF back with poppler (pdfinfo,
// pdftotext) and qpdf, and the model with `keikaku dump` (DUMP), and prints
// one "ok - …" or "not ok - …" line per check, "#" lines explaining a failure:
//
//   tagged      pdfinfo says Tagged: yes; /MarkInfo, /Lang, DisplayDocTitle,
//               XMP with dc:title (= /Title) and pdfuaid:part 1, PDF 1.7
//   headings    the structure's headings never skip a level, and the model's
//               headings (table of contents; every heading of every chapter)
//               are among them in the same order
//   order       the text of the model's paragraphs, list items, table cells,
//               schedules and indicators is in the structure, in model order
//   attributes  every Figure has /Alt, every TH /Scope, every Note /ID, every
//               link annotation /Contents and a Link with its OBJR
//   marked      every text, path and image operator of every page is inside
//               marked content (an MCID) or an Artifact; MCIDs are 0…n-1 on
//               each page and the ParentTree has an element for each
//   text        the text of the structure is the text pdftotext extracts
//   captions    every Caption is the first or last child of a Figure or a
//               Table, and every captioned figure and table of the model
//               has its caption there
//   notes       every footnote, every ※ note of a sheet (notes, terms) and
//               every 用語集 entry a ※n marker refers to is a Note; every
//               marker (（注n）, ※n) is a Reference, with a Link when it
//               links, and a Note (注n, （※n）) for it to point to
//   years       every short year or date (R8, R7.3) the layout generated
//               (not written so in the content) is read in full: /E or
//               /ActualText on it or on an element around it
//   lang        every English (or other) expansion of a 用語集 entry and
//               every [text]{lang} span of the model is a Span with its /Lang
//   toc         a TOC with a TOCI for each entry of the table of contents
//   tables      every captioned table of the model has as many header and
//               body rows in the structure as in the model (header rows
//               repeated on continuation pages are Artifacts, not rows)
//   qpdf        qpdf --check finds nothing
//
// Only node's standard library: the suite runs where python is not installed.
"use strict";
const fs = require("fs");
const cp = require("child_process");

const [pdf, dumpFile, vol, name] = process.argv.slice(2);
const big = { encoding: "utf8", maxBuffer: 1 << 30 };
let failed = 0;

function report(ok, what, why) {
	if (ok) {
		console.log(`ok - ${name}: ${what}`);
		return;
	}
	failed++;
	console.log(`not ok - ${name}: ${what}`);
	for (const l of [].concat(why || []).slice(0, 12))
		console.log(`#   ${String(l).slice(0, 300)}`);
}

// Text compared without white space, variation selectors and the format
// characters the layout does not draw (word joiners, zero-width spaces).
function flat(s) {
	return s.replace(/[\s\u3000\u200B-\u200D\u2060\uFEFF\uFE00-\uFE0F]/g, "");
}

// ------------------------------------------------------------------
// The model: `keikaku dump`
// ------------------------------------------------------------------

// A dump line: its indentation, its kind, and its quoted strings by key.
function parseLine(line) {
	const m = line.match(/^( *)(\S+)(.*)$/);
	if (!m)
		return null;
	const rec = { depth: m[1].length / 2, kind: m[2], attrs: {}, strings: [] };
	const re = /(?:([A-Za-z_]+) )?"((?:[^"\\]|\\.)*)"/g;
	let a;
	while ((a = re.exec(m[3])) !== null) {
		const v = a[2].replace(/\\(x[0-9A-Fa-f]{2}|.)/g, (_, e) =>
		    e[0] === "x" ? String.fromCharCode(parseInt(e.slice(1), 16)) :
		    e === "n" ? "\n" : e === "t" ? "\t" : e === "r" ? "\r" : e);
		if (a[1] !== undefined)
			rec.attrs[a[1]] = v;
		rec.strings.push(v);
	}
	rec.rest = m[3];
	return rec;
}

const dumpLines = fs.readFileSync(dumpFile, "utf8").split("\n")
    .map(parseLine).filter((r) => r !== null);

// The record starting at line i: its lines up to the next one as shallow.
function subtree(i) {
	const out = [dumpLines[i]];
	for (let k = i + 1; k < dumpLines.length &&
	    dumpLines[k].depth > dumpLines[i].depth; k++)
		out.push(dumpLines[k]);
	return out;
}

function findRecord(kind, key) {
	for (let i = 0; i < dumpLines.length; i++)
		if (dumpLines[i].depth === 1 && dumpLines[i].kind === kind &&
		    dumpLines[i].attrs.key === key)
			return subtree(i);
	return null;
}

// The volume: its items and its table of contents.
const volIdx = dumpLines.findIndex((r) => r.depth === 1 &&
    r.kind === "volume" && r.attrs.key === vol);
const volRec = volIdx >= 0 ? subtree(volIdx) : [];
const items = volRec.filter((r) => r.kind === "item").map((r) =>
    r.rest.trim().split(/\s+/));
const toc = volRec.filter((r) => r.kind === "toc");

// Fragments of text in reading order from a record's lines: text inside
// paragraphs, list items, table cells and captions of its doc; not inside
// headings (checked apart), footnotes (set where they are referred to),
// generated lists or figures; for a project its schedule and indicators.
// A sheet reads as the PDF sets it (pdf_sheet.c): its 現状 and 理想的な姿
// side by side first, when it has both, then its other sections in order.
const SKIP = new Set(["heading", "footnote", "generated", "figure", "section",
    "body", "code"]);
function texts(lines) {
	const out = [];
	let skipBelow = Infinity;
	for (const r of lines) {
		if (r.depth <= skipBelow)
			skipBelow = Infinity;
		if (skipBelow !== Infinity)
			continue;
		if (SKIP.has(r.kind)) {
			skipBelow = r.depth;
			continue;
		}
		if (r.kind === "text" && r.strings.length > 0)
			out.push(r.strings[0]);
	}
	return out;
}

function fragments(rec) {
	const out = [];
	const d = rec.findIndex((r) => r.kind === "doc");
	if (d >= 0) {
		const roles = new Map();
		for (const r of rec)
			if (r.kind === "section" && r.attrs.anchor !== undefined)
				roles.set(r.attrs.anchor, r.rest.trim().split(/\s+/)[0]);
		// The doc's blocks, grouped by the section heading they follow.
		const groups = [{ role: "intro", lines: [] }];
		for (let i = d + 1; i < rec.length && rec[i].depth > rec[d].depth; i++) {
			const r = rec[i];
			if (r.depth === rec[d].depth + 1 && r.kind === "heading" &&
			    roles.has(r.attrs.anchor))
				groups.push({ role: roles.get(r.attrs.anchor), lines: [] });
			groups[groups.length - 1].lines.push(r);
		}
		const cur = groups.find((g) => g.role === "current");
		const ideal = groups.find((g) => g.role === "ideal");
		const order = cur && ideal ? [groups[0], cur, ideal,
		    ...groups.slice(1).filter((g) => g !== cur && g !== ideal)] : groups;
		for (const g of order)
			out.push(...texts(g.lines));
	}
	for (const r of rec) {
		if (r.kind === "bar" && r.strings.length > 0)
			out.push(r.strings[0]);
		else if (r.kind === "cell" && r.rest.includes(" lines ["))
			out.push(...r.strings);
		else if (r.kind === "indicator" && r.attrs.name !== undefined)
			out.push(r.attrs.name);
		else if (r.kind === "target" && r.attrs.display !== undefined)
			out.push(r.attrs.display);
	}
	return out.map(flat).filter((x) => x.length > 0);
}

// A chapter's headings: number and the text of the heading's inlines.
function chapterHeadings(rec) {
	const out = [];
	for (let i = 0; i < rec.length; i++) {
		if (rec[i].kind !== "heading")
			continue;
		const h = { number: rec[i].attrs.number || "", parts: [] };
		for (let k = i + 1; k < rec.length && rec[k].depth > rec[i].depth; k++)
			if (rec[k].kind === "text" || rec[k].kind === "code")
				h.parts.push(...rec[k].strings);
		out.push(h);
	}
	return out;
}

// ------------------------------------------------------------------
// The PDF's structure: pdfinfo -struct-text
// ------------------------------------------------------------------

function structure() {
	const lines = cp.execFileSync("pdfinfo", ["-struct-text", pdf], big)
	    .split("\n");
	const root = { type: "", kids: [], texts: [], depth: -1 };
	const stack = [root];
	const all = [];
	for (const l of lines) {
		const m = l.match(/^( *)(.*)$/);
		const depth = m[1].length, body = m[2];
		if (body === "")
			continue;
		if (body[0] === '"') {
			const t = body.slice(1, -1);
			/* the text of the element it is indented under */
			while (stack.length > 1 && stack[stack.length - 1].depth >= depth)
				stack.pop();
			for (const n of stack)
				n.texts.push(t);
			all.push(t);
			continue;
		}
		if (body[0] === "/" || body.startsWith("Object "))
			continue;
		const e = body.match(/^([A-Za-z0-9]+)/);
		if (!e)
			continue;
		while (stack.length > 1 && stack[stack.length - 1].depth >= depth)
			stack.pop();
		const node = { type: e[1], kids: [], texts: [], depth };
		stack[stack.length - 1].kids.push(node);
		stack.push(node);
	}
	const headings = [];
	(function walk(n) {
		const h = n.type.match(/^H([1-6])$/);
		if (h)
			headings.push({ level: +h[1], text: flat(n.texts.join("")) });
		n.kids.forEach(walk);
	})(root);
	return { root, headings, texts: all };
}

// ------------------------------------------------------------------
// The PDF's objects: qpdf --json
// ------------------------------------------------------------------

const json = JSON.parse(cp.execFileSync("qpdf", ["--json=2", pdf], big));
const objs = json.qpdf[1];
const val = (ref) => {
	const o = objs[`obj:${ref}`];
	return o === undefined ? undefined : o.value !== undefined ? o.value :
	    o.stream !== undefined ? o.stream.dict : undefined;
};
const deref = (v) => typeof v === "string" && / R$/.test(v) ? val(v) : v;
const str = (v) => typeof v === "string" ? v.replace(/^[ub]:/, "") : "";

// ------------------------------------------------------------------
// Checks
// ------------------------------------------------------------------

function checkTagged() {
	const why = [];
	const info = cp.execFileSync("pdfinfo", [pdf], big);
	if (!/^Tagged:\s+yes$/m.test(info))
		why.push("pdfinfo does not say Tagged: yes");
	if (!/^PDF version:\s+1\.7$/m.test(info))
		why.push("not PDF 1.7");
	const trailer = json.qpdf[1]["trailer"].value;
	const cat = deref(trailer["/Root"]);
	const infoDict = deref(trailer["/Info"]) || {};
	if (!cat || !cat["/MarkInfo"] || deref(cat["/MarkInfo"])["/Marked"] !== true)
		why.push("no /MarkInfo << /Marked true >>");
	if (!cat || str(cat["/Lang"]) !== "ja")
		why.push(`catalog /Lang is ${cat && cat["/Lang"]}, not ja`);
	if (!cat || !cat["/ViewerPreferences"] ||
	    deref(cat["/ViewerPreferences"])["/DisplayDocTitle"] !== true)
		why.push("no /ViewerPreferences << /DisplayDocTitle true >>");
	if (!cat || !cat["/StructTreeRoot"])
		why.push("no /StructTreeRoot");
	// The XMP packet: uncompressed, so it is read from the file's bytes.
	const bytes = fs.readFileSync(pdf);
	const a = bytes.indexOf("<x:xmpmeta"), b = bytes.indexOf("</x:xmpmeta>");
	if (a < 0 || b < 0) {
		why.push("no XMP metadata");
	} else {
		const x = bytes.slice(a, b).toString("utf8");
		if (!/<pdfuaid:part>1<\/pdfuaid:part>/.test(x))
			why.push("XMP without pdfuaid:part 1");
		const t = x.match(/<dc:title><rdf:Alt><rdf:li xml:lang="x-default">([^<]*)</);
		const unesc = (s) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">")
		    .replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
		if (!t)
			why.push("XMP without dc:title");
		else if (unesc(t[1]) !== str(infoDict["/Title"]))
			why.push(`XMP dc:title "${unesc(t[1])}" is not /Title "${str(infoDict["/Title"])}"`);
	}
	report(why.length === 0, "tagged: Tagged yes, MarkInfo, Lang ja, DisplayDocTitle, XMP with dc:title and pdfuaid:part 1, PDF 1.7", why);
}

function checkHeadings(st) {
	const why = [];
	let prev = 0;
	for (const h of st.headings) {
		if (h.level > prev + 1)
			why.push(`H${h.level} after H${prev}: ${h.text}`);
		prev = h.level;
	}
	// Expected: the table of contents, each chapter with all its headings.
	const exp = [];
	for (const t of toc) {
		const anchor = t.attrs.anchor || "";
		if (anchor.startsWith("ch-") && anchor.includes("."))
			continue;	/* a chapter's section: from the chapter below */
		exp.push({ number: t.attrs.number || "", parts: [t.attrs.title] });
		if (anchor.startsWith("ch-")) {
			const i = dumpLines.findIndex((r) => r.depth === 1 &&
			    r.kind === "chapter" && r.attrs.anchor === anchor);
			if (i >= 0)
				exp.push(...chapterHeadings(subtree(i)));
		}
	}
	let k = 0;
	for (const e of exp) {
		const parts = e.parts.map(flat).filter((p) => p.length > 0);
		const num = flat(e.number);
		const hit = (h) => h.text.includes(num) &&
		    parts.every((p) => h.text.includes(p));
		while (k < st.headings.length && !hit(st.headings[k]))
			k++;
		if (k === st.headings.length) {
			why.push(`the heading ${e.number} ${e.parts.join("")} is not a heading of the structure, or not in its order`);
			break;
		}
		k++;
	}
	report(why.length === 0, `headings: ${st.headings.length} in the structure, no level skipped, the model's ${exp.length} in order`, why);
}

function checkOrder(st) {
	const frags = [];
	for (const it of items) {
		if (it[0] === "chapter")
			frags.push(...fragments(findRecord("chapter", it[1]) || []));
		else if (it[0] === "focus_area")
			frags.push(...fragments(findRecord("focus_area", it[2]) || []));
		else if (it[0] === "project" && it[3] !== "relisted")
			frags.push(...fragments(findRecord("project", it[2]) || []));
	}
	const text = flat(st.texts.join(""));
	let pos = 0, missing = [];
	for (const f of frags) {
		const i = text.indexOf(f, pos);
		if (i < 0) {
			missing.push(text.includes(f) ? `out of order: ${f}` :
			    `missing: ${f}`);
			continue;
		}
		pos = i + f.length;
	}
	report(missing.length === 0, `order: the model's ${frags.length} pieces of text (paragraphs, items, cells, schedules, indicators) in the structure in order`, missing);
}

function checkAttributes() {
	const why = [];
	let nfig = 0, nth = 0, nlink = 0, nnote = 0;
	const elems = [];
	for (const [k, o] of Object.entries(objs)) {
		const v = o.value;
		if (v && typeof v === "object" && v["/S"] !== undefined &&
		    v["/P"] !== undefined)
			elems.push([k, v]);
	}
	const attrsOf = (v) => [].concat(deref(v["/A"]) || []).map(deref);
	for (const [k, v] of elems) {
		switch (v["/S"]) {
		case "/Figure":
			nfig++;
			if (str(v["/Alt"]).trim() === "")
				why.push(`Figure ${k} without /Alt`);
			break;
		case "/TH":
			nth++;
			if (!attrsOf(v).some((a) => a && a["/Scope"] !== undefined))
				why.push(`TH ${k} without /Scope`);
			break;
		case "/Note":
			nnote++;
			if (str(v["/ID"]) === "")
				why.push(`Note ${k} without /ID`);
			break;
		case "/Link": {
			nlink++;
			const kids = [].concat(v["/K"] === undefined ? [] : v["/K"]);
			if (!kids.some((x) => { const d = deref(x); return d && d["/Type"] === "/OBJR"; }))
				why.push(`Link ${k} without an OBJR`);
			break;
		}
		}
	}
	let nannot = 0;
	for (const [k, o] of Object.entries(objs)) {
		const v = o.value;
		if (!v || v["/Subtype"] !== "/Link")
			continue;
		nannot++;
		if (str(v["/Contents"]).trim() === "")
			why.push(`link annotation ${k} without /Contents`);
		if (v["/StructParent"] === undefined)
			why.push(`link annotation ${k} without /StructParent`);
	}
	report(why.length === 0, `attributes: ${nfig} Figure with /Alt, ${nth} TH with /Scope, ${nnote} Note with /ID, ${nlink} Link with OBJR, ${nannot} link annotations with /Contents`, why);
}

// Tokens of a content stream: [kind, text]; kind op, name, num, str, dict, arr.
function* tokens(s) {
	const n = s.length;
	let i = 0;
	const delim = (c) => /[\s()<>\[\]{}\/%]/.test(c);
	while (i < n) {
		const c = s[i];
		if (/\s/.test(c)) { i++; continue; }
		if (c === "%") { while (i < n && s[i] !== "\n" && s[i] !== "\r") i++; continue; }
		if (c === "(") {
			let depth = 0, j = i;
			for (; j < n; j++) {
				if (s[j] === "\\") { j++; continue; }
				if (s[j] === "(") depth++;
				else if (s[j] === ")" && --depth === 0) break;
			}
			yield ["str", s.slice(i, j + 1)];
			i = j + 1;
			continue;
		}
		if (c === "<" && s[i + 1] === "<") { yield ["<<", "<<"]; i += 2; continue; }
		if (c === ">" && s[i + 1] === ">") { yield [">>", ">>"]; i += 2; continue; }
		if (c === "<") { const j = s.indexOf(">", i); yield ["str", s.slice(i, j + 1)]; i = j + 1; continue; }
		if (c === "[" || c === "]" || c === "{" || c === "}") { yield [c, c]; i++; continue; }
		let j = i + 1;
		while (j < n && !delim(s[j])) j++;
		const t = s.slice(i, j);
		i = j;
		if (c === "/") yield ["name", t];
		else if (/^[+\-.0-9]/.test(t)) yield ["num", t];
		else yield ["op", t];
	}
}

const PAINT = new Set(["Tj", "TJ", "'", "\"", "S", "s", "f", "F", "f*", "B",
    "B*", "b", "b*", "Do", "sh", "BI"]);

function checkMarked() {
	const qdf = cp.execFileSync("qpdf", ["--qdf", "--object-streams=disable",
	    pdf, "-"], { maxBuffer: 1 << 30 }).toString("latin1");
	const pages = [];
	const re = /%% Contents for page (\d+)\n(?:%%[^\n]*\n)*\d+ 0 obj\n[\s\S]*?stream\n([\s\S]*?)\nendstream/g;
	let m;
	while ((m = re.exec(qdf)) !== null)
		pages[+m[1] - 1] = (pages[+m[1] - 1] || "") + m[2] + "\n";
	// The ParentTree: page -> elements of its MCIDs.
	const trailer = objs["trailer"].value;
	const cat = deref(trailer["/Root"]);
	const str_root = deref(cat["/StructTreeRoot"]) || {};
	// A number tree: /Nums at its root, or leaves under /Kids (more than 256 entries).
	const ptree = new Map();
	(function leaves(node) {
		node = deref(node) || {};
		const nums = node["/Nums"] || [];
		for (let i = 0; i + 1 < nums.length; i += 2)
			ptree.set(nums[i], deref(nums[i + 1]));
		for (const k of node["/Kids"] || [])
			leaves(k);
	})(str_root["/ParentTree"]);
	const why = [];
	let nshow = 0, nmcid = 0;
	pages.forEach((content, p) => {
		const stack = [];	/* "art", "mcid" or "other" */
		const seen = [];
		let ops = [];
		for (const [kind, t] of tokens(content || "")) {
			if (kind !== "op") { ops.push([kind, t]); continue; }
			if (t === "BMC") {
				stack.push(ops.length && ops[ops.length - 1][1] === "/Artifact" ? "art" : "other");
			} else if (t === "BDC") {
				const k = ops.findIndex((o) => o[1] === "/MCID");
				if (k >= 0) {
					const id = +ops[k + 1][1];
					if (stack.includes("art") || stack.includes("mcid"))
						why.push(`page ${p + 1}: MCID ${id} inside an Artifact or another MCID`);
					seen.push(id);
					stack.push("mcid");
				} else {
					stack.push(ops.length && ops[0][1] === "/Artifact" ? "art" : "other");
				}
			} else if (t === "EMC") {
				if (stack.pop() === undefined)
					why.push(`page ${p + 1}: EMC without BMC or BDC`);
			} else if (PAINT.has(t)) {
				if (t === "Tj" || t === "TJ" || t === "'" || t === "\"")
					nshow++;
				if (!stack.includes("art") && !stack.includes("mcid"))
					why.push(`page ${p + 1}: ${t} outside marked content and outside an Artifact`);
			}
			ops = [];
		}
		if (stack.length > 0)
			why.push(`page ${p + 1}: ${stack.length} marked-content sequences left open`);
		nmcid += seen.length;
		seen.forEach((id, i) => { if (id !== i) why.push(`page ${p + 1}: MCID ${id} where ${i} was expected`); });
		const pg = json.pages && json.pages[p] ? deref(json.pages[p].object) : null;
		const sp = pg ? pg["/StructParents"] : undefined;
		const arr = sp !== undefined ? ptree.get(sp) : undefined;
		if (seen.length > 0 && (arr === undefined || arr.length !== seen.length))
			why.push(`page ${p + 1}: ${seen.length} MCIDs, ParentTree entry has ${arr ? arr.length : "none"}`);
		if (pg && pg["/Annots"] !== undefined && pg["/Tabs"] !== "/S")
			why.push(`page ${p + 1}: annotations but no /Tabs /S`);
	});
	report(why.length === 0 && pages.length > 0, `marked: ${nshow} text operators on ${pages.length} pages, all in ${nmcid} marked-content sequences or Artifacts; ParentTree complete`, why);
}

function checkText(st) {
	const raw = flat(cp.execFileSync("pdftotext", ["-raw", "-enc", "UTF-8",
	    pdf, "-"], big));
	const missing = st.texts.map(flat).filter((t) => t.length > 0 &&
	    !raw.includes(t));
	report(missing.length === 0, `text: the structure's ${st.texts.length} pieces of text are what pdftotext extracts`, missing);
}

function checkQpdf() {
	let out = "", ok = true;
	try {
		out = cp.execFileSync("qpdf", ["--check", pdf], big);
	} catch (e) {
		ok = false;
		out = String(e.stdout || "") + String(e.stderr || "");
	}
	ok = ok && /No syntax or stream encoding errors found/.test(out) &&
	    !/WARNING/i.test(out);
	report(ok, "qpdf: --check clean", out.split("\n").filter((l) => /warn|error/i.test(l)));
}

// ------------------------------------------------------------------
// The structure with its attributes: qpdf's objects in the order
// pdfinfo prints them, so that each node of structure() gets the keys
// pdfinfo does not show (/E, /ActualText, /Lang, /ID).
// ------------------------------------------------------------------

function attach(st) {
	const cat = deref(objs["trailer"].value["/Root"]);
	const root = deref(cat["/StructTreeRoot"]) || {};
	const q = [];
	const kids = (v) => v === undefined ? [] : [].concat(v);
	(function walk(k, parent) {
		const d = deref(k);
		if (!d || typeof d !== "object" || d["/S"] === undefined)
			return;		/* an MCID, MCR or OBJR */
		const e = { type: d["/S"].slice(1), dict: d, parent };
		q.push(e);
		for (const c of kids(d["/K"]))
			walk(c, e);
	})({ "/S": "/_root", "/K": root["/K"] }, null);
	q.shift();
	const p = [];
	(function walk(n) {
		if (n !== st.root)
			p.push(n);
		n.kids.forEach(walk);
	})(st.root);
	if (p.length !== q.length)
		return `pdfinfo shows ${p.length} elements, the tree has ${q.length}`;
	for (let i = 0; i < p.length; i++) {
		if (p[i].type !== q[i].type)
			return `element ${i}: pdfinfo shows ${p[i].type}, the tree has ${q[i].type}`;
		p[i].dict = q[i].dict;
	}
	(function up(n, parent) {
		n.parent = parent;
		n.kids.forEach((k) => up(k, n));
	})(st.root, null);
	return null;
}

// The elements of the structure, in order, with a type among types.
function elements(st, ...types) {
	const out = [];
	(function walk(n) {
		if (types.includes(n.type))
			out.push(n);
		n.kids.forEach(walk);
	})(st.root);
	return out;
}

// The model records of the volume (chapters, 重点事業, sheets), in order.
function volRecords() {
	const out = [];
	for (const it of items) {
		if (it[0] === "chapter")
			out.push(findRecord("chapter", it[1]) || []);
		else if (it[0] === "focus_area")
			out.push(findRecord("focus_area", it[2]) || []);
		else if (it[0] === "project" && it[3] !== "relisted")
			out.push(findRecord("project", it[2]) || []);
	}
	return out;
}

// The text of the lines below line i of rec (a caption's inlines).
function textBelow(rec, i) {
	const out = [];
	for (let k = i + 1; k < rec.length && rec[k].depth > rec[i].depth; k++)
		if (rec[k].kind === "text" || rec[k].kind === "code")
			out.push(rec[k].strings[0] || "");
	return out.join("");
}

function checkCaptions(st) {
	const why = [];
	for (const c of elements(st, "Caption")) {
		const p = c.parent;
		if (!p || (p.type !== "Figure" && p.type !== "Table")) {
			why.push(`Caption "${c.texts.join("")}" in ${p ? p.type : "nothing"}, not in a Figure or Table`);
			continue;
		}
		if (p.kids[0] !== c && p.kids[p.kids.length - 1] !== c)
			why.push(`Caption "${c.texts.join("")}" is neither the first nor the last child of its ${p.type}`);
	}
	const have = { Figure: [], Table: [] };
	for (const t of ["Figure", "Table"])
		for (const e of elements(st, t))
			for (const k of e.kids)
				if (k.type === "Caption")
					have[t].push(flat(k.texts.join("")));
	let n = 0;
	for (const rec of volRecords())
		for (let i = 0; i < rec.length; i++) {
			const r = rec[i];
			let want = null, type = null;
			if (r.kind === "figure" && !/ decorative\b/.test(r.rest) &&
			    (r.attrs.number !== undefined || r.attrs.title !== undefined)) {
				want = (r.attrs.number || "") + (r.attrs.title || "");
				type = "Figure";
			} else if (r.kind === "table") {
				const c = rec.findIndex((x, k) => k > i && x.kind === "caption" &&
				    x.depth === r.depth + 1);
				const cap = c > i && (c === i + 1) ? textBelow(rec, c) : "";
				if (r.attrs.number === undefined && cap === "")
					continue;
				want = (r.attrs.number || "") + cap;
				type = "Table";
			}
			if (want === null)
				continue;
			n++;
			if (!have[type].includes(flat(want)))
				why.push(`the ${type.toLowerCase()} "${want}" has no Caption in a ${type}`);
		}
	report(why.length === 0, `captions: every Caption in a Figure or Table, first or last; the model's ${n} captioned figures and tables have theirs`, why);
}

function checkNotes(st) {
	const why = [];
	const notes = elements(st, "Note").map((e) => flat(e.texts.join("")));
	let want = 0;
	for (const rec of volRecords()) {
		for (const r of rec) {
			let t = null;
			if (r.kind === "notes" && r.depth === 2)
				for (const s of r.strings) {
					want++;
					if (!notes.some((x) => x.startsWith(flat("※" + s))))
						why.push(`the ※ note "${s}" is not a Note`);
				}
			if (r.kind === "note-term" && r.attrs.term !== undefined)
				t = "※" + r.attrs.term;
			else if (r.kind === "footnote" && / number [1-9]/.test(r.rest))
				t = "注" + r.rest.match(/ number (\d+)/)[1];
			if (t === null)
				continue;
			want++;
			if (!notes.some((x) => x.startsWith(flat(t))))
				why.push(`"${t}…" is not a Note`);
		}
	}
	// Markers: a Reference, with a Link when they link, and a Note to point to.
	const glossary = toc.some((t) => t.attrs.anchor === "glossary");
	// The glossary's marker pattern (plan.yaml): ※{n}, *{n}, ※ …
	const g = dumpLines.find((r) => r.depth === 1 && r.kind === "glossary");
	const pat = g && g.attrs.marker !== undefined ? g.attrs.marker : "※{n}";
	const esc = (x) => x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
	const gm = new RegExp("^" + pat.split("{n}").map((x) => esc(flat(x)))
	    .join("(\\d+)") + "$");
	const refs = elements(st, "Reference").filter((e) => !e.parent ||
	    e.parent.type !== "TOCI");
	for (const e of refs) {
		const t = flat(e.texts.join(""));
		let m, target = null;
		if ((m = t.match(/^（注(\d+)）$/)))
			target = `注${m[1]}`;
		else if ((m = t.match(gm)))
			// the 用語集 entry carries the same marker: （※1）, （*1）
			target = glossary && m[1] !== undefined ?
			    `（${pat.replace("{n}", m[1])}）` : null;
		else {
			why.push(`Reference "${t}" is no marker`);
			continue;
		}
		if (target === null)
			continue;
		if (!e.kids.some((k) => k.type === "Link"))
			why.push(`Reference "${t}" without a Link`);
		if (!notes.some((x) => x.includes(flat(target))))
			why.push(`Reference "${t}": no Note with ${target}`);
	}
	// Every marker in the text is a Reference (a ※n outside one is not).
	(function walk(n, inRef) {
		if (n.type === "Reference")
			inRef = true;
		if (!inRef && n.type !== "Note" && n.type !== "Figure")
			for (const x of n.texts.length && !n.kids.length ? n.texts : [])
				if (gm.test(flat(x)) || /（注\d+）/.test(flat(x)))
					why.push(`marker "${x}" in a ${n.type}, not in a Reference`);
		n.kids.forEach((k) => walk(k, inRef));
	})(st.root, false);
	report(why.length === 0, `notes: the model's ${want} footnotes and sheet notes are Notes, ${refs.length} markers References pointing to Notes`, why);
}

// The strings the content wrote (text of the model), flattened.
const written = dumpLines.filter((r) => r.kind === "text" || r.kind === "bar")
    .map((r) => flat(r.strings[0] || ""));

const SHORT_YEAR = /R\d{1,2}(?:\.(?:\d{1,2}|●)){0,2}/g;

function checkYears(st) {
	const why = [];
	let n = 0;
	(function walk(node, read) {
		const d = node.dict || {};
		if (d["/E"] !== undefined || d["/ActualText"] !== undefined ||
		    node.type === "Figure")
			read = true;
		for (const c of node.kids)
			walk(c, read);
		// its own text: the texts of node not in its kids
		if (node.kids.length > 0 || read)
			return;
		for (const t of node.texts) {
			const f = flat(t);
			if (!SHORT_YEAR.test(f))
				continue;
			SHORT_YEAR.lastIndex = 0;
			if (written.some((w) => w.includes(f)))
				continue;	/* so in the content */
			n++;
			why.push(`"${t}" in a ${node.type} without /E or /ActualText`);
		}
	})(st.root, false);
	const e = elements(st, ...Object.keys(elemTypes(st))).filter((x) =>
	    x.dict && (x.dict["/E"] !== undefined || x.dict["/ActualText"] !== undefined));
	for (const x of e)
		if (!/^u:令和|^u:平成|^u:昭和|^u:\d/.test(String(x.dict["/E"] || x.dict["/ActualText"])) &&
		    SHORT_YEAR.test(flat(x.texts.join(""))))
			why.push(`"${x.texts.join("")}" reads as ${x.dict["/E"] || x.dict["/ActualText"]}, not a long year`);
	report(why.length === 0, `years: ${e.length} short years and dates read in full (/E or /ActualText)`, why);
}

function elemTypes(st) {
	const t = {};
	(function walk(n) { t[n.type] = 1; n.kids.forEach(walk); })(st.root);
	delete t[""];
	return t;
}

function checkLang(st) {
	const why = [];
	const spans = elements(st, "Span").filter((e) => e.dict &&
	    e.dict["/Lang"] !== undefined).map((e) => [str(e.dict["/Lang"]),
	    flat(e.texts.join(""))]);
	const want = [];
	const glossary = toc.some((t) => t.attrs.anchor === "glossary");
	for (let i = 0; i < dumpLines.length; i++) {
		const r = dumpLines[i];
		if (glossary && r.kind === "term" && r.depth === 1 &&
		    (!/ uses 0\b/.test(r.rest) || / listed\b/.test(r.rest))) {
			const x = dumpLines[i + 1];
			if (x && x.kind === "expansion" && x.attrs.lang !== undefined)
				want.push([x.attrs.lang, flat(x.attrs.text)]);
		}
	}
	for (const rec of volRecords())
		for (let i = 0; i < rec.length; i++)
			if (rec[i].kind === "lang" && rec[i].attrs.lang !== undefined)
				want.push([rec[i].attrs.lang, flat(textBelow(rec, i))]);
	for (const [l, t] of want)
		if (!spans.some(([sl, stx]) => sl === l && stx.includes(t)))
			why.push(`"${t}" is not in a Span with /Lang ${l}`);
	report(why.length === 0, `lang: the model's ${want.length} expansions and language spans in a Span with their /Lang`, why);
}

function checkToc(st) {
	const why = [];
	const tocs = elements(st, "TOC");
	const items = elements(st, "TOCI");
	if (toc.length > 0 && tocs.length !== 1)
		why.push(`${tocs.length} TOC elements`);
	for (const i of items)
		if (!i.parent || i.parent.type !== "TOC")
			why.push(`TOCI "${i.texts.join("")}" not in a TOC`);
	if (items.length !== toc.length)
		why.push(`${items.length} TOCI for ${toc.length} entries of the table of contents`);
	toc.forEach((t, k) => {
		if (items[k] && !flat(items[k].texts.join("")).includes(flat(t.attrs.title || "")))
			why.push(`TOCI ${k + 1} "${items[k].texts.join("")}" is not "${t.attrs.title}"`);
	});
	report(why.length === 0, `toc: a TOC with ${items.length} TOCI, one per entry of the table of contents, in order`, why);
}

function checkTables(st) {
	const why = [];
	const byCap = new Map();
	for (const e of elements(st, "Table")) {
		const c = e.kids.find((k) => k.type === "Caption");
		if (!c)
			continue;
		const rows = (t) => e.kids.filter((k) => k.type === t)
		    .reduce((a, k) => a + k.kids.filter((x) => x.type === "TR").length, 0);
		byCap.set(flat(c.texts.join("")), [rows("THead"), rows("TBody")]);
	}
	let n = 0;
	for (const rec of volRecords())
		for (let i = 0; i < rec.length; i++) {
			const r = rec[i];
			if (r.kind !== "table")
				continue;
			const m = r.rest.match(/rows (\d+) cols \d+ head (\d+)/);
			const cap = rec[i + 1] && rec[i + 1].kind === "caption" ?
			    textBelow(rec, i + 1) : "";
			if (!m || (r.attrs.number === undefined && cap === ""))
				continue;
			const got = byCap.get(flat((r.attrs.number || "") + cap));
			if (!got)
				continue;	/* reported by captions */
			n++;
			const head = +m[2], body = +m[1] - +m[2];
			if (got[0] !== head || got[1] !== body)
				why.push(`table "${r.attrs.number || ""}${cap}": ${got[0]} header and ${got[1]} body rows in the structure, ${head} and ${body} in the model`);
		}
	report(why.length === 0, `tables: the model's ${n} captioned tables have their header and body rows once each`, why);
}

const st = structure();
checkTagged();
checkHeadings(st);
checkOrder(st);
checkAttributes();
checkMarked();
checkText(st);
checkQpdf();
const bad = attach(st);
if (bad !== null) {
	report(false, "structure: pdfinfo and the object tree agree", [bad]);
} else {
	checkCaptions(st);
	checkNotes(st);
	checkYears(st);
	checkLang(st);
	checkToc(st);
	checkTables(st);
}
process.exit(0);
