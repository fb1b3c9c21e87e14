import { createHash } from 'node:crypto';
import type { CodeEntry, CourtPolicy } from '../../shared/domain/court-policy';
import type { NamedCodeList } from './code-list-source';
import type { CodeRow } from './genericode-stream';

/** What a list gave the policy: for court IT's inspection and the tests' counts. */
export interface ListSummary {
  readonly name: string;
  readonly file: string;
  readonly rows: number;
  readonly version: string | null;
}

/** A court's policy as the main process holds it: what screens see, and every filing-code row for corrections. */
export interface LoadedCourtPolicy {
  readonly policy: CourtPolicy;
  readonly lists: readonly ListSummary[];
  /** What the court's ErrorCodeText list says a code means; null when the list does not have it. */
  errorCodeName(code: string): string | null;
  /** The filing codes valid for a case of this category and type, once each (ECF: unique per category and type). */
  filingCodesFor(caseCategory: string | null, caseType: string | null): CodeEntry[];
}

/** Who the court is and what its GetPolicy answer said, besides the lists. */
export interface CourtIdentity {
  readonly courtId: string;
  readonly courtName: string;
  readonly policyVersion: string | null;
}

/**
 * Builds the policy from the court's lists, keyed by catalogue name (`filing`, `location`, …). A list the court does
 * not publish stays empty, which means any value (ECF 5.0 §5.2.2). Codes repeated across rows appear once in the
 * screens' lists; the filing list keeps every row, so corrections can be offered per case category and type.
 */
export function loadCourtPolicy(identity: CourtIdentity, lists: ReadonlyMap<string, NamedCodeList>): LoadedCourtPolicy {
  const entries = (name: string): CodeEntry[] => distinctEntries(lists.get(name)?.rows ?? []);
  const single = (name: string, fallback: string): string => {
    const code = lists.get(name)?.rows[0]?.code;
    return typeof code === 'string' && code !== '' ? code : fallback;
  };
  const summaries = [...lists.entries()].map(([name, list]) => ({
    name,
    file: list.file,
    rows: list.rows.length,
    version: list.header.canonicalVersionUri ?? list.header.version,
  }));
  const version = createHash('sha256')
    .update(
      JSON.stringify([identity.courtId, identity.policyVersion, summaries.map((s) => [s.name, s.version, s.rows])]),
    )
    .digest('hex')
    .slice(0, 16);
  const filingIndex = indexFilingCodes(lists.get('filing')?.rows ?? []);
  const errorCodes = new Map(entries('error').map((entry) => [entry.code, entry.name]));
  return {
    policy: {
      courtId: identity.courtId,
      courtName: identity.courtName,
      version,
      filingCodes: entries('filing'),
      documentTypes: entries('documenttype'),
      caseCategories: entries('casecategory'),
      courtLocations: entries('location'),
      judges: entries('judge'),
      rejectionReasons: entries('rejectionreason'),
      caseNumberPattern: single('casenumberpattern', '.+'),
      timeZone: single('timezone', 'UTC'),
      caseNumbering: single('casenumbering', 'clerk') === 'record-system' ? 'record-system' : 'clerk',
    },
    lists: summaries,
    errorCodeName: (code) => errorCodes.get(code) ?? null,
    filingCodesFor: (caseCategory, caseType) => {
      const found: CodeRow[] = [];
      for (const category of new Set(['', caseCategory ?? ''])) {
        for (const type of new Set(['', caseType ?? ''])) found.push(...(filingIndex.get(category)?.get(type) ?? []));
      }
      return distinctEntries(found).sort((a, b) => a.name.localeCompare(b.name));
    },
  };
}

/** Filing rows by case category, then case type; '' holds rows that apply to any. */
function indexFilingCodes(rows: readonly CodeRow[]): Map<string, Map<string, CodeRow[]>> {
  const index = new Map<string, Map<string, CodeRow[]>>();
  for (const row of rows) {
    const category = String(row.casecategory ?? '');
    const type = String(row.casetypeid ?? row.casetype ?? '');
    let byType = index.get(category);
    if (!byType) index.set(category, (byType = new Map()));
    let list = byType.get(type);
    if (!list) byType.set(type, (list = []));
    list.push(row);
  }
  return index;
}

/** code + the name clerks see (`name`, else OASIS's `definition` or `description`), each code once. */
function distinctEntries(rows: readonly CodeRow[]): CodeEntry[] {
  const seen = new Map<string, CodeEntry>();
  for (const row of rows) {
    const code = String(row.code);
    if (seen.has(code)) continue;
    const name = row.name ?? row.definition ?? row.description ?? code;
    seen.set(code, { code, name: String(name) || code });
  }
  return [...seen.values()];
}
