// check.mjs [--base /dx/] SITE: checks every page of a built site in
// Debian's headless Chromium (playwright-core) and with the Nu Html Checker,
// printing one "ok - …" or "not ok - …" line per page and check, with "#"
// lines explaining a failure:
//
//   axe        axe-core, tags wcag2a wcag2aa wcag21a wcag21aa wcag22aa: 0 violations
//   structure  <html lang="ja">, a title 「…｜…」 unique on the site, one h1,
//              no skipped heading level, header/nav/main/footer landmarks
//   skip link  the first Tab lands on the skip link; Enter moves focus to main
//   focus      every Tab stop (the first 40) shows an outline or a shadow
//   reflow     at 320 CSS px wide, the page does not scroll horizontally,
//              also with the text spacing overrides of WCAG 1.4.12
//   tables     at 360 and 1280 px, a table that scrolls in its region says
//              so (the hint above it and the edge shadows) and one that
//              does not scroll does not; at 360 px no cell of a table is
//              narrower than 4 characters with its text wrapped
//   lists      a list item's marker (or 「・」) is on its link's first line
//   measure    at 1280 px, running text is at most about 40 characters wide,
//              and the header, breadcrumbs, text and footer start at one edge
//   motion     with prefers-reduced-motion: reduce, nothing animates
//   print      in print media on an A4 page's width (180 mm, 680 px), the
//              page is not wider than the paper and shows no navigation
//   nu         the Nu Html Checker (vnu.jar, --errors-only): 0 errors
//
// The site is served on 127.0.0.1 under its base path (plan.yaml
// output.html.base_url), so that the 404 page's absolute links resolve.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve } from './serve.mjs';
import { pages, ok, failures } from './tap.mjs';
import { launch, AXE, VNU } from './browser.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let base = '/';
const args = process.argv.slice(2);
if (args[0] === '--base') {
	base = args[1];
	args.splice(0, 2);
}
if (!base.startsWith('/'))
	base = '/';
if (!base.endsWith('/'))
	base += '/';
const site = args[0];
if (!site || !fs.existsSync(path.join(site, 'index.html'))) {
	console.log(`not ok - ${site}: no index.html to check`);
	process.exit(1);
}
const label = path.basename(path.dirname(path.resolve(site))) + '/site';

