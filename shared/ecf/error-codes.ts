import type { CodeEntry } from '../domain/court-policy';

/**
 * The error codes a Filing Review service answers standard ECF operations with, in `cbrn:MessageStatus`. 0–4 are
 * ECF 5.0's own (its ErrorCodeText code list); 100 and up are the court's, published in the court's ErrorCodeText
 * code list (CourtPolicyMDE) so a filer's EFSP can show what they mean.
 */
export const ecfErrorCodes = {
  ok: '0',
  invalidSchema: '1',
  invalidEcf: '2',
  invalidProfile: '3',
  invalidPolicy: '4',
  notFound: '100',
  cancelRefused: '101',
  duplicateIdentifier: '102',
  serviceError: '199',
} as const;

/** One of {@link ecfErrorCodes}. */
export type EcfErrorCode = (typeof ecfErrorCodes)[keyof typeof ecfErrorCodes];

/** The court's ErrorCodeText list: every code with what it means (ECF's definitions for 0–4). */
export const errorCodeList: readonly CodeEntry[] = [
  { code: '0', name: 'No error' },
  { code: '1', name: 'Invalid per schema or code list' },
  { code: '2', name: 'Invalid per ECF specification' },
  { code: '3', name: 'Invalid per service interaction profile' },
  { code: '4', name: 'Invalid per policy' },
  { code: '100', name: 'No such filing, envelope or case at this court' },
  { code: '101', name: 'The filing cannot be cancelled: clerk review has started or is complete' },
  { code: '102', name: 'An identifier in the message was already used for different content' },
  { code: '199', name: 'The court could not process the message; send it again later' },
];

/** True when a code means success. */
export function isSuccessCode(code: string): boolean {
  return code === ecfErrorCodes.ok;
}
