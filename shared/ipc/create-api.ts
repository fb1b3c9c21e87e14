import { z } from 'zod';
import { appError, appErrorSchema, type AppError } from '../errors';
import { err, type Result } from '../result';
import {
  channels,
  events,
  type Channel,
  type ChannelInput,
  type ChannelResult,
  type EventName,
  type EventPayload,
} from './contract';
import { forClerk } from './clerk-message';
import type { Transport } from './transport';

type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;
type DomainOf<C extends string> = C extends `${infer D}:${string}` ? D : never;
type MethodName<C extends string> = C extends `${string}:${infer A}` ? CamelCase<A> : never;

/** The function the renderer calls for channel `C`; channels without arguments take none. */
export type ApiMethod<C extends Channel> = [ChannelInput<C>] extends [void | undefined]
  ? () => Promise<Result<ChannelResult<C>, AppError>>
  : (args: ChannelInput<C>) => Promise<Result<ChannelResult<C>, AppError>>;

/** The renderer's API: `api.settings.get()` for channel `settings:get`, plus `api.on(event, listener)`. */
export type Api = {
  readonly [D in DomainOf<Channel>]: {
    readonly [C in Extract<Channel, `${D}:${string}`> as MethodName<C>]: ApiMethod<C>;
  };
} & {
  /** Listens to a push event; returns the function that stops listening. */
  readonly on: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => () => void;
};

/** Maps a channel name to the API path it is exposed at: `queue:list-mine` → `['queue', 'listMine']`. */
export function apiPathOf(channel: string): [string, string] {
  const [domain = '', action = ''] = channel.split(':');
  return [domain, action.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())];
}

/** What every window asks before its first screen paints: the contract's `boot` channels (app, session, settings). */
export const bootChannels: readonly Channel[] = (Object.keys(channels) as Channel[]).filter((name) => channels[name].boot === true);

/** How long an answer asked for while the page loads may stand in for the page's own first call. */
const bootAnswerMaxAgeMs = 2000;

/**
 * Builds the renderer API from the IPC contract over a transport. Results are validated against the contract,
 * so a compromised or buggy peer cannot hand the renderer data of the wrong shape, and every error's message is
 * made fit for a clerk (shared/ipc/clerk-message.ts).
 *
 * `early` channels (argument-less reads: {@link bootChannels}) are asked at once, while the page's own scripts
 * are still loading; the page's first call of each, within {@link bootAnswerMaxAgeMs}, takes that answer (once),
 * so the first screen does not wait for a round trip after the app has started.
 */
export function createApi(transport: Transport, early: readonly Channel[] = []): Api {
  const asked = new Map<Channel, { at: number; answer: Promise<unknown> }>();
  for (const channel of early) {
    const answer = transport.invoke(channel, undefined);
    answer.catch(() => undefined);
    asked.set(channel, { at: Date.now(), answer });
  }
  const invoke = (channel: Channel, args: unknown): Promise<unknown> => {
    const ready = args === undefined ? asked.get(channel) : undefined;
    asked.delete(channel);
    return ready && Date.now() - ready.at <= bootAnswerMaxAgeMs ? ready.answer : transport.invoke(channel, args);
  };
  const api: Record<string, Record<string, unknown>> = {};
  for (const channel of Object.keys(channels) as Channel[]) {
    const [domain, method] = apiPathOf(channel);
    let resultSchema: ReturnType<typeof resultEnvelope> | null = null;
    (api[domain] ??= {})[method] = async (args?: unknown) => {
      let raw: unknown;
      try {
        raw = await invoke(channel, args);
      } catch (cause) {
        return err(forClerk(appError('internal', `The app's main process did not answer ${channel}: ${describe(cause)}`)));
      }
      resultSchema ??= resultEnvelope(channels[channel].result);
      const parsed = resultSchema.safeParse(raw);
      if (!parsed.success) return err(forClerk(appError('internal', `Malformed answer on ${channel}`)));
      // What screens show of a failure is written for a clerk, whoever wrote it.
      return parsed.data.ok ? parsed.data : err(forClerk(parsed.data.error));
    };
  }
  const on = (event: EventName, listener: (payload: unknown) => void): (() => void) => {
    const schema = events[event];
    return transport.subscribe(event, (payload) => {
      const parsed = schema.safeParse(payload);
      if (parsed.success) listener(parsed.data);
    });
  };
  return Object.freeze({ ...api, on }) as unknown as Api;
}

function resultEnvelope(value: z.ZodType) {
  return z.union([
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: appErrorSchema }),
  ]);
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
