import { useEffect, useMemo, useState } from 'react';
import type { CourtPolicy } from '../../shared/domain/court-policy';
import { courtPolicy } from '../data/court-policy';
import { boxFromArray } from '../../shared/stamp/stamp-layout';
import { planStamp } from '../../shared/stamp/stamp-plan';
import { stampAnchors, stampFonts, type StampTemplate } from '../../shared/stamp/stamp-template';
import type { Settings } from '../../shared/settings';
import { StampOverlay } from '../stamp/stamp-overlay';
import { useCourtSeal } from '../stamp/use-court-seal';
import { useSession } from '../session/use-session';

// A US Letter page and the sample values the preview fills in.
const letter = { cropBox: boxFromArray([0, 0, 612, 792]), rotation: 0 as const };
const previewScale = 0.6;
const sample = { status: 'FILED', court: 'District Court', datetime: new Date().toISOString(), timeZone: 'America/Chicago', clerk: 'Dana Whitaker', caseNumber: '2026-CV-000123', envelopeId: 'ENV-2026-000001', filingId: 'ENV-2026-000001-F1' };

/**
 * Court IT's stamp templates: text lines with {fields}, font, size, colour, border, anchor, offsets, pages,
 * opacity, date format, and which templates are applied on acceptance — with a live preview on a Letter page drawn
 * by the same layout code the stamping engine uses. Saved with the other settings (validated by the main process).
 */
export function StampTemplateEditor({ settings, onChange, fieldError }: { settings: Settings; onChange: (settings: Settings) => void; fieldError: (field: string) => string | undefined }) {
  const [selectedId, setSelectedId] = useState(settings.stampTemplates[0]?.id ?? '');
  const seal = useCourtSeal();
  const index = Math.max(0, settings.stampTemplates.findIndex((template) => template.id === selectedId));
  const template = settings.stampTemplates[index];
  // The signed-in clerk's name, as their stamps print it.
  const session = useSession();
  const clerk = session ? session.displayName || session.username : sample.clerk;
  // The court's name and clock as the stamps print them (the court's policy), once someone is signed in.
  const [policy, setPolicy] = useState<CourtPolicy | null>(null);
  const signedIn = !!session && !session.locked;
  useEffect(() => {
    if (!signedIn) return;
    let live = true;
    void courtPolicy().then((held) => live && setPolicy(held)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [signedIn]);
  const court = policy?.courtName ?? sample.court;
  const timeZone = policy?.timeZone ?? settings.courtTimeZone;
  const layout = useMemo(() => (template ? planStamp(template, { ...sample, clerk, court, timeZone }, letter, 1, 1, template.image ? (seal?.aspect ?? 1) : null, null) : null), [template, timeZone, court, seal, clerk]);
  if (!template || !layout) return null;
  const update = (patch: Partial<StampTemplate>): void => onChange({ ...settings, stampTemplates: settings.stampTemplates.map((t, i) => (i === index ? { ...t, ...patch } : t)) });
  const isDefault = settings.defaultStampTemplateIds.includes(template.id);
  const error = (field: string): string | undefined => fieldError(`stampTemplates.${index}.${field}`);
  const number = (field: 'fontSize' | 'offsetX' | 'offsetY' | 'opacity' | 'padding', label: string, step = 1) => (
    <label>{label} <input type="number" step={step} value={template[field]} onChange={(event) => update({ [field]: Number(event.target.value) })} aria-invalid={error(field) ? true : undefined} /></label>
  );
  const addCopy = (): void => {
    const id = `${template.id}-copy-${settings.stampTemplates.length + 1}`;
    onChange({ ...settings, stampTemplates: [...settings.stampTemplates, { ...template, id, name: `${template.name} (copy)` }] });
    setSelectedId(id);
  };
  const remove = (): void => {
    const rest = settings.stampTemplates.filter((_, i) => i !== index);
    onChange({ ...settings, stampTemplates: rest, defaultStampTemplateIds: settings.defaultStampTemplateIds.filter((id) => id !== template.id) });
    setSelectedId(rest[0]?.id ?? '');
  };
  return (
    <fieldset className="template-editor" data-testid="template-editor">
      <legend>Stamp templates</legend>
      <label>Template <select value={template.id} onChange={(event) => setSelectedId(event.target.value)}>{settings.stampTemplates.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}</select></label>
      <button type="button" onClick={addCopy}>Copy as new template</button>
      <button type="button" disabled={settings.stampTemplates.length < 2} onClick={remove}>Delete template</button>
      <div className="template-editor-body">
        <div className="template-fields">
          <label>Name <input value={template.name} onChange={(event) => update({ name: event.target.value })} /></label>
          <label><input type="checkbox" checked={isDefault} onChange={() => onChange({ ...settings, defaultStampTemplateIds: isDefault ? settings.defaultStampTemplateIds.filter((id) => id !== template.id) : [...settings.defaultStampTemplateIds, template.id] })} /> Applied to accepted documents</label>
          <label>Lines (one per row; fields: {'{status} {court} {datetime} {clerk} {caseNumber} {envelopeId} {filingId} {page} {pages}'})
            <textarea rows={4} value={template.lines.map((line) => line.text).join('\n')}
              onChange={(event) => update({ lines: event.target.value.split('\n').slice(0, 12).map((text, i) => ({ ...template.lines[i], text })) })} />
          </label>
          {error('lines') && <span className="field-error" role="alert">{error('lines')}</span>}
          <label>Font <select value={template.font} onChange={(event) => update({ font: event.target.value as StampTemplate['font'] })}>{stampFonts.map((font) => <option key={font}>{font}</option>)}</select></label>
          {number('fontSize', 'Font size (pt)')}
          <label>Colour <input type="color" value={template.color} onChange={(event) => update({ color: event.target.value })} /></label>
          <label><input type="checkbox" checked={template.border !== null} onChange={() => update({ border: template.border ? null : { width: 1, color: template.color } })} /> Border</label>
          <label>Position <select value={template.anchor} onChange={(event) => update({ anchor: event.target.value as StampTemplate['anchor'] })}>{stampAnchors.map((anchor) => <option key={anchor}>{anchor}</option>)}</select></label>
          {number('offsetX', 'Offset across (pt)')}
          {number('offsetY', 'Offset down (pt)')}
          {number('padding', 'Padding (pt)')}
          {number('opacity', 'Opacity (0.1–1)', 0.05)}
          <label>Pages <select value={template.pages.kind === 'list' ? 'first' : template.pages.kind} onChange={(event) => update({ pages: { kind: event.target.value as 'first' | 'last' | 'all' } })}>
            <option value="first">First page</option><option value="last">Last page</option><option value="all">Every page</option>
          </select></label>
          <label>Date format <input value={template.dateFormat} onChange={(event) => update({ dateFormat: event.target.value })} /></label>
          {fieldError(`stampTemplates.${index}`) && <span className="field-error" role="alert">{fieldError(`stampTemplates.${index}`)}</span>}
        </div>
        <div className="stamp-preview template-preview" data-testid="template-preview" style={{ width: 612 * previewScale, height: 792 * previewScale }} aria-label={`Preview of ${template.name} on a Letter page`}>
          <StampOverlay template={template} layout={layout} scale={previewScale} imageUrl={template.image ? (seal?.url ?? null) : null} onMove={() => undefined} />
        </div>
      </div>
    </fieldset>
  );
}
