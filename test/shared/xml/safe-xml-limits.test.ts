import { describe, expect, it } from 'vitest';
import { defaultXmlLimits, parseXml } from '../../../shared/xml/safe-xml';

const manyAttributes = (count: number): string =>
  `<ECFOperation xmlns="urn:x">${`<a ${Array.from({ length: count }, (_, i) => `x${i}="${i}"`).join(' ')}/>`}</ECFOperation>`;

describe('XML attribute limits (parsing stays linear in the input)', () => {
  it('refuses an element with 80,000 attributes with a clear reason, at the first attribute over the limit', () => {
    const started = performance.now();
    const result = parseXml(manyAttributes(80_000));
    console.log(`xml: 80,000-attribute element refused in ${Math.round(performance.now() - started)} ms`);
    expect(result).toMatchObject({ ok: false, error: { kind: 'too-many-attributes', message: 'An element carries more than 256 attributes, the limit.' } });
  });

  it('still reads an element at the limit, and refuses a message over the total', () => {
    expect(parseXml(manyAttributes(defaultXmlLimits.maxAttributesPerElement ?? 0)).ok).toBe(true);
    const spread = `<r xmlns="urn:x">${'<a p="1" q="2" s="3"/>'.repeat(400)}</r>`;
    expect(parseXml(spread, { ...defaultXmlLimits, maxAttributes: 1000 })).toMatchObject({ ok: false, error: { kind: 'too-many-attributes' } });
    expect(parseXml(spread).ok).toBe(true);
  });
});
