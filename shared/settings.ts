import { z } from 'zod';
import { stampPresets, stampTemplateSchema } from './stamp/stamp-template';

/** Bounds of the idle lock, in minutes: courts require a lock, and more than 30 minutes is refused. */
export const idleLockBounds = { min: 1, max: 30, default: 15 } as const;

/** Where the app finds its EFM. No endpoint means demo mode on the embedded simulator. */
export const efmConnectionSchema = z.object({
  /** HTTPS endpoint of the court's EFM; empty for demo mode. */
  endpoint: z.union([z.literal(''), z.url({ protocol: /^https$/, error: 'The EFM endpoint must be an https:// URL' })]),
  courtId: z.string().max(100),
  username: z.string().max(200),
});

/** Settings a clerk or court IT can change; secrets never live here (they go to the OS keychain). */
export const settingsSchema = z.object({
  efm: efmConnectionSchema,
  /** IANA time zone of the court, used for stamps and the queue's times. */
  courtTimeZone: z.string().min(1).max(64).refine(isKnownTimeZone, 'Unknown time zone'),
  idleLockMinutes: z.number().int().min(idleLockBounds.min).max(idleLockBounds.max),
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
});

/** The whole settings document. */
export type Settings = z.infer<typeof settingsSchema>;

/** A partial update; nested objects are merged one level deep. */
export const settingsPatchSchema = z.object({
  efm: efmConnectionSchema.partial().optional(),
  courtTimeZone: settingsSchema.shape.courtTimeZone.optional(),
  idleLockMinutes: settingsSchema.shape.idleLockMinutes.optional(),
  workstationName: settingsSchema.shape.workstationName.optional(),
  stampTemplates: settingsSchema.shape.stampTemplates.optional(),
  defaultStampTemplateIds: settingsSchema.shape.defaultStampTemplateIds.optional(),
});

/** A partial update of {@link Settings}. */
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** Settings of a fresh install: demo mode, 15-minute idle lock. */
export const defaultSettings: Settings = {
  efm: { endpoint: '', courtId: '', username: '' },
  courtTimeZone: 'America/Chicago',
  idleLockMinutes: idleLockBounds.default,
  workstationName: '',
  stampTemplates: [...stampPresets],
  defaultStampTemplateIds: ['filed', 'page-footer'],
};

/** Applies a patch; the caller validates the result against {@link settingsSchema}. */
export function mergeSettings(current: Settings, patch: SettingsPatch): Settings {
  return {
    ...current,
    ...stripUndefined(patch),
    efm: { ...current.efm, ...stripUndefined(patch.efm ?? {}) },
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** True when the settings point at a real EFM rather than the embedded demo simulator. */
export function isRealEfmConfigured(settings: Settings): boolean {
  return settings.efm.endpoint !== '';
}

/** True when `zone` is an IANA time zone this runtime knows. */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
