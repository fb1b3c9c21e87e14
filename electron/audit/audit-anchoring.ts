import type { AuditVerification } from '../../shared/domain/audit';
import type { EfmService } from '../efm/efm-service';
import type { AuditLog } from './audit-log';

/** How often the head is anchored while someone is signed in. */
export const anchorIntervalMs = 5 * 60 * 1000;

/**
 * Anchors the audit chain's signed head at the EFM — at sign-in (after comparing the log with the EFM's last
 * anchor), sign-out, lock and submit, and every {@link anchorIntervalMs} while signed in — so that a rewrite,
 * truncation or deletion of the local log before the last anchor is found. Owns its timer.
 */
export class AuditAnchoring {
  readonly #timer: NodeJS.Timeout;
  #running: Promise<void> | null = null;

  constructor(private readonly audit: AuditLog, private readonly efm: EfmService) {
    this.#timer = setInterval(() => void this.anchor(), anchorIntervalMs);
    this.#timer.unref();
  }

  /** Sends the current head (nothing while signed out: the EFM needs a session). Failures wait for the next one. */
  anchor(): Promise<void> {
    this.#running ??= (async () => {
      if (!this.efm.current()) return;
      const head = await this.audit.signedHead();
      const anchored = await this.efm.withClient((client) => client.anchorAuditHead(head));
      if (anchored.ok) await this.audit.noteAnchor(anchored.value);
      else console.error(`audit anchor: ${anchored.error.message}`);
    })().catch((error: unknown) => console.error(`audit anchor: ${(error as Error).message}`)).finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  /** The chain checked against the EFM's last anchor (or the local receipt only, when the EFM cannot be asked). */
  async verify(): Promise<AuditVerification> {
    const anchor = this.efm.current() ? await this.efm.withClient((client) => client.getAuditAnchor(this.audit.workstationId)) : null;
    return this.audit.verify(anchor?.ok ? anchor.value : null);
  }

  /** At sign-in: compares with the EFM's anchor, records a failed check in the log itself, then anchors. */
  async afterSignIn(user: string): Promise<void> {
    const result = await this.verify();
    if (!result.valid) {
      await this.audit.record({ user, action: 'audit-verify', object: 'audit log', outcome: 'failed', detail: `at sign-in: record ${result.problem?.seq ?? '?'} (line ${result.problem?.line ?? '?'}): ${result.problem?.reason ?? ''}` });
    }
    await this.anchor();
  }

  /** Stops the timer. */
  dispose(): void {
    clearInterval(this.#timer);
  }
}
