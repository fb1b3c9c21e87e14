import { useEffect, useState } from 'react';
import type { EnvelopeDetail } from '../../shared/ipc/efm-schemas';
import { getApi } from '../app/api';
import { DocumentViewer } from './document-viewer';
import { EnvelopeSummary } from './envelope-summary';
import { useClaim } from './use-claim';

/**
 * One envelope under review: who filed what in which case, parties and attorneys, payment, and each filing with its
 * lead and connected documents in the viewer. Opening it claims it; the claim's state is always on screen.
 */
export function EnvelopeScreen({ envelopeId, onClose }: { envelopeId: string; onClose: () => void }) {
  const claim = useClaim(envelopeId);
  const [detail, setDetail] = useState<EnvelopeDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void getApi().envelope.get({ envelopeId }).then((result) => {
      if (!live) return;
      if (!result.ok) return setError(result.error.message);
      setDetail(result.value);
      setSelected(result.value.envelope.filings[0]?.leadDocument.id ?? null);
    });
    return () => {
      live = false;
    };
  }, [envelopeId]);

  const documents = detail?.envelope.filings.flatMap((filing) => [filing.leadDocument, ...filing.connectedDocuments]) ?? [];
  const current = documents.find((document) => document.id === selected);
  return (
    <section aria-labelledby="envelope-title" className="envelope">
      <div className="envelope-header">
        <button type="button" onClick={onClose}>Back to queue</button>
        <h2 id="envelope-title">Envelope {envelopeId}</h2>
        <span role="status" data-testid="claim-state" className={`claim claim-${claim.status}`}>
          {claim.status === 'claiming' && 'Claiming…'}
          {claim.status === 'held' && `Claimed by you until ${new Date(claim.lease.expiresAt).toLocaleTimeString()}`}
          {claim.status === 'read-only' && `Read-only: ${claim.reason}`}
        </span>
      </div>
      {error && <p role="alert">{error}</p>}
      {detail && (
        <div className="envelope-body">
          <div className="envelope-side">
            <EnvelopeSummary detail={detail} />
            <h3>Filings</h3>
            <ol className="filing-list" data-testid="filing-list">
              {detail.envelope.filings.map((filing) => (
                <li key={filing.id}>
                  <strong>{filing.filingCode}</strong> — {filing.description}
                  <ul>
                    {[filing.leadDocument, ...filing.connectedDocuments].map((document) => (
                      <li key={document.id}>
                        <button type="button" aria-pressed={selected === document.id} onClick={() => setSelected(document.id)}>
                          {document.role === 'lead' ? 'Lead' : (document.relation ?? 'Attachment')}: {document.title ?? document.id}
                        </button>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ol>
          </div>
          <div className="envelope-document">
            {current && <DocumentViewer envelopeId={envelopeId} documentId={current.id} title={current.title ?? current.id} />}
          </div>
        </div>
      )}
    </section>
  );
}
