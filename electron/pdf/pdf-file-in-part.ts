import { createHash, type Hash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { readSync, type BigIntStats } from 'node:fs';
import type { BytesOnDemand } from '../../shared/pdf/bytes-on-demand';

/** A PDF file read once for its digest and kept in memory in part: the insides of its large streams stay on disk. */
export interface PdfFileInPart {
  /** The file's full length; zero where a large stream's inside has not been read. */
  readonly bytes: Uint8Array;
  /** Reads a missing range in place when a parser asks for it. */
  readonly onDemand: BytesOnDemand;
  /** SHA-256 of the whole file, still open (an update appended to the file can be hashed on). */
  readonly hash: Hash;
  /** The file as it was read (size, times, inode): compared before a copy of it is trusted. */
  readonly stats: BigIntStats;
  /** True when the file was small enough to be read whole: `bytes` is the file, and may be written as it is. */
  readonly whole: boolean;
  close(): Promise<void>;
}

/**
 * Tuning: a stream longer than `largeStreamBytes` keeps only that much of its start in memory; a file of at most
 * `wholeFileUpTo` bytes is read whole (holding it costs less than the copy a part read needs: a few ms).
 */
export const inPartTuning = { largeStreamBytes: 256 * 1024, chunkBytes: 1024 * 1024, wholeFileUpTo: 8 * 1024 * 1024 };

const whitespace = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const carryBytes = 32;

/**
 * Reads `file` once, in chunks, hashing it and keeping all of it but the insides of streams longer than
 * {@link inPartTuning.largeStreamBytes} (a scan's page images). Streams are found by their keywords (`>> stream`
 * and `endstream`, 7.3.8.1); a keyword found where it is not one only keeps more in memory or leaves a range to be
 * read on demand, never a wrong byte: whatever a parser asks for is read first.
 */
export async function readPdfInPart(file: string): Promise<PdfFileInPart> {
  const handle = await open(file, 'r');
  try {
    const stats = await handle.stat({ bigint: true });
    const size = Number(stats.size);
    const bytes = new Uint8Array(size);
    const hash = createHash('sha256');
    const whole = size <= inPartTuning.wholeFileUpTo;
    const holes = whole ? await readWhole(handle, bytes, hash) : await readKeepingSmall(handle, bytes, hash);
    const onDemand: BytesOnDemand = {
      ensure(start, end) {
        for (let i = holes.length - 1; i >= 0; i--) {
          const [from, to] = holes[i] as [number, number];
          if (from >= end || to <= start) continue;
          readFully(handle.fd, bytes, from, to);
          holes.splice(i, 1);
        }
      },
      get partial() {
        return holes.length > 0;
      },
    };
    return { bytes, onDemand, hash, stats, whole, close: () => handle.close() };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** Reads the whole file into `bytes` and hashes it: no holes. */
async function readWhole(handle: FileHandle, bytes: Uint8Array, hash: Hash): Promise<[number, number][]> {
  for (let position = 0; position < bytes.length;) {
    const { bytesRead } = await handle.read(bytes, position, bytes.length - position, position);
    if (bytesRead === 0) throw new Error('the file got shorter while it was read');
    position += bytesRead;
  }
  hash.update(bytes);
  return [];
}

/** Reads the file through one chunk buffer: hashes every byte, copies all but large streams' insides; the holes. */
async function readKeepingSmall(handle: FileHandle, bytes: Uint8Array, hash: Hash): Promise<[number, number][]> {
  const { largeStreamBytes, chunkBytes } = inPartTuning;
  const window = Buffer.alloc(carryBytes + chunkBytes);
  const holes: [number, number][] = [];
  let windowStart = 0;
  let carried = 0;
  let scanFrom = 0;
  let dataStart: number | null = null;
  for (let position = 0; position < bytes.length;) {
    const { bytesRead } = await handle.read(window, carried, Math.min(chunkBytes, bytes.length - position), position);
    if (bytesRead === 0) throw new Error('the file got shorter while it was read');
    hash.update(window.subarray(carried, carried + bytesRead));
    position += bytesRead;
    const length = carried + bytesRead;
    const last = position >= bytes.length;
    // Find the streams' starts and ends in this window (positions are the file's).
    let at = Math.max(0, scanFrom - windowStart);
    for (;;) {
      if (dataStart === null) {
        const found = window.indexOf('stream', at, 'latin1');
        if (found < 0 || found >= length) break;
        if (!last && found + 8 > length) break;
        at = found + 6;
        if (found >= 3 && window.toString('latin1', found - 3, found) === 'end') continue;
        if (!afterDictionary(window, found)) continue;
        let data = found + 6;
        if (window[data] === 0x0d) data++;
        if (window[data] === 0x0a) data++;
        else if (window[data - 1] !== 0x0d) continue;
        dataStart = windowStart + data;
        at = data;
      } else {
        const found = window.indexOf('endstream', at, 'latin1');
        if (found < 0 || found + 9 > length) break;
        const end = windowStart + found;
        if (end - dataStart > largeStreamBytes) holes.push([dataStart + largeStreamBytes, end]);
        dataStart = null;
        at = found + 9;
      }
    }
    // A stream still open and already large: its inside from here on stays on disk until its end is found.
    const openHole = dataStart !== null && windowStart + length - dataStart > largeStreamBytes ? dataStart + largeStreamBytes : null;
    copyOutsideHoles(window, windowStart, length, bytes, openHole === null ? holes : [...holes, [openHole, windowStart + length]]);
    scanFrom = windowStart + Math.max(at, length - carryBytes);
    // The window's last bytes start the next one, so a keyword split between chunks is still found.
    carried = Math.min(carryBytes, length);
    window.copy(window, 0, length - carried, length);
    windowStart += length - carried;
  }
  if (dataStart !== null && bytes.length - dataStart > largeStreamBytes) holes.push([dataStart + largeStreamBytes, bytes.length]);
  return holes;
}

/** True when `stream` at `at` follows a dictionary's `>>` (whitespace between). */
function afterDictionary(window: Buffer, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && at - i <= 16 && whitespace.has(window[i] as number)) i--;
  return i >= 1 && window[i] === 0x3e && window[i - 1] === 0x3e;
}

/** Copies the window's bytes into the file's array, leaving out the ranges in `holes`. */
function copyOutsideHoles(window: Buffer, windowStart: number, length: number, bytes: Uint8Array, holes: readonly [number, number][]): void {
  let from = windowStart;
  const end = windowStart + length;
  for (const [start, stop] of holes) {
    if (stop <= from || start >= end) continue;
    if (start > from) bytes.set(window.subarray(from - windowStart, start - windowStart), from);
    from = Math.max(from, stop);
  }
  if (from < end) bytes.set(window.subarray(from - windowStart, length), from);
}

/** Reads [from, to) of the file into `bytes` at the same place. */
function readFully(fd: number, bytes: Uint8Array, from: number, to: number): void {
  for (let at = from; at < to;) {
    const read = readSync(fd, bytes, at, to - at, at);
    if (read === 0) throw new Error('the file got shorter while it was read');
    at += read;
  }
}
