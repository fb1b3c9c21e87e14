import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import type { CodeEntry, CourtPolicy } from '../../shared/domain/court-policy';
import { catalogueEntry } from '../../shared/ecf/code-list-catalogue';
import { errorCodeList } from '../../shared/ecf/error-codes';
import { writeGenericode } from '../../shared/ecf/genericode';
import { policyCodeListEntries, policyCodeLists, type PublishedListReference } from '../../shared/ecf/policy-messages';
import { CodeListFileReader, type NamedCodeList } from '../policy/code-list-source';
import { loadCourtPolicy, type LoadedCourtPolicy } from '../policy/loaded-court-policy';

/** Where the service serves its code lists. */
export const codeListsPath = '/codelists/';

/** One file the service publishes. */
interface PublishedFile {
  readonly reference: Omit<PublishedListReference, 'location'>;
  readonly contentType: string;
  /** In memory (generated lists) or on disk (the court's own files, streamed). */
  readonly source: { readonly bytes: Buffer } | { readonly path: string };
}

/**
 * The court policy a Filing Review service publishes (CourtPolicyMDE GetPolicy and the lists it points to) and
 * applies itself: generated from a policy (the demo court) or the court's own Genericode files and zips, served
 * unchanged, each with a version that changes with its content (ECF 5.0 §5.2.2).
 */
export class PublishedPolicy {
  private constructor(
    /** What the service itself checks against (locations, judges, reasons, case-number format). */
    readonly loaded: LoadedCourtPolicy,
    readonly files: ReadonlyMap<string, PublishedFile>,
  ) {}

  /** The policy's version (changes when any list does). */
  get version(): string {
    return this.loaded.policy.version;
  }

  /** A policy's lists written as Genericode (the demo court, and courts configured in code). */
  static generated(court: CourtPolicy): PublishedPolicy {
    const files = new Map<string, PublishedFile>();
    for (const [key, entries] of Object.entries(policyCodeListEntries(court)) as [
      keyof typeof policyCodeLists,
      readonly CodeEntry[],
    ][]) {
      addGeneratedList(files, policyCodeLists[key], entries);
    }
    addErrorList(files);
    const version = digest(Buffer.from(JSON.stringify(court))).slice(0, 16);
    const errors = new Map(errorCodeList.map((entry) => [entry.code, entry.name]));
    return new PublishedPolicy(
      {
        policy: { ...court, version },
        lists: [],
        errorCodeName: (code) => errors.get(code) ?? null,
        filingCodesFor: () => court.filingCodes,
      },
      files,
    );
  }

