import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { catalogueEntry, type CatalogueEntry } from '../../shared/ecf/code-list-catalogue';
import { GenericodeError, GenericodeStream, type CodeList, type CodeListHeader } from './genericode-stream';

/** A list read from a published file, with the catalogue list it is (null when it is none we know). */
export interface NamedCodeList extends CodeList {
  /** The file it came from (`filing.xml`, or `filing.zip/filing.xml` inside a zip). */
  readonly file: string;
  /** The catalogue entry: `filing`, `casecategory`, … */
  readonly entry: CatalogueEntry | null;
}

/** A file that could not be read as a code list, and why (for court IT). */
export interface UnreadableCodeList {
  readonly file: string;
  readonly reason: string;
}

/** What one or more published files held. */
export interface CodeListBatch {
  readonly lists: NamedCodeList[];
  readonly problems: UnreadableCodeList[];
}

/** Most bytes a zip of code lists may inflate to (real courts' zips unpack to tens of MB). */
const maxInflatedBytes = 4 * 1024 * 1024 * 1024;

/**
 * Reads one published file as it streams in: a Genericode list, or a zip of them (as Tyler publishes each list,
 * `filing.zip` holding `filing.xml`). Detects a zip by its first bytes. Each list is named, in order, by `hint` (the
 * ECF element the court policy says the file is for; plain files only), the file's name, its ShortName, its URI.
 */
export class CodeListFileReader {
  readonly #lists: NamedCodeList[] = [];
  readonly #problems: UnreadableCodeList[] = [];
  #plain: { stream: GenericodeStream; identify: (header: CodeListHeader) => CatalogueEntry | null } | null = null;
  #zip: Unzip | null = null;
  readonly #entries: {
    file: string;
    stream: GenericodeStream | null;
    identify: (h: CodeListHeader) => CatalogueEntry | null;
    done: boolean;
  }[] = [];
  #inflated = 0;
  #failed = false;
  #started = false;

  constructor(
    private readonly fileName: string,
    private readonly hint: string | null = null,
  ) {}

  /** Feeds the next bytes; false once the file is known to be unreadable (stop sending). */
  write(chunk: Uint8Array): boolean {
    if (this.#failed) return false;
    if (!this.#started) this.#start(chunk);
    try {
      if (this.#zip) this.#zip.push(chunk, false);
      else this.#plain?.stream.write(chunk);
    } catch (error) {
      this.#fail(this.fileName, error);
    }
    return !this.#failed;
  }

  /** Ends the file and returns the lists read and the problems found. */
  end(): CodeListBatch {
    if (!this.#started && !this.#failed) this.#fail(this.fileName, new GenericodeError('The file is empty.'));
    if (!this.#failed) {
      try {
        if (this.#zip) {
          this.#zip.push(new Uint8Array(0), true);
          for (const entry of this.#entries)
            if (!entry.done)
              this.#problems.push({ file: entry.file, reason: 'The zip ends in the middle of this file.' });
          if (this.#entries.length === 0)
            this.#problems.push({ file: this.fileName, reason: 'The zip holds no code list.' });
        } else if (this.#plain) {
          this.#finish(this.fileName, this.#plain.stream, this.#plain.identify);
        }
      } catch (error) {
        this.#fail(this.fileName, error);
      }
    }
    return { lists: this.#lists, problems: this.#problems };
  }

  #start(first: Uint8Array): void {
    this.#started = true;
    const isZip = first[0] === 0x50 && first[1] === 0x4b && first[2] === 0x03 && first[3] === 0x04;
    if (!isZip) {
      const identify = identifier([this.hint, this.fileName]);
      this.#plain = { stream: new GenericodeStream((header) => identify(header)?.typed ?? {}), identify };
      return;
    }
    const zip = new Unzip((file) => this.#onZipFile(file));
    zip.register(UnzipInflate);
    this.#zip = zip;
  }

  #onZipFile(file: UnzipFile): void {
    const name = file.name;
    const shown = `${this.fileName}/${name}`;
    // Folders, and the resource forks macOS adds to zips, hold no list.
    if (name.endsWith('/') || name.startsWith('__MACOSX/') || basename(name).startsWith('.')) return;
    const identify = identifier([name]);
    const entry = {
      file: shown,
      stream: new GenericodeStream((header) => identify(header)?.typed ?? {}) as GenericodeStream | null,
      identify,
      done: false,
    };
    this.#entries.push(entry);
    file.ondata = (error, data, final) => {
      if (!entry.stream) return;
      try {
        if (error) throw new GenericodeError(`The zip entry cannot be unpacked: ${error.message}`);
        this.#inflated += data.length;
        if (this.#inflated > maxInflatedBytes)
          throw new GenericodeError(`The zip unpacks to more than ${maxInflatedBytes / 1024 ** 3} GB.`);
        entry.stream.write(data);
        if (final) {
          entry.done = true;
          this.#finish(shown, entry.stream, identify);
          entry.stream = null;
        }
      } catch (failure) {
        entry.done = true;
        entry.stream = null;
        this.#problems.push({ file: shown, reason: reasonOf(failure) });
      }
    };
    file.start();
  }

  #finish(file: string, stream: GenericodeStream, identify: (header: CodeListHeader) => CatalogueEntry | null): void {
    const list = stream.end();
    this.#lists.push({ ...list, file, entry: identify(list.header) });
  }

  #fail(file: string, error: unknown): void {
    this.#failed = true;
    const zipError = this.#zip && !(error instanceof GenericodeError);
    this.#problems.push({
      file,
      reason: zipError ? `The zip is damaged or cut off (${(error as Error).message}).` : reasonOf(error),
    });
  }
}

/** Reads Genericode files, zips of them, and folders of either (what `clerk-review policy inspect` is given). */
export async function readCodeListPaths(paths: readonly string[]): Promise<CodeListBatch> {
  const batch: CodeListBatch = { lists: [], problems: [] };
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch {
      batch.problems.push({ file: path, reason: 'There is no such file or folder.' });
      continue;
    }
    const files = info.isDirectory()
      ? (await readdir(path))
          .filter((name) => !name.startsWith('.'))
          .sort()
          .map((name) => join(path, name))
      : [path];
    for (const file of files) {
      const read = await readCodeListFile(file);
      batch.lists.push(...read.lists);
      batch.problems.push(...read.problems);
    }
  }
  return batch;
}

/** Reads one file from disk, streamed. */
export async function readCodeListFile(path: string, hint: string | null = null): Promise<CodeListBatch> {
  const reader = new CodeListFileReader(basename(path), hint);
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
      if (!reader.write(chunk as Buffer)) break;
    }
  } catch (error) {
    return {
      lists: [],
      problems: [{ file: basename(path), reason: `The file cannot be read: ${(error as Error).message}` }],
    };
  }
  return reader.end();
}

function identifier(names: readonly (string | null)[]): (header: CodeListHeader) => CatalogueEntry | null {
  return (header) => {
    for (const name of [...names, header.shortName, header.canonicalUri]) {
      const found = name ? (catalogueEntry(basename(name)) ?? catalogueEntry(name)) : null;
      if (found) return found;
    }
    return null;
  };
}

function reasonOf(error: unknown): string {
  if (error instanceof GenericodeError) return error.message;
  return `The file cannot be read: ${error instanceof Error ? error.message : String(error)}`;
}
