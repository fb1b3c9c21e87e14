import { useEffect, useState } from 'react';
import { auditActions, type AuditAction, type AuditRecord, type AuditVerification } from '../../shared/domain/audit';
import { getApi } from '../app/api';
import { CourtTime } from '../ui/court-time';
import { Alert } from '../ui/alert';

/** The audit log with filters (user, action, object), newest first, and a check of the hash chain. */
export function AuditViewer() {
  const [user, setUser] = useState('');
  const [action, setAction] = useState<AuditAction | ''>('');
  const [object, setObject] = useState('');
  const [records, setRecords] = useState<AuditRecord[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    let live = true;
    void getApi().audit.query({ user: user || null, action: action || null, object: object || null, limit: 500 }).then((result) => {
      if (!live) return;
      if (result.ok) {
        setRecords(result.value);
        setError(null);
      } else setError(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [user, action, object, reloads]);
  const verify = async (): Promise<void> => {
    const result = await getApi().audit.verify();
    if (result.ok) setVerification(result.value);
    else setError(result.error.message);
    setReloads((n) => n + 1);
  };
  return (
    <section aria-labelledby="audit-title" className="panel">
      <h3 id="audit-title">Audit log</h3>
      <div className="filters">
        <label>User <input value={user} onChange={(event) => setUser(event.target.value)} /></label>
        <label>Action <select value={action} onChange={(event) => setAction(event.target.value as AuditAction | '')}><option value="">All</option>{auditActions.map((name) => <option key={name}>{name}</option>)}</select></label>
        <label>Object <input value={object} onChange={(event) => setObject(event.target.value)} /></label>
        <button type="button" onClick={() => void verify()}>Verify chain</button>
      </div>
      {verification && (
        <p role="status" data-testid="audit-verification" className={verification.valid ? 'ok' : 'alert'}>
          {verification.valid ? `Intact: ${verification.records} records, none edited, removed or reordered.` : `TAMPERED: record ${verification.problem?.seq ?? '?'} (line ${verification.problem?.line ?? '?'}) — ${verification.problem?.reason ?? ''}`}
        </p>
      )}
      {error && <Alert tone="error">{error}</Alert>}
      <table className="audit" data-testid="audit-records">
        <thead><tr><th scope="col">#</th><th scope="col">Time</th><th scope="col">User</th><th scope="col">Workstation</th><th scope="col">Action</th><th scope="col">Object</th><th scope="col">Outcome</th><th scope="col">Detail</th></tr></thead>
        <tbody>
          {records.map((record) => (
            <tr key={record.seq}>
              <td>{record.seq}</td><td><CourtTime at={record.at} /></td><td>{record.user}</td><td>{record.workstation}</td>
              <td>{record.action}</td><td>{record.object}</td><td>{record.outcome}</td><td>{record.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
