// browser.mjs: launches Debian's Chromium through playwright-core, never a
// downloaded browser, with a fresh profile that is removed afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const here = path.dirname(new URL(import.meta.url).pathname);
const modules = path.join(here, '..', 'node_modules');
const { chromium } = require(path.join(modules, 'playwright-core'));

export const CHROMIUM = '/usr/bin/chromium';
export const ARGS = ['--headless', '--no-sandbox', '--disable-gpu',
	'--disable-background-networking', '--disable-component-update',
	'--no-first-run', '--disable-sync'];

// Resolves to { context, close }: a persistent context on a fresh
// user-data-dir (playwright's way to pass one), removed by close().
export async function launch() {
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'keikaku-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		args: ARGS,
		bypassCSP: true,	// to inject axe-core into pages whose CSP forbids scripts
		viewport: { width: 1280, height: 900 },
		locale: 'ja-JP',
	});
	return {
		context,
		close: async () => {
			await context.close();
			fs.rmSync(profile, { recursive: true, force: true });
		},
	};
}

export const AXE = path.join(modules, 'axe-core', 'axe.min.js');
export const VNU = path.join(modules, 'vnu-jar', 'build', 'dist', 'vnu.jar');
