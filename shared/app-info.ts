import { z } from 'zod';

/** Whether the app talks to the embedded demo simulator or a court's EFM. */
export const efmModeSchema = z.enum(['demo', 'real']);

/** What the app last knew about reaching the EFM. */
export const connectivitySchema = z.enum(['online', 'offline', 'unknown']);

/** One of the connectivity states. */
export type Connectivity = z.infer<typeof connectivitySchema>;

/** Which shell hosts the renderer: the Electron window or the loopback browser host. */
export const shellSchema = z.enum(['electron', 'loopback']);

/** What `app:info` returns: enough for the header bar and the About box. */
export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  efmMode: efmModeSchema,
  efmEndpoint: z.string(),
  connectivity: connectivitySchema,
  shell: shellSchema,
  dataDir: z.string(),
  /** The workstation's signing key (journal, audit log, anchors): its id, and a warning when it is not sealed. */
  signingKey: z.object({ keyId: z.string(), warning: z.string().nullable() }).nullable(),
});

/** Result of `app:info`. */
export type AppInfo = z.infer<typeof appInfoSchema>;
