import type { CodeEntry } from './court-policy';

/**
 * The explanation a court reason starts the clerk with: the reason in a sentence and what the filer should do. The
 * clerk edits it before it goes; courts publish reason names only (ECF 5.0 code lists carry no explanation text).
 */
export function standardExplanation(reason: CodeEntry): string {
  const name = reason.name.trim().replace(/[.\s]+$/u, '');
  return `${name}. Please correct this and file again.`;
}
