/** SHA-256 of bytes as lowercase hex (the form ECF messages and the audit log use). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // The DOM typings only accept ArrayBuffer-backed views; the bytes we hash are never shared memory.
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/**
 * SHA-256 fed in parts, in one pass: `hexSoFar()` is the digest of everything fed so far, and feeding may go on
 * (the original's digest, then the stamped rendition's, which starts with the original). Node provides one
 * (`nodeSha256Stream`); browsers have none, so there each digest is a separate WebCrypto pass.
 */
export interface Sha256Stream {
  update(bytes: Uint8Array): void;
  hexSoFar(): string;
}
