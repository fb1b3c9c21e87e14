import { createHash } from 'node:crypto';
import { makeEncryptedSamplePdf, makeSamplePdf } from '../demo/pdf-samples';
import { makeSelfSignedIdentity, type SigningIdentity } from '../demo/self-signed-identity';
import { signPdf } from '../demo/sign-pdf';
import type { DemoDocumentSource } from './demo-envelopes';

/** A document's bytes as the simulated EFM serves them. */
export interface SimDocument {
  readonly bytes: Uint8Array;
  readonly sha256: string;
  readonly contentType: 'application/pdf';
}

/** Generates demo PDFs on first request (signed, encrypted and rotated ones included) and keeps them. */
export class SimDocuments {
  readonly #cache = new Map<string, Promise<SimDocument>>();
  #identity: SigningIdentity | null = null;

  /** The document's bytes and hash. */
  get(source: DemoDocumentSource): Promise<SimDocument> {
    let document = this.#cache.get(source.documentId);
    if (!document) {
      document = this.#generate(source);
      this.#cache.set(source.documentId, document);
    }
    return document;
  }

  async #generate(source: DemoDocumentSource): Promise<SimDocument> {
    const spec = { title: source.title, pages: source.kind === 'rotated' ? [{}, { rotate: 90 as const }, { rotate: 270 as const, size: [842, 595] as const }] : source.pages };
    let bytes: Uint8Array;
    if (source.kind === 'encrypted') bytes = await makeEncryptedSamplePdf(spec);
    else if (source.kind === 'signed') bytes = await signPdf(await makeSamplePdf(spec), (this.#identity ??= makeSelfSignedIdentity('Demo Filer, Esq.')));
    else bytes = await makeSamplePdf(spec);
    return { bytes, sha256: createHash('sha256').update(bytes).digest('hex'), contentType: 'application/pdf' };
  }
}
