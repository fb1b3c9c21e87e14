import { z } from 'zod';

/** Where a document rendition's bytes are: an MTOM part, embedded base64 (deprecated in ECF 5), a URL, or nowhere. */
export const attachmentRefSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cid'), contentId: z.string() }),
  z.object({ kind: z.literal('inline'), base64Length: z.number().int().nonnegative() }),
  z.object({ kind: z.literal('uri'), uri: z.string() }),
  z.object({ kind: z.literal('none') }),
]);

/** One binary form of a document (original, redacted, file-stamped). */
export const renditionSchema = z.object({
  id: z.string().nullable(),
  description: z.string().nullable(),
  /** MIME type or the court's format code. */
  format: z.string().nullable(),
  sizeBytes: z.number().int().nonnegative().nullable(),
  sha256: z.string().nullable(),
  attachment: attachmentRefSchema,
});

/** A lead or connected document of a filing. */
export const filingDocumentSchema = z.object({
  /** `structures:id` in the message, or the document identifier. */
  id: z.string(),
  role: z.enum(['lead', 'connected']),
  title: z.string().nullable(),
  description: z.string().nullable(),
  /** Document type / category as the filer gave it. */
  documentType: z.string().nullable(),
  filingCode: z.string().nullable(),
  sequence: z.string().nullable(),
  /** For connected documents: how they relate to the lead (`parent`, `prior-related`, …). */
  relation: z.string().nullable(),
  /** The filer's sensitivity marking (`nc:Metadata/nc:SensitivityText`: SEALED, confidential, private…), if any. */
  sensitivity: z.string().nullable().optional(),
  renditions: z.array(renditionSchema),
});

/** A filing: one future docket entry, decided on its own. */
export const filingSchema = z.object({
  id: z.string(),
  filingCode: z.string().nullable(),
  description: z.string().nullable(),
  leadDocument: filingDocumentSchema,
  connectedDocuments: z.array(filingDocumentSchema),
});

/** A party to the case. */
export const partySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['person', 'organization']),
  role: z.string().nullable(),
  selfRepresented: z.boolean(),
});

/** An attorney (case official) and the parties they represent. */
export const attorneySchema = z.object({
  id: z.string(),
  name: z.string(),
  barNumber: z.string().nullable(),
  represents: z.array(z.string()),
});

/** The case an envelope pertains to: a new case to be opened, or an existing one. */
export const envelopeCaseSchema = z.object({
  isNew: z.boolean(),
  number: z.string().nullable(),
  trackingId: z.string().nullable(),
  title: z.string().nullable(),
  category: z.string().nullable(),
  type: z.string().nullable(),
  /** Case-type augmentations present (civil, criminal, …). */
  augmentations: z.array(z.string()),
});

/** A service contact the filing must be served on. */
export const serviceContactSchema = z.object({ recipientId: z.string(), location: z.string().nullable(), profile: z.string().nullable() });

/** What the filer submitted, as the clerk reviews it. */
export const envelopeSchema = z.object({
  /** The message id (`nc:DocumentIdentification` of the FilingMessage). */
  id: z.string(),
  courtId: z.string().nullable(),
  courtName: z.string().nullable(),
  submittedAt: z.string().nullable(),
  filer: z.string().nullable(),
  sendingMde: z.string().nullable(),
  case: envelopeCaseSchema,
  parties: z.array(partySchema),
  attorneys: z.array(attorneySchema),
  filings: z.array(filingSchema),
  serviceContacts: z.array(serviceContactSchema),
});

/** An envelope. */
export type Envelope = z.infer<typeof envelopeSchema>;
/** A filing. */
export type Filing = z.infer<typeof filingSchema>;
/** A lead or connected document. */
export type FilingDocument = z.infer<typeof filingDocumentSchema>;
/** A rendition. */
export type Rendition = z.infer<typeof renditionSchema>;
/** A party. */
export type Party = z.infer<typeof partySchema>;
/** An attorney. */
export type Attorney = z.infer<typeof attorneySchema>;

/** Sensitivity markings under which a document is sealed or confidential (compared without case). */
export const confidentialSensitivities: readonly string[] = ['sealed', 'confidential', 'private', 'restricted'];

/**
 * True when any document of the envelope is marked sealed or confidential: such an envelope is never kept on a
 * workstation for offline work.
 */
export function hasConfidentialDocuments(envelope: Envelope): boolean {
  return envelope.filings.some((filing) => [filing.leadDocument, ...filing.connectedDocuments]
    .some((document) => confidentialSensitivities.includes((document.sensitivity ?? '').trim().toLowerCase())));
}
