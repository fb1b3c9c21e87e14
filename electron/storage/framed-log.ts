import { mkdir, open, readdir, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { RecordSigner } from '../keys/workstation-key';
import { syncFolder } from '../settings/atomic-file';
import { checkFrameRest, decodeFrameHeader, encodeFrame, frameHeaderBytes, frameMagic, frameSignatureBytes } from './record-frame';

/** Where a record sits: segment number and byte offset of its frame. */
export interface RecordLocation {
  readonly segment: number;
  readonly offset: number;
}

/** A record as a scan yields it (the signature is checked by {@link FramedLog.read}, not by scans). */
export interface ScannedRecord {
  readonly location: RecordLocation;
  readonly body: Buffer;
}

/** What opening found. */
export interface OpenReport {
  /** Bytes of a record cut short by a crash, removed from the end before appending. */
  readonly truncatedBytes: number;
  /** Damaged stretches skipped inside segments (disk damage, not crashes). */
  readonly damaged: number;
}

/** How a log is laid out. */
export interface FramedLogOptions {
  /** File names are `PREFIX-000001.log`, … */
  readonly prefix: string;
  /** A new segment starts once the current one is this large. */
  readonly segmentBytes: number;
  readonly signer: RecordSigner;
}

// Frames are written in pieces this large: a kill can land between any two of them, exactly as between the pages of
// one big write, and the framing (not the size of a write call) is what keeps records whole.
const writeChunkBytes = 1024 * 1024;
const resyncWindowBytes = 4 * 1024 * 1024;

/**
 * An append-only log of signed, checksummed frames in rotating segment files. Appends are serialised and fsynced
 * before they resolve; on open, a record cut short at the end of the last segment (a crash during its write, never
 * acknowledged) is truncated so the next record starts clean. Reads stream one record at a time, so memory stays
 * bounded by the largest record, not the log.
 */
export class FramedLog {
  readonly #folder: string;
  #segments: number[] = [];
  #size = 0;
  #tail: Promise<unknown> = Promise.resolve();
  #opened: Promise<OpenReport> | null = null;

  constructor(folder: string, private readonly options: FramedLogOptions) {
    this.#folder = folder;
  }

  /** Finds the segments and repairs a torn end; later calls return the first report. */
  open(): Promise<OpenReport> {
    this.#opened ??= this.#open();
    return this.#opened;
  }

  /** Segment numbers, oldest first (the last is the one appended to). */
  segments(): readonly number[] {
    return this.#segments;
  }

  /** Signs and appends a record; resolves once it is on disk. */
  append(body: Uint8Array): Promise<RecordLocation> {
    return this.appendSigned(body, this.options.signer.sign(body));
  }

  /** Appends a record with a signature made earlier (copying a record forward keeps its original signature). */
  appendSigned(body: Uint8Array, signature: Uint8Array): Promise<RecordLocation> {
    const frame = encodeFrame(body, signature);
    const next = this.#tail.catch(() => undefined).then(async () => {
      await this.open();
      if (this.#size > 0 && this.#size + frame.length > this.options.segmentBytes) await this.#rotate();
      // Opened for each append (appends are per decision, not a hot path): a file replaced or removed under the
      // app is noticed at once instead of writing into an unlinked one.
      const handle = await openForAppend(this.#file(this.#segments.at(-1) ?? 1));
      const location = { segment: this.#segments.at(-1) ?? 1, offset: this.#size };
      try {
        for (let at = 0; at < frame.length; at += writeChunkBytes) {
          const piece = frame.subarray(at, Math.min(frame.length, at + writeChunkBytes));
          await writeFully(handle, piece, location.offset + at);
        }
        await handle.sync();
      } catch (error) {
        // Whatever part reached the file is cut off again at the next open.
        this.#opened = null;
        throw error;
      } finally {
        await handle.close();
      }
      this.#size += frame.length;
      return location;
    });
    this.#tail = next;
    return next;
  }

  /** Every whole record, oldest first; damaged stretches are skipped. Waits for appends in flight. */
  async *scan(segments: readonly number[] = this.#segments): AsyncGenerator<ScannedRecord> {
    await this.open();
    await this.#tail.catch(() => undefined);
    for (const segment of [...segments]) {
      const handle = await open(this.#file(segment), 'r').catch(() => null);
      if (!handle) continue;
      try {
        for await (const step of walkFrames(handle, (await handle.stat()).size)) {
          if (step.body) yield { location: { segment, offset: step.offset }, body: step.body };
        }
      } finally {
        await handle.close();
      }
    }
  }

  /** The record at a location with whether its signature is one of this workstation's; null when unreadable. */
  async read(location: RecordLocation): Promise<{ body: Buffer; signature: Buffer; verified: boolean } | null> {
    const handle = await open(this.#file(location.segment), 'r').catch(() => null);
    if (!handle) return null;
    try {
      const frame = await readFrame(handle, location.offset, (await handle.stat()).size);
      if (!frame) return null;
      return { ...frame, verified: this.options.signer.verify(frame.body, frame.signature) };
    } finally {
      await handle.close();
    }
  }

  /** Starts a new segment now (compaction copies forward into a fresh one). */
  rotate(): Promise<void> {
    const next = this.#tail.catch(() => undefined).then(async () => {
      await this.open();
      if (this.#size > 0) await this.#rotate();
    });
    this.#tail = next;
    return next;
  }

  /** Deletes whole segments (never the active one), once what they held has been copied forward. */
  removeSegments(segments: readonly number[]): Promise<void> {
    const next = this.#tail.catch(() => undefined).then(async () => {
      const active = this.#segments.at(-1);
      const doomed = new Set(segments.filter((s) => s !== active));
      for (const segment of doomed) await rm(this.#file(segment), { force: true });
      this.#segments = this.#segments.filter((s) => !doomed.has(s));
      await syncFolder(this.#folder);
    });
    this.#tail = next;
    return next;
  }

  /** Total bytes on disk. */
  async sizeBytes(): Promise<number> {
    let total = 0;
    for (const segment of this.#segments) {
      const handle = await open(this.#file(segment), 'r').catch(() => null);
      if (!handle) continue;
      total += (await handle.stat()).size;
      await handle.close();
    }
    return total;
  }

  /** Waits for appends in flight. */
  async close(): Promise<void> {
    await this.#tail.catch(() => undefined);
  }

  async #open(): Promise<OpenReport> {
    await mkdir(this.#folder, { recursive: true, mode: 0o700 });
    const pattern = new RegExp(`^${this.options.prefix}-(\\d{6})\\.log$`);
    const names = await readdir(this.#folder);
    this.#segments = names.map((n) => pattern.exec(n)?.[1]).filter((n): n is string => !!n).map(Number).sort((a, b) => a - b);
    if (this.#segments.length === 0) this.#segments = [1];
    const last = this.#segments.at(-1) ?? 1;
    const handle = await open(this.#file(last), 'a+', 0o600);
    let damaged = 0;
    let end = 0;
    try {
      const size = (await handle.stat()).size;
      for await (const step of walkFrames(handle, size)) {
        if (step.body) end = step.end;
        else damaged += 1;
      }
      const truncatedBytes = size - end;
      if (truncatedBytes > 0) {
        await handle.truncate(end);
        await handle.sync();
      }
      this.#size = end;
      return { truncatedBytes, damaged };
    } finally {
      await handle.close();
    }
  }

  async #rotate(): Promise<void> {
    this.#segments.push((this.#segments.at(-1) ?? 0) + 1);
    this.#size = 0;
    await (await open(this.#file(this.#segments.at(-1) ?? 1), 'w', 0o600)).close();
    await syncFolder(this.#folder);
  }

  #file(segment: number): string {
    return path.join(this.#folder, `${this.options.prefix}-${String(segment).padStart(6, '0')}.log`);
  }
}

async function openForAppend(file: string): Promise<FileHandle> {
  try {
    return await open(file, 'r+');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return open(file, 'wx+', 0o600);
  }
}

async function writeFully(handle: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  let written = 0;
  while (written < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, written, bytes.length - written, position + written);
    written += bytesWritten;
  }
}

async function readFully(handle: FileHandle, length: number, position: number): Promise<Buffer | null> {
  const buffer = Buffer.allocUnsafe(length);
  let read = 0;
  while (read < length) {
    const { bytesRead } = await handle.read(buffer, read, length - read, position + read);
    if (bytesRead === 0) return null;
    read += bytesRead;
  }
  return buffer;
}

/**
 * Walks the frames of one segment: each whole frame (with where it ends), and each damaged stretch skipped by
 * resynchronising on the next whole frame; stops at a torn end (nothing whole follows).
 */
async function* walkFrames(handle: FileHandle, size: number): AsyncGenerator<{ offset: number; end: number; body: Buffer | null }> {
  let offset = 0;
  while (offset < size) {
    const frame = await readFrame(handle, offset, size);
    if (frame) {
      yield { offset, end: offset + frame.frameBytes, body: frame.body };
      offset += frame.frameBytes;
      continue;
    }
    const next = await resync(handle, offset + 1, size);
    if (next === null) return;
    yield { offset, end: next, body: null };
    offset = next;
  }
}

/** A whole, checksummed frame at `offset`, or null (cut short, damaged, or not a frame). */
async function readFrame(handle: FileHandle, offset: number, size: number): Promise<{ body: Buffer; signature: Buffer; frameBytes: number } | null> {
  if (offset + frameHeaderBytes > size) return null;
  const headerBytes = await readFully(handle, frameHeaderBytes, offset);
  const header = headerBytes ? decodeFrameHeader(headerBytes) : null;
  if (!header || offset + header.frameBytes > size) return null;
  const rest = await readFully(handle, header.bodyBytes + frameSignatureBytes, offset + frameHeaderBytes);
  const checked = rest ? checkFrameRest(header, rest) : null;
  return checked ? { ...checked, frameBytes: header.frameBytes } : null;
}

/** The offset of the next whole frame at or after `from`, or null when none follows (a torn end). */
async function resync(handle: FileHandle, from: number, size: number): Promise<number | null> {
  for (let start = from; start < size; start += resyncWindowBytes - frameMagic.length) {
    const window = await readFully(handle, Math.min(resyncWindowBytes, size - start), start);
    if (!window) return null;
    for (let at = window.indexOf(frameMagic); at >= 0; at = window.indexOf(frameMagic, at + 1)) {
      if (await readFrame(handle, start + at, size)) return start + at;
    }
  }
  return null;
}
