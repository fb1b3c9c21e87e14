import { z } from 'zod';

/**
 * The kinds of failure the app distinguishes. The renderer decides what to tell the clerk from `code`,
 * never from parsing `message`.
 */
export const errorCodes = [
  'invalid-arguments',
  'forbidden-sender',
  'unknown-channel',
  'not-found',
  'conflict',
  'unauthorized',
  'forbidden',
  'efm-fault',
  'efm-unreachable',
  'efm-timeout',
  'efm-bad-response',
  'storage-failed',
  'internal',
] as const;

/** One of {@link errorCodes}. */
export type ErrorCode = (typeof errorCodes)[number];

/** Schema of a typed error as it crosses the IPC boundary. */
export const appErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  /** ECF `cbrn:ErrorCode` when the EFM answered with one (0 success, 1–99 ECF, ≥100 court-specific). */
  ecfErrorCode: z.string().optional(),
  /** Which argument field failed validation, for form errors. */
  field: z.string().optional(),
  /** The EFM's own reason code (e.g. `stale-fencing-token`), when it gave one. */
  reason: z.string().optional(),
  /** Who holds an envelope, when a claim conflict names them. */
  holder: z.string().optional(),
});

/** A typed error; plain data so it survives structured clone and JSON. */
export type AppError = z.infer<typeof appErrorSchema>;

/** Builds an {@link AppError}. */
export function appError(code: ErrorCode, message: string, extra: Omit<AppError, 'code' | 'message'> = {}): AppError {
  return { code, message, ...extra };
}
