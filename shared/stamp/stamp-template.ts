import { z } from 'zod';

/** Where a stamp sits on the page as the reader sees it (after the page's /Rotate). */
export const stampAnchors = ['top-left', 'top-center', 'top-right', 'center-left', 'center', 'center-right', 'bottom-left', 'bottom-center', 'bottom-right'] as const;

/** The standard PDF fonts a stamp can use (always available, never embedded). */
export const stampFonts = ['Helvetica', 'Helvetica-Bold', 'Times-Roman', 'Times-Bold', 'Courier', 'Courier-Bold'] as const;

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #b22222');

/** One line of stamp text, with `{field}` placeholders. */
export const stampLineSchema = z.object({
  text: z.string().max(200),
  size: z.number().min(4).max(72).optional(),
  font: z.enum(stampFonts).optional(),
});

/** Which pages get the stamp. Page numbers are 1-based. */
export const stampPagesSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('first') }),
  z.object({ kind: z.literal('last') }),
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('list'), pages: z.array(z.number().int().min(1)).min(1).max(10_000) }),
]);

/** An image drawn at the stamp's left: the court seal from the app's assets, or a PNG the user chose. */
export const stampImageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('court-seal'), width: z.number().min(8).max(200) }),
  z.object({ kind: z.literal('custom'), width: z.number().min(8).max(200), pngBase64: z.string().max(2_000_000) }),
]);

/** A stamp template: text lines with fields, style, box, optional image, anchor, pages, opacity. */
export const stampTemplateSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(100),
  lines: z.array(stampLineSchema).min(1).max(12),
  font: z.enum(stampFonts),
  fontSize: z.number().min(4).max(72),
  lineGap: z.number().min(0).max(24),
  color: hexColor,
  border: z.object({ width: z.number().min(0.25).max(10), color: hexColor }).nullable(),
  background: hexColor.nullable(),
  padding: z.number().min(0).max(48),
  image: stampImageSchema.nullable(),
  anchor: z.enum(stampAnchors),
  /** Distance in points from the anchored edge(s), inward. */
  offsetX: z.number().min(-2000).max(2000),
  offsetY: z.number().min(-2000).max(2000),
  pages: stampPagesSchema,
  opacity: z.number().min(0.1).max(1),
  /** Date/time pattern for `{datetime}`: yyyy MM dd HH hh mm ss a zzz. */
  dateFormat: z.string().min(1).max(64),
});

/** A stamp template. */
export type StampTemplate = z.infer<typeof stampTemplateSchema>;
/** One of {@link stampAnchors}. */
export type StampAnchor = (typeof stampAnchors)[number];
/** One of {@link stampFonts}. */
export type StampFont = (typeof stampFonts)[number];

const base = {
  font: 'Helvetica',
  fontSize: 9,
  lineGap: 2,
  color: '#1f3a93',
  border: { width: 1.5, color: '#1f3a93' },
  background: '#ffffff',
  padding: 6,
  image: null,
  opacity: 1,
  dateFormat: 'MM/dd/yyyy hh:mm a zzz',
} as const satisfies Partial<StampTemplate>;

/** The templates a fresh install offers; courts copy and adjust them in Settings. */
export const stampPresets: readonly StampTemplate[] = [
  {
    ...base,
    id: 'filed',
    name: 'Filed',
    color: '#9b1c1c',
    border: { width: 1.5, color: '#9b1c1c' },
    lines: [
      { text: '{status}', size: 14, font: 'Helvetica-Bold' },
      { text: '{court}' },
      { text: '{datetime}' },
      { text: 'Case {caseNumber}' },
      { text: 'Clerk: {clerk}' },
      { text: 'Envelope {envelopeId}', size: 7 },
    ],
    anchor: 'top-right',
    offsetX: 24,
    offsetY: 24,
    pages: { kind: 'first' },
  },
  {
    ...base,
    id: 'received',
    name: 'Received',
    lines: [{ text: 'RECEIVED', size: 13, font: 'Helvetica-Bold' }, { text: '{court}' }, { text: '{datetime}' }, { text: 'By {clerk}' }],
    anchor: 'top-right',
    offsetX: 24,
    offsetY: 24,
    pages: { kind: 'first' },
  },
  {
    ...base,
    id: 'certified-copy',
    name: 'Certified copy',
    color: '#14532d',
    border: { width: 1.5, color: '#14532d' },
    image: { kind: 'court-seal', width: 44 },
    lines: [
      { text: 'CERTIFIED COPY', size: 12, font: 'Helvetica-Bold' },
      { text: 'A true and correct copy of the original on file' },
      { text: '{court}' },
      { text: '{datetime} — {clerk}' },
    ],
    anchor: 'bottom-right',
    offsetX: 24,
    offsetY: 48,
    pages: { kind: 'first' },
  },
  {
    ...base,
    id: 'page-footer',
    name: 'Page footer',
    color: '#333333',
    border: null,
    background: null,
    padding: 2,
    lines: [{ text: 'Page {page} of {pages} — {caseNumber}', size: 8 }],
    anchor: 'bottom-center',
    offsetX: 0,
    offsetY: 14,
    pages: { kind: 'all' },
  },
];

/** Finds a preset by id. */
export function stampPreset(id: string): StampTemplate | undefined {
  return stampPresets.find((preset) => preset.id === id);
}

/** The 1-based page numbers a template applies to in a document of `pageCount` pages. */
export function stampPageNumbers(pages: StampTemplate['pages'], pageCount: number): number[] {
  switch (pages.kind) {
    case 'first':
      return pageCount > 0 ? [1] : [];
    case 'last':
      return pageCount > 0 ? [pageCount] : [];
    case 'all':
      return Array.from({ length: pageCount }, (_, i) => i + 1);
    case 'list':
      return [...new Set(pages.pages)].filter((page) => page <= pageCount).sort((a, b) => a - b);
  }
}
