import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../../shared/errors';
import { clerkMessage, looksLikeDeveloperText } from '../../../shared/ipc/clerk-message';

/** Messages of the kind the review found on screen, and others a developer could let through. */
const developerMessages = [
  'Invalid arguments for outbox:record (payload.decisions.0.note): Too big: expected string to have <=2000 characters',
  'Invalid arguments for settings:set (idleLockMinutes)',
  'Case number must match ^\\d{4}-(CV|CR|FA|PR|SC)-\\d{6}$',
  "Cannot read properties of undefined (reading 'id')",
  'TypeError: x is not a function\n    at render (renderer/envelope/envelope-screen.tsx:120:5)',
  'Unexpected failure in claim:acquire',
  'Malformed answer on app:info',
  'value [object Object] is not valid',
  'ZodError: [{"code":"too_big"}]',
];

/** Messages written for clerks (ours and the EFM's): shown as they are. */
const clerkMessages = [
  'The note to the filer is longer than the 2,000 characters allowed.',
  'Your claim on ENV-2026-000010 is no longer valid: the envelope was reassigned, released or claimed again',
  'clerk2 is reviewing this envelope. You can read it but not decide.',
  'The case number 2026-CV-000123 is already used by Smith v. Jones (filed 12/2/2026, 9:14 AM CST).',
  'Sign in to the EFM first.',
  'The EFM answered with SOAP 1.1; see https://efm.court.example/help for the address.',
  'Note: the filer paid by card ending 4242.',
];

describe('what a clerk reads of an error', () => {
  it('never shows a channel name, a schema path, a regular expression or a stack, for any error code', () => {
    for (const code of errorCodes) {
      for (const message of [...developerMessages, '', '   ']) {
        const shown = clerkMessage({ code, message });
        expect(looksLikeDeveloperText(shown), `${code}: ${shown}`).toBe(false);
        expect(shown.length, code).toBeGreaterThan(10);
      }
    }
  });

  it('keeps messages written for clerks as they are', () => {
    for (const message of clerkMessages) expect(clerkMessage({ code: 'efm-fault', message })).toBe(message);
  });

  it('recognises each kind of developer text', () => {
    for (const message of developerMessages) expect(looksLikeDeveloperText(message), message).toBe(true);
  });
});
