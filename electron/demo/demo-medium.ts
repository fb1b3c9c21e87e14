import type { Envelope, FilingDocument } from '../../shared/domain/envelope';
import { writeFilingMessage } from '../../shared/ecf/write-filing-message';
import { serializeXml } from '../../shared/xml/xml-writer';
import { ns } from '../../shared/ecf/namespaces';
import { writeEcfOperation } from '../../shared/ecf/portable-media-operation';
import { reviewFilingRequestElement } from '../../shared/ecf/review-filing-messages';
import type { MediumFile } from '../media/portable-medium';
import { makeDemoEnvelopes } from '../efm-sim/demo-envelopes';
import { makeSamplePdf } from './pdf-samples';

/**
 * A portable medium as a filer would bring it (OASIS ECF Portable Media profile): `ECFOperation.xml` at the root
 * naming ReviewFiling, the ReviewFiling request as sequence 1 and one PDF per document after it, each referenced by
 * the FilingMessage's BinaryURI. By default an envelope the demo EFM does not hold yet (number 201 of the series).
 */
export async function makeDemoMedium(envelope: Envelope = makeDemoEnvelopes(201)[200]?.envelope as Envelope): Promise<MediumFile[]> {
  const documents = envelope.filings.flatMap((filing) => [filing.leadDocument, ...filing.connectedDocuments]);
  const fileOf = (document: FilingDocument): string => `filing/${document.id}.pdf`;
  const onMedium: Envelope = {
    ...envelope,
    filings: envelope.filings.map((filing) => ({
      ...filing,
      leadDocument: pointToFile(filing.leadDocument, fileOf(filing.leadDocument)),
      connectedDocuments: filing.connectedDocuments.map((document) => pointToFile(document, fileOf(document))),
    })),
  };
  const filingMessage = writeFilingMessage(onMedium, 'urn:filer-assembly:portable-media').replace(/^<\?xml[^>]*>\s*/, '');
  const request = serializeXml(reviewFilingRequestElement(filingMessage), { wrappers: ns.wrapper });
  const entries: { name: string; bytes: Uint8Array }[] = [{ name: 'filing/ReviewFiling.xml', bytes: new TextEncoder().encode(request) }];
  for (const document of documents) entries.push({ name: fileOf(document), bytes: await makeSamplePdf({ title: document.title ?? document.id, pages: 2 }) });
  const operation = writeEcfOperation('ReviewFiling', entries.map((entry) => entry.name));
  return [{ path: 'ECFOperation.xml', bytes: new TextEncoder().encode(operation) }, ...entries.map((entry) => ({ path: entry.name, bytes: entry.bytes }))];
}

function pointToFile(document: FilingDocument, file: string): FilingDocument {
  return { ...document, renditions: document.renditions.map((rendition) => ({ ...rendition, attachment: { kind: 'uri' as const, uri: file }, sizeBytes: null, sha256: null })) };
}
