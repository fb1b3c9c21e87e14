import type { EfmService } from '../efm/efm-service';

/** How often a held claim is renewed while its decisions wait for delivery. */
export const heldClaimRenewMs = 60 * 1000;

/**
 * Claims the clerk let go of (Back to the queue, another envelope) while decisions for the envelope still wait in
 * the outbox: the release is deferred and the claim renewed until every decision for it is settled, so the EFM
 * never refuses a journaled submission as unclaimed. Owns its timer.
 */
export class HeldClaims {
  readonly #held = new Map<string, number>();
  readonly #timer: NodeJS.Timeout;

  constructor(private readonly efm: EfmService) {
    this.#timer = setInterval(() => void this.#renewAll(), heldClaimRenewMs);
    this.#timer.unref();
  }

  /** Keeps the claim instead of releasing it now. */
  hold(envelopeId: string, fencingToken: number): void {
    this.#held.set(envelopeId, fencingToken);
  }

  /** True when a release of this envelope is waiting. */
  isHeld(envelopeId: string): boolean {
    return this.#held.has(envelopeId);
  }

  /**
   * Called once no decision for the envelope waits any more: releases the held claim now (not when the review
   * completed: the EFM released it with the last decision).
   */
  async settle(envelopeId: string, reviewComplete: boolean): Promise<void> {
    const token = this.#held.get(envelopeId);
    if (token === undefined) return;
    this.#held.delete(envelopeId);
    if (!reviewComplete) await this.efm.withClient((client) => client.release(envelopeId, token));
  }

  /** Stops holding an envelope without releasing it (its claim moved to someone else at the EFM). */
  forget(envelopeId: string): void {
    this.#held.delete(envelopeId);
  }

  /** Stops the timer. */
  dispose(): void {
    clearInterval(this.#timer);
  }

  async #renewAll(): Promise<void> {
    for (const [envelopeId, token] of this.#held) {
      const renewed = await this.efm.withClient((client) => client.renew(envelopeId, token));
      if (renewed.ok) this.#held.set(envelopeId, renewed.value.fencingToken);
    }
  }
}
