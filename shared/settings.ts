import { isKnownTimeZone } from './domain/time-zone';
import { z } from 'zod';
import { stampPresets, stampTemplateSchema } from './stamp/stamp-template';

/** Bounds of the idle lock, in minutes: courts require a lock, and more than 30 minutes is refused. */
export const idleLockBounds = { min: 1, max: 30, default: 15 } as const;

/** How long delivered decisions stay in the workstation's journal before compaction may drop them (days). */
export const journalRetentionBounds = { min: 1, max: 3650, default: 30 } as const;
/** Days an offline copy of an envelope may be kept on a workstation before it is wiped. */
export const offlineCopyBounds = { min: 1, max: 14, default: 3 } as const;

/**
 * One or more PEM certificates. Certificates are public; a private key pasted here is refused, so a key can never
 * end up in the plain settings file (keys go to the OS keychain through the secrets channel).
 */
export const certificatePemSchema = z.string().max(64 * 1024)
  .refine((pem) => !/PRIVATE KEY/.test(pem), 'This is a private key: store it as the client key, never in the settings')
  .refine((pem) => /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.test(pem), 'Paste a PEM certificate (-----BEGIN CERTIFICATE-----)');

/** A court EFM the app can work against: endpoint, court, TLS trust, the workstation's certificate, the EFM's signing certificate. */
export const efmConnectionSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'Use lower-case letters, digits and dashes'),
  name: z.string().trim().min(1, 'Name the connection').max(100),
  /** HTTPS endpoint of the court's EFM clerk-review service. */
  endpoint: z.url({ protocol: /^https$/, error: 'The EFM endpoint must be an https:// URL' }),
  courtId: z.string().max(100),
  /** Suggested user name at sign-in. */
  username: z.string().max(200),
  /** CA certificate(s) that issued the EFM's TLS certificate, when it is not publicly trusted. */
  tlsCaPem: certificatePemSchema.nullable(),
  /** The workstation's certificate (TLS client authentication and WS-Security signatures); its key is a secret. */
  clientCertPem: certificatePemSchema.nullable(),
  /** The EFM's signing certificate: answers not signed by it are refused. */
  pinnedEfmCertPem: certificatePemSchema.nullable(),
});

/** A configured EFM connection. */
export type EfmConnection = z.infer<typeof efmConnectionSchema>;

/** Settings a clerk or court IT can change; secrets never live here (they go to the OS keychain). */
export const settingsSchema = z.object({
  connections: z.array(efmConnectionSchema).max(20)
    .refine((list) => new Set(list.map((c) => c.id)).size === list.length, 'Connection ids must be unique'),
  /** The connection in use; empty for demo mode on the embedded simulator. */
  activeConnectionId: z.string().max(40),
  /** IANA time zone of the court, used for stamps and the queue's times. */
  courtTimeZone: z.string().min(1).max(64).refine(isKnownTimeZone, 'Unknown time zone'),
  idleLockMinutes: z.number().int().min(idleLockBounds.min).max(idleLockBounds.max),
  /** Days a delivered decision stays in this workstation's journal (the court's retention). */
  journalRetentionDays: z.number().int().min(journalRetentionBounds.min).max(journalRetentionBounds.max),
  /** Days an offline copy may be kept before it is wiped (the court's rule for case data on workstations). */
  offlineCopyDays: z.number().int().min(offlineCopyBounds.min).max(offlineCopyBounds.max).default(offlineCopyBounds.default),
  /** Name printed on stamps and in the audit log when the EFM does not provide one. */
  workstationName: z.string().max(100),
  /** The court's stamp templates (a fresh install has the presets); ids are unique. */
  stampTemplates: z
    .array(stampTemplateSchema)
    .min(1)
    .max(50)
    .refine((templates) => new Set(templates.map((t) => t.id)).size === templates.length, 'Stamp template ids must be unique'),
  /** Templates applied to accepted documents by default, in drawing order. */
  defaultStampTemplateIds: z.array(z.string()).max(10),
  /**
   * After Submit, open the next envelope of the clerk's queue view instead of staying on the one just done. Off on a
   * fresh install: a clerk new to the desk sees the outcome and the history of each Submit; courts turn it on.
   */
  autoAdvance: z.boolean().default(false),
}).refine((settings) => settings.activeConnectionId === '' || settings.connections.some((c) => c.id === settings.activeConnectionId), { message: 'The active connection does not exist', path: ['activeConnectionId'] });

/** The whole settings document. */
export type Settings = z.infer<typeof settingsSchema>;

/** A partial update: each field given replaces the current one. */
export const settingsPatchSchema = z.object({
  courtTimeZone: settingsSchema.shape.courtTimeZone.optional(),
  idleLockMinutes: settingsSchema.shape.idleLockMinutes.optional(),
  journalRetentionDays: settingsSchema.shape.journalRetentionDays.optional(),
  offlineCopyDays: z.number().int().min(offlineCopyBounds.min).max(offlineCopyBounds.max).optional(),
  workstationName: settingsSchema.shape.workstationName.optional(),
  stampTemplates: settingsSchema.shape.stampTemplates.optional(),
  defaultStampTemplateIds: settingsSchema.shape.defaultStampTemplateIds.optional(),
  autoAdvance: z.boolean().optional(),
});

/** `connections:set`: the EFM connections and which one is in use (empty: the demo EFM). Court IT only. */
export const connectionsPatchSchema = z.object({
  connections: settingsSchema.shape.connections,
  activeConnectionId: settingsSchema.shape.activeConnectionId,
});

/** The EFM connections as court IT sets them. */
export type ConnectionsPatch = z.infer<typeof connectionsPatchSchema>;

/** A partial update of {@link Settings}. */
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** Settings of a fresh install: demo mode, 15-minute idle lock. */
export const defaultSettings: Settings = {
  connections: [],
  activeConnectionId: '',
  courtTimeZone: 'America/Chicago',
  idleLockMinutes: idleLockBounds.default,
  journalRetentionDays: journalRetentionBounds.default,
  offlineCopyDays: offlineCopyBounds.default,
  workstationName: '',
  stampTemplates: [...stampPresets],
  defaultStampTemplateIds: ['filed', 'page-footer'],
  autoAdvance: false,
};

/** Applies a patch; the caller validates the result against {@link settingsSchema}. */
export function mergeSettings(current: Settings, patch: Partial<Settings>): Settings {
  return { ...current, ...stripUndefined(patch) };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The connection in use, or null in demo mode. */
export function activeConnection(settings: Settings): EfmConnection | null {
  return settings.connections.find((connection) => connection.id === settings.activeConnectionId) ?? null;
}

/** True when the settings point at a real EFM rather than the embedded demo simulator. */
export function isRealEfmConfigured(settings: Settings): boolean {
  return activeConnection(settings) !== null;
}

/** True when `zone` is an IANA time zone this runtime knows (defined with the court's clock). */
export { isKnownTimeZone };
