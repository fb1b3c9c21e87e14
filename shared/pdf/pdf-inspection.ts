import { z } from 'zod';

/** What the app concluded about a PDF before stamping it. Ordered from worst to best. */
export const pdfKinds = ['not-pdf', 'corrupt', 'encrypted', 'signed', 'form-fields', 'ok'] as const;

/** One of {@link pdfKinds}. */
export type PdfKind = (typeof pdfKinds)[number];

/** A digital signature found in the document. */
export const pdfSignatureSchema = z.object({
  field: z.string(),
  signer: z.string().nullable(),
  signedAt: z.string().nullable(),
  subFilter: z.string().nullable(),
  /** True when the signature covers every byte of the file as received (no later changes). */
  coversWholeFile: z.boolean(),
});

/** The classification shown to the clerk and printed by `clerk-review pdf inspect`. */
export const pdfInspectionSchema = z.object({
  kind: z.enum(pdfKinds),
  canStamp: z.boolean(),
  /** One sentence for the clerk: what is wrong or special about this file. */
  message: z.string(),
  /** What to do about it. */
  suggestedAction: z.string(),
  /** Rejection reason the court's list should offer when the file cannot be stamped. */
  suggestedRejection: z.enum(['encrypted-document', 'corrupt-document', 'not-a-pdf']).nullable(),
  pdfVersion: z.string().nullable(),
  pageCount: z.number().int().nonnegative(),
  encrypted: z.boolean(),
  signatures: z.array(pdfSignatureSchema),
  /** Certified with DocMDP "no changes allowed": any change, a stamp included, breaks the certification. */
  certifiedNoChanges: z.boolean(),
  formFieldCount: z.number().int().nonnegative(),
  sizeBytes: z.number().int().nonnegative(),
});

/** A classified PDF. */
export type PdfInspection = z.infer<typeof pdfInspectionSchema>;
/** A signature in a PDF. */
export type PdfSignature = z.infer<typeof pdfSignatureSchema>;

/** The clerk-facing message and action for each kind. */
export function describePdfKind(kind: PdfKind, detail: { signatures?: number; certifiedNoChanges?: boolean; reason?: string } = {}): Pick<PdfInspection, 'message' | 'suggestedAction' | 'suggestedRejection' | 'canStamp'> {
  switch (kind) {
    case 'not-pdf':
      return { canStamp: false, message: 'This file is not a PDF.', suggestedAction: 'Reject the filing: the document must be submitted as a PDF.', suggestedRejection: 'not-a-pdf' };
    case 'corrupt':
      return {
        canStamp: false,
        message: `This PDF is damaged and cannot be stamped${detail.reason ? ` (${detail.reason})` : ''}.`,
        suggestedAction: 'Reject the filing and ask the filer to resubmit an intact PDF.',
        suggestedRejection: 'corrupt-document',
      };
    case 'encrypted':
      return {
        canStamp: false,
        message: 'This PDF is encrypted or password-protected and cannot be stamped.',
        suggestedAction: 'Reject the filing and ask the filer to resubmit the document without a password or encryption.',
        suggestedRejection: 'encrypted-document',
      };
    case 'signed':
      return {
        canStamp: true,
        message: `This PDF is digitally signed (${detail.signatures ?? 1} signature${detail.signatures === 1 ? '' : 's'}). The stamp is added as an incremental update, so the signatures stay valid.`,
        suggestedAction: detail.certifiedNoChanges
          ? 'The author certified it with "no changes allowed": a stamp will show the certification as broken. Stamp only if court rules require it.'
          : 'Stamp normally.',
        suggestedRejection: null,
      };
    case 'form-fields':
      return {
        canStamp: true,
        message: 'This PDF has fillable form fields. The stamp is placed above the fields so it stays visible.',
        suggestedAction: 'Stamp normally; check the preview.',
        suggestedRejection: null,
      };
    case 'ok':
      return { canStamp: true, message: 'Ready to stamp.', suggestedAction: 'Stamp normally.', suggestedRejection: null };
  }
}
