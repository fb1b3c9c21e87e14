import { useEffect, useState } from 'react';
import { pngSize } from '../../shared/stamp/stamp-plan';
import sealUrl from '../../assets/court-seal.png?url';

/** The court seal shipped in assets/: its URL for the preview and its bytes for the engine. */
export interface CourtSeal {
  readonly url: string;
  readonly bytes: Uint8Array;
  readonly aspect: number;
}

/** Loads the court seal once. */
export function useCourtSeal(): CourtSeal | null {
  const [seal, setSeal] = useState<CourtSeal | null>(null);
  useEffect(() => {
    let live = true;
    void fetch(sealUrl)
      .then((response) => response.arrayBuffer())
      .then((buffer) => {
        const bytes = new Uint8Array(buffer);
        const size = pngSize(bytes);
        if (live && size) setSeal({ url: sealUrl, bytes, aspect: size.width / size.height });
      });
    return () => {
      live = false;
    };
  }, []);
  return seal;
}
