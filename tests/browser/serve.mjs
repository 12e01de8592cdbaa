// serve.mjs: a tiny static file server for a built site, on 127.0.0.1 only.
// Used by check.mjs and shot.mjs; never exposed beyond the loopback.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const types = {
	'.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8',
	'.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg',
	'.jpeg': 'image/jpeg', '.pdf': 'application/pdf', '.xml': 'application/xml',
	'.js': 'text/javascript',
};

// Serves root on 127.0.0.1 at a free port, under the path prefix prefix
// ("/dx/": the site's base_url); resolves to { server, url }. A missing
// file gets the site's 404.html with status 404, as a web server would.
export function serve(root, prefix = '/') {
	const base = path.resolve(root);
	const server = http.createServer((req, res) => {
		let p;
		try {
			p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
		} catch {
			res.writeHead(400).end();
			return;
		}
		if (!p.startsWith(prefix))
			p = '/\0';	/* outside the site: not found */
		else
			p = '/' + p.slice(prefix.length);
		let file = path.join(base, p);
		if (!file.startsWith(base)) {
			res.writeHead(403).end();
			return;
		}
		if (p.endsWith('/'))
			file = path.join(file, 'index.html');
		fs.readFile(file, (err, data) => {
			if (err) {
				fs.readFile(path.join(base, '404.html'), (e2, d2) => {
					res.writeHead(404, { 'content-type': types['.html'] });
					res.end(e2 ? 'not found' : d2);
				});
				return;
			}
			res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
			res.end(data);
		});
	});
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			resolve({ server, url: `http://127.0.0.1:${server.address().port}/` });
		});
	});
}
