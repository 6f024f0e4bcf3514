import { readFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import type { HttpReply } from './lambda-response';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** The page only talks to its own origin; nothing inline runs. */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // Always ask again: an edited file shows on reload.
  'cache-control': 'no-cache',
};

/**
 * Serves the files of `root` (the limits page) for GET: `/` is
 * index.html; only known file types; nothing outside `root`.
 */
export const createStaticFilesRoute = (root: string) => {
  const base = resolve(root);
  return async (request: IncomingMessage, url: URL): Promise<HttpReply | undefined> => {
    if (request.method !== 'GET') return undefined;
    let relative: string;
    try {
      relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    } catch {
      return undefined;
    }
    const path = resolve(join(base, relative));
    const type = CONTENT_TYPES[extname(path)];
    if (type === undefined || !path.startsWith(base + sep) || relative.includes('\0')) return undefined;
    let body: Buffer;
    try {
      body = await readFile(path);
    } catch {
      return undefined;
    }
    return { statusCode: 200, headers: { 'content-type': type, ...SECURITY_HEADERS }, body };
  };
};
