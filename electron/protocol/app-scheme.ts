/** The privileged scheme the UI is served from instead of `file://`. */
export const appScheme = 'app';

/** The single host of the scheme; any other host is refused. */
export const appHost = 'clerk-review';

/** Origin of the app's pages. */
export const appOrigin = `${appScheme}://${appHost}`;

/** URL the main window opens. */
export const appStartUrl = `${appOrigin}/index.html`;

/**
 * Privileges for `protocol.registerSchemesAsPrivileged`: standard (relative URLs, origin) and secure
 * (IndexedDB, crypto.subtle, workers), fetch support for pdf.js; no service workers, no CORS bypass.
 */
export const appSchemePrivileges = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  stream: true,
  corsEnabled: false,
  bypassCSP: false,
  allowServiceWorkers: false,
} as const;

/**
 * True for a URL on the app's own scheme and host. Compares scheme and host rather than `URL.origin`, which
 * Node reports as "null" for custom schemes (Chromium knows better once the scheme is registered as standard).
 */
export function isAppOriginUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${appScheme}:` && parsed.host === appHost && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}
