import { useState, type ChangeEvent } from 'react';
import type { CmsZipReport } from '../../shared/domain/cms-zip';
import { getApi } from '../app/api';
import type { OutboxEntry } from '../db/db';
import { summaryOf } from './outbox';
import { CourtTime } from '../ui/court-time';
import { Alert } from '../ui/alert';

/** Saves bytes as a download (the app's window and the browser alike). */
function download(fileName: string, bytes: Uint8Array<ArrayBuffer>, type: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([bytes], { type }));
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(link.href);
}

/**
 * For courts without an interactive CMS link: export a delivered review with accepted filings as the CMS zip
 * (`ENVELOPE.zip`: request.legal.xml and FILING/FILING_N.pdf), and open such a zip to inspect what it holds.
 */
export function CmsZipPanel({ delivered }: { delivered: readonly OutboxEntry[] }) {
  const [message, setMessage] = useState<string | null>(null);
  const [report, setReport] = useState<CmsZipReport | null>(null);
  const exportable = delivered.filter((entry) => summaryOf(entry).decisions.some((d) => d.outcome === 'accepted')).slice(0, 50);
  const exportZip = async (entry: OutboxEntry): Promise<void> => {
    const result = await getApi().cms.exportZip({ envelopeId: entry.envelopeId });
    if (!result.ok) return setMessage(`Not exported: ${result.error.message}`);
    download(result.value.fileName, result.value.bytes as Uint8Array<ArrayBuffer>, 'application/zip');
    setMessage(`Exported ${result.value.fileName} (${result.value.documents} documents).`);
  };
  const inspect = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = event.target.files?.[0];
    if (!file) return;
    const result = await getApi().cms.inspectZip({ fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
    if (result.ok) setReport(result.value);
    else setMessage(result.error.message);
  };
  return (
    <section aria-labelledby="cms-title" className="panel">
      <h3 id="cms-title">CMS zip</h3>
      <label>Inspect a CMS zip <input type="file" accept=".zip,application/zip" onChange={(event) => void inspect(event)} /></label>
      {message && <Alert tone="info" testId="cms-message">{message}</Alert>}
      {report && (
        <div data-testid="cms-report">
          <p>{report.fileName}: envelope {report.envelopeId ?? 'unknown'}, case {report.caseNumber ?? 'unknown'}, {report.filings.length} filings.</p>
          {report.problems.length > 0 ? <ul className="alert">{report.problems.map((problem) => <li key={problem}>{problem}</li>)}</ul> : <p>No problem found: every stamped document matches the hash the docketing message declares.</p>}
          <ul>{report.filings.map((filing) => <li key={filing.filingId}>{filing.filingId}{filing.description ? ` — ${filing.description}` : ''}: {filing.documents.map((d) => `${d.path} (${d.sizeBytes} bytes${d.hashDeclared ? ', hash declared' : ''})`).join('; ')}</li>)}</ul>
        </div>
      )}
      {exportable.length > 0 && (
        <ul data-testid="cms-exportable">
          {exportable.map((entry) => (
            <li key={entry.idempotencyKey}>
              {entry.envelopeId}, delivered {entry.sentAt ? <CourtTime at={entry.sentAt} /> : ''} <button type="button" onClick={() => void exportZip(entry)}>Export CMS zip</button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
