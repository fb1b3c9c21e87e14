import type { PdfInspection } from '../../shared/pdf/pdf-inspection';
import type { StampOutcome, StampRequest } from '../../shared/pdf/stamp-pdf';
import type { StampWorkerReply, StampWorkerRequest } from './stamp-worker';

type Pending = { resolve: (reply: StampWorkerReply) => void; reject: (error: Error) => void };
let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

function call(message: WithoutId<StampWorkerRequest>): Promise<StampWorkerReply> {
  if (!worker) {
    // Kept alive: the engine is fastest from the second document on.
    worker = new Worker(new URL('./stamp-worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('message', (event: MessageEvent<StampWorkerReply>) => {
      pending.get(event.data.id)?.resolve(event.data);
      pending.delete(event.data.id);
    });
    worker.addEventListener('error', (event) => {
      for (const waiting of pending.values()) waiting.reject(new Error(event.message || 'the stamping worker failed'));
      pending.clear();
    });
  }
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    // The worker gets its own copy: the original stays untouched.
    (worker as Worker).postMessage({ ...message, id, pdf: message.pdf.slice() } as StampWorkerRequest);
  });
}

/** Classifies a PDF (ok / encrypted / signed / form fields / corrupt / not a PDF) in the worker. */
export async function inspectInWorker(pdf: Uint8Array): Promise<PdfInspection> {
  const reply = await call({ kind: 'inspect', pdf });
  if ('inspection' in reply) return reply.inspection;
  throw new Error('failure' in reply ? reply.failure : 'unexpected answer from the stamping worker');
}

/** Stamps a PDF in the worker; the result is an incremental update of the original. */
export async function stampInWorker(pdf: Uint8Array, request: StampRequest): Promise<StampOutcome> {
  const reply = await call({ kind: 'stamp', pdf, request });
  if ('outcome' in reply) return reply.outcome;
  throw new Error('failure' in reply ? reply.failure : 'unexpected answer from the stamping worker');
}
