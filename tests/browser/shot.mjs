// shot.mjs SITE OUTDIR PAGE...: screenshots of built pages, at 1280 px and
// at 320 px wide (full page), to look at what the site looks like.
//   node tests/browser/shot.mjs out/site /tmp/shots index.html chapters/vision.html
import fs from 'node:fs';
import path from 'node:path';
import { serve } from './serve.mjs';
import { launch } from './browser.mjs';

const [site, outdir, ...pages] = process.argv.slice(2);
if (!site || !outdir || pages.length === 0) {
	console.error('usage: node shot.mjs SITE OUTDIR PAGE...');
	process.exit(2);
}
fs.mkdirSync(outdir, { recursive: true });
const { server, url } = await serve(site);
const b = await launch();
try {
	const page = await b.context.newPage();
	for (const p of pages) {
		for (const width of [1280, 320]) {
			await page.setViewportSize({ width, height: width === 320 ? 640 : 900 });
			await page.goto(url + p, { waitUntil: 'load' });
			const base = p.replace(/[\/.]/g, '_') + `-${width}`;
			if (width > 320) {
				await page.screenshot({ path: path.join(outdir, base + '.png'), fullPage: true });
				console.log(path.join(outdir, base + '.png'));
				continue;
			}
			// Narrow pages are long: slices of 1200 px, side by side readable.
			const h = await page.evaluate(() => document.documentElement.scrollHeight);
			for (let y = 0, i = 0; y < h; y += 1200, i++) {
				const name = `${base}-${i}.png`;
				await page.screenshot({ path: path.join(outdir, name), fullPage: true,
					clip: { x: 0, y, width, height: Math.min(1200, h - y) } });
				console.log(path.join(outdir, name));
			}
		}
	}
} finally {
	await b.close();
	server.close();
}
