/** One DER element: its tag byte, where its value lies, and the whole element's bytes. */
export interface DerNode {
  readonly tag: number;
  /** The value's bytes (contents only). */
  readonly value: Uint8Array;
  /** The whole element (tag, length and value), as signed data needs it. */
  readonly raw: Uint8Array;
}

/** Why DER could not be read. */
export class DerError extends Error {}

/** Reads the DER element at `offset`; throws {@link DerError} on anything malformed or out of bounds. */
export function readDer(bytes: Uint8Array, offset = 0): DerNode {
  if (offset + 2 > bytes.length) throw new DerError('truncated element');
  const tag = bytes[offset] as number;
  if ((tag & 0x1f) === 0x1f) throw new DerError('multi-byte tags are not used in CMS signatures');
  let length = bytes[offset + 1] as number;
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || start + count > bytes.length) throw new DerError('bad length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (bytes[start + i] as number);
    start += count;
  }
  if (start + length > bytes.length) throw new DerError('element runs past its container');
  return { tag, value: bytes.subarray(start, start + length), raw: bytes.subarray(offset, start + length) };
}

/** The elements inside a constructed element, in order. */
export function derChildren(node: DerNode): DerNode[] {
  const children: DerNode[] = [];
  for (let offset = 0; offset < node.value.length;) {
    const child = readDer(node.value, offset);
    children.push(child);
    offset += child.raw.length;
  }
  return children;
}

/** The child at `index`, or a {@link DerError} naming what was expected. */
export function derChild(node: DerNode, index: number, what: string): DerNode {
  const child = derChildren(node)[index];
  if (!child) throw new DerError(`missing ${what}`);
  return child;
}

/** An OBJECT IDENTIFIER's dotted form. */
export function derOid(node: DerNode): string {
  if (node.tag !== 0x06) throw new DerError('expected an object identifier');
  const parts: number[] = [];
  let value = 0;
  node.value.forEach((byte, i) => {
    value = value * 128 + (byte & 0x7f);
    if (byte & 0x80) return;
    if (parts.length === 0 && i >= 0) parts.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
    else parts.push(value);
    value = 0;
  });
  return parts.join('.');
}

/** True when two byte arrays hold the same bytes. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
