/**
 * True when a link may be handed to the system browser: https only, a real host name, no embedded
 * credentials. Everything else (file:, javascript:, custom schemes, http:) is dropped.
 */
export function isSafeExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'https:' && parsed.hostname !== '' && parsed.username === '' && parsed.password === '' && url.length <= 2048;
}
