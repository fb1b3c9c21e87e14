import { describe, expect, it } from 'vitest';
import { fitScale } from '../../../renderer/pdf/use-fit-scale';

const letter = { width: 612, height: 792 };

describe('the scale a page is drawn at (the viewer and the page drawn ahead of it use the same rule)', () => {
  it('fits the width or the whole page inside the area, less its margin, in steps of 2 %', () => {
    expect(fitScale({ width: 916, height: 700 }, letter, 'fit-width')).toBe(1.48);
    expect(fitScale({ width: 916, height: 700 }, letter, 'fit-page')).toBe(0.86);
    // A few pixels more or less do not change the scale (the page is not drawn again).
    expect(fitScale({ width: 918, height: 700 }, letter, 'fit-width')).toBe(1.48);
  });

  it('takes a fixed zoom as it is, stays between 20 % and 400 %, and waits for an area that has a width', () => {
    expect(fitScale({ width: 916, height: 700 }, letter, 1.25)).toBe(1.25);
    expect(fitScale({ width: 5000, height: 700 }, { width: 100, height: 100 }, 'fit-width')).toBe(4);
    expect(fitScale({ width: 40, height: 700 }, letter, 'fit-width')).toBe(0.2);
    expect(fitScale({ width: 16, height: 700 }, letter, 'fit-width')).toBeNull();
  });
});
