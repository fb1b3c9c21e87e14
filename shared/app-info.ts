import { z } from 'zod';

/** Whether the app talks to the embedded demo simulator or a court's EFM. */
export const efmModeSchema = z.enum(['demo', 'real']);

/** What the app last knew about reaching the EFM. */
export const connectivitySchema = z.enum(['online', 'offline', 'unknown']);

/** One of the connectivity states. */
export type Connectivity = z.infer<typeof connectivitySchema>;

/** Which shell hosts the renderer: the Electron window or the loopback browser host. */
export const shellSchema = z.enum(['electron', 'loopback']);

/**
 * The EFM's clock against the workstation's, from the Timestamp of the EFM's last answer: `skewMs` is how far the
 * EFM is ahead (negative: behind). Over `limitMs` the clerk is told, and stamps use the EFM-corrected time.
 */
export const clockSchema = z.object({ skewMs: z.number().int(), limitMs: z.number().int().positive(), overLimit: z.boolean() });

/** One reading of the EFM's clock. */
export type Clock = z.infer<typeof clockSchema>;

/** What `app:info` returns: enough for the header bar and the About box. */
export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  efmMode: efmModeSchema,
  efmEndpoint: z.string(),
  connectivity: connectivitySchema,
  /** Null until the EFM has answered with a Timestamp. */
  clock: clockSchema.nullable(),
  shell: shellSchema,
  dataDir: z.string(),
  /** The workstation's signing key (journal, audit log, anchors): its id, and a warning when it is not sealed. */
  signingKey: z.object({ keyId: z.string(), warning: z.string().nullable() }).nullable(),
});

/** Result of `app:info`. */
export type AppInfo = z.infer<typeof appInfoSchema>;
