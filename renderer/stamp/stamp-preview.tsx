import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useEffect, useMemo, useState } from 'react';
import { boxFromArray, normaliseRotation, type PageGeometry, type StampPlacement } from '../../shared/stamp/stamp-layout';
import { planStamp } from '../../shared/stamp/stamp-plan';
import type { StampFieldValues } from '../../shared/stamp/stamp-text';
import { stampPageNumbers, type StampTemplate } from '../../shared/stamp/stamp-template';
import { PdfPageCanvas } from '../pdf/pdf-page-canvas';
import { StampOverlay } from './stamp-overlay';

/** One template in the preview, with the clerk's position for it (null = the template's anchor). */
export interface PreviewStamp {
  readonly template: StampTemplate;
  readonly placement: StampPlacement | null;
  /** Width/height of the template's image, when it has one. */
  readonly imageAspect: number | null;
  readonly imageUrl: string | null;
}

/**
 * A page rendered by pdf.js with every stamp that applies to it overlaid exactly where the engine will draw it
 * (same layout code, same page geometry: crop box and rotation as pdf.js reads them).
 */
export function StampPreview({ document, pageNumber, stamps, fields, scale, onPlacementChange }: {
  document: PDFDocumentProxy;
  pageNumber: number;
  stamps: readonly PreviewStamp[];
  fields: StampFieldValues;
  scale: number;
  onPlacementChange: (templateId: string, placement: StampPlacement) => void;
}) {
  const [geometry, setGeometry] = useState<PageGeometry | null>(null);
  useEffect(() => {
    let live = true;
    void document.getPage(pageNumber).then((page) => {
      // pdf.js's `view` is the crop box clipped to the media box, the same box the engine uses.
      if (live) setGeometry({ cropBox: boxFromArray(page.view), rotation: normaliseRotation(page.rotate) });
    });
    return () => {
      live = false;
    };
  }, [document, pageNumber]);

  const layouts = useMemo(() => {
    if (!geometry) return [];
    return stamps
      .filter((stamp) => stampPageNumbers(stamp.template.pages, document.numPages).includes(pageNumber))
      .map((stamp) => ({ stamp, layout: planStamp(stamp.template, fields, geometry, pageNumber, document.numPages, stamp.imageAspect, stamp.placement) }));
  }, [geometry, stamps, fields, pageNumber, document.numPages]);

  return (
    <div className="stamp-preview" data-testid="stamp-preview">
      <PdfPageCanvas document={document} pageNumber={pageNumber} scale={scale} label={`Page ${pageNumber} of ${document.numPages}`} />
      {layouts.map(({ stamp, layout }) => (
        <StampOverlay key={stamp.template.id} template={stamp.template} layout={layout} scale={scale} imageUrl={stamp.imageUrl}
          onMove={(placement) => onPlacementChange(stamp.template.id, placement)} />
      ))}
    </div>
  );
}
