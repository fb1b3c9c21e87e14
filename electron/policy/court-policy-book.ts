import { appError } from '../../shared/errors';
import type { CodeListReference } from '../../shared/ecf/policy-response';
import { err, ok, type Result } from '../../shared/result';
import type { EfmClient } from '../efm/efm-client';
import { catalogueEntry } from '../../shared/ecf/code-list-catalogue';
import type { CodeListBatch, NamedCodeList } from './code-list-source';
import { loadCourtPolicy, type LoadedCourtPolicy } from './loaded-court-policy';

/** How often the court is asked whether it published a new policy version (while someone is signed in). */
export const policyRefreshMs = 15 * 60_000;

/**
 * The court's policy, held by the main process and kept by version: opening an envelope or submitting a review
 * reads it from here and never asks the court. {@link refresh} asks GetPolicy (on sign-in and every
 * {@link policyRefreshMs}) and downloads again only the lists whose version changed.
 */
export class CourtPolicyBook {
  #loaded: { court: string; value: LoadedCourtPolicy; checkedAt: number } | null = null;
  readonly #lists = new Map<string, { version: string | null; batch: CodeListBatch }>();
  #inFlight: Promise<Result<LoadedCourtPolicy>> | null = null;
  /** Requests made to the court (GetPolicy answers and list downloads), counted for tests and benchmarks. */
  readonly counts = { policyRequests: 0, listDownloads: 0 };

  constructor(private readonly now: () => number = Date.now) {}

  /** The policy of `court` (a connection key): the one held, else loaded now. */
  async current(client: EfmClient, court: string): Promise<Result<LoadedCourtPolicy>> {
    if (this.#loaded?.court === court) return ok(this.#loaded.value);
    return this.refresh(client, court);
  }

  /** The policy held now, without asking anyone (null before the first load). */
  held(): LoadedCourtPolicy | null {
    return this.#loaded?.value ?? null;
  }

  /** True when the held policy was last checked longer ago than {@link policyRefreshMs}. */
  due(): boolean {
    return this.#loaded !== null && this.now() - this.#loaded.checkedAt >= policyRefreshMs;
  }

  /** Asks the court for its policy; lists whose version is unchanged are not downloaded again. */
  refresh(client: EfmClient, court: string): Promise<Result<LoadedCourtPolicy>> {
    this.#inFlight ??= this.#refresh(client, court).finally(() => {
      this.#inFlight = null;
    });
    return this.#inFlight;
  }

  /** Forgets everything (another court connection was chosen). */
  clear(): void {
    this.#loaded = null;
    this.#lists.clear();
  }

  async #refresh(client: EfmClient, court: string): Promise<Result<LoadedCourtPolicy>> {
    if (this.#loaded && this.#loaded.court !== court) this.clear();
    this.counts.policyRequests += 1;
    const summary = await client.getPolicy();
    if (!summary.ok) return summary;
    const lists = new Map<string, NamedCodeList>();
    // Only the lists the desktop uses are downloaded (a policy may itemize dozens, hosted anywhere).
    // A zip may hold several lists (each named by its file), so zips are always read.
    const used = summary.value.codeListReferences.filter(
      (reference) =>
        catalogueEntry(reference.element ?? '') ??
        catalogueEntry(reference.canonicalUri ?? '') ??
        (/\.zip$/i.test(reference.location) ? reference : null),
    );
    for (const reference of used) {
      const batch = await this.#list(client, reference);
      if (!batch.ok) return batch;
      const hinted = reference.element ? catalogueEntry(reference.element) : null;
      for (const list of batch.value.lists) {
        // A file the policy names for one element is that list, whatever the file calls itself.
        const name = (batch.value.lists.length === 1 ? hinted?.name : null) ?? list.entry?.name;
        if (name && !lists.has(name)) lists.set(name, list);
      }
    }
    const courtId = summary.value.courtId ?? client.options.courtId ?? 'court';
    const value = loadCourtPolicy(
      { courtId, courtName: summary.value.courtName ?? courtId, policyVersion: summary.value.policyVersion },
      lists,
    );
    if (value.policy.courtId === '') return err(appError('efm-bad-response', 'The court policy names no court'));
    this.#loaded = { court, value, checkedAt: this.now() };
    return ok(value);
  }

  async #list(client: EfmClient, reference: CodeListReference): Promise<Result<CodeListBatch>> {
    const held = this.#lists.get(reference.location);
    if (held && held.version !== null && held.version === reference.canonicalVersionUri) return ok(held.batch);
    this.counts.listDownloads += 1;
    const batch = await client.fetchCodeList(reference.location, reference.element);
    if (batch.ok) this.#lists.set(reference.location, { version: reference.canonicalVersionUri, batch: batch.value });
    return batch;
  }
}
