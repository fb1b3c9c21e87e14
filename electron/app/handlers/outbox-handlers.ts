import { appError } from '../../../shared/errors';
import { err, ok } from '../../../shared/result';
import type { Handlers } from '../../ipc/dispatcher';
import type { HandlerContext } from './handler-context';

type OutboxChannel = 'outbox:record' | 'outbox:withdraw' | 'outbox:deliver' | 'outbox:retry' | 'outbox:discard' | 'outbox:reassign' | 'outbox:journal';

/** The outbox: the page records decisions in the journal; the main process delivers, retries and discards them. */
export function outboxHandlers(c: HandlerContext): Pick<Handlers, OutboxChannel> {
  return {
    'outbox:record': async ({ payload, reviewer }) => {
      try {
        await (await c.journal).record(payload, reviewer);
        return ok(null);
      } catch (error) {
        return err(appError('storage-failed', `The decision could not be written to this workstation's journal: ${(error as Error).message}`));
      }
    },
    'outbox:withdraw': async ({ idempotencyKey }) => {
      try {
        return ok(await (await c.journal).withdraw(idempotencyKey));
      } catch (error) {
        return err(appError('storage-failed', (error as Error).message));
      }
    },
    'outbox:deliver': async ({ idempotencyKey }) => ok(await c.outbox.deliver(true, idempotencyKey)),
    'outbox:retry': async ({ idempotencyKey }) => c.outbox.retry(idempotencyKey),
    'outbox:discard': async ({ idempotencyKey, note }) => c.outbox.discard(idempotencyKey, note, c.efm.current()?.username ?? 'unknown'),
    'outbox:reassign': async ({ idempotencyKey, toClerk, note }) => c.outbox.reassign(idempotencyKey, toClerk, note, c.efm.current()?.username ?? 'unknown'),
    'outbox:journal': async ({ cursor, limit }) => {
      try {
        return ok(await (await c.journal).page(cursor, limit));
      } catch (error) {
        return err(appError('storage-failed', `This workstation's journal could not be read: ${(error as Error).message}`));
      }
    },
  };
}
