import { z } from 'zod';

/** One check of "test connection". */
export const connectionTestStepSchema = z.object({ name: z.string(), ok: z.boolean(), detail: z.string() });

/** A connection check step. */
export type ConnectionTestStep = z.infer<typeof connectionTestStepSchema>;

/** `connections:test` arguments: the password is optional and only used for this call. */
export const connectionTestArgsSchema = z.object({
  connectionId: z.string().min(1).max(40),
  username: z.string().max(200).optional(),
  password: z.string().max(500).optional(),
});

/** How secrets are kept on this workstation, and which are stored (names only). */
export const secretStatusSchema = z.object({
  backend: z.enum(['keychain', 'basic-text', 'memory', 'unavailable']),
  warning: z.string().nullable(),
  names: z.array(z.string()),
});

/** `secrets:set-client-key`: a PEM private key for a connection's workstation certificate. */
export const setClientKeyArgsSchema = z.object({
  connectionId: z.string().min(1).max(40),
  keyPem: z.string().max(64 * 1024).refine((pem) => /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem), 'Paste a PEM private key (-----BEGIN PRIVATE KEY-----)'),
});
