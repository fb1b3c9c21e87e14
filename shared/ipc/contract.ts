import { z } from 'zod';
import { appInfoSchema, clockSchema, connectivitySchema } from '../app-info';
import { caseLookupSchema, caseSummarySchema } from '../domain/case-summary';
import { codeEntrySchema, courtPolicySchema } from '../domain/court-policy';
import { historyEventSchema } from '../domain/envelope-history';
import { leaseSchema, queuePageSchema, queueRequestSchema } from '../domain/review-queue';
import { sessionSchema, signInSchema } from '../domain/session';
import { connectionsPatchSchema, settingsPatchSchema, settingsSchema } from '../settings';
import type { AuditAction } from '../domain/audit';
import { courtItPassphraseSchema, courtItStatusSchema } from './court-it-schemas';
import { claimArgsSchema, documentContentSchema, envelopeArgsSchema, envelopeDetailSchema, fencedArgsSchema } from './efm-schemas';
import { idempotencyKeySchema, submitReviewArgsSchema } from './review-schemas';
import { outboxStateSchema } from '../outbox/outbox-state';
import { cmsZipReportSchema } from '../domain/cms-zip';
import { mediaImportArgsSchema, mediaImportResultSchema } from './media-schemas';
import { auditQuerySchema, auditRecordSchema, auditVerificationSchema } from '../domain/audit';
import { docketingExceptionSchema, heldClaimSchema, workloadSnapshotSchema } from '../domain/supervision';
import { connectionTestArgsSchema, connectionTestStepSchema, secretStatusSchema, setClientKeyArgsSchema } from './connection-schemas';
import { dateRangeSchema, reassignArgsSchema, reassignOutcomeSchema, resolveExceptionArgsSchema } from './supervisor-schemas';

/**
 * Who may call a channel. `public`: anyone, signed in or not. `signed-in`: a session, even idle-locked (claims renew,
 * the outbox delivers, the clerk unlocks). `case-content`: a session that is not locked (what shows or changes case
 * data). `supervisor`: an unlocked session the EFM gave the supervisor role. `court-it`: court IT, unlocked with its
 * own local passphrase (the demo EFM, before any court connection exists, needs none).
 */
export type Access = 'public' | 'signed-in' | 'case-content' | 'supervisor' | 'court-it';

/** What the dispatcher writes to the audit log for a call: never written by hand in a handler. */
export interface AuditDeclaration<A, R> {
  readonly action: AuditAction;
  /** What the call acted on. */
  readonly object: (args: A) => string;
  /** A short note on what happened (on success); a refusal records the error's message. */
  readonly detail?: (args: A, value: R) => string | null;
  /** Who, when no one is signed in yet (sign-in: the user name, if it names a user this workstation knows). */
  readonly user?: (args: A) => string;
  /** Written before the call runs (sign-out, lock: the record must exist while the session still does). */
  readonly before?: true;
}

/** What one request/response channel carries, who may call it and what it audits. */
export interface ChannelSpec {
  readonly args: z.ZodType;
  readonly result: z.ZodType;
  readonly access: Access;
  readonly audit?: AuditDeclaration<never, never>;
  /** An argument-less read every window makes before its first screen: asked as the API is built (create-api). */
  readonly boot?: true;
}

/** Declares a channel, typing its audit functions by its schemas. */
function channel<A extends z.ZodType, R extends z.ZodType>(
  spec: { args: A; result: R; access: Access; audit?: AuditDeclaration<z.output<A>, z.output<R>>; boot?: true },
) {
  return spec as { args: A; result: R; access: Access; audit?: AuditDeclaration<never, never>; boot?: true };
}

const outboxKeySchema = z.object({ idempotencyKey: idempotencyKeySchema });
const none = z.void();

/**
 * Every request/response channel between renderer and main: `domain:action` → argument and result schema, access
 * and audit. This is the only place a channel name is spelled; the preload API, the main-process dispatcher and the
 * loopback host are all derived from it.
 */
