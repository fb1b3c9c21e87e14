import { z } from 'zod';

/** The synchronous answer of every ECF operation (`cbrn:MessageStatus`). Error code 0 is success. */
export const messageStatusSchema = z.object({
  ok: z.boolean(),
  statusCode: z.string().nullable(),
  /** 0 success; 1–99 reserved by ECF; 100 and above court-specific. */
  errorCode: z.string(),
  errorText: z.string().nullable(),
  errorNode: z.string().nullable(),
  resendRequested: z.boolean(),
});

/** A message status. */
export type MessageStatus = z.infer<typeof messageStatusSchema>;

/** What the filer paid, summarised for the clerk: never card numbers or security codes. */
export const paymentSummarySchema = z.object({
  totalAmount: z.number().nullable(),
  currency: z.string().nullable(),
  charges: z.array(z.object({ reason: z.string().nullable(), amount: z.number().nullable() })),
  method: z.string().nullable(),
  cardType: z.string().nullable(),
  /** Last four digits only. */
  cardLast4: z.string().nullable(),
  payerName: z.string().nullable(),
  feeExceptionReason: z.string().nullable(),
});

/** A payment summary. */
export type PaymentSummary = z.infer<typeof paymentSummarySchema>;

/** The CMS's answer about one docketed document (NotifyDocketingComplete). */
export const docketedDocumentSchema = z.object({
  documentId: z.string().nullable(),
  /** The document's own identifier (nc:DocumentIdentification), the court's filing id for a lead document. */
  identificationId: z.string().nullable(),
  reviewStatus: z.string().nullable(),
  docketingStatus: z.string().nullable(),
  docketingDetail: z.string().nullable(),
  docketId: z.string().nullable(),
  fileControlId: z.string().nullable(),
  sha256: z.string().nullable(),
});

/** The CMS's docketing result for a filing or an envelope. */
export const docketingResultSchema = z.object({
  messageId: z.string().nullable(),
  /** The id of the RecordDocketing message this answers (the identification whose source is FilingReview). */
  requestMessageId: z.string().nullable(),
  filingStatus: z.string().nullable(),
  /** successful / unsuccessful / not applicable (FilingDocketingStatusCode). */
  filingDocketingStatus: z.string().nullable(),
  documents: z.array(docketedDocumentSchema),
});

/** A docketing result. */
export type DocketingResult = z.infer<typeof docketingResultSchema>;
