import type { ClerkWorkload } from '../../shared/domain/supervision';

const minutes = (seconds: number | null): string => (seconds === null ? '—' : seconds < 60 ? `${Math.round(seconds)} s` : `${(seconds / 60).toFixed(1)} min`);

/** Per clerk: envelopes held now, filings decided today, median review time. */
export function WorkloadTable({ rows }: { rows: readonly ClerkWorkload[] }) {
  return (
    <table className="workload" data-testid="workload">
      <caption>Clerks</caption>
      <thead><tr><th scope="col">Clerk</th><th scope="col">Claimed now</th><th scope="col">Decided today</th><th scope="col">Median review time</th></tr></thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.clerk} data-testid={`workload-${row.clerk}`}>
            <th scope="row">{row.displayName} ({row.clerk})</th>
            <td>{row.claimedNow}</td>
            <td>{row.decidedToday}</td>
            <td>{minutes(row.medianReviewSeconds)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
