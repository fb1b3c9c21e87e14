/**
 * The Content-Security-Policy of every page the app serves. No `unsafe-eval` or `unsafe-inline`;
 * `wasm-unsafe-eval` lets pdf.js compile its WebAssembly image decoders; workers (pdf.js, stamping)
 * load from the app's own origin or from blob: URLs it creates.
 */
export function buildCsp(options: { extraConnectSrc?: readonly string[] } = {}): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'none'"],
    'script-src': ["'self'", "'wasm-unsafe-eval'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...(options.extraConnectSrc ?? [])],
    'worker-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
    'frame-src': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}
