import { useState } from 'react';
import { isOfflineLease, type ActiveClaim } from '../../shared/domain/supervision';
import { CourtTime } from '../ui/court-time';

/** Claims older than this are offered for release as stale. */
export const staleClaimMinutes = 30;

/**
 * Who holds what now, since when; select to reassign, or release stale claims at once. Working-day leases taken for
 * offline work are marked and left alone unless the supervisor includes them, and confirms.
 */
export function ClaimsPanel({ claims, now, selected, onToggle, onReleaseStale }: {
  claims: readonly ActiveClaim[]; now: Date; selected: ReadonlySet<string>; onToggle: (envelopeId: string) => void;
  onReleaseStale: (envelopeIds: string[]) => void;
}) {
  const [includeOffline, setIncludeOffline] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const old = claims.filter((claim) => now.getTime() - Date.parse(claim.claimedAt) > staleClaimMinutes * 60_000);
  const offline = old.filter((claim) => isOfflineLease(claim, now));
  const stale = old.filter((claim) => !isOfflineLease(claim, now));
  const released = [...stale, ...(includeOffline ? offline : [])].map((claim) => claim.envelopeId);
  return (
    <section aria-labelledby="claims-title" className="panel">
      <h3 id="claims-title">Claimed now</h3>
      {claims.length === 0 ? <p>Nobody holds an envelope.</p> : (
        <ul data-testid="claims">
          {claims.map((claim) => (
            <li key={claim.envelopeId}>
              <label>
                <input type="checkbox" checked={selected.has(claim.envelopeId)} onChange={() => onToggle(claim.envelopeId)} />
                {claim.envelopeId} — {claim.holder} since <CourtTime at={claim.claimedAt} part="time" />
                {isOfflineLease(claim, now) ? ' (taken for offline work, until ' : ' (lease until '}<CourtTime at={claim.expiresAt} part="time" />)
              </label>
            </li>
          ))}
        </ul>
      )}
      {offline.length > 0 && (
        <label className="checkbox">
          <input type="checkbox" checked={includeOffline} onChange={(event) => setIncludeOffline(event.target.checked)} />
          {' '}Also release {offline.length} {offline.length === 1 ? 'envelope' : 'envelopes'} taken for offline work
        </label>
      )}
      {!confirming && (
        <button type="button" disabled={released.length === 0}
          onClick={() => (includeOffline && offline.length > 0 ? setConfirming(true) : onReleaseStale(released))}>
          Release {released.length} stale {released.length === 1 ? 'claim' : 'claims'} (held over {staleClaimMinutes} min)
        </button>
      )}
      {confirming && (
        <div role="alertdialog" aria-labelledby="release-offline-title" className="confirm" data-testid="confirm-release-offline">
          <p id="release-offline-title">
            {offline.map((claim) => claim.holder).filter((holder, i, all) => all.indexOf(holder) === i).join(', ')} took{' '}
            {offline.length === 1 ? 'an envelope' : `${offline.length} envelopes`} to work offline. Released, their decisions made offline
            will be refused when they reconnect, and they will have to review again. Release anyway?
          </p>
          <button type="button" onClick={() => {
            setConfirming(false);
            onReleaseStale(released);
          }}>Release {released.length}</button>
          <button type="button" onClick={() => setConfirming(false)}>Keep the offline leases</button>
        </div>
      )}
    </section>
  );
}
