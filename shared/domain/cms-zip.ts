import { z } from 'zod';

/** One document found in a CMS zip. */
export const cmsZipDocumentSchema = z.object({
  path: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  sha256: z.string(),
  /** The RecordDocketing declares this hash for a (stamped) rendition. */
  hashDeclared: z.boolean(),
});

/** What inspecting a CMS zip found: the docketing message's key facts, the documents per filing, and any problem. */
export const cmsZipReportSchema = z.object({
  fileName: z.string(),
  envelopeId: z.string().nullable(),
  caseNumber: z.string().nullable(),
  filings: z.array(z.object({ filingId: z.string(), description: z.string().nullable(), documents: z.array(cmsZipDocumentSchema) })),
  problems: z.array(z.string()),
});

/** A CMS zip inspection report. */
export type CmsZipReport = z.infer<typeof cmsZipReportSchema>;
