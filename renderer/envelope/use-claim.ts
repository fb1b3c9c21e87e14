import { useEffect, useState } from 'react';
import type { Lease } from '../../shared/domain/review-queue';
import { getApi } from '../app/api';
import { isOfflineError, offlineEnvelope, offlineLeaseMinutes } from '../offline/offline-store';

/** The clerk's hold on an envelope while it is open. */
export type ClaimState =
  | { readonly status: 'claiming' }
  | { readonly status: 'held'; readonly lease: Lease }
  | { readonly status: 'read-only'; readonly reason: string; readonly holder: string | null };

/**
 * Claims the envelope when the screen opens, renews the lease while it stays open, and releases it on leave. If the
 * lease is lost or taken (reassigned, expired, claimed by someone else), the state turns read-only with the reason,
 * within seconds: the main process relays the EFM's list of the clerk's claims (`claims:held`).
 * A submission still under way when the clerk leaves (`inFlight`: stamping, journaling) is waited for before the
 * release, so the main process sees the journaled decision and holds the claim until it is delivered.
 */
export function useClaim(envelopeId: string, inFlight?: { readonly current: Promise<unknown> | null }): ClaimState {
  const [state, setState] = useState<ClaimState>({ status: 'claiming' });
  useEffect(() => {
    const api = getApi();
    let lease: Lease | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let live = true;
    const lost = (reason: string, holder: string | null): void => {
      lease = null;
      if (live) setState({ status: 'read-only', reason, holder });
    };
    const schedule = (held: Lease): void => {
      // Renew at a third of the remaining time, so one missed renewal still leaves room for another.
      const remaining = Date.parse(held.expiresAt) - Date.now();
      timer = setTimeout(() => void renew(), Math.max(5_000, remaining / 3));
    };
    // The answer to a claim or a renewal: keep holding (and plan the next renewal), or say why not.
    const settle = (result: Awaited<ReturnType<typeof api.claim.acquire>>): void => {
      if (result.ok) {
        lease = result.value;
        setState({ status: 'held', lease: result.value });
        schedule(result.value);
      } else if (lease && isOfflineError(result.error.code)) {
        // A renewal that could not reach the EFM: the lease is not lost (nobody else can take it without the EFM).
        timer = setTimeout(() => void renew(), 15_000);
      } else {
        lost(explain(result.error.reason, result.error.holder ?? null, result.error.message), result.error.holder ?? null);
      }
    };
    let renewing = false;
    const renew = async (): Promise<void> => {
      if (!lease || renewing) return;
      renewing = true;
      const result = await api.claim.renew({ envelopeId, fencingToken: lease.fencingToken }).finally(() => {
        renewing = false;
      });
      if (live) settle(result);
    };
    // The EFM lists what this clerk holds every few seconds: when this claim is missing, renew now to learn why
    // (reassigned, released, taken after expiry), so the screen turns read-only at once and not minutes later.
    const stopWatching = api.on('claims:held', (held) => {
      const mine = lease;
      if (!mine || held.some((claim) => claim.envelopeId === envelopeId && claim.fencingToken === mine.fencingToken)) return;
      if (timer) clearTimeout(timer);
      void renew();
    });
    let takenOffline = false;
    void (async () => {
      const stored = await offlineEnvelope(envelopeId);
      // Taken for offline work: keep the long lease (and its token) instead of a short one, and do not release it.
      takenOffline = stored?.lease != null;
      const result = await api.claim.acquire(takenOffline ? { envelopeId, leaseMinutes: offlineLeaseMinutes } : { envelopeId });
      if (!result.ok && isOfflineError(result.error.code) && stored?.lease) {
        // The EFM is away but this workstation holds the envelope: review goes on with the stored claim.
        lease = stored.lease;
        if (live) setState({ status: 'held', lease: stored.lease });
        return;
      }
      if (live) settle(result);
      // Left before the claim came back: give it straight back.
      else if (result.ok && !takenOffline) void api.claim.release({ envelopeId, fencingToken: result.value.fencingToken });
    })();
    return () => {
      live = false;
      stopWatching();
      if (timer) clearTimeout(timer);
      const held = lease;
      if (!held || takenOffline) return;
      const release = (): void => void api.claim.release({ envelopeId, fencingToken: held.fencingToken });
      // Read at leave time on purpose: the submission under way then, not when the claim was taken.
      // eslint-disable-next-line react-hooks/exhaustive-deps
      const pending = inFlight?.current;
      if (pending) void pending.finally(release);
      else release();
    };
  }, [envelopeId, inFlight]);
  return state;
}

function explain(reason: string | undefined, holder: string | null, fallback: string): string {
  switch (reason) {
    case 'claimed-by-other':
      return `${holder ?? 'Another clerk'} is reviewing this envelope. You can read it but not decide.`;
    case 'stale-fencing-token':
      return 'A supervisor reassigned this envelope, or your claim was released. Your view is read-only now.';
    case 'lease-expired':
      return 'Your claim expired. Reopen the envelope to claim it again.';
    default:
      return `This envelope could not be claimed: ${fallback}`;
  }
}
