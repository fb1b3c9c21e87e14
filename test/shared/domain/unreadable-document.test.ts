import { describe, expect, it } from 'vitest';
import { demoCourtPolicy } from '../../../electron/efm-sim/demo-court';
import { rejectionForDocumentProblem } from '../../../shared/domain/unreadable-document';
import { declaresEncryption, looksLikePdf } from '../../../shared/pdf/pdf-sniff';
import { makeEncryptedSamplePdf, makeSamplePdf } from '../../../electron/demo/pdf-samples';

describe('a document that cannot be opened', () => {
  it('is offered the court reason that fits best, by code or by name, with an explanation naming the document', () => {
    const reasons = demoCourtPolicy.rejectionReasons;
    expect(rejectionForDocumentProblem('encrypted-document', reasons, 'Complaint')).toEqual({
      reasonCode: 'ENCRYPTED', note: expect.stringContaining('"Complaint" is encrypted') as unknown as string,
    });
    // "CORRUPT" wins over "Document illegible or incomplete", which comes first in the court's list.
    expect(rejectionForDocumentProblem('corrupt-document', reasons, 'Exhibit A').reasonCode).toBe('CORRUPT');
    // A court with its own names: matched by words, not codes.
    const tyler = [{ code: '17', name: 'Other' }, { code: '4', name: 'Document is password protected' }, { code: '9', name: 'Unreadable document' }];
    expect(rejectionForDocumentProblem('encrypted-document', tyler, 'X').reasonCode).toBe('4');
    expect(rejectionForDocumentProblem('corrupt-document', tyler, 'X').reasonCode).toBe('9');
    // No reason fits, or the court publishes none: the clerk chooses, or the explanation is the reason.
    expect(rejectionForDocumentProblem('encrypted-document', [{ code: 'FEE', name: 'Fee not paid' }], 'X').reasonCode).toBe('');
    expect(rejectionForDocumentProblem('not-a-pdf', [], 'X')).toMatchObject({ reasonCode: '', note: expect.stringContaining('not a PDF') as unknown as string });
  });

  it('is told from its bytes: a PDF or not, encrypted or not', async () => {
    const spec = { title: 'Complaint', pages: 2 };
    const plain = await makeSamplePdf(spec);
    const encrypted = await makeEncryptedSamplePdf(spec);
    expect([looksLikePdf(plain), declaresEncryption(plain)]).toEqual([true, false]);
    expect([looksLikePdf(encrypted), declaresEncryption(encrypted)]).toEqual([true, true]);
    expect(looksLikePdf(new TextEncoder().encode('<html>not a pdf</html>'))).toBe(false);
  });
});
