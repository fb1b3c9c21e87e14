import type { CaseSummary } from '../../shared/domain/case-summary';

/** At most this many cases answer one party-name query (a court's GetCaseList pages; a clerk needs the first few). */
export const caseListLimit = 50;

/**
 * The cases a court record system holds, as far as GetCase and GetCaseList answer about them: looked up by number,
 * or by a party whose name contains the query (letter case and spacing ignored), optionally in one category.
 */
export class CaseBook {
  readonly #cases = new Map<string, CaseSummary>();

  /** Adds or updates a case; parties already known stay (a later filing may name fewer of them). */
  add(kase: CaseSummary): void {
    const known = this.#cases.get(kase.caseNumber);
    const parties = [...new Set([...(known?.parties ?? []), ...kase.parties])];
    this.#cases.set(kase.caseNumber, { ...kase, title: kase.title ?? known?.title ?? null, category: kase.category ?? known?.category ?? null, parties });
  }

  /** The case with this number, or null. */
  get(caseNumber: string): CaseSummary | null {
    return this.#cases.get(caseNumber.trim()) ?? null;
  }

  /** Cases with a party whose name contains `partyName`, at most {@link caseListLimit}. */
  withParty(partyName: string, category: string | null): CaseSummary[] {
    const wanted = normalise(partyName);
    const found: CaseSummary[] = [];
    for (const kase of this.#cases.values()) {
      if (found.length >= caseListLimit) break;
      if (category && kase.category !== category) continue;
      if (kase.parties.some((name) => normalise(name).includes(wanted))) found.push(kase);
    }
    return found;
  }

  /** How many cases it holds. */
  get size(): number {
    return this.#cases.size;
  }
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}