  /**
   * The court's own lists, from a folder of Genericode files and zips of them (as Tyler publishes: `filing.zip`,
   * `location.xml`, …). Every file is read before the service starts; one that cannot be read is refused by name.
   */
  static async fromFolder(
    folder: string,
    court: { readonly courtId: string; readonly courtName: string },
  ): Promise<PublishedPolicy> {
    const names = (await readdir(folder)).filter((name) => /\.(xml|gc|zip)$/i.test(name)).sort();
    if (names.length === 0)
      throw new Error(`The policy folder ${folder} holds no code lists (.xml, .gc or .zip files)`);
    const files = new Map<string, PublishedFile>();
    const lists = new Map<string, NamedCodeList>();
    for (const name of names) {
      const path = join(folder, name);
      const hash = createHash('sha256');
      const reader = new CodeListFileReader(name);
      for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
        hash.update(chunk as Buffer);
        reader.write(chunk as Buffer);
      }
      const batch = reader.end();
      const [problem] = batch.problems;
      if (problem) throw new Error(`The court's code list ${problem.file} cannot be read: ${problem.reason}`);
      for (const list of batch.lists) if (list.entry && !lists.has(list.entry.name)) lists.set(list.entry.name, list);
      const only = batch.lists.length === 1 ? batch.lists[0] : undefined;
      const listName = only?.entry?.name ?? name.replace(/\.(xml|gc|zip)$/i, '');
      files.set(name, {
        reference: {
          element: only?.entry?.element ?? null,
          name: listName,
          canonicalUri: only?.header.canonicalUri ?? `urn:clerk-review-desk:codelist:${listName}`,
          canonicalVersionUri: versionUri(listName, hash.digest('hex')),
        },
        contentType: /\.zip$/i.test(name) ? 'application/zip' : 'application/xml; charset=utf-8',
        source: { path },
      });
    }
    // The service's own refusal codes (100 and up) are published unless the court publishes its list.
    if (!lists.has('error')) addErrorList(files);
    const loaded = loadCourtPolicy({ courtId: court.courtId, courtName: court.courtName, policyVersion: null }, lists);
    return new PublishedPolicy(loaded, files);
  }

  /**
   * The same policy with court IT's choice of who numbers new cases (`clerk-review server --case-numbers`),
   * published as the `casenumbering` list in place of any the folder has.
   */
  withCaseNumbering(mode: 'clerk' | 'record-system'): PublishedPolicy {
    const files = new Map([...this.files].filter(([, file]) => file.reference.name !== 'casenumbering'));
    addGeneratedList(files, 'casenumbering', [{ code: mode, name: 'Who numbers new cases (clerk or record-system)' }]);
    const version = digest(Buffer.from(JSON.stringify([this.loaded.policy.version, mode]))).slice(0, 16);
    return new PublishedPolicy({ ...this.loaded, policy: { ...this.loaded.policy, caseNumbering: mode, version } }, files);
  }

  /** The lists as GetPolicy itemizes them, located under the service's URL. */
  references(baseUrl: string): PublishedListReference[] {
    return [...this.files.entries()].map(([file, published]) => ({
      ...published.reference,
      location: `${baseUrl}${codeListsPath}${encodeURIComponent(file)}`,
    }));
  }

  /** Answers `GET /codelists/FILE`: the file as published, or 404. */
  serve(pathname: string, response: ServerResponse): void {
    const published = this.files.get(decodeURIComponent(pathname.slice(codeListsPath.length)));
    if (!published) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('No such code list\n');
      return;
    }
    if ('bytes' in published.source) {
      response
        .writeHead(200, { 'Content-Type': published.contentType, 'Content-Length': published.source.bytes.length })
        .end(published.source.bytes);
      return;
    }
    const stream = createReadStream(published.source.path);
    stream.once('error', () => response.destroy());
    response.writeHead(200, { 'Content-Type': published.contentType });
    stream.pipe(response);
  }
}

/** A list written as Genericode, named and placed as a court folder would be: Tyler's name, the catalogue's element. */
function addGeneratedList(files: Map<string, PublishedFile>, name: string, entries: readonly CodeEntry[]): void {
  const bytes = Buffer.from(writeGenericode(name, `urn:clerk-review-desk:codelist:${name}`, entries));
  files.set(`${name}.gc`, {
    reference: {
      element: catalogueEntry(name)?.element ?? null,
      name,
      canonicalUri: `urn:clerk-review-desk:codelist:${name}`,
      canonicalVersionUri: versionUri(name, digest(bytes)),
    },
    contentType: 'application/xml; charset=utf-8',
    source: { bytes },
  });
}

/** The ErrorCodeText list of the service's answers (ECF's 0–4 and the service's 100–199), as `error.gc`. */
function addErrorList(files: Map<string, PublishedFile>): void {
  const bytes = Buffer.from(writeGenericode('ErrorCodeText', 'urn:clerk-review-desk:codelist:error', errorCodeList));
  files.set('error.gc', {
    reference: {
      element: 'cbrn:ErrorCodeText',
      name: 'error',
      canonicalUri: 'urn:clerk-review-desk:codelist:error',
      canonicalVersionUri: versionUri('error', digest(bytes)),
    },
    contentType: 'application/xml; charset=utf-8',
    source: { bytes },
  });
}

function digest(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function versionUri(name: string, hex: string): string {
  return `urn:clerk-review-desk:codelist:${name}:sha256:${hex.slice(0, 32)}`;
}