const list = pages(site);
const { server, url } = await serve(site, base);
const root = url.replace(/\/$/, '') + base;
const b = await launch();
const titles = new Map();
try {
	const page = await b.context.newPage();
	for (const p of list) {
		const where = `${label}/${p}`;
		await page.setViewportSize({ width: 1280, height: 900 });
		const resp = await page.goto(root + p, { waitUntil: 'load' });
		ok(resp && resp.ok(), `${where}: loads`);

		// axe-core, the WCAG 2.0/2.1/2.2 A and AA rules.
		await page.addScriptTag({ path: AXE });
		const res = await page.evaluate(async (tags) => {
			const r = await window.axe.run(document, {
				runOnly: { type: 'tag', values: tags },
				resultTypes: ['violations'],
			});
			return r.violations.map((v) => ({
				id: v.id, impact: v.impact, help: v.help,
				nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') +
					(n.failureSummary ? ' — ' + n.failureSummary.split('\n').slice(1).join(' ') : '')),
			}));
		}, TAGS);
		ok(res.length === 0, `${where}: axe, 0 violations`, res.flatMap((v) =>
			[`${v.id} (${v.impact}): ${v.help}`, ...v.nodes.map((n) => `  ${n}`)]));

		// Structure the rules of accessibility.md H1–H4 ask for.
		const st = await page.evaluate(() => {
			const hs = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
				.map((h) => Number(h.tagName[1]));
			const skips = [];
			for (let i = 1; i < hs.length; i++)
				if (hs[i] > hs[i - 1] + 1)
					skips.push(`h${hs[i - 1]} → h${hs[i]}`);
			return {
				lang: document.documentElement.lang,
				title: document.title,
				h1: hs.filter((l) => l === 1).length,
				first: hs[0],
				skips,
				landmarks: ['header', 'nav', 'main', 'footer']
					.filter((t) => !document.querySelector(t)),
				mains: document.querySelectorAll('main').length,
			};
		});
		const problems = [];
		if (st.lang !== 'ja')
			problems.push(`html lang="${st.lang}"`);
		if (!/^.+｜.+$/.test(st.title))
			problems.push(`title "${st.title}" is not 「ページ名｜計画名｜市名」`);
		if (titles.has(st.title))
			problems.push(`title "${st.title}" also on ${titles.get(st.title)}`);
		titles.set(st.title, p);
		if (st.h1 !== 1 || st.first !== 1)
			problems.push(`${st.h1} h1 (the first heading is h${st.first})`);
		if (st.skips.length)
			problems.push(`skipped heading levels: ${st.skips.join(', ')}`);
		if (st.landmarks.length)
			problems.push(`no ${st.landmarks.join(', ')} landmark`);
		if (st.mains !== 1)
			problems.push(`${st.mains} main elements`);
		ok(problems.length === 0, `${where}: lang, unique title, one h1, heading levels, landmarks`, problems);

		// The skip link: first Tab, then Enter.
		await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
		await page.keyboard.press('Tab');
		const first = await page.evaluate(() => {
			const a = document.activeElement;
			return a ? `${a.tagName.toLowerCase()}.${a.className} ${a.getAttribute('href')}` : 'nothing';
		});
		await page.keyboard.press('Enter');
		await page.waitForFunction(() => document.activeElement?.id === 'main',
			null, { timeout: 2000 }).catch(() => {});
		const after = await page.evaluate(() => {
			const a = document.activeElement;
			return a ? `${a.tagName.toLowerCase()}#${a.id}` : 'nothing';
		});
		ok(first === 'a.skip-link #main' && after === 'main#main',
			`${where}: first Tab on the skip link, Enter moves focus to main`,
			[`first Tab: ${first}`, `after Enter: ${after}`]);

		// A visible focus indicator on everything Tab reaches (WCAG 2.4.7):
		// an outline of 2px or more, or a box shadow. The first 40 stops.
		const unseen = [];
		// Start again from the top: the skip link test left focus in main.
		await page.goto(root + p, { waitUntil: 'load' });
		for (let i = 0; i < 40; i++) {
			await page.keyboard.press('Tab');
			const f = await page.evaluate(() => {
				const a = document.activeElement;
				if (!a || a === document.body)
					return null;
				const cs = getComputedStyle(a);
				const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2;
				return { what: `${a.tagName.toLowerCase()}.${a.className} "${(a.textContent || '').trim().slice(0, 20)}"`,
					visible: outline || cs.boxShadow !== 'none', skip: a.classList.contains('skip-link') };
			});
			if (f === null || (f.skip && i > 0))
				break;
			if (!f.visible)
				unseen.push(f.what);
		}
		ok(unseen.length === 0, `${where}: a visible focus indicator on every Tab stop`, unseen.slice(0, 5));

		// Tables that scroll say so; cells keep a readable width; list
		// markers sit on their links' first line (360 px), and at 1280 px
		// as well the hint shows exactly when a table can scroll.
		for (const width of [360, 1280]) {
			await page.setViewportSize({ width, height: 900 });
			// Scroll-state queries answer from the frame after a resize.
			await page.evaluate(() => new Promise((r) =>
				requestAnimationFrame(() => requestAnimationFrame(r))));
			const tb = await page.evaluate((narrow) => {
				const out = [];
				for (const r of document.querySelectorAll('.table-scroll')) {
					const scrolls = r.scrollWidth > r.clientWidth + 1;
					const cap = r.querySelector(':scope > table > caption');
					const hint = cap && getComputedStyle(cap, '::before').content;
					const shown = !!hint && hint !== 'none' && hint !== 'normal';
					const bg = getComputedStyle(r).backgroundAttachment;
					const name = `table.${r.firstElementChild.className} ` +
						`"${(cap ? cap.textContent : '').trim().slice(0, 24)}"`;
					if (scrolls && cap && !shown)
						out.push(`${name} scrolls (${r.scrollWidth} > ${r.clientWidth}) with no hint above it`);
					if (!scrolls && shown)
						out.push(`${name} does not scroll but says it does`);
					if (scrolls && !/local/.test(bg))
						out.push(`${name} scrolls with no edge shadows (background-attachment ${bg})`);
				}
				if (narrow) {
					for (const c of document.querySelectorAll('td, th')) {
						const cs = getComputedStyle(c);
						const em = parseFloat(cs.fontSize);
						const lh = parseFloat(cs.lineHeight) || em * 1.8;
						const rc = c.getBoundingClientRect();
						const text = c.textContent.trim();
						if (text && !c.closest('.visually-hidden') && rc.width < 4 * em &&
						    rc.height - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom) > 1.5 * lh) {
							out.push(`cell "${text.slice(0, 12)}" squeezed to ${Math.round(rc.width)} px`);
							break;
						}
					}
					// A marker on a link's first line: an inline-block link of
					// several lines is not baseline-aligned (its marker would
					// sit beside its last line), and a generated 「・」 or 「›」
					// shares its line with the link.
					for (const li of document.querySelectorAll('main li, .breadcrumbs li')) {
						const a = li.firstElementChild;
						if (!a)
							continue;
						const cs = getComputedStyle(a);
						const lh = parseFloat(getComputedStyle(li).lineHeight) || 28;
						const lcs = getComputedStyle(li);
						if (lcs.display === 'list-item' && lcs.listStyleType !== 'none' &&
						    cs.display === 'inline-block' && a.getClientRects().length === 1 &&
						    a.getBoundingClientRect().height > 1.5 * lh && cs.verticalAlign === 'baseline')
							out.push(`li "${li.textContent.trim().slice(0, 16)}": its marker sits beside the link's last line`);
						const before = getComputedStyle(li, '::before').content;
						if (before && before !== 'none' && before !== 'normal' &&
						    a.getBoundingClientRect().top - li.getBoundingClientRect().top > 0.5 * lh)
							out.push(`li "${li.textContent.trim().slice(0, 16)}": its ${before} is alone on a line`);
					}
				}
				return out;
			}, width === 360);
			ok(tb.length === 0, `${where}: at ${width} px, a scrolling table says so, cells readable, markers on their lines`,
				tb.slice(0, 5));
		}

		// The measure: running text at most about 40 characters a line.
		await page.setViewportSize({ width: 1280, height: 900 });
		const long = await page.evaluate(() => [...document.querySelectorAll('main :is(p, li, dd, blockquote)')]
			.filter((e) => !e.closest('table, .focus-list, .common-items, .tax-goals, .visually-hidden'))
			.filter((e) => e.getBoundingClientRect().width > 41 * parseFloat(getComputedStyle(e).fontSize))
			.slice(0, 3).map((e) => `${e.tagName.toLowerCase()}.${e.className} "${e.textContent.trim().slice(0, 16)}" ` +
				`${(e.getBoundingClientRect().width / parseFloat(getComputedStyle(e).fontSize)).toFixed(1)} em wide`));
		ok(long.length === 0, `${where}: at 1280 px, running text is at most 41 em wide`, long);
		const edges = await page.evaluate(() => {
			const left = (sel, inner) => {
				const e = document.querySelector(sel);
				if (!e)
					return null;
				const r = e.getBoundingClientRect();
				return Math.round(inner ? r.left + parseFloat(getComputedStyle(e).paddingLeft) : r.left);
			};
			return Object.entries({
				'site brand': left('.site-brand'),
				'breadcrumbs': left('.breadcrumbs', true),
				'main text': left('main', true),
				'footer': left('.site-footer-inner', true),
			}).filter(([, x]) => x !== null);
		});
		ok(new Set(edges.map(([, x]) => x)).size === 1,
			`${where}: at 1280 px, header, breadcrumbs, text and footer start at one edge`,
			[edges.map(([k, x]) => `${k} ${x}`).join(', ')]);

		// Less motion when asked: no animation or transition runs.
		await page.emulateMedia({ reducedMotion: 'reduce' });
		const moving = await page.evaluate(() => [...document.querySelectorAll('*')]
			.filter((e) => [e, ...['::before', '::after']].some((pe) => {
				const cs = pe === e ? getComputedStyle(e) : getComputedStyle(e, pe);
				return cs.animationName !== 'none' ||
					cs.transitionDuration.split(',').some((d) => parseFloat(d) > 0);
			})).slice(0, 3).map((e) => `${e.tagName.toLowerCase()}.${e.className}`));
		await page.emulateMedia({ reducedMotion: 'no-preference' });
		ok(moving.length === 0, `${where}: with prefers-reduced-motion, nothing animates`, moving);

		// Print: on an A4 page with 15 mm margins (180 mm, 680 CSS px) the
		// page is not wider than the paper (Chrome would shrink it all to
		// fit), and the site's navigation is not printed.
		await page.emulateMedia({ media: 'print' });
		await page.setViewportSize({ width: 680, height: 960 });
		const pr = await page.evaluate(() => {
			const out = [];
			const sw = document.documentElement.scrollWidth;
			if (sw > 680)
				out.push(`${sw} px wide: ` + [...document.querySelectorAll('main *')]
					.filter((e) => e.getBoundingClientRect().right > 681 && e.getClientRects().length === 1)
					.slice(0, 3).map((e) => `${e.tagName.toLowerCase()}.${e.className}`).join(', '));
			for (const sel of ['.skip-link', '.global-nav', '.breadcrumbs', '.pagenav'])
				for (const e of document.querySelectorAll(sel))
					if (getComputedStyle(e).display !== 'none')
						out.push(`${sel} is printed`);
			return out;
		});
		await page.emulateMedia({ media: 'screen' });
		ok(pr.length === 0, `${where}: print on A4: no wider than the paper, no navigation`, pr);

		// Reflow at 320 CSS px (WCAG 1.4.10).
		await page.setViewportSize({ width: 320, height: 640 });
		const w = await page.evaluate(() => {
			const wide = [...document.querySelectorAll('body *')]
				.filter((e) => e.getBoundingClientRect().right > 321 &&
					!e.closest('.table-scroll') && !e.closest('.visually-hidden'))
				.slice(0, 3)
				.map((e) => `${e.tagName.toLowerCase()}.${e.className} right=${Math.round(e.getBoundingClientRect().right)}`);
			return { sw: document.documentElement.scrollWidth, wide };
		});
		ok(w.sw <= 320, `${where}: no horizontal scrolling at 320 px`,
			[`scrollWidth ${w.sw}`, ...w.wide]);

		// Text spacing overrides (WCAG 1.4.12) at 320 px: still no
		// horizontal scrolling, and no text clipped by a fixed-size box.
		await page.addStyleTag({ content: `* { line-height: 1.5 !important;
			letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
			p { margin-bottom: 2em !important; }` });
		const ts = await page.evaluate(() => {
			const clipped = [...document.querySelectorAll('body *')].filter((e) => {
				if (e.closest('.visually-hidden') || e.closest('.table-scroll'))
					return false;
				const cs = getComputedStyle(e);
				return (cs.overflowY === 'hidden' || cs.overflowY === 'clip') &&
					e.scrollHeight > e.clientHeight + 1;
			}).slice(0, 3).map((e) => `${e.tagName.toLowerCase()}.${e.className} clips its text`);
			return { sw: document.documentElement.scrollWidth, clipped };
		});
		ok(ts.sw <= 320 && ts.clipped.length === 0,
			`${where}: text spacing overrides at 320 px: no horizontal scrolling, nothing clipped`,
			[`scrollWidth ${ts.sw}`, ...ts.clipped]);
	}

	// The 404 page is served at any path: its links must work from anywhere.
	await page.setViewportSize({ width: 1280, height: 900 });
	const r404 = await page.goto(root + 'no/such/folder/page.html', { waitUntil: 'load' });
	const styled = await page.evaluate(() => [...document.styleSheets]
		.some((s) => { try { return s.cssRules.length > 0; } catch { return false; } }));
	ok(r404 && r404.status() === 404 && styled,
		`${label}: a missing page gets the 404 page, styled, from a deep path`,
		[`status ${r404 && r404.status()}, stylesheet loaded: ${styled}`]);
} finally {
	await b.close();
	server.close();
}

// The Nu Html Checker, once for all pages (it starts a JVM).
let out = '';
try {
	out = execFileSync('java', ['-jar', VNU, '--errors-only', '--format', 'text',
		...list.map((p) => path.join(site, p))], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
} catch (e) {
	out = (e.stdout || '') + (e.stderr || '');
	if (!out)
		out = String(e);
}
const byFile = new Map();
let current = null;
for (const line of out.split('\n')) {
	const m = line.match(/^Error: /);
	if (m)
		current = { msg: line, at: '' };
	const f = line.match(/in resource file:(.*)$/);
	if (f && current) {
		const file = path.relative(path.resolve(site), decodeURIComponent(f[1]));
		if (!byFile.has(file))
			byFile.set(file, []);
		byFile.get(file).push(current.msg + ' (' + line.replace(/ in resource file:.*/, '') + ')');
		current = null;
	}
}
const unparsed = out.includes('Error') && byFile.size === 0;
for (const p of list)
	ok(!byFile.has(p) && !unparsed, `${label}/${p}: Nu Html Checker, 0 errors`,
		unparsed ? out.split('\n').slice(0, 10) : (byFile.get(p) || []).slice(0, 10));
process.exit(failures() ? 1 : 0);
