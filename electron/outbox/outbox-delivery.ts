import { appError } from '../../shared/errors';
import { minDiscardNote, type OutboxState } from '../../shared/outbox/outbox-state';
import { nextDeliveryStep, retryDelayMs } from '../../shared/outbox/delivery-policy';
import type { Session } from '../../shared/domain/session';
import { err, ok, type Result } from '../../shared/result';
import type { AuditLog } from '../audit/audit-log';
import type { EfmService } from '../efm/efm-service';
import type { ReviewDelivery } from '../efm/review-delivery';
import type { EventBus } from '../ipc/event-bus';
import type { HeldClaims } from './held-claims';
import type { OutboxJournal } from './outbox-journal';

/** What the delivery loop needs from the rest of the main process. */
export interface OutboxDeliveryDeps {
  readonly journal: Promise<OutboxJournal>;
  readonly efm: EfmService;
  readonly delivery: ReviewDelivery;
  readonly heldClaims: HeldClaims;
  readonly audit: AuditLog;
  readonly bus: EventBus;
  /** After a delivery the EFM applied (the audit head is anchored then). */
  readonly afterApplied?: () => void;
  readonly now?: () => number;
}

/**
 * The outbox's delivery loop, in the main process: it reads what is waiting from the journal and sends it, so
 * closing, reloading or navigating the page never interrupts a delivery. A decision is delivered only while the
 * clerk who made it is signed in, under that clerk's credentials. Each outcome is journaled (fsynced) and pushed to
 * the page as `outbox:changed`. Passes run one at a time; the EFM dedupes resends by idempotency key.
 */
export class OutboxDelivery {
  #queue: Promise<void> = Promise.resolve();
  #timer: NodeJS.Timeout | null = null;
  readonly #now: () => number;

  constructor(private readonly deps: OutboxDeliveryDeps) {
    this.#now = deps.now ?? Date.now;
  }

  /** Delivers what is due every `intervalMs` (and once now). */
  start(intervalMs = 5000): void {
    this.#timer ??= setInterval(() => void this.deliver(false), intervalMs);
    this.#timer.unref();
    void this.deliver(false);
  }

  /**
   * One pass over the waiting decisions of the signed-in clerk (`force`: also those still backing off). Resolves
   * after the pass, with the state of `key` if asked.
   */
  deliver(force: boolean, key: string | null = null): Promise<OutboxState | null> {
    const pass = this.#queue.then(() => this.#pass(force));
    this.#queue = pass.catch((error: unknown) => console.error(`outbox delivery: ${(error as Error).message}`));
    return pass.then(async () => (key ? (await this.deps.journal).stateOf(key) : null));
  }

  /** Sends an entry from the exception list (or a refused one, after the cause was fixed) again, from attempt one. */
  async retry(key: string): Promise<Result<OutboxState>> {
    const state = await (await this.deps.journal).stateOf(key);
    if (!state) return err(appError('not-found', 'This decision is not in the outbox any more.'));
    if (state.status === 'sent') return ok(state);
    if (state.status === 'discarded') return err(appError('conflict', 'This decision was discarded with a note; it is kept for the record and not sent.'));
    await this.#changed(await (await this.deps.journal).update(key, { status: 'pending', attempts: 0, nextAttemptAt: 0 }));
    return ok((await this.deliver(true, key)) ?? state);
  }

  /** Gives up on an entry with a note saying why, by whom and when. It is kept, marked discarded — never deleted. */
  async discard(key: string, note: string, by: string): Promise<Result<OutboxState>> {
    if (note.trim().length < minDiscardNote) return err(appError('invalid-arguments', `Say why the decision is discarded (at least ${minDiscardNote} characters).`));
    const journal = await this.deps.journal;
    const state = await journal.stateOf(key);
    if (!state) return err(appError('not-found', 'This decision is not in the outbox any more.'));
    if (state.status === 'sent') return err(appError('conflict', 'This decision already reached the EFM; it cannot be discarded.'));
    const discarded = await journal.update(key, { status: 'discarded', note: `${note.trim()} — ${by}, ${new Date(this.#now()).toISOString()}` });
    await this.#changed(discarded);
    return discarded ? ok(discarded) : err(appError('not-found', 'This decision is not in the outbox any more.'));
  }

