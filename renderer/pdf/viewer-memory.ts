import type { ZoomMode } from './use-fit-scale';

/**
 * What the document viewer keeps while the app runs, so the clerk's choices carry from one document to the next:
 * the zoom, whether thumbnails are shown, and the size of the page area last measured (a page drawn ahead of the
 * viewer is drawn at the scale that area gives).
 */
export const viewerMemory: { zoom: ZoomMode; thumbnails: boolean; area: { width: number; height: number } | null } = {
  zoom: 'fit-width',
  thumbnails: false,
  area: null,
};
