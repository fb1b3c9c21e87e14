import type { CodeEntry } from './court-policy';

/** Why a filed document cannot be opened or stamped (the same words the PDF inspection uses). */
export type DocumentProblem = 'encrypted-document' | 'corrupt-document' | 'not-a-pdf';

/** What a clerk is told when a document is opened, and what the filer is told if the clerk rejects for it. */
const problems: Record<DocumentProblem, { clerk: string; filer: (title: string) => string; words: readonly RegExp[] }> = {
  'encrypted-document': {
    clerk: 'This document is encrypted or password-protected: the court cannot stamp or docket it.',
    filer: (title) => `"${title}" is encrypted or password-protected, so the court cannot stamp or docket it. Please resubmit it without a password or encryption.`,
    words: [/encrypt/i, /password|protected|secured/i],
  },
  'corrupt-document': {
    clerk: 'This document is damaged and cannot be opened: the court cannot stamp or docket it.',
    filer: (title) => `"${title}" is damaged and cannot be opened. Please resubmit an intact PDF.`,
    words: [/damaged|corrupt/i, /cannot be opened|unreadable|not open/i, /illegible/i],
  },
  'not-a-pdf': {
    clerk: 'This file is not a PDF: the court cannot stamp or docket it.',
    filer: (title) => `"${title}" is not a PDF. Please resubmit the document as a PDF.`,
    words: [/not a pdf|format|file type/i, /pdf/i, /damaged|corrupt|cannot be opened|unreadable/i],
  },
};

/** What the clerk is told on opening a document with this problem. */
export function describeDocumentProblem(problem: DocumentProblem): string {
  return problems[problem].clerk;
}

/**
 * The rejection a clerk is offered for a document that cannot be opened: the court's reason whose code or name
 * fits the problem (courts name them their own way: "ENCRYPTED", "Document is password protected", …). The
 * reason code is empty when none fits (the clerk chooses) or the court publishes none (the explanation is the
 * reason). The explanation for the filer names the document.
 */
export function rejectionForDocumentProblem(problem: DocumentProblem, reasons: readonly CodeEntry[], documentTitle: string): { reasonCode: string; note: string } {
  const { words, filer } = problems[problem];
  // The most telling words first: "CORRUPT" before a reason that merely says "illegible".
  const reason = words.map((word) => reasons.find((entry) => word.test(entry.code) || word.test(entry.name))).find(Boolean);
  return { reasonCode: reason?.code ?? '', note: filer(documentTitle) };
}
