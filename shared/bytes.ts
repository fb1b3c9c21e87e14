/** Joins byte arrays into one fresh array (one piece alone is returned as it is). */
export function concatBytes(pieces: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  if (pieces.length === 1 && pieces[0]?.buffer instanceof ArrayBuffer) return pieces[0] as Uint8Array<ArrayBuffer>;
  const out = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.length, 0));
  let offset = 0;
  for (const piece of pieces) {
    out.set(piece, offset);
    offset += piece.length;
  }
  return out;
}
