import { loadPdf } from '../../shared/pdf/load-pdf';
import type { PdfInspection } from '../../shared/pdf/pdf-inspection';
import { stampPdf, type StampOutcome, type StampRequest } from '../../shared/pdf/stamp-pdf';

/** A request to the stamping worker: classify a PDF, or stamp it. */
export type StampWorkerRequest =
  | { readonly id: number; readonly kind: 'inspect'; readonly pdf: Uint8Array }
  | { readonly id: number; readonly kind: 'stamp'; readonly pdf: Uint8Array; readonly request: StampRequest };

/** The worker's answer to one request. */
export type StampWorkerReply =
  | { readonly id: number; readonly inspection: PdfInspection }
  | { readonly id: number; readonly outcome: StampOutcome }
  | { readonly id: number; readonly failure: string };

const post = (reply: StampWorkerReply, transfer: Transferable[] = []): void => (self as unknown as Worker).postMessage(reply, transfer);

// PDF work runs off the UI thread: a 300-page document must not freeze the review screen.
self.addEventListener('message', (event: MessageEvent<StampWorkerRequest>) => {
  const message = event.data;
  const work = async (): Promise<void> => {
    if (message.kind === 'inspect') {
      post({ id: message.id, inspection: (await loadPdf(message.pdf)).inspection });
      return;
    }
    const outcome = await stampPdf(message.pdf, message.request);
    post({ id: message.id, outcome }, outcome.ok ? [outcome.bytes.buffer as ArrayBuffer] : []);
  };
  work().catch((error: unknown) => post({ id: message.id, failure: (error as Error).message }));
});
