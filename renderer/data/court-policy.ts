import { codeEntrySchema, courtPolicySchema, type CodeEntry, type CourtPolicy } from '../../shared/domain/court-policy';
import { getApi } from '../app/api';
import { db } from '../db/db';

const policyKey = 'policy';
const correctionsKey = (policy: CourtPolicy, caseCategory: string | null, caseType: string | null): string =>
  `filing-codes:${policy.version}:${caseCategory ?? ''}:${caseType ?? ''}`;

/**
 * The court's policy: from the main process (which holds it by version and asks the court only on its schedule),
 * kept in IndexedDB when its version is new, and read from there while the EFM is unreachable. Null when neither
 * has one.
 */
export async function courtPolicy(): Promise<CourtPolicy | null> {
  const answer = await getApi().policy.get();
  if (answer.ok) {
    const stored = await storedPolicy();
    if (stored?.version !== answer.value.version)
      await db().meta.put({ key: policyKey, value: JSON.stringify(answer.value) });
    return answer.value;
  }
  return storedPolicy();
}

/** The policy as last stored in IndexedDB, or null. */
export async function storedPolicy(): Promise<CourtPolicy | null> {
  const stored = await db().meta.get(policyKey);
  if (!stored) return null;
  const parsed = courtPolicySchema.safeParse(JSON.parse(stored.value));
  return parsed.success ? parsed.data : null;
}

/**
 * The filing codes a filing of this case category and type may be corrected to (the court's list, each code once):
 * kept in IndexedDB per policy version, so they are there offline once seen. Empty when never seen and unreachable.
 */
export async function filingCorrections(
  policy: CourtPolicy,
  caseCategory: string | null,
  caseType: string | null,
): Promise<CodeEntry[]> {
  const key = correctionsKey(policy, caseCategory, caseType);
  const stored = await db().meta.get(key);
  if (stored) {
    const parsed = codeEntrySchema.array().safeParse(JSON.parse(stored.value));
    if (parsed.success) return parsed.data;
  }
  const answer = await getApi().policy.filingCodes({ caseCategory, caseType });
  if (!answer.ok) return [];
  await db().meta.put({ key, value: JSON.stringify(answer.value) });
  return answer.value;
}
