/** A value or a typed error: what every IPC handler and EFM call returns instead of throwing. */
export type Result<T, E = AppError> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

import type { AppError } from './errors';

/** Wraps a success value. */
export function ok<T>(value: T): Result<T, never> {
  return { ok: true, value };
}

/** Wraps a typed error. */
export function err<E>(error: E): Result<never, E> {
  return { ok: false, error };
}
