import type { StampLayout } from '../stamp/stamp-layout';
import { standardFont, toStandardFontText } from '../stamp/standard-fonts';
import type { StampFont, StampTemplate } from '../stamp/stamp-template';

/** Resource names the stamp's operators refer to; the engine adds them to the page or appearance resources. */
export interface StampResourceNames {
  readonly font: (font: StampFont) => string;
  readonly opacity: string | null;
  readonly image: string | null;
}

/**
 * The content-stream operators that draw one laid-out stamp, in stamp space. With `placed`, the stamp's matrix is
 * applied first (page content); without, the caller positions it (annotation appearance).
 */
export function stampOperators(template: StampTemplate, layout: StampLayout, names: StampResourceNames, placed: boolean): string {
  const out: string[] = ['q'];
  if (names.opacity) out.push(`/${names.opacity} gs`);
  if (placed) out.push(`${layout.matrix.map(num).join(' ')} cm`);
  if (template.background) out.push(`${rgb(template.background)} rg 0 0 ${num(layout.width)} ${num(layout.height)} re f`);
  if (template.border) {
    const w = template.border.width;
    out.push(`${rgb(template.border.color)} RG ${num(w)} w ${num(w / 2)} ${num(w / 2)} ${num(layout.width - w)} ${num(layout.height - w)} re S`);
  }
  if (layout.image && names.image) {
    const { x, y, width, height } = layout.image;
    out.push(`q ${num(width)} 0 0 ${num(height)} ${num(x)} ${num(y)} cm /${names.image} Do Q`);
  }
  out.push(`BT ${rgb(template.color)} rg`);
  for (const line of layout.lines) {
    const hex = standardFont(line.font).encodeText(toStandardFontText(line.text, line.font));
    out.push(`/${names.font(line.font)} ${num(line.size)} Tf 1 0 0 1 ${num(line.x)} ${num(line.baseline)} Tm ${hex} Tj`);
  }
  out.push('ET', 'Q');
  return out.join('\n');
}

function rgb(hex: string): string {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255].map((c) => num(c / 255)).join(' ');
}

function num(value: number): string {
  return (Math.round(value * 1000) / 1000).toString();
}
