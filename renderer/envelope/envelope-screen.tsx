import { useCallback, useEffect, useRef, useState } from 'react';
import type { CodeEntry, CourtPolicy } from '../../shared/domain/court-policy';
import type { StampPlacement } from '../../shared/stamp/stamp-layout';
import type { EnvelopeDetail } from '../../shared/ipc/efm-schemas';
import { getApi } from '../app/api';
import { useSettings } from '../settings/use-settings';
import { useCourtSeal } from '../stamp/use-court-seal';
import { CaseAssignmentForm } from './case-assignment-form';
import { AssignedCaseNote, caseNumberForStamp, RecordSystemNumberNote } from './case-number-notes';
import { DocumentViewer } from './document-viewer';
import { EnvelopeHistory } from './envelope-history';
import { EnvelopeSummary } from './envelope-summary';
import { newlyDecided, numberedByRecordSystem, reviewProblems, undecided } from './review-draft';
import { submitDraft } from './submit-draft';
import { isTyping, ShortcutsHelp } from './shortcuts-help';
import { useClaim } from './use-claim';
import { LeaveDialog } from './leave-dialog';
import { useReviewDraft } from './use-review-draft';
import { isOfflineError, offlineEnvelope } from '../offline/offline-store';
import { courtPolicy, filingCorrections } from '../data/court-policy';
import { courtNow } from '../data/efm-clock';
import { useOutboxEntry } from '../outbox/use-outbox-entry';
import { knownFirstDocument } from '../data/envelope-prefetch';
import { useCourtTime } from '../ui/court-time';
import { dropFromQueue } from '../data/queue-sync';
import { describeDocumentProblem, rejectionForDocumentProblem, type DocumentProblem } from '../../shared/domain/unreadable-document';
import { Alert } from '../ui/alert';
import { Button } from '../ui/button';
import { Tabs } from '../ui/tabs';
import { useMediaQuery } from '../ui/use-media-query';
import { FilingList } from './filing-list';
import { RejectEnvelopeDialog } from './reject-envelope-dialog';
import { SubmitBar } from './submit-bar';

/**
 * One envelope under review: who filed what in which case, parties and attorneys, payment, and each filing with its
 * lead and connected documents in the viewer. Opening it claims it; the claim's state is always on screen.
 */
