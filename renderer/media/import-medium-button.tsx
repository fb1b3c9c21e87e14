import { useRef, useState, type ChangeEvent } from 'react';
import type { MediaImportResult } from '../../shared/ipc/media-schemas';
import { getApi } from '../app/api';
import { Alert } from '../ui/alert';

/**
 * "Import from drive/folder": the clerk picks the medium's folder (USB drive, CD); every file goes to the main
 * process, which checks the medium, hands the filing to the EFM and prints the receipt.
 */
export function ImportMediumButton({ onImported }: { onImported: () => void }) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<MediaImportResult | null>(null);
  const [receiptUrl, setReceiptUrl] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const pick = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const list = [...(event.target.files ?? [])];
    event.target.value = '';
    if (list.length === 0) return;
    setBusy(true);
    // Paths from the medium's root: the folder the clerk picked is the first segment.
    const files = await Promise.all(list.map(async (file) => ({ path: (file.webkitRelativePath || file.name).split('/').slice(file.webkitRelativePath ? 1 : 0).join('/'), bytes: new Uint8Array(await file.arrayBuffer()) })));
    const answer = await getApi().media.import({ files });
    setBusy(false);
    if (!answer.ok) return setResult({ imported: false, problems: [answer.error.message], warnings: [] });
    setResult(answer.value);
    if (receiptUrl) URL.revokeObjectURL(receiptUrl);
    setReceiptUrl(answer.value.imported ? URL.createObjectURL(new Blob([answer.value.receipt.bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' })) : null);
    if (answer.value.imported) onImported();
  };
  return (
    <span className="import-medium">
      {/* A real button (keyboard, screen readers) opening the folder picker of a hidden input. */}
      <button type="button" disabled={busy} onClick={() => input.current?.click()}>{busy ? 'Importing…' : 'Import from drive/folder'}</button>
      <input ref={input} type="file" multiple hidden tabIndex={-1} aria-hidden="true" disabled={busy} onChange={(event) => void pick(event)} {...{ webkitdirectory: '' }} data-testid="import-medium" />
      {result && !result.imported && (
        <Alert tone="error" testId="import-report" title="Not imported:"><ul>{result.problems.map((problem) => <li key={problem}>{problem}</li>)}</ul></Alert>
      )}
      {result?.imported && (
        <span role="status" data-testid="import-report">
          {result.message} {result.warnings.join(' ')}
          {receiptUrl && <a href={receiptUrl} download={result.receipt.fileName} target="_blank" rel="noreferrer">Print receipt</a>}
        </span>
      )}
    </span>
  );
}
