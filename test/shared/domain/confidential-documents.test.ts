import { describe, expect, it } from 'vitest';
import { makeDemoEnvelopes } from '../../../electron/efm-sim/demo-envelopes';
import { hasConfidentialDocuments } from '../../../shared/domain/envelope';
import { findFilingMessages, readFilingMessage } from '../../../shared/ecf/filing-message';
import { writeFilingMessage } from '../../../shared/ecf/write-filing-message';
import { parseXml } from '../../../shared/xml/safe-xml';
import { validateEcf } from '../../fixtures/ecf-validate';

describe('sealed and confidential documents (#12: never made available offline)', () => {
  it("a SEALED marking travels as nc:Metadata/nc:SensitivityText, validates, reads back, and marks the envelope", () => {
    const demo = makeDemoEnvelopes();
    const sealed = demo.filter((d) => hasConfidentialDocuments(d.envelope));
    expect(sealed).toHaveLength(3);
    const envelope = sealed[0]?.envelope;
    if (!envelope) throw new Error('no sealed envelope');
    const xml = writeFilingMessage(envelope, 'urn:demo:efsp');
    expect(xml).toContain('SensitivityText');
    const validation = validateEcf(xml);
    expect(validation.valid, validation.output).toBe(true);
    const root = parseXml(xml);
    if (!root.ok) throw new Error(root.error.message);
    const read = readFilingMessage(findFilingMessages(root.value)[0] ?? root.value);
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.filings[0]?.leadDocument.sensitivity).toBe('SEALED');
    expect(hasConfidentialDocuments(read.value)).toBe(true);
    const plain = demo.find((d) => !hasConfidentialDocuments(d.envelope))?.envelope;
    expect(plain && hasConfidentialDocuments({ ...plain, filings: plain.filings.map((f) => ({ ...f, leadDocument: { ...f.leadDocument, sensitivity: 'public' } })) })).toBe(false);
  });
});
