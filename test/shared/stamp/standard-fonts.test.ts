import { StandardFontEmbedder } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { standardFont, toStandardFontText } from '../../../shared/stamp/standard-fonts';
import type { StampFont } from '../../../shared/stamp/stamp-template';

const fonts: StampFont[] = ['Helvetica', 'Helvetica-Bold', 'Times-Roman', 'Times-Bold', 'Courier', 'Courier-Bold'];
const samples = ['FILED', 'Superior Court of Demo County', 'AVAWAY To. Ty, "Yes" — 11/22/2026 10:15 AM', 'Clerk: José Núñez', 'Æsop’s £5 €3 ©'];

describe('standard-font metrics (generated tables)', () => {
  it.each(fonts)('%s measures and encodes every sample exactly as pdf-lib does', (font) => {
    const reference = StandardFontEmbedder.for(font as Parameters<typeof StandardFontEmbedder.for>[0]);
    for (const text of samples) {
      const printable = toStandardFontText(text, font);
      expect(standardFont(font).widthOfTextAtSize(printable, 11)).toBeCloseTo(reference.widthOfTextAtSize(printable, 11), 6);
      expect(standardFont(font).encodeText(printable)).toBe(reference.encodeText(printable).toString());
    }
  });

  it('knows what WinAnsi can print', () => {
    const { encoding } = standardFont('Helvetica');
    expect(encoding.canEncodeUnicodeCodePoint('é'.codePointAt(0) as number)).toBe(true);
    expect(encoding.canEncodeUnicodeCodePoint('€'.codePointAt(0) as number)).toBe(true);
    expect(encoding.canEncodeUnicodeCodePoint('Ł'.codePointAt(0) as number)).toBe(false);
    expect(toStandardFontText('Łódź 北', 'Helvetica')).toBe('Lódz ?');
  });
});
