import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { StampLayout, StampPlacement } from '../../shared/stamp/stamp-layout';
import type { StampFont, StampTemplate } from '../../shared/stamp/stamp-template';

const cssFont: Record<StampFont, { family: string; weight: number }> = {
  Helvetica: { family: 'Helvetica, Arial, "Liberation Sans", sans-serif', weight: 400 },
  'Helvetica-Bold': { family: 'Helvetica, Arial, "Liberation Sans", sans-serif', weight: 700 },
  'Times-Roman': { family: '"Times New Roman", Times, "Liberation Serif", serif', weight: 400 },
  'Times-Bold': { family: '"Times New Roman", Times, "Liberation Serif", serif', weight: 700 },
  Courier: { family: '"Courier New", Courier, "Liberation Mono", monospace', weight: 400 },
  'Courier-Bold': { family: '"Courier New", Courier, "Liberation Mono", monospace', weight: 700 },
};

/**
 * The stamp drawn over the page preview from the engine's own layout, at the same place and size. The clerk can
 * drag it (or move it with the arrow keys, Shift for bigger steps); the new top-left corner is reported in points.
 */
export function StampOverlay({ template, layout, scale, imageUrl, onMove }: {
  template: StampTemplate;
  layout: StampLayout;
  scale: number;
  imageUrl: string | null;
  onMove: (placement: StampPlacement) => void;
}) {
  const drag = useRef<{ pointerX: number; pointerY: number; x: number; y: number } | null>(null);
  const [dragged, setDragged] = useState<StampPlacement | null>(null);
  const rect = layout.visualRect;
  const position = dragged ?? rect;
  const clamp = (p: StampPlacement): StampPlacement => ({
    x: Math.min(Math.max(p.x, 0), Math.max(0, layout.visualPage.width - rect.width)),
    y: Math.min(Math.max(p.y, 0), Math.max(0, layout.visualPage.height - rect.height)),
  });

  const onPointerDown = (event: PointerEvent<HTMLDivElement>): void => {
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { pointerX: event.clientX, pointerY: event.clientY, x: rect.x, y: rect.y };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>): void => {
    const start = drag.current;
    if (!start) return;
    setDragged(clamp({ x: start.x + (event.clientX - start.pointerX) / scale, y: start.y + (event.clientY - start.pointerY) / scale }));
  };
  const onPointerUp = (): void => {
    if (drag.current && dragged) onMove(roundPlacement(dragged));
    drag.current = null;
    setDragged(null);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const step = event.shiftKey ? 18 : 2;
    const delta: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const move = delta[event.key];
    if (!move) return;
    event.preventDefault();
    onMove(roundPlacement(clamp({ x: rect.x + move[0], y: rect.y + move[1] })));
  };

  return (
    <div
      className="stamp-overlay"
      data-testid={`stamp-overlay-${template.id}`}
      role="button"
      tabIndex={0}
      aria-label={`${template.name} stamp at ${Math.round(rect.x)}, ${Math.round(rect.y)} points from the top left. Drag or use the arrow keys to move it.`}
      // React applies `style` through the CSSOM, which the CSP (no 'unsafe-inline') allows.
      style={{ left: position.x * scale, top: position.y * scale, width: rect.width * scale, height: rect.height * scale, opacity: template.opacity }}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    >
      <svg viewBox={`0 0 ${layout.width} ${layout.height}`} width="100%" height="100%" aria-hidden="true">
        {template.background && <rect x="0" y="0" width={layout.width} height={layout.height} fill={template.background} />}
        {template.border && (
          <rect x={template.border.width / 2} y={template.border.width / 2} width={layout.width - template.border.width} height={layout.height - template.border.width}
            fill="none" stroke={template.border.color} strokeWidth={template.border.width} />
        )}
        {layout.image && imageUrl && (
          <image href={imageUrl} x={layout.image.x} y={layout.height - layout.image.y - layout.image.height} width={layout.image.width} height={layout.image.height} />
        )}
        {layout.lines.map((line, index) => (
          <text key={index} x={line.x} y={layout.height - line.baseline} fontSize={line.size} fill={template.color}
            fontFamily={cssFont[line.font].family} fontWeight={cssFont[line.font].weight}>
            {line.text}
          </text>
        ))}
      </svg>
    </div>
  );
}

function roundPlacement(p: StampPlacement): StampPlacement {
  return { x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10 };
}
