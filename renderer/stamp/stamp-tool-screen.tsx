import { courtNow } from '../data/efm-clock';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useEffect, useMemo, useState, type ChangeEvent } from 'react';
import type { PdfInspection } from '../../shared/pdf/pdf-inspection';
import type { StampPlacement } from '../../shared/stamp/stamp-layout';
import type { StampFieldValues } from '../../shared/stamp/stamp-text';
import { stampPresets } from '../../shared/stamp/stamp-template';
import { openPdf } from '../pdf/pdfjs';
import { inspectInWorker, stampInWorker } from './stamp-client';
import { StampFieldsForm } from './stamp-fields-form';
import { StampPreview, type PreviewStamp } from './stamp-preview';
import { useSettings } from '../settings/use-settings';
import { useCourtSeal } from './use-court-seal';
import { Alert } from '../ui/alert';

type Loaded = { name: string; bytes: Uint8Array; inspection: PdfInspection; document: PDFDocumentProxy | null };
type Result = { url: string; fileName: string; sha256: string; stamps: number } | { error: string };

/**
 * Stamp a PDF on this workstation: open a file, see how it is classified, pick presets, fill the fields, drag the
 * stamps where they belong, and save a stamped copy (an incremental update: the original is never changed).
 */
export function StampToolScreen() {
  const seal = useCourtSeal();
  const settings = useSettings();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [pageNumber, setPageNumber] = useState(1);
  const [scale, setScale] = useState(1);
  const [chosen, setSelected] = useState<readonly string[] | null>(null);
  const templates = settings?.stampTemplates ?? stampPresets;
  // Until the clerk picks, the court's default templates are selected.
  const selected = useMemo(() => chosen ?? settings?.defaultStampTemplateIds ?? ['filed', 'page-footer'], [chosen, settings]);
  const [placements, setPlacements] = useState<Record<string, StampPlacement>>({});
  const [fields, setFields] = useState<StampFieldValues>({ status: 'FILED', court: 'Superior Court of Demo County', clerk: '', caseNumber: '', envelopeId: '', filingId: '', datetime: new Date().toISOString(), timeZone: 'UTC' });
  const [result, setResult] = useState<Result | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => () => void loaded?.document?.destroy(), [loaded]);
  useEffect(() => () => {
    if (result && 'url' in result) URL.revokeObjectURL(result.url);
  }, [result]);

  const stamps: PreviewStamp[] = useMemo(
    () => templates.filter((t) => selected.includes(t.id)).map((template) => ({
      template,
      placement: placements[template.id] ?? null,
      imageAspect: template.image ? (seal?.aspect ?? null) : null,
      imageUrl: template.image ? (seal?.url ?? null) : null,
    })),
    [templates, selected, placements, seal],
  );

  const open = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = event.target.files?.[0];
    if (!file) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    const inspection = await inspectInWorker(bytes);
    const document = inspection.canStamp ? await openPdf(bytes) : null;
    setLoaded({ name: file.name, bytes, inspection, document });
    setPageNumber(1);
    setPlacements({});
    setResult(null);
  };

  const stamp = async (): Promise<void> => {
    if (!loaded) return;
    setBusy(true);
    const at = { ...fields, datetime: courtNow().toISOString(), timeZone: settings?.courtTimeZone ?? 'UTC' };
    try {
      const outcome = await stampInWorker(loaded.bytes, { jobs: stamps.map((s) => ({ template: s.template, placement: s.placement })), fields: at, courtSealPng: seal?.bytes ?? null });
      if (!outcome.ok) setResult({ error: outcome.message });
      else setResult({ url: URL.createObjectURL(new Blob([outcome.bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' })), fileName: loaded.name.replace(/\.pdf$/i, '') + '-stamped.pdf', sha256: outcome.stampedSha256, stamps: outcome.placed.length });
    } catch (cause) {
      setResult({ error: (cause as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const pages = loaded?.document?.numPages ?? 0;
  return (
    <section aria-labelledby="stamp-title" className="stamp-tool">
      <h2 id="stamp-title">Stamp a document</h2>
      <div className="stamp-controls">
        <label className="field">
          <span>PDF document</span>
          <input type="file" accept="application/pdf,.pdf" onChange={(event) => void open(event)} data-testid="stamp-file" />
        </label>
        {loaded && (
          <p className={`inspection inspection-${loaded.inspection.kind}`} role="status" data-testid="pdf-inspection">
            <strong>{loaded.name}</strong>: {loaded.inspection.message} {loaded.inspection.suggestedAction}
          </p>
        )}
        <fieldset className="preset-list">
          <legend>Stamps</legend>
          {templates.map((preset) => (
            <label key={preset.id}>
              <input type="checkbox" checked={selected.includes(preset.id)}
                onChange={(event) => setSelected(event.target.checked ? [...selected, preset.id] : selected.filter((id) => id !== preset.id))} />
              {preset.name}
            </label>
          ))}
        </fieldset>
        <StampFieldsForm fields={fields} onChange={setFields} />
        <div className="form-actions">
          <button type="button" disabled={!loaded?.document || busy || stamps.length === 0} onClick={() => void stamp()}>
            {busy ? 'Stamping…' : 'Stamp and save a copy'}
          </button>
          {result && 'url' in result && (
            <a href={result.url} download={result.fileName} data-testid="stamped-download">
              Download {result.fileName} ({result.stamps} stamps, SHA-256 {result.sha256.slice(0, 12)}…)
            </a>
          )}
          {result && 'error' in result && <Alert tone="error">{result.error}</Alert>}
        </div>
      </div>
      {loaded?.document && (
        <div className="stamp-viewer">
          <div className="viewer-toolbar" role="toolbar" aria-label="Page">
            <button type="button" onClick={() => setPageNumber(Math.max(1, pageNumber - 1))} disabled={pageNumber <= 1}>Previous page</button>
            <span data-testid="page-indicator">Page {pageNumber} of {pages}</span>
            <button type="button" onClick={() => setPageNumber(Math.min(pages, pageNumber + 1))} disabled={pageNumber >= pages}>Next page</button>
            <label>
              Zoom{' '}
              <select value={scale} onChange={(event) => setScale(Number(event.target.value))}>
                {[0.75, 1, 1.25, 1.5].map((value) => <option key={value} value={value}>{value * 100}%</option>)}
              </select>
            </label>
          </div>
          <StampPreview document={loaded.document} pageNumber={pageNumber} stamps={stamps} fields={{ ...fields, timeZone: settings?.courtTimeZone ?? 'UTC' }} scale={scale}
            onPlacementChange={(id, placement) => setPlacements({ ...placements, [id]: placement })} />
        </div>
      )}
    </section>
  );
}
