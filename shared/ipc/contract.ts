import { z } from 'zod';
import { appInfoSchema, connectivitySchema } from '../app-info';
import { caseLookupSchema, caseSummarySchema } from '../domain/case-summary';
import { courtPolicySchema } from '../domain/court-policy';
import { historyEventSchema } from '../domain/envelope-history';
import { leaseSchema, queuePageSchema, queueRequestSchema } from '../domain/review-queue';
import { sessionSchema, signInSchema } from '../domain/session';
import { settingsPatchSchema, settingsSchema } from '../settings';
import { claimArgsSchema, documentContentSchema, envelopeArgsSchema, envelopeDetailSchema, fencedArgsSchema } from './efm-schemas';
import { idempotencyKeySchema, submitReviewArgsSchema } from './review-schemas';
import { outboxStateSchema } from '../outbox/outbox-state';
import { cmsZipReportSchema } from '../domain/cms-zip';
import { mediaImportArgsSchema, mediaImportResultSchema } from './media-schemas';
import { auditQuerySchema, auditRecordSchema, auditVerificationSchema } from '../domain/audit';
import { docketingExceptionSchema, workloadSnapshotSchema } from '../domain/supervision';
import { connectionTestArgsSchema, connectionTestStepSchema, secretStatusSchema, setClientKeyArgsSchema } from './connection-schemas';
import { dateRangeSchema, reassignArgsSchema, reassignOutcomeSchema, resolveExceptionArgsSchema } from './supervisor-schemas';

const outboxKeySchema = z.object({ idempotencyKey: idempotencyKeySchema });

/** What one request/response channel carries. */
export interface ChannelSpec {
  readonly args: z.ZodType;
  readonly result: z.ZodType;
}

/**
 * Every request/response channel between renderer and main: `domain:action` → argument and result schema.
 * This is the only place a channel name is spelled; the preload API, the main-process handlers and the
 * loopback host are all derived from it.
 */
export const channels = {
  'app:info': { args: z.void(), result: appInfoSchema },
  'settings:get': { args: z.void(), result: settingsSchema },
  'settings:set': { args: settingsPatchSchema, result: settingsSchema },
  'session:sign-in': { args: signInSchema, result: sessionSchema },
  'session:current': { args: z.void(), result: sessionSchema.nullable() },
  'session:sign-out': { args: z.void(), result: z.null() },
  'session:lock': { args: z.void(), result: z.null() },
  'session:unlock': { args: z.object({ password: z.string().min(1).max(500) }), result: sessionSchema },
  'policy:get': { args: z.void(), result: courtPolicySchema },
  /** Asks the EFM whether it is there (the app probes while offline, to notice it coming back). */
  'efm:ping': { args: z.void(), result: z.null() },
  'cases:find': { args: caseLookupSchema, result: z.array(caseSummarySchema) },
  'cases:get': { args: z.object({ caseNumber: z.string().min(1).max(100) }), result: caseSummarySchema.nullable() },
  'queue:page': { args: queueRequestSchema, result: queuePageSchema },
  'envelope:get': { args: envelopeArgsSchema, result: envelopeDetailSchema },
  'envelope:history': { args: envelopeArgsSchema, result: z.array(historyEventSchema) },
  'document:get': { args: envelopeArgsSchema.extend({ documentId: z.string().min(1).max(200) }), result: documentContentSchema },
  'claim:acquire': { args: claimArgsSchema, result: leaseSchema },
  'claim:renew': { args: fencedArgsSchema, result: leaseSchema },
  'claim:release': { args: fencedArgsSchema, result: z.null() },
  // The main process's fsynced journal: the outbox itself. The main process delivers from it; the page only records.
  'outbox:record': { args: z.object({ payload: submitReviewArgsSchema, reviewer: z.string().min(1).max(200) }), result: z.null() },
  /** False when it was already delivered (then it stays). */
  'outbox:withdraw': { args: outboxKeySchema, result: z.boolean() },
  /** A delivery pass now, backing-off entries included; the state of `idempotencyKey` afterwards, if given. */
  'outbox:deliver': { args: z.object({ idempotencyKey: idempotencyKeySchema.nullable() }), result: outboxStateSchema.nullable() },
  'outbox:retry': { args: outboxKeySchema, result: outboxStateSchema },
  'outbox:discard': { args: outboxKeySchema.extend({ note: z.string().max(2000) }), result: outboxStateSchema },
  'cms:export-zip': { args: z.object({ payload: submitReviewArgsSchema }), result: z.object({ fileName: z.string(), bytes: z.instanceof(Uint8Array), documents: z.number().int() }) },
  'cms:inspect-zip': { args: z.object({ fileName: z.string().max(300), bytes: z.instanceof(Uint8Array).refine((b) => b.length <= 512 * 1024 * 1024, 'The zip is larger than 512 MB') }), result: cmsZipReportSchema },
  'media:import': { args: mediaImportArgsSchema, result: mediaImportResultSchema },
  'media:deliver-waiting': { args: z.void(), result: z.object({ delivered: z.number().int(), waiting: z.number().int() }) },
  /** The journal in pages (a page holds at most ~24 MB of stamped renditions), oldest first. */
  'outbox:journal': {
    args: z.object({ cursor: z.number().int().nonnegative().nullable(), limit: z.number().int().min(1).max(200) }),
    result: z.object({
      entries: z.array(z.object({ payload: submitReviewArgsSchema, reviewer: z.string(), journaledAt: z.string(), state: outboxStateSchema })),
      nextCursor: z.number().int().nonnegative().nullable(),
      problems: z.array(z.string()),
    }),
  },
  'connections:test': { args: connectionTestArgsSchema, result: z.array(connectionTestStepSchema) },
  'secrets:status': { args: z.void(), result: secretStatusSchema },
  'secrets:set-client-key': { args: setClientKeyArgsSchema, result: secretStatusSchema },
  'secrets:delete-client-key': { args: z.object({ connectionId: z.string().min(1).max(40) }), result: secretStatusSchema },
  // Supervisors only: refused by the main process for clerks, whatever the renderer shows.
  'supervisor:workload': { args: dateRangeSchema, result: workloadSnapshotSchema },
  'supervisor:reassign': { args: reassignArgsSchema, result: z.array(reassignOutcomeSchema) },
  'supervisor:exceptions': { args: z.object({ includeHandled: z.boolean() }), result: z.array(docketingExceptionSchema) },
  'supervisor:resolve-exception': { args: resolveExceptionArgsSchema, result: docketingExceptionSchema },
  'supervisor:export-statistics': { args: dateRangeSchema, result: z.object({ fileName: z.string(), csv: z.string(), rows: z.number().int().nonnegative() }) },
  'audit:query': { args: auditQuerySchema, result: z.array(auditRecordSchema) },
  'audit:verify': { args: z.void(), result: auditVerificationSchema },
} as const satisfies Record<`${string}:${string}`, ChannelSpec>;

/**
 * Every push event from main to renderer: `domain:event` → payload schema.
 */
export const events = {
  'settings:changed': settingsSchema,
  'session:changed': sessionSchema.nullable(),
  /** The EFM became unreachable, or answers again. */
  'connectivity:changed': connectivitySchema,
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
