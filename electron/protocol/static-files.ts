import { readFile } from 'node:fs/promises';
import path from 'node:path';

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

/** A static file ready to send, or the status to answer with. */
export type StaticFile =
  | { readonly status: 200; readonly body: Buffer; readonly contentType: string }
  | { readonly status: 400 | 404 };

/**
 * Maps a URL path to a file under `root`, refusing anything that would escape it (`..`, encoded
 * separators, NUL). `/` is the app's `index.html`. Returns null for a path that is not allowed.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const resolvedRoot = path.resolve(root);
  const full = path.resolve(resolvedRoot, relative);
  if (full !== resolvedRoot && !full.startsWith(resolvedRoot + path.sep)) return null;
  return full;
}

/** Reads one file of the built renderer for the `app://` protocol or the loopback host. */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile> {
  const file = resolveStaticPath(root, urlPath);
  if (file === null) return { status: 400 };
  try {
    const body = await readFile(file);
    return { status: 200, body, contentType: mimeTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream' };
  } catch {
    return { status: 404 };
  }
}

/** Security headers sent with every file, in both shells. */
export function staticSecurityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
    'Cache-Control': 'no-store',
  };
}
