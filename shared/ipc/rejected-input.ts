import type { z } from 'zod';

// The names clerks know fields by; anything else is its key in words ("idleLockMinutes" → "idle lock minutes").
const fieldNames: Record<string, string> = {
  note: 'note to the filer',
  reasonCode: 'rejection reason',
  caseNumber: 'case number',
  caseTitle: 'case title',
  courtLocation: 'court location',
  correctedFilingCode: 'corrected filing code',
  idleLockMinutes: 'minutes before the screen locks',
  password: 'password',
  username: 'user name',
  url: 'address',
};

// zod's own wording starts like this; a schema's own message (written for clerks) does not.
const zodWording = /^(Too (big|small)|Invalid|Expected|Required|Unrecognized)/;

/**
 * What a clerk reads when the main process refuses what the desk sent: the field in words and what is wrong with
 * it ("The note to the filer is longer than the 2,000 characters allowed."), never the channel, the path or
 * zod's wording. Messages a schema wrote for clerks are kept as they are.
 */
export function describeRejectedInput(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'What was entered could not be accepted.';
  if (!zodWording.test(issue.message)) return sentence(issue.message);
  const key = [...issue.path].reverse().find((part): part is string => typeof part === 'string');
  const field = key ? (fieldNames[key] ?? key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()) : 'value entered';
  const count = (value: number | bigint): string => Number(value).toLocaleString('en-US');
  switch (issue.code) {
    case 'too_big':
      return issue.origin === 'string'
        ? `The ${field} is longer than the ${count(issue.maximum)} characters allowed.`
        : issue.origin === 'array' || issue.origin === 'set'
          ? `The ${field} has more than the ${count(issue.maximum)} entries allowed.`
          : `The ${field} must be at most ${count(issue.maximum)}.`;
    case 'too_small':
      return issue.origin === 'string'
        ? Number(issue.minimum) <= 1 ? `The ${field} must be filled in.` : `The ${field} needs at least ${count(issue.minimum)} characters.`
        : issue.origin === 'array' || issue.origin === 'set'
          ? `The ${field} needs at least ${count(issue.minimum)} ${Number(issue.minimum) === 1 ? 'entry' : 'entries'}.`
          : `The ${field} must be at least ${count(issue.minimum)}.`;
    case 'invalid_type':
      return issue.input === undefined ? `The ${field} is missing.` : `The ${field} is not valid.`;
    default:
      return `The ${field} is not valid.`;
  }
}

function sentence(message: string): string {
  const trimmed = message.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
