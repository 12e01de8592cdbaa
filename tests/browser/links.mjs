// links.mjs SITE: static checks of a built site that need no browser, one
// "ok - …"/"not ok - …" line per page:
//   - every link and image inside the site resolves: the file exists and a
//     #fragment names an id of that page;
//   - ids are unique on each page; every headers= and aria-labelledby=
//     reference names an id of the page;
//   - only http, https, mailto and relative URLs; no script, no inline
//     style, no event handler attribute; the Content-Security-Policy meta
//     is there and allows no script;
//   - every page of the site is in sitemap.xml, and nothing else is.
// The serialiser writes attributes as name="value" with & and " escaped, so
// a regular expression reads them reliably.
import fs from 'node:fs';
import path from 'node:path';
import { files, ok, failures } from './tap.mjs';

const site = process.argv[2];
if (!site || !fs.existsSync(path.join(site, 'index.html'))) {
	console.log(`not ok - ${site}: no site to check`);
	process.exit(1);
}
const label = path.basename(path.dirname(path.resolve(site))) + '/site';

const unescape = (v) => v.replace(/&quot;/g, '"').replace(/&lt;/g, '<')
	.replace(/&gt;/g, '>').replace(/&amp;/g, '&');

function attrs(html, name) {
	const re = new RegExp(`\\s${name}="([^"]*)"`, 'g');
	return [...html.matchAll(re)].map((m) => unescape(m[1]));
}

const all = files(site);
const pages = all.filter((f) => f.endsWith('.html'));
const idsOf = new Map();
const text = new Map();
for (const p of pages) {
	const html = fs.readFileSync(path.join(site, p), 'utf8');
	text.set(p, html);
	idsOf.set(p, attrs(html, 'id'));
}

for (const p of pages) {
	const html = text.get(p);
	const ids = idsOf.get(p);
	const problems = [];
	const seen = new Set();
	for (const id of ids) {
		if (seen.has(id))
			problems.push(`id "${id}" twice`);
		seen.add(id);
	}
	for (const ref of [...attrs(html, 'headers'), ...attrs(html, 'aria-labelledby'),
		...attrs(html, 'aria-describedby')])
		for (const id of ref.split(/\s+/).filter(Boolean))
			if (!seen.has(id))
				problems.push(`reference to a missing id "${id}"`);
	const is404 = p === '404.html';
	for (const u of [...attrs(html, 'href'), ...attrs(html, 'src')]) {
		const scheme = u.match(/^([a-zA-Z][a-zA-Z0-9+.-]*):/);
		if (scheme) {
			if (!['http', 'https', 'mailto'].includes(scheme[1].toLowerCase()))
				problems.push(`unsafe URL ${u}`);
			continue;
		}
		if (u.startsWith('//')) {
			problems.push(`protocol-relative URL ${u}`);
			continue;
		}
		let [file, frag] = u.split('#');
		let target;
		if (file === '') {
			target = p;
		} else if (file.startsWith('/')) {
			// Only the 404 page links absolutely (it is served at any path).
			if (!is404)
				problems.push(`absolute link ${u} outside the 404 page`);
			const base = text.get('404.html').match(/href="(\/[^"]*?)style\.css"/);
			target = base ? file.slice(base[1].length) : file.slice(1);
		} else {
			target = path.posix.normalize(path.posix.join(path.posix.dirname(p), file));
		}
		target = decodeURIComponent(target);
		if (target.startsWith('..') || !all.includes(target)) {
			problems.push(`broken link ${u} (no file ${target})`);
			continue;
		}
		if (frag !== undefined && target.endsWith('.html') &&
			!idsOf.get(target).includes(decodeURIComponent(frag)))
			problems.push(`broken link ${u} (no id "${frag}" in ${target})`);
	}
	if (/<script[\s>]/i.test(html))
		problems.push('a <script> element');
	if (/\sstyle="/i.test(html) || /<style[\s>]/i.test(html))
		problems.push('an inline style');
	if (/\son[a-z]+="/i.test(html))
		problems.push('an event handler attribute');
	const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]*)"/);
	if (!csp)
		problems.push('no Content-Security-Policy meta');
	else if (/script-src[^;]*(unsafe-inline|\*)/.test(csp[1]) ||
		(!/script-src/.test(csp[1]) && !/default-src 'none'/.test(csp[1])))
		problems.push(`the CSP allows scripts: ${csp[1]}`);
	ok(problems.length === 0, `${label}/${p}: links, ids and references resolve; only safe URLs; no script or inline style`, problems, 10);
}

const sitemap = fs.existsSync(path.join(site, 'sitemap.xml')) ?
	fs.readFileSync(path.join(site, 'sitemap.xml'), 'utf8') : '';
const locs = [...sitemap.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => unescape(m[1]));
const inMap = new Set(locs.map((l) => {
	const m = l.match(/^(?:[a-z]+:\/\/[^/]+)?\/?(.*)$/);
	return m[1];
}));
const base = locs.length ? locs[0].replace(/[^/]*$/, '') : '';
const rel = new Set(locs.map((l) => l.slice(base.length) || 'index.html'));
const want = pages.filter((p) => p !== '404.html');
const missing = want.filter((p) => !rel.has(p));
const extra = [...rel].filter((p) => !want.includes(p));
// A site known only by its path (no output.html.site_url) has no sitemap:
// the protocol wants absolute URLs. One that exists must be complete.
if (sitemap === '' && process.env.SITEMAP_REQUIRED !== '1') {
	ok(true, `${label}: no sitemap.xml (no absolute site_url)`);
} else {
	const relative = locs.filter((l) => !/^https?:\/\//.test(l));
	ok(locs.length > 0 && missing.length === 0 && extra.length === 0 &&
		inMap.size === locs.length && relative.length === 0,
		`${label}/sitemap.xml lists every page but the 404 page, once, with absolute URLs`,
		[...missing.map((m) => `missing ${m}`), ...extra.map((e) => `not a page: ${e}`),
			...relative.map((r) => `not absolute: ${r}`)]);
}
process.exit(failures() ? 1 : 0);
