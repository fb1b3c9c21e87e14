import { z } from 'zod';
import { stampFieldValuesSchema } from './stamp-text';
import { stampTemplateSchema } from './stamp-template';

/**
 * What the clerk's stamp on a document will say once the court's record system has numbered the new case (CMS
 * case assignment, seed 000): the templates, where the clerk placed them, and every field but the case number. The
 * desktop sends it instead of a stamped rendition; the service stamps with the same engine when the number comes.
 */
export const deferredStampSchema = z.object({
  documentId: z.string().min(1).max(200),
  filingId: z.string().min(1).max(200),
  jobs: z.array(z.object({
    template: stampTemplateSchema,
    placement: z.object({ x: z.number().finite(), y: z.number().finite() }).nullable(),
  })).min(1).max(10),
  fields: stampFieldValuesSchema.omit({ caseNumber: true }),
});

/** A stamp owed until the record system numbers the case. */
export type DeferredStamp = z.infer<typeof deferredStampSchema>;

/**
 * What `{caseNumber}` shows on the preview while the court's record system has not numbered the case: the clerk sees
 * where the number will go, and that it is not theirs to type.
 */
export const recordSystemCaseNumberPlaceholder = '(number from the court record system)';
