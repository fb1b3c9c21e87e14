import type { Protocol } from 'electron';
import { appHost, appScheme } from './app-scheme';
import { buildCsp } from './csp';
import { readStaticFile, staticSecurityHeaders } from './static-files';

/** Serves the built renderer on `app://clerk-review/…` with the app's CSP; other hosts get 404. */
export function registerAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  const headers = staticSecurityHeaders(buildCsp());
  protocol.handle(appScheme, async (request) => {
    const url = new URL(request.url);
    if (url.host !== appHost || request.method !== 'GET') return new Response(null, { status: 404 });
    const file = await readStaticFile(rendererDir, url.pathname);
    if (file.status !== 200) return new Response(null, { status: file.status });
    return new Response(new Uint8Array(file.body), { status: 200, headers: { ...headers, 'Content-Type': file.contentType } });
  });
}
