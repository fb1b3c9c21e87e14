import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appSchemePrivileges, isAppOriginUrl } from '../../../electron/protocol/app-scheme';
import { buildCsp } from '../../../electron/protocol/csp';
import { readStaticFile, resolveStaticPath } from '../../../electron/protocol/static-files';

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((part) => part.trim().split(/\s+/)).map(([name = '', ...values]) => [name, values]));
}

describe('content security policy', () => {
  const csp = directives(buildCsp());

  it('allows neither eval nor inline script or style', () => {
    for (const [, values] of csp) {
      expect(values).not.toContain("'unsafe-eval'");
      expect(values).not.toContain("'unsafe-inline'");
    }
    expect(csp.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
  });

  it('lets the pdf.js worker and other Web Workers run from the app itself', () => {
    expect(csp.get('worker-src')).toEqual(["'self'", 'blob:']);
  });

  it('denies everything not named, plugins, framing and base-uri changes', () => {
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
  });

  it('adds only the connect sources it is given', () => {
    expect(directives(buildCsp({ extraConnectSrc: ['ws://127.0.0.1:5000'] })).get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:5000']);
  });
});

describe('app:// scheme', () => {
  it('is standard and secure (IndexedDB, crypto.subtle), without service workers or CSP bypass', () => {
    expect(appSchemePrivileges).toMatchObject({ standard: true, secure: true, supportFetchAPI: true, allowServiceWorkers: false, bypassCSP: false, corsEnabled: false });
  });

  it('recognises only its own host', () => {
    expect(isAppOriginUrl('app://clerk-review/index.html')).toBe(true);
    expect(isAppOriginUrl('app://clerk-review.evil/index.html')).toBe(false);
    expect(isAppOriginUrl('app://other/index.html')).toBe(false);
    expect(isAppOriginUrl('https://clerk-review/')).toBe(false);
  });
});

describe('static files', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'crd-static-'));
  writeFileSync(path.join(root, 'index.html'), '<html></html>');

  it('serves index.html for / with its type', async () => {
    const file = await readStaticFile(root, '/');
    expect(file.status).toBe(200);
    expect(file.status === 200 && file.contentType).toBe('text/html; charset=utf-8');
  });

  it('refuses paths that escape the root', () => {
    for (const attempt of ['/../secret', '/%2e%2e/secret', '/..%2fsecret', '/a/../../secret', '/%00', '/..\\secret', '/%E0%A4%A']) {
      expect(resolveStaticPath(root, attempt), attempt).toBeNull();
    }
  });

  it('answers 404 for a missing file', async () => {
    expect((await readStaticFile(root, '/missing.js')).status).toBe(404);
  });
});
