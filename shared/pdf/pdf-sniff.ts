/**
 * What can be told of a file from a glance at its bytes, without parsing it: whether it is a PDF at all and whether
 * it declares encryption. Dependency-free, so the renderer checks a document the moment it arrives.
 */

const latin1 = new TextDecoder('latin1');
const encryptEntry = /\/Encrypt\s*(\d+\s+\d+\s+R|<<)/;

/** True when the file starts like a PDF (`%PDF-`, allowing the 1,024 bytes of junk readers tolerate before it). */
export function looksLikePdf(bytes: Uint8Array): boolean {
  return latin1.decode(bytes.subarray(0, 1024 + 5)).includes('%PDF-');
}

/**
 * True when the trailer (classic, or the cross-reference stream dictionary at `startxref`) names an `/Encrypt`
 * dictionary: the file's objects are encrypted, so it cannot be stamped, whatever a viewer manages to show.
 */
export function declaresEncryption(bytes: Uint8Array): boolean {
  const tail = latin1.decode(bytes.subarray(Math.max(0, bytes.length - 4096)));
  if (encryptEntry.test(tail)) return true;
  const at = tail.lastIndexOf('startxref');
  const offset = at < 0 ? NaN : Number(/^startxref\s+(\d+)/.exec(tail.slice(at))?.[1]);
  if (!Number.isSafeInteger(offset) || offset <= 0 || offset >= bytes.length) return false;
  return encryptEntry.test(latin1.decode(bytes.subarray(offset, offset + 8192)));
}
