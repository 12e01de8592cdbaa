// tests/browser/tap.mjs: what the Node checks of the site share: the files
// of a built site, and TAP lines ("ok - what" / "not ok - what" followed by
// "# " lines explaining a failure) counted for the exit status.
import fs from 'node:fs';
import path from 'node:path';

// Every file under dir, as paths relative to it, sorted.
export function files(dir, rel = '') {
	let out = [];
	for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
		const r = rel ? `${rel}/${e.name}` : e.name;
		out = e.isDirectory() ? out.concat(files(dir, r)) : out.concat([r]);
	}
	return out.sort();
}

// The HTML pages under dir, sorted.
export function pages(dir) {
	return files(dir).filter((f) => f.endsWith('.html'));
}

let failed = 0;

// Prints one check; on failure, at most limit lines of explain after it.
export function ok(cond, what, explain = [], limit = Infinity) {
	if (cond) {
		console.log(`ok - ${what}`);
		return;
	}
	failed++;
	console.log(`not ok - ${what}`);
	for (const line of explain.slice(0, limit))
		console.log(`# ${String(line).replace(/\n/g, '\n# ')}`);
}

// The number of checks failed so far.
export function failures() {
	return failed;
}