  /**
   * Supervisor: moves the decisions waiting on this workstation for one envelope from the clerk who made them to
   * another clerk, with a note. The EFM reassigns the envelope first (the new clerk gets a working claim, the old
   * one's token stops); the decisions are then delivered only under the new clerk's session, with that claim.
   */
  async reassign(key: string, toClerk: string, note: string, supervisor: string): Promise<Result<OutboxState[]>> {
    if (note.trim().length < minDiscardNote) return err(appError('invalid-arguments', `Say why the decisions move to another clerk (at least ${minDiscardNote} characters).`));
    const journal = await this.deps.journal;
    const state = await journal.stateOf(key);
    if (!state) return err(appError('not-found', 'This decision is not in the outbox any more.'));
    if (state.status === 'sent' || state.status === 'discarded') return err(appError('conflict', state.status === 'sent' ? 'This decision already reached the EFM.' : 'This decision was discarded; it is kept for the record and not sent.'));
    if (state.reviewer === toClerk) return err(appError('invalid-arguments', `These decisions are already ${toClerk}'s.`));
    const lease = await this.deps.efm.withClient((client) => client.reassign(state.envelopeId, toClerk));
    if (!lease.ok) return lease;
    if (!lease.value) return err(appError('efm-bad-response', 'The EFM did not give the clerk a claim on the envelope.'));
    const from = state.reviewer;
    const moving = (await journal.states()).filter((candidate) => candidate.envelopeId === state.envelopeId && candidate.reviewer === from && candidate.status !== 'sent' && candidate.status !== 'discarded');
    const text = `Reassigned from ${from} to ${toClerk} by ${supervisor}, ${new Date(this.#now()).toISOString()}: ${note.trim()}`;
    const moved: OutboxState[] = [];
    for (const candidate of moving) {
      const changed = await journal.reassigned(candidate.idempotencyKey, toClerk, lease.value.fencingToken, text);
      if (changed) moved.push(changed);
      await this.#changed(changed);
    }
    // The old clerk's claim is gone at the EFM; renewing it would only be refused.
    this.deps.heldClaims.forget(state.envelopeId);
    return ok(moved);
  }

  /** Stops the timer (a pass under way finishes). */
  async dispose(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#queue;
  }

  async #pass(force: boolean): Promise<void> {
    const session = this.deps.efm.current();
    if (!session) return;
    const journal = await this.deps.journal;
    for (const state of await journal.states()) {
      if (state.status !== 'pending' || state.reviewer !== session.username) continue;
      if (!force && state.nextAttemptAt > this.#now()) continue;
      // The clerk may have signed out while an earlier delivery of this pass waited for the EFM.
      if (this.deps.efm.current()?.username !== session.username) return;
      await this.#deliverOne(journal, state, session);
    }
  }

  async #deliverOne(journal: OutboxJournal, state: OutboxState, session: Session): Promise<void> {
    const key = state.idempotencyKey;
    const read = await journal.payloadOf(key);
    if ('problem' in read) {
      // Never send what the journal cannot vouch for; a person sees it on the exception list.
      await this.#changed(await journal.update(key, { status: 'exception', lastError: read.problem, lastErrorReason: 'journal-damaged' }));
      return;
    }
    // A reassigned decision goes under the claim the EFM gave its new clerk.
    const args = state.fencingToken === null ? read.payload : { ...read.payload, fencingToken: state.fencingToken };
    const { efm, delivery, heldClaims, audit } = this.deps;
    const user = session.username;
    const result = await efm.withClient((client) => delivery.submit(client, { id: user, name: session.displayName || user }, args));
    const outcome = result.ok ? 'ok' : result.error.code === 'efm-unreachable' || result.error.code === 'efm-timeout' ? 'failed' : 'refused';
    // A duplicate (resend of an applied submission) is logged as such, never as a second decision.
    if (!result.ok || result.value.result === 'applied') {
      for (const d of args.decisions) await audit.record({ user, action: 'decision', object: `${args.envelopeId}/${d.filingId}`, outcome, detail: d.outcome === 'rejected' ? `rejected ${d.reasonCode}` : `accepted${d.correctedFilingCode ? ` as ${d.correctedFilingCode}` : ''}` });
      for (const s of args.stamped) await audit.record({ user, action: 'stamp', object: `${args.envelopeId}/${s.documentId}`, outcome, detail: `SHA-256 ${s.sha256}` });
    }
    await audit.record({ user, action: 'submit', object: args.envelopeId, outcome, detail: result.ok ? `${result.value.result}, key ${key}` : `${result.error.message} (key ${key})` });
    if (result.ok) {
      await this.#changed(await journal.delivered(key, result.value.envelopeComplete));
      if (heldClaims.isHeld(args.envelopeId) && (await journal.waitingFor(args.envelopeId)).length === 0) {
        await heldClaims.settle(args.envelopeId, result.value.envelopeComplete);
      }
      this.deps.afterApplied?.();
      return;
    }
    const attempts = state.attempts + 1;
    const step = nextDeliveryStep(result.error, attempts);
    const failure = { attempts, lastError: result.error.message, lastErrorReason: result.error.reason ?? result.error.code };
    if (step === 'retry') await this.#changed(await journal.update(key, { ...failure, nextAttemptAt: this.#now() + retryDelayMs(attempts) }));
    else await this.#changed(await journal.update(key, { ...failure, status: step === 'exception' ? 'exception' : 'failed' }));
    // Refused for good (a conflict the clerk must look at): holding the claim longer cannot help.
    if (step === 'refused' && heldClaims.isHeld(args.envelopeId) && (await journal.waitingFor(args.envelopeId)).length === 0) {
      await heldClaims.settle(args.envelopeId, false);
    }
  }

  async #changed(state: OutboxState | null): Promise<void> {
    if (state) this.deps.bus.emit('outbox:changed', state);
  }
}
