import { z } from 'zod';

/** `media:import`: the files of a drive or folder, with paths from its root. */
export const mediaImportArgsSchema = z.object({
  files: z.array(z.object({ path: z.string().min(1).max(1000), bytes: z.instanceof(Uint8Array) })).min(1).max(500),
});

/** What importing a medium came to: imported (delivered to the EFM or kept until it answers), or refused with every problem. */
export const mediaImportResultSchema = z.discriminatedUnion('imported', [
  z.object({ imported: z.literal(false), problems: z.array(z.string()), warnings: z.array(z.string()) }),
  z.object({
    imported: z.literal(true),
    envelopeId: z.string(),
    filings: z.number().int(),
    delivered: z.boolean(),
    message: z.string(),
    warnings: z.array(z.string()),
    receipt: z.object({ fileName: z.string(), bytes: z.instanceof(Uint8Array) }),
  }),
]);

/** A media import result. */
export type MediaImportResult = z.infer<typeof mediaImportResultSchema>;