export const channels = {
  'app:info': channel({ args: none, result: appInfoSchema, access: 'public', boot: true }),
  'settings:get': channel({ args: none, result: settingsSchema, access: 'public', boot: true }),
  /** The workstation's settings (court policy: idle lock, retention, stamps); EFM connections go through `connections:set`. */
  'settings:set': channel({ args: settingsPatchSchema, result: settingsSchema, access: 'court-it', audit: { action: 'settings-change', object: (patch) => Object.keys(patch).join(', ') || 'settings' } }),
  /** Where the app sends clerks' passwords and decisions: court IT only. */
  'connections:set': channel({ args: connectionsPatchSchema, result: settingsSchema, access: 'court-it', audit: { action: 'settings-change', object: () => 'EFM connections', detail: (patch) => `active: ${patch.activeConnectionId || 'demo EFM'}; ${patch.connections.length} connection(s)` } }),
  'court-it:status': channel({ args: none, result: courtItStatusSchema, access: 'public' }),
  'court-it:unlock': channel({ args: z.object({ passphrase: z.string().min(1).max(500) }), result: courtItStatusSchema, access: 'public', audit: { action: 'court-it', object: () => 'court-IT passphrase', detail: () => 'unlocked' } }),
  'court-it:lock': channel({ args: none, result: courtItStatusSchema, access: 'public' }),
  /** Sets the passphrase the first time (when none exists), or changes it as court IT. */
  'court-it:set-passphrase': channel({ args: z.object({ passphrase: courtItPassphraseSchema }), result: courtItStatusSchema, access: 'public', audit: { action: 'court-it', object: () => 'court-IT passphrase', detail: () => 'set' } }),
  'session:sign-in': channel({ args: signInSchema, result: sessionSchema, access: 'public', audit: { action: 'sign-in', object: () => 'session', user: (args) => args.username, detail: (_args, session) => `as ${session.role}` } }),
  'session:current': channel({ args: none, result: sessionSchema.nullable(), access: 'public', boot: true }),
  'session:sign-out': channel({ args: none, result: z.null(), access: 'signed-in', audit: { action: 'sign-out', object: () => 'session', before: true } }),
  'session:lock': channel({ args: none, result: z.null(), access: 'signed-in', audit: { action: 'lock', object: () => 'session', detail: () => 'idle lock', before: true } }),
  'session:unlock': channel({ args: z.object({ password: z.string().min(1).max(500) }), result: sessionSchema, access: 'signed-in', audit: { action: 'unlock', object: () => 'session' } }),
  'policy:get': channel({ args: none, result: courtPolicySchema, access: 'signed-in' }),
  /** The filing codes a filing of this case category and type may be corrected to (the court's, once each). */
  'policy:filing-codes': channel({
    args: z.object({ caseCategory: z.string().max(200).nullable(), caseType: z.string().max(200).nullable() }),
    result: z.array(codeEntrySchema), access: 'signed-in',
  }),
  /** Asks the EFM whether it is there (the app probes while offline, to notice it coming back). */
  'efm:ping': channel({ args: none, result: z.null(), access: 'signed-in' }),
  'cases:find': channel({ args: caseLookupSchema, result: z.array(caseSummarySchema), access: 'case-content' }),
  'cases:get': channel({ args: z.object({ caseNumber: z.string().min(1).max(100) }), result: caseSummarySchema.nullable(), access: 'case-content' }),
  'queue:page': channel({ args: queueRequestSchema, result: queuePageSchema, access: 'case-content' }),
  'envelope:get': channel({ args: envelopeArgsSchema, result: envelopeDetailSchema, access: 'case-content' }),
  'envelope:history': channel({ args: envelopeArgsSchema, result: z.array(historyEventSchema), access: 'case-content' }),
  'document:get': channel({ args: envelopeArgsSchema.extend({ documentId: z.string().min(1).max(200) }), result: documentContentSchema, access: 'case-content' }),
  'claim:acquire': channel({ args: claimArgsSchema, result: leaseSchema, access: 'case-content', audit: { action: 'claim', object: (args) => args.envelopeId, detail: (_args, lease) => `token ${lease.fencingToken}` } }),
  // Renewed and released while locked too: the screens stay mounted behind the lock.
  'claim:renew': channel({ args: fencedArgsSchema, result: leaseSchema, access: 'signed-in' }),
  'claim:release': channel({ args: fencedArgsSchema, result: z.null(), access: 'signed-in', audit: { action: 'release', object: (args) => args.envelopeId } }),
  // The main process's fsynced journal: the outbox itself. The main process delivers from it; the page only records.
  'outbox:record': channel({ args: z.object({ payload: submitReviewArgsSchema, reviewer: z.string().min(1).max(200) }), result: z.null(), access: 'case-content' }),
  /** False when it was already delivered (then it stays). */
  'outbox:withdraw': channel({ args: outboxKeySchema, result: z.boolean(), access: 'signed-in' }),
  /** A delivery pass now, backing-off entries included; the state of `idempotencyKey` afterwards, if given. */
  'outbox:deliver': channel({ args: z.object({ idempotencyKey: idempotencyKeySchema.nullable() }), result: outboxStateSchema.nullable(), access: 'signed-in' }),
  'outbox:retry': channel({ args: outboxKeySchema, result: outboxStateSchema, access: 'case-content' }),
  'outbox:discard': channel({ args: outboxKeySchema.extend({ note: z.string().max(2000) }), result: outboxStateSchema, access: 'case-content', audit: { action: 'discard', object: (args) => args.idempotencyKey, detail: (args, state) => `${state.envelopeId}: ${args.note.trim()}` } }),
  /** The journal in pages (a page holds at most ~24 MB of stamped renditions), oldest first. */
  'outbox:reassign': channel({
    args: outboxKeySchema.extend({ toClerk: z.string().min(1).max(200), note: z.string().max(2000) }),
    result: z.array(outboxStateSchema),
    access: 'supervisor',
    audit: { action: 'reassign', object: (args) => args.idempotencyKey, detail: (args, moved) => `waiting decisions on ${moved.map((state) => state.envelopeId)[0] ?? '?'} (${moved.length}) to ${args.toClerk}: ${args.note.trim()}`.slice(0, 2000) },
  }),
  'outbox:journal': channel({
    args: z.object({ cursor: z.number().int().nonnegative().nullable(), limit: z.number().int().min(1).max(200) }),
    result: z.object({
      entries: z.array(z.object({ payload: submitReviewArgsSchema, reviewer: z.string(), journaledAt: z.string(), state: outboxStateSchema })),
      nextCursor: z.number().int().nonnegative().nullable(),
      problems: z.array(z.string()),
    }),
    access: 'case-content',
  }),
  'cms:export-zip': channel({ args: envelopeArgsSchema, result: z.object({ fileName: z.string(), bytes: z.instanceof(Uint8Array), documents: z.number().int() }), access: 'case-content', audit: { action: 'export', object: (args) => args.envelopeId, detail: (_args, zip) => `CMS zip ${zip.fileName}, ${zip.documents} documents` } }),
  'cms:inspect-zip': channel({ args: z.object({ fileName: z.string().max(300), bytes: z.instanceof(Uint8Array).refine((b) => b.length <= 512 * 1024 * 1024, 'The zip is larger than 512 MB') }), result: cmsZipReportSchema, access: 'case-content' }),
  'media:import': channel({ args: mediaImportArgsSchema, result: mediaImportResultSchema, access: 'case-content', audit: { action: 'media-import', object: (args) => `${args.files.length} files`, detail: (_args, result) => (result.imported ? `${result.envelopeId}: ${result.message}` : result.problems.join(' | ').slice(0, 1000)) } }),
  /** The key offline copies are sealed with in IndexedDB (AES-256-GCM), held by the main process. */
  'offline:key': channel({ args: none, result: z.instanceof(Uint8Array).refine((key) => key.length === 32), access: 'case-content' }),
  'media:deliver-waiting': channel({ args: none, result: z.object({ delivered: z.number().int(), waiting: z.number().int() }), access: 'signed-in' }),
  'connections:test': channel({ args: connectionTestArgsSchema, result: z.array(connectionTestStepSchema), access: 'court-it' }),
  'secrets:status': channel({ args: none, result: secretStatusSchema, access: 'public' }),
  'secrets:set-client-key': channel({ args: setClientKeyArgsSchema, result: secretStatusSchema, access: 'court-it', audit: { action: 'settings-change', object: (args) => `client key of ${args.connectionId}`, detail: (_args, status) => `stored (${status.backend})` } }),
  'secrets:delete-client-key': channel({ args: z.object({ connectionId: z.string().min(1).max(40) }), result: secretStatusSchema, access: 'court-it', audit: { action: 'settings-change', object: (args) => `client key of ${args.connectionId}`, detail: () => 'removed' } }),
  'supervisor:workload': channel({ args: dateRangeSchema, result: workloadSnapshotSchema, access: 'supervisor' }),
  'supervisor:reassign': channel({ args: reassignArgsSchema, result: z.array(reassignOutcomeSchema), access: 'supervisor', audit: { action: 'reassign', object: (args) => args.envelopeIds.join(' ').slice(0, 1000), detail: (args, outcomes) => `${args.toClerk ? `to ${args.toClerk}` : 'to the pool'}: ${outcomes.map((o) => `${o.envelopeId} ${o.ok ? 'moved' : o.message}`).join('; ')}`.slice(0, 2000) } }),
  'supervisor:exceptions': channel({ args: z.object({ includeHandled: z.boolean() }), result: z.array(docketingExceptionSchema), access: 'supervisor' }),
  'supervisor:resolve-exception': channel({ args: resolveExceptionArgsSchema, result: docketingExceptionSchema, access: 'supervisor', audit: { action: 'exception', object: (args) => args.exceptionId, detail: (args) => `${args.action}: ${args.note}` } }),
  'supervisor:export-statistics': channel({ args: dateRangeSchema, result: z.object({ fileName: z.string(), csv: z.string(), rows: z.number().int().nonnegative() }), access: 'supervisor', audit: { action: 'export', object: (_args) => 'review statistics', detail: (args, file) => `${file.fileName}: ${file.rows} decisions from ${args.from} to ${args.to}` } }),
  'audit:query': channel({ args: auditQuerySchema, result: z.array(auditRecordSchema), access: 'supervisor' }),
  'audit:verify': channel({ args: none, result: auditVerificationSchema, access: 'supervisor', audit: { action: 'audit-verify', object: () => 'audit log', detail: (_args, result) => (result.problem ? `record ${result.problem.seq ?? '?'} (line ${result.problem.line}): ${result.problem.reason}` : `${result.records} records intact`) } }),
} as const satisfies Record<`${string}:${string}`, ChannelSpec>;

