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
  /** The covered bytes' digest against the one signed (`unknown`: a form this app cannot check). */
  digest: z.enum(['match', 'mismatch', 'unknown']),
  /** The signature over the signed attributes against the signer certificate's key (trust is not judged). */
  signatureCheck: z.enum(['valid', 'invalid', 'unchecked']),
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
  /** The cross-reference table was damaged: the stamped copy is written whole, with a repaired table. */
  repairedCrossReference: z.boolean(),
});

/** A classified PDF. */
export type PdfInspection = z.infer<typeof pdfInspectionSchema>;
/** A signature in a PDF. */
export type PdfSignature = z.infer<typeof pdfSignatureSchema>;

/** The clerk-facing message and action for each kind. */
export function describePdfKind(kind: PdfKind, detail: PdfKindDetail = {}): Pick<PdfInspection, 'message' | 'suggestedAction' | 'suggestedRejection' | 'canStamp'> {
  const described = describeKind(kind, detail);
  if (!detail.repairedCrossReference || !described.canStamp) return described;
  return { ...described, message: `${described.message} Its cross-reference table is damaged: the stamped copy is written whole with a repaired one, so every reader shows the stamp.` };
}

/** What the description of a kind depends on. */
export interface PdfKindDetail {
  readonly signatures?: number;
  /** Signatures whose digest or signature no longer matches the document. */
  readonly brokenSignatures?: number;
  readonly certifiedNoChanges?: boolean;
  readonly repairedCrossReference?: boolean;
  readonly reason?: string;
}

function describeKind(kind: PdfKind, detail: PdfKindDetail): Pick<PdfInspection, 'message' | 'suggestedAction' | 'suggestedRejection' | 'canStamp'> {
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
    case 'signed': {
      const count = `${detail.signatures ?? 1} signature${detail.signatures === 1 ? '' : 's'}`;
      if (detail.brokenSignatures) {
        return {
          canStamp: true,
          message: `This PDF is digitally signed (${count}), but ${detail.brokenSignatures === 1 ? 'a signature no longer matches' : `${detail.brokenSignatures} signatures no longer match`} the document: it was changed after it was signed.`,
          suggestedAction: 'Do not rely on the signature. Ask the filer for the document as signed, or reject it if court rules require a valid signature.',
          suggestedRejection: null,
        };
      }
      if (detail.certifiedNoChanges) {
        return {
          canStamp: true,
          message: `This PDF is certified by its author with "no changes allowed" (${count}): any stamp will show the certification as broken.`,
          suggestedAction: 'Stamp only if court rules require it; otherwise accept it without a stamp on the document.',
          suggestedRejection: null,
        };
      }
      return {
        canStamp: true,
        message: `This PDF is digitally signed (${count}); the signatures match the document. The stamp is added as an incremental update, so they stay valid.`,
        suggestedAction: 'Stamp normally.',
        suggestedRejection: null,
      };
    }
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
