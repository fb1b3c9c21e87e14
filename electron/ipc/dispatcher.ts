import type { z } from 'zod';
import type { AuditRecord } from '../../shared/domain/audit';
import type { Session } from '../../shared/domain/session';
import { appError, type AppError } from '../../shared/errors';
import { channels, isChannel, type Access, type AuditDeclaration, type Channel, type ChannelArgs, type ChannelResult } from '../../shared/ipc/contract';
import { err, ok, type Result } from '../../shared/result';
import type { AuditEntry } from '../audit/audit-log';
import { describeRejectedInput } from '../../shared/ipc/rejected-input';
import { clerkMessage } from '../../shared/ipc/clerk-message';

/** Who is calling: the Electron window or a loopback-host page. Later issues add the signed-in user. */
export interface CallContext {
  readonly shell: 'electron' | 'loopback';
}

/** The main-process implementation of one channel. */
export type Handler<C extends Channel> = (args: ChannelArgs<C>, ctx: CallContext) => Promise<Result<ChannelResult<C>, AppError>>;

/** One handler per channel of the contract; the type makes a missing handler a compile error. */
export type Handlers = { readonly [C in Channel]: Handler<C> };

/** Routes an untrusted call to its handler. Never throws. */
export type Dispatch = (channel: unknown, args: unknown, ctx: CallContext) => Promise<Result<unknown, AppError>>;

/** What the dispatcher logs when a handler throws (a bug, not bad input). */
export type ErrorLog = (message: string, cause: unknown) => void;

/** What the dispatcher needs to enforce each channel's declared access and write its declared audit record. */
export interface AccessPolicy {
  /** The signed-in session (null: signed out). */
  session(): Session | null;
  /** True while court IT may act (unlocked with its passphrase, or none is set yet). */
  courtItAllows(): Promise<boolean>;
  /** Writes one audit record. */
  audit(entry: AuditEntry): Promise<void>;
  /** True when a user name belongs to someone who signed in on this workstation before (else it is not recorded). */
  knownUser(name: string): Promise<boolean>;
}

/**
 * Builds the single entry point both transports use: checks the channel, validates arguments against the contract,
 * refuses callers the channel's declared access does not admit (audited), runs the handler, writes the channel's
 * declared audit record, validates (and strips) its result, and turns any exception into an `internal` error.
 * Handlers neither check access nor audit by hand.
 */
export function createDispatcher(handlers: Handlers, policy: AccessPolicy, log: ErrorLog = defaultLog): Dispatch {
  return async (channel, rawArgs, ctx) => {
    if (!isChannel(channel)) {
      log(`Unknown channel ${String(channel).slice(0, 100)}`, null);
      return err(appError('unknown-channel', clerkMessage({ code: 'unknown-channel', message: '' })));
    }
    const spec = channels[channel];
    const refusal = await refuse(spec.access, policy);
    if (refusal) {
      const user = policy.session()?.username;
      // Refusals of a signed-out caller are not an event of anyone's; a signed-in one asking beyond its role is.
      if (user) await policy.audit({ user, action: 'access-denied', object: channel, outcome: 'refused', detail: refusal.message }).catch(() => undefined);
      return err(refusal);
    }
    const args = spec.args.safeParse(rawArgs);
    if (!args.success) return err(invalidArguments(channel, args.error));
    const declared = (spec as { audit?: AuditDeclaration<unknown, unknown> }).audit;
    try {
      if (declared?.before) await writeAudit(policy, declared, args.data, { ok: true, value: undefined });
      const handler = handlers[channel] as Handler<Channel>;
      const result = await handler(args.data as never, ctx);
      if (declared && !declared.before) await writeAudit(policy, declared, args.data, result);
      if (!result.ok) return result;
      const value = spec.result.safeParse(result.value);
      if (!value.success) {
        log(`Handler for ${channel} returned a value outside its contract`, value.error);
        return err(appError('internal', clerkMessage({ code: 'internal', message: '' })));
      }
      return ok(value.data);
    } catch (cause) {
      log(`Handler for ${channel} threw`, cause);
      return err(appError('internal', clerkMessage({ code: 'internal', message: '' })));
    }
  };
}

async function refuse(access: Access, policy: AccessPolicy): Promise<AppError | null> {
  if (access === 'public') return null;
  if (access === 'court-it') return (await policy.courtItAllows()) ? null : appError('forbidden', 'Only court IT can change this: unlock with the court-IT passphrase in Settings.');
  const session = policy.session();
  if (!session) return appError('unauthorized', 'Sign in to the EFM first.');
  if (access === 'signed-in') return null;
  if (session.locked) return appError('unauthorized', 'The workstation is locked: sign in again to see case content.');
  if (access === 'supervisor' && session.role !== 'supervisor') return appError('forbidden', 'Only a supervisor can do this.');
  return null;
}

async function writeAudit(policy: AccessPolicy, declared: AuditDeclaration<unknown, unknown>, args: unknown, result: Result<unknown, AppError>): Promise<void> {
  const session = policy.session();
  let user = session?.username ?? 'workstation';
  if (declared.user) {
    const named = declared.user(args);
    // A failed sign-in names a user only if it is one (a password typed into the name field is never recorded).
    user = result.ok || (await policy.knownUser(named)) ? named : 'unknown user';
  }
  await policy.audit({
    user,
    action: declared.action,
    object: declared.object(args),
    outcome: result.ok ? 'ok' : outcomeOf(result.error),
    detail: result.ok ? (declared.detail?.(args, result.value) ?? null) : result.error.message,
  });
}

function outcomeOf(error: AppError): AuditRecord['outcome'] {
  return error.code === 'efm-unreachable' || error.code === 'efm-timeout' || error.code === 'storage-failed' || error.code === 'internal' ? 'failed' : 'refused';
}

/** The clerk reads what is wrong in words; the field's path stays in the error's details for the log and tests. */
function invalidArguments(_channel: string, error: z.ZodError): AppError {
  const issue = error.issues[0];
  const field = issue?.path.join('.') ?? '';
  return appError('invalid-arguments', describeRejectedInput(issue), field ? { field } : {});
}

function defaultLog(message: string, cause: unknown): void {
  console.error(`[main] ${message}:`, cause);
}