/**
 * Every push event from main to renderer: `domain:event` → payload schema.
 */
export const events = {
  'settings:changed': settingsSchema,
  'session:changed': sessionSchema.nullable(),
  /** The EFM became unreachable, or answers again. */
  'connectivity:changed': connectivitySchema,
  /** The EFM's clock moved against the workstation's by more than a second, or crossed the court's limit. */
  'clock:changed': clockSchema,
  /** The envelopes the signed-in clerk holds now, as the EFM said a moment ago (a claim missing here was taken away). */
  'claims:held': z.array(heldClaimSchema),
  /** A journaled decision's delivery state changed (delivered, failed, retried, discarded). */
  'outbox:changed': outboxStateSchema,
} as const satisfies Record<`${string}:${string}`, z.ZodType>;

/** A request/response channel name. */
export type Channel = keyof typeof channels;
/** A push event name. */
export type EventName = keyof typeof events;
/** Arguments a handler receives after validation. */
export type ChannelArgs<C extends Channel> = z.output<(typeof channels)[C]['args']>;
/** Arguments a caller passes. */
export type ChannelInput<C extends Channel> = z.input<(typeof channels)[C]['args']>;
/** What a channel's handler returns on success. */
export type ChannelResult<C extends Channel> = z.output<(typeof channels)[C]['result']>;
/** Payload of a push event. */
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/** True when `name` is a channel of the contract (for untrusted input). */
export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(channels, name);
}

/** True when `name` is an event of the contract (for untrusted input). */
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}
