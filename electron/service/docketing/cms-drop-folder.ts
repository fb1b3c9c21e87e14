import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Envelope } from '../../../shared/domain/envelope';
import { XMLSerializer } from '@xmldom/xmldom';
import { binaryReferences } from '../../../shared/ecf/filing-message';
import { ns } from '../../../shared/ecf/namespaces';
import { parseXml } from '../../../shared/xml/safe-xml';
import { serializeXml } from '../../../shared/xml/xml-writer';
import { buildCmsZip } from '../../cms/cms-zip';
import type { ComposedDocketing } from './cms-deliveries';
import { renditionContentId } from './compose-record-docketing';

/**
 * The CMS zip of an envelope for a court without an interactive record-system link (seed 000, Appendix A): the
 * RecordDocketing request exactly as the web-service mode sends it — the RecordDocketingMessage and the
 * PaymentMessage — as `request.legal.xml`, each document referenced by its path in the zip instead of an MTOM
 * part, and one folder per accepted filing with `FILING_N.pdf` (the lead document first, then connected ones).
 */
export function envelopeCmsZip(envelope: Envelope, filingIds: readonly string[], composed: ComposedDocketing): { fileName: string; bytes: Uint8Array<ArrayBuffer>; documents: number } {
  const parts = new Map(composed.parts.map((part) => [part.contentId, part.body]));
  // Every cid: the request names (ours and the filer's, in the embedded FilingMessage) → the file's path in the zip.
  const pathOf = new Map<string, string>();
  const filings = envelope.filings.filter((filing) => filingIds.includes(filing.id)).map((filing) => {
    const documents = [filing.leadDocument, ...filing.connectedDocuments].map((document, index) => {
      const contentId = [renditionContentId('stamped', document.id), renditionContentId('filed', document.id)].find((id) => parts.has(id));
      const bytes = contentId ? parts.get(contentId) : undefined;
      if (!contentId || !bytes) throw new Error(`document ${document.id} of filing ${filing.id} is not in the docketing message`);
      const inZip = `${filing.id}/${filing.id}_${index}.pdf`;
      pathOf.set(contentId, inZip);
      for (const rendition of document.renditions) if (rendition.attachment.kind === 'cid') pathOf.set(rendition.attachment.contentId, inZip);
      return bytes;
    });
    return { filingId: filing.id, documents };
  });
  const request = parseXml('raw' in composed.body ? composed.body.raw : serializeXml(composed.body, { wrappers: ns.wrapper }));
  if (!request.ok) throw new Error(`the docketing request cannot be read back: ${request.error.message}`);
  for (const reference of binaryReferences(request.value)) {
    const inZip = pathOf.get(reference.reference.replace(/^cid:(\/\/)?/, ''));
    if (inZip && reference.reference.startsWith('cid:')) reference.rebind(inZip);
  }
  const xml = new XMLSerializer().serializeToString(request.value);
  return { ...buildCmsZip(envelope, xml, filings), documents: filings.reduce((n, filing) => n + filing.documents.length, 0) };
}

/**
 * Writes a zip into the court's drop folder (the record system's SFTP home, or a folder it watches) so it appears
 * whole or not at all: written under a temporary name, flushed to disk, then renamed. Written again after a crash,
 * it replaces the earlier one with the same name and the same RecordDocketing message id.
 */
export function writeToDropFolder(folder: string, zip: { fileName: string; bytes: Uint8Array }): string {
  mkdirSync(folder, { recursive: true });
  const target = path.join(folder, zip.fileName);
  const partial = path.join(folder, `.${zip.fileName}.partial`);
  const fd = openSync(partial, 'w', 0o640);
  try {
    writeSync(fd, zip.bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, target);
  const directory = openSync(folder, 'r');
  try {
    fsyncSync(directory);
  } finally {
    closeSync(directory);
  }
  return target;
}
