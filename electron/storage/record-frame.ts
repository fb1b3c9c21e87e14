import { crc32 } from 'node:zlib';

/**
 * One record on disk: a 16-byte header (magic, version, body length, CRC-32 of body and signature), the body, and a
 * 64-byte Ed25519 signature of the body. The length lets a reader skip a record without parsing it; the checksum tells
 * a record cut short by a crash (or damaged on disk) from a whole one, so a torn write never swallows the next record.
 */
export const frameMagic = Buffer.from('CRDR', 'latin1');
/** Bytes before the body. */
export const frameHeaderBytes = 16;
/** Bytes after the body (an Ed25519 signature). */
export const frameSignatureBytes = 64;
/** Largest body a frame may carry: the contract's stamped renditions stay far below it. */
export const maxFrameBodyBytes = 1024 * 1024 * 1024;
const version = 1;

/** The fixed part of a frame, read before its body. */
export interface FrameHeader {
  readonly bodyBytes: number;
  readonly checksum: number;
  /** Header, body and signature together. */
  readonly frameBytes: number;
}

/** Builds a whole frame; `signature` must be 64 bytes. */
export function encodeFrame(body: Uint8Array, signature: Uint8Array): Buffer {
  if (signature.length !== frameSignatureBytes) throw new Error('a frame signature is 64 bytes');
  if (body.length > maxFrameBodyBytes) throw new Error(`a record of ${body.length} bytes is over the journal's limit`);
  const frame = Buffer.allocUnsafe(frameHeaderBytes + body.length + frameSignatureBytes);
  frameMagic.copy(frame, 0);
  frame.writeUInt8(version, 4);
  frame.fill(0, 5, 8);
  frame.writeUInt32LE(body.length, 8);
  frame.set(body, frameHeaderBytes);
  frame.set(signature, frameHeaderBytes + body.length);
  frame.writeUInt32LE(crc32(frame.subarray(frameHeaderBytes)), 12);
  return frame;
}

/** Reads a header; null when the bytes are not the start of a frame. */
export function decodeFrameHeader(header: Uint8Array): FrameHeader | null {
  if (header.length < frameHeaderBytes) return null;
  const view = Buffer.from(header.buffer, header.byteOffset, frameHeaderBytes);
  if (!view.subarray(0, 4).equals(frameMagic) || view.readUInt8(4) !== version) return null;
  const bodyBytes = view.readUInt32LE(8);
  if (bodyBytes > maxFrameBodyBytes) return null;
  return { bodyBytes, checksum: view.readUInt32LE(12), frameBytes: frameHeaderBytes + bodyBytes + frameSignatureBytes };
}

/** Splits the bytes after a header into body and signature; null when the checksum does not match. */
export function checkFrameRest(header: FrameHeader, rest: Uint8Array): { body: Buffer; signature: Buffer } | null {
  if (rest.length !== header.bodyBytes + frameSignatureBytes) return null;
  if (crc32(rest) !== header.checksum) return null;
  const bytes = Buffer.from(rest.buffer, rest.byteOffset, rest.length);
  return { body: bytes.subarray(0, header.bodyBytes), signature: bytes.subarray(header.bodyBytes) };
}
