import type { ActiveClaim } from '../../shared/domain/supervision';
import { CourtTime } from '../ui/court-time';

/** Claims older than this are offered for release as stale. */
export const staleClaimMinutes = 30;

/** Who holds what now, since when; select to reassign, or release stale claims at once. */
export function ClaimsPanel({ claims, now, selected, onToggle, onReleaseStale }: { claims: readonly ActiveClaim[]; now: Date; selected: ReadonlySet<string>; onToggle: (envelopeId: string) => void; onReleaseStale: (envelopeIds: string[]) => void }) {
  const stale = claims.filter((claim) => now.getTime() - Date.parse(claim.claimedAt) > staleClaimMinutes * 60_000).map((claim) => claim.envelopeId);
  return (
    <section aria-labelledby="claims-title" className="panel">
      <h3 id="claims-title">Claimed now</h3>
      {claims.length === 0 ? <p>Nobody holds an envelope.</p> : (
        <ul data-testid="claims">
          {claims.map((claim) => (
            <li key={claim.envelopeId}>
              <label>
                <input type="checkbox" checked={selected.has(claim.envelopeId)} onChange={() => onToggle(claim.envelopeId)} />
                {claim.envelopeId} — {claim.holder} since <CourtTime at={claim.claimedAt} part="time" /> (lease until <CourtTime at={claim.expiresAt} part="time" />)
              </label>
            </li>
          ))}
        </ul>
      )}
      <button type="button" disabled={stale.length === 0} onClick={() => onReleaseStale(stale)}>
        Release {stale.length} stale {stale.length === 1 ? 'claim' : 'claims'} (held over {staleClaimMinutes} min)
      </button>
    </section>
  );
}