export function EnvelopeScreen({ envelopeId, username, clerkName, onClose, onAdvance }: {
  envelopeId: string; username: string;
  /** The clerk's display name from the EFM, printed on stamps (the login is not a name). */
  clerkName: string;
  onClose: () => void;
  /** Called when the review is done and the clerk's setting says to open the next envelope. */
  onAdvance?: (message: string) => void;
}) {
  // The submission under way, if any: leaving waits for it before the claim is released.
  const inFlight = useRef<Promise<unknown> | null>(null);
  const claim = useClaim(envelopeId, inFlight);
  const courtTime = useCourtTime();
  const settings = useSettings();
  const seal = useCourtSeal();
  const [policy, setPolicy] = useState<CourtPolicy | null>(null);
  const [corrections, setCorrections] = useState<readonly CodeEntry[]>([]);
  // Decisions, notes, corrections, case assignment and stamp positions: saved on this workstation as the clerk works.
  const draft = useReviewDraft(username, envelopeId);
  const { decisions, setDecisions, assignment, setAssignment, placements, setPlacements, idempotencyKey } = draft;
  const [submitting, setSubmitting] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  const [currentFiling, setCurrentFiling] = useState(0);
  const delivery = useOutboxEntry(envelopeId);
  const [stampPreview, setStampPreview] = useState(false);
  const [showHelp, setShowHelp] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const [detail, setDetail] = useState<EnvelopeDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The document on screen. Known from the queue before the envelope's answer comes: the viewer starts at once.
  const [selected, setSelected] = useState<string | null>(() => knownFirstDocument(envelopeId));
  // Set once this screen has nothing more to submit: the review is complete, or an episode waits in the outbox.
  const [finished, setFinished] = useState(false);
  const [loads, setLoads] = useState(0);
  const [offline, setOffline] = useState(false);
  // Documents found unreadable when opened (encrypted, damaged, not a PDF): said at once, with a rejection offered.
  const [problems, setProblems] = useState<ReadonlyMap<string, DocumentProblem>>(new Map());
  const [rejectingAll, setRejectingAll] = useState(false);
  // Below 900 CSS pixels (a small window, 200 % zoom) the panes are tabs: one at a time, each the whole height.
  const narrow = useMediaQuery('(max-width: 900px)');
  const [pane, setPane] = useState<'review' | 'document'>('review');

  useEffect(() => {
    let live = true;
    void getApi().envelope.get({ envelopeId }).then(async (answer) => {
      // Unreachable EFM: the copy taken for offline work, if there is one.
      const stored = !answer.ok && isOfflineError(answer.error.code) ? await offlineEnvelope(envelopeId) : null;
      const result = stored ? { ok: true as const, value: stored.detail } : answer;
      if (!live) return;
      if (!result.ok) return setError(result.error.message);
      setOffline(stored !== null);
      setDetail(result.value);
      setSelected((current) => current ?? result.value.envelope.filings[0]?.leadDocument.id ?? null);
      setAssignment((current) => ({ ...current, title: current.title || (result.value.envelope.case.title ?? ''), courtLocation: current.courtLocation || result.value.courtLocation }));
    });
    if (loads === 0) {
      void courtPolicy().then((policyNow) => {
        if (live && policyNow) setPolicy(policyNow);
      });
    }
    return () => {
      live = false;
    };
  }, [envelopeId, loads, setAssignment]);

  // The court's filing codes for this case's category and type: what a wrong code may be corrected to.
  const caseKind = detail ? `${detail.envelope.case.category ?? ''}|${detail.envelope.case.type ?? ''}` : null;
  useEffect(() => {
    if (!policy || caseKind === null) return;
    const [category = '', type = ''] = caseKind.split('|');
    let live = true;
    void filingCorrections(policy, category || null, type || null).then((codes) => live && setCorrections(codes));
    return () => {
      live = false;
    };
  }, [policy, caseKind]);

  const readOnly = claim.status !== 'held' || submitting || finished || detail?.cancelled === true;
  const earlier = { recorded: detail?.recorded ?? [], assignedCase: detail?.assignedCase ?? null, caseNumberPending: detail?.caseNumberPending ?? false };
  const byRecordSystem = detail ? numberedByRecordSystem(detail.envelope, policy, earlier) : false;
  const isRecorded = (filingId: string): boolean => earlier.recorded.some((r) => r.filingId === filingId);
  const reviewIssues = detail ? reviewProblems(detail.envelope, decisions, assignment, policy, earlier) : [];
  const episode = detail ? newlyDecided(detail.envelope, decisions, earlier).length : 0;
  const left = detail ? detail.envelope.filings.length - earlier.recorded.length - episode : 0;
  const submit = async (): Promise<void> => {
    if (!detail || claim.status !== 'held' || !policy || !settings) return;
    setSubmitting(true);
    const run = submitDraft({ envelope: detail.envelope, earlier, lease: claim.lease, decisions, assignment, policy, settings, username, clerkName, idempotencyKey, courtSealPng: seal?.bytes ?? null, placements });
    inFlight.current = run;
    const result = await run.finally(() => {
      inFlight.current = null;
    });
    setOutcome(result);
    if (result.ok) {
      const another = result.delivered && !result.envelopeComplete;
      // The episode is in the outbox: the draft goes. Delivered with filings left: the next episode starts on them.
      draft.submitted({ submittedFilingIds: newlyDecided(detail.envelope, decisions, earlier).map((f) => f.id), another });
      if (another) setLoads((n) => n + 1);
      else setFinished(true);
      // A completed review leaves the queue at once, not at the next refresh.
      if (result.delivered && result.envelopeComplete) await dropFromQueue([envelopeId]);
      if (!another && settings.autoAdvance && onAdvance) {
        setSubmitting(false);
        onAdvance(result.message);
        return;
      }
    }
    setSubmitting(false);
  };
  // Leaving with work not submitted asks first; the draft is kept unless the clerk throws it away.
  const leave = (): void => (draft.started && !readOnly ? setLeaving(true) : onClose());
  // Keyboard-first review: single letters act on the current filing, except while typing in a field.
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (!detail) return;
      const filings = detail.envelope.filings;
      const filing = filings[currentFiling];
      const open = filing && !readOnly && !isRecorded(filing.id);
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        if (!readOnly && reviewIssues.length === 0) void submit();
        return;
      }
      if (event.key === 'Escape') {
        // Escape closes an open dialog and nothing else; then it leaves a field; from anywhere else, the envelope.
        event.preventDefault();
        if (leaving) setLeaving(false);
        else if (showHelp) setShowHelp(false);
        else if (rejectingAll) setRejectingAll(false);
        else if (isTyping(event.target)) (event.target as HTMLElement).blur();
        else leave();
        return;
      }
      // A dialog is open: its own buttons act, no shortcut does.
      if (leaving || showHelp || rejectingAll) {
        if (event.key === '?' && showHelp) {
          setShowHelp(false);
          event.preventDefault();
        }
        return;
      }
      if (isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      // Focus at once when the field is on screen, else once React has rendered it.
      const focus = (selector: string): void => {
        const element = document.querySelector<HTMLElement>(selector);
        if (element) element.focus();
        else window.setTimeout(() => document.querySelector<HTMLElement>(selector)?.focus(), 0);
      };
      switch (event.key) {
        case '?':
          setShowHelp((shown) => !shown);
          break;
        case 'j':
          setCurrentFiling(Math.min(filings.length - 1, currentFiling + 1));
          break;
        case 'k':
          setCurrentFiling(Math.max(0, currentFiling - 1));
          break;
        case 'a':
          if (open) setDecisions(new Map(decisions).set(filing.id, { ...(decisions.get(filing.id) ?? undecided), outcome: 'accepted' }));
          break;
        case 'A': {
          // Accept every open filing not decided yet; a rejection already chosen stays.
          if (readOnly) break;
          const next = new Map(decisions);
          for (const each of filings) if (!isRecorded(each.id) && !next.get(each.id)?.outcome) next.set(each.id, { ...(next.get(each.id) ?? undecided), outcome: 'accepted' });
          setDecisions(next);
          break;
        }
        case 'r':
          if (open) {
            setDecisions(new Map(decisions).set(filing.id, { ...(decisions.get(filing.id) ?? undecided), outcome: 'rejected' }));
            focus(`#reason-${CSS.escape(filing.id)}`);
          }
          break;
        case 'c':
          focus('#case-number');
          break;
        case 's':
          setStampPreview((shown) => !shown);
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  useEffect(() => {
    const filing = detail?.envelope.filings[currentFiling];
    if (filing) setSelected(filing.leadDocument.id);
  }, [currentFiling, detail]);

  const stampedFiling = detail?.envelope.filings.find((filing) => filing.leadDocument.id === selected && decisions.get(filing.id)?.outcome === 'accepted');
  const previewStamps = stampPreview && stampedFiling && settings && policy
    ? {
        stamps: settings.stampTemplates.filter((template) => settings.defaultStampTemplateIds.includes(template.id)).map((template) => ({
          template,
          placement: placements.get(stampedFiling.leadDocument.id)?.[template.id] ?? null,
          imageAspect: template.image ? (seal?.aspect ?? null) : null,
          imageUrl: template.image ? (seal?.url ?? null) : null,
        })),
        fields: { status: 'FILED', court: policy.courtName, datetime: courtNow().toISOString(), timeZone: policy.timeZone, clerk: clerkName, caseNumber: caseNumberForStamp(detail?.envelope.case, earlier.assignedCase, byRecordSystem, assignment.caseNumber), envelopeId, filingId: stampedFiling.id },
        onPlacementChange: (templateId: string, placement: StampPlacement) =>
          setPlacements(new Map(placements).set(stampedFiling.leadDocument.id, { ...placements.get(stampedFiling.leadDocument.id), [templateId]: placement })),
      }
    : null;
  const documents = detail?.envelope.filings.flatMap((filing) => [filing.leadDocument, ...filing.connectedDocuments]) ?? [];
  const current = documents.find((document) => document.id === selected);
  const selectedProblem = selected ? problems.get(selected) ?? null : null;
  // The filing whose document cannot be opened, when it is still to be decided here: offered a rejection for it.
  const troubledFiling = selectedProblem ? detail?.envelope.filings.find((filing) => [filing.leadDocument, ...filing.connectedDocuments].some((d) => d.id === selected) && !isRecorded(filing.id)) : undefined;
  const rejectForProblem = (): void => {
    if (!troubledFiling || !selectedProblem) return;
    const suggested = rejectionForDocumentProblem(selectedProblem, policy?.rejectionReasons ?? [], current?.title ?? current?.id ?? 'The document');
    const before = decisions.get(troubledFiling.id) ?? undecided;
    setDecisions(new Map(decisions).set(troubledFiling.id, { ...before, outcome: 'rejected', reasonCode: suggested.reasonCode, note: before.note.trim() ? before.note : suggested.note }));
    setCurrentFiling(detail?.envelope.filings.indexOf(troubledFiling) ?? currentFiling);
    setPane('review');
  };
  const openFilings = detail ? detail.envelope.filings.filter((filing) => !isRecorded(filing.id)) : [];
  const rejectAll = (reasonCode: string, note: string): void => {
    const next = new Map(decisions);
    for (const filing of openFilings) next.set(filing.id, { ...(next.get(filing.id) ?? undecided), outcome: 'rejected', reasonCode, note });
    setDecisions(next);
    setRejectingAll(false);
  };
  const noteProblem = useCallback((documentId: string, problem: DocumentProblem | null) => setProblems((before) => {
    if ((before.get(documentId) ?? null) === problem) return before;
    const next = new Map(before);
    if (problem) next.set(documentId, problem);
    else next.delete(documentId);
    return next;
  }), []);
  const stampSwitch = (
    <Button aria-pressed={stampPreview} aria-keyshortcuts="s" disabled={!detail} onClick={() => setStampPreview(!stampPreview)}>Stamp preview</Button>
  );
  return (
    <section aria-labelledby="envelope-title" className={`envelope${narrow ? ' envelope-narrow' : ''}`}>
      <div className="envelope-header">
        <Button onClick={leave}>Back to queue</Button>
        <h2 id="envelope-title">Envelope {envelopeId}</h2>
        <span role="status" data-testid="claim-state" className={`claim claim-${claim.status}`}>
          {claim.status === 'claiming' && 'Claiming…'}
          {claim.status === 'held' && `Claimed by you until ${courtTime(claim.lease.expiresAt, 'time')}`}
          {claim.status === 'read-only' && `Read-only: ${claim.reason}`}
        </span>
        <Button variant="link" onClick={() => setShowHelp(true)} aria-keyshortcuts="?">Shortcuts (?)</Button>
      </div>
      <div className="envelope-notices">
        {error && <Alert tone="error" title="This envelope cannot be shown.">{error}</Alert>}
        {detail?.cancelled && (
          <Alert tone="warning" testId="envelope-cancelled">The filer cancelled this envelope: there is nothing to review, and it has left the queue.</Alert>
        )}
        {offline && <Alert tone="info" testId="offline-copy">Working on the copy taken for offline work: decisions are saved here and sent when the EFM is back.</Alert>}
        {draft.resumed && !outcome && !finished && <Alert tone="info" testId="draft-restored">Your unsubmitted work on this envelope was kept on this workstation and is back.</Alert>}
      </div>
      {showHelp && <ShortcutsHelp onClose={() => setShowHelp(false)} />}
      {leaving && <LeaveDialog onStay={() => setLeaving(false)} onLeave={onClose} onDiscard={() => {
        draft.discard();
        onClose();
      }} />}
      {rejectingAll && <RejectEnvelopeDialog open={openFilings.length} policy={policy} username={username} onReject={rejectAll} onCancel={() => setRejectingAll(false)} />}
      {narrow && <Tabs label="Envelope panes" idPrefix="envelope" selected={pane} onSelect={setPane}
        tabs={[{ id: 'review', label: 'Filings and decisions' }, { id: 'document', label: 'Document' }]} />}
      <div className="envelope-body">
        <div className="review-pane" hidden={narrow && pane !== 'review'} id="envelope-panel-review" role={narrow ? 'tabpanel' : undefined} aria-labelledby={narrow ? 'envelope-tab-review' : undefined}>
          <div className="review-scroll" data-testid="review-scroll">
            {!detail ? <p className="hint" data-testid="envelope-loading">{error ? '' : 'Loading the envelope…'}</p> : <>
              <EnvelopeSummary detail={detail} />
              <div className="filings-heading">
                <h3>Filings</h3>
                {openFilings.length > 1 && <Button variant="link" disabled={readOnly} onClick={() => setRejectingAll(true)}>Reject the whole envelope…</Button>}
              </div>
              <FilingList envelope={detail.envelope} current={currentFiling} onCurrent={setCurrentFiling} selected={selected}
                onSelect={(documentId) => {
                  setSelected(documentId);
                  if (narrow) setPane('document');
                }}
                decisions={decisions} onDecision={(filingId, next) => setDecisions(new Map(decisions).set(filingId, next))} recorded={earlier.recorded}
                policy={policy} corrections={corrections} readOnly={readOnly} problems={problems} username={username} />
              {detail.envelope.case.isNew && (detail.assignedCase
                ? <AssignedCaseNote assigned={detail.assignedCase} policy={policy} />
                : byRecordSystem
                  ? <RecordSystemNumberNote pending={earlier.caseNumberPending} />
                  : <CaseAssignmentForm envelope={detail.envelope} draft={assignment} policy={policy} disabled={readOnly} onChange={setAssignment} />)}
              <EnvelopeHistory envelopeId={envelopeId} refreshKey={`${claim.status}-${delivery?.status ?? ''}`} />
            </>}
          </div>
          {detail && <SubmitBar problems={reviewIssues} disabled={readOnly || reviewIssues.length > 0 || !policy || !settings}
            submitting={submitting} episode={episode} left={left} outcome={outcome} delivery={delivery} onSubmit={() => void submit()} />}
        </div>
        <div className="document-pane" hidden={narrow && pane !== 'document'} id="envelope-panel-document" role={narrow ? 'tabpanel' : undefined} aria-labelledby={narrow ? 'envelope-tab-document' : undefined}>
          {stampPreview && !stampedFiling && <p className="hint" data-testid="stamp-preview-hint">Accept this filing to preview its stamps.</p>}
          {selectedProblem && (
            <Alert tone="warning" testId="document-problem" title={describeDocumentProblem(selectedProblem)}
              actions={troubledFiling && !readOnly ? <Button variant="danger" onClick={rejectForProblem}>Reject: document cannot be opened</Button> : undefined}>
              {troubledFiling && !readOnly ? 'Reject the filing and tell the filer why, or ask a supervisor.' : null}
            </Alert>
          )}
          {!error && selected && (!detail || current) && (
            <DocumentViewer envelopeId={envelopeId} documentId={selected} title={current ? (current.title ?? current.id) : 'the first document'} preview={previewStamps}
              onProblem={noteProblem} toolbarStart={stampSwitch} />
          )}
        </div>
      </div>
    </section>
  );
}
