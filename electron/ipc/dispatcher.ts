import type { z } from 'zod';
import { appError, type AppError } from '../../shared/errors';
import { channels, isChannel, type Channel, type ChannelArgs, type ChannelResult } from '../../shared/ipc/contract';
import { err, ok, type Result } from '../../shared/result';

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

/**
 * Builds the single entry point both transports use: checks the channel, validates arguments against the
 * contract, runs the handler, validates (and strips) its result, and turns any exception into an `internal` error.
 */
export function createDispatcher(handlers: Handlers, log: ErrorLog = defaultLog): Dispatch {
  return async (channel, rawArgs, ctx) => {
    if (!isChannel(channel)) return err(appError('unknown-channel', `Unknown channel ${String(channel).slice(0, 100)}`));
    const spec = channels[channel];
    const args = spec.args.safeParse(rawArgs);
    if (!args.success) return err(invalidArguments(channel, args.error));
    try {
      const handler = handlers[channel] as Handler<Channel>;
      const result = await handler(args.data as never, ctx);
      if (!result.ok) return result;
      const value = spec.result.safeParse(result.value);
      if (!value.success) {
        log(`Handler for ${channel} returned a value outside its contract`, value.error);
        return err(appError('internal', `The app produced an invalid answer for ${channel}`));
      }
      return ok(value.data);
    } catch (cause) {
      log(`Handler for ${channel} threw`, cause);
      return err(appError('internal', `Unexpected failure in ${channel}`));
    }
  };
}

function invalidArguments(channel: string, error: z.ZodError): AppError {
  const issue = error.issues[0];
  const field = issue?.path.join('.') ?? '';
  return appError('invalid-arguments', `Invalid arguments for ${channel}${field ? ` (${field})` : ''}: ${issue?.message ?? 'rejected'}`, field ? { field } : {});
}

function defaultLog(message: string, cause: unknown): void {
  console.error(`[main] ${message}:`, cause);
}
