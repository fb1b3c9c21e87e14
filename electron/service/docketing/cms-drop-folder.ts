import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Envelope } from '../../../shared/domain/envelope';
import { ns } from '../../../shared/ecf/namespaces';
import { serializeXml, type XmlElement } from '../../../shared/xml/xml-writer';
import { buildCmsZip } from '../../cms/cms-zip';
import type { MimePart } from '../../soap/mtom';
import { renditionContentId } from './compose-record-docketing';

/**
 * The CMS zip of an envelope for a court without an interactive record-system link (seed 000, Appendix A): the
 * RecordDocketing request exactly as the web-service mode sends it — the RecordDocketingMessage and the
 * PaymentMessage — as `request.legal.xml`, each document referenced by its path in the zip instead of an MTOM
 * part, and one folder per accepted filing with `FILING_N.pdf` (the lead document first, then connected ones).
 */
export function envelopeCmsZip(envelope: Envelope, filingIds: readonly string[], composed: { body: XmlElement; parts: readonly MimePart[] }): { fileName: string; bytes: Uint8Array<ArrayBuffer> } {
  const parts = new Map(composed.parts.map((part) => [part.contentId, part.body]));
  let xml = serializeXml(composed.body, { wrappers: ns.wrapper });
  const filings = envelope.filings.filter((filing) => filingIds.includes(filing.id)).map((filing) => {
    const documents = [filing.leadDocument, ...filing.connectedDocuments].map((document, index) => {
      const contentId = [renditionContentId('stamped', document.id), renditionContentId('filed', document.id)].find((id) => parts.has(id));
      const bytes = contentId ? parts.get(contentId) : undefined;
      if (!contentId || !bytes) throw new Error(`document ${document.id} of filing ${filing.id} is not in the docketing message`);
      const inZip = `${filing.id}/${filing.id}_${index}.pdf<`;
      xml = xml.split(`cid:${contentId}<`).join(inZip);
      // The filing message as received names the filer's MTOM parts: in the zip they are these files.
      for (const rendition of document.renditions) {
        if (rendition.attachment.kind !== 'cid') continue;
        const filed = rendition.attachment.contentId;
        for (const form of [`cid:${filed}<`, `cid://${filed}<`]) xml = xml.split(form).join(inZip);
      }
      return bytes;
    });
    return { filingId: filing.id, documents };
  });
  return buildCmsZip(envelope, xml, filings);
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
