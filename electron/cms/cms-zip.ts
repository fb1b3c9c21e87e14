import { createHash } from 'node:crypto';
import { Unzip, UnzipInflate, unzipSync, zipSync, type Unzipped } from 'fflate';
import type { CmsZipReport } from '../../shared/domain/cms-zip';
import type { Envelope } from '../../shared/domain/envelope';
import { readFilingMessage } from '../../shared/ecf/filing-message';
import { readRecordDocketingFacts } from '../../shared/ecf/record-docketing';
import { ns } from '../../shared/ecf/namespaces';
import { parseXml } from '../../shared/xml/safe-xml';
import { children } from '../../shared/xml/xml-query';
import { concatBytes } from '../../shared/bytes';

/** The XML file at the root of a CMS zip (seed 000, Appendix: non-interactive SFTP integration). */
export const cmsZipXmlName = 'request.legal.xml';

/** Limits when reading a zip someone hands us: total unpacked size, entries, and the XML's size. */
export const cmsZipLimits = { maxTotalBytes: 512 * 1024 * 1024, maxEntries: 1000, maxXmlBytes: 32 * 1024 * 1024 } as const;

/**
 * Builds `ENVELOPE.zip` for a court without an interactive CMS link: `request.legal.xml` (the RecordDocketing
 * message, documents referenced, not embedded) and one folder per accepted filing holding `FILING_N.pdf` — the lead
 * document (its stamped rendition) as `_0`, connected documents after it.
 */
export function buildCmsZip(envelope: Envelope, recordDocketingXml: string, filings: readonly { filingId: string; documents: readonly Uint8Array[] }[]): { fileName: string; bytes: Uint8Array<ArrayBuffer> } {
  const xml = recordDocketingXml.startsWith('<?xml') ? recordDocketingXml : `<?xml version="1.0" encoding="UTF-8"?>\n${recordDocketingXml}`;
  const entries: Record<string, Uint8Array> = { [cmsZipXmlName]: new TextEncoder().encode(xml) };
  for (const filing of filings) {
    filing.documents.forEach((bytes, index) => {
      // PDFs are already compressed: store them.
      entries[`${filing.filingId}/${filing.filingId}_${index}.pdf`] = bytes;
    });
  }
  const bytes = zipSync(Object.fromEntries(Object.entries(entries).map(([name, data]) => [name, [data, { level: name === cmsZipXmlName ? 6 : 0 }]])));
  // fflate returns a fresh, unshared buffer.
  return { fileName: `${envelope.id}.zip`, bytes: bytes as Uint8Array<ArrayBuffer> };
}

/**
 * Opens a CMS zip for inspection without trusting it: entry count and unpacked size are bounded before anything is
 * inflated, names must be `request.legal.xml` or `FILING/FILING_N.pdf` (no paths that climb out), the XML is parsed
 * safely (no DOCTYPE), and every document's SHA-256 is checked against the hashes the docketing message declares.
 */
export function inspectCmsZip(fileName: string, bytes: Uint8Array, limits: { readonly maxTotalBytes: number; readonly maxEntries: number; readonly maxXmlBytes: number } = cmsZipLimits): CmsZipReport {
  const report: CmsZipReport = { fileName, envelopeId: null, caseNumber: null, filings: [], problems: [] };
  let files: Unzipped;
  try {
    let count = 0;
    let total = 0;
    // The declared sizes first, from the central directory: nothing is inflated from a zip that admits to a bomb.
    unzipSync(bytes, {
      filter: (entry) => {
        count += 1;
        total += entry.originalSize;
        if (count > limits.maxEntries) throw new Error(`more than ${limits.maxEntries} entries`);
        if (total > limits.maxTotalBytes) throw new Error(`more than ${limits.maxTotalBytes / 1_048_576} MB unpacked`);
        return false;
      },
    });
    // Then inflated counting what each entry really gives, so one that lies about its size is caught as it lies.
    files = inflateBounded(bytes, limits.maxTotalBytes, report.problems);
  } catch (error) {
    report.problems.push(`Not a readable zip: ${(error as Error).message}`);
    return report;
  }
  const xmlBytes = files[cmsZipXmlName];
  if (!xmlBytes) report.problems.push(`${cmsZipXmlName} is missing at the root of the zip.`);
  const declared = new Set<string>();
  const described = new Map<string, string | null>();
  if (xmlBytes) {
    if (xmlBytes.length > limits.maxXmlBytes) report.problems.push(`${cmsZipXmlName} is larger than ${limits.maxXmlBytes / 1_048_576} MB.`);
    const root = parseXml(new TextDecoder().decode(xmlBytes));
    // The request as web-service mode sends it (wrapper with the payment), or the docketing message alone.
    const message = root.ok && root.value.namespaceURI === ns.wrapper ? (children(root.value, ns.docket, 'RecordDocketingMessage')[0] ?? root.value) : root.ok ? root.value : null;
    const facts = message ? readRecordDocketingFacts(message) : null;
    if (!root.ok) report.problems.push(`${cmsZipXmlName} cannot be read: ${root.error.message}`);
    else if (facts && !facts.ok) report.problems.push(`${cmsZipXmlName}: ${facts.error.message}`);
    else if (facts?.ok) {
      for (const hash of facts.value.renditionHashes) declared.add(hash);
      report.caseNumber = facts.value.caseNumber;
      const envelope = facts.value.filingMessage ? readFilingMessage(facts.value.filingMessage) : null;
      if (envelope?.ok) {
        report.envelopeId = envelope.value.id;
        for (const filing of envelope.value.filings) described.set(filing.id, filing.description);
      } else report.problems.push('The docketing message does not carry a readable FilingMessage.');
    }
  }
  const byFiling = new Map<string, CmsZipReport['filings'][number]>();
  for (const [name, data] of Object.entries(files)) {
    if (name === cmsZipXmlName || name.endsWith('/')) continue;
    const match = /^([^/\\]+)\/([^/\\]+)_(\d+)\.pdf$/i.exec(name);
    if (!match || match[1] !== match[2] || name.includes('..')) {
      report.problems.push(`Unexpected entry ${name}: only ${cmsZipXmlName} and FILING/FILING_N.pdf belong in a CMS zip.`);
      continue;
    }
    const filingId = match[1] ?? '';
    if (described.size > 0 && !described.has(filingId)) report.problems.push(`Folder ${filingId} is not a filing of this envelope.`);
    const filing = byFiling.get(filingId) ?? { filingId, description: described.get(filingId) ?? null, documents: [] };
    const sha256 = createHash('sha256').update(data).digest('hex');
    filing.documents.push({ path: name, sizeBytes: data.length, sha256, hashDeclared: declared.has(sha256) });
    byFiling.set(filingId, filing);
  }
  report.filings = [...byFiling.values()].map((filing) => ({ ...filing, documents: filing.documents.sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true })) }));
  for (const filing of report.filings) {
    const lead = filing.documents[0];
    if (lead && declared.size > 0 && !lead.hashDeclared) report.problems.push(`${lead.path}: its SHA-256 is not the one the docketing message declares for the stamped rendition.`);
  }
  return report;
}

/**
 * Inflates every entry as a stream, counting the bytes it really produces: an entry that gives more than its header
 * declares is stopped there and reported (its contents are not used), and the whole zip stops past `maxTotalBytes`.
 */
function inflateBounded(bytes: Uint8Array, maxTotalBytes: number, problems: string[]): Unzipped {
  const files: Unzipped = {};
  let total = 0;
  let failure: Error | null = null;
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  unzip.onfile = (file) => {
    const pieces: Uint8Array[] = [];
    let size = 0;
    const declared = file.originalSize;
    file.ondata = (error, chunk, final) => {
      if (error) {
        failure ??= error;
        return;
      }
      size += chunk.length;
      total += chunk.length;
      if (declared !== undefined && size > declared) {
        problems.push(`Entry ${file.name} unpacks to more than the ${declared} bytes it declares; it is not used.`);
        file.terminate();
        return;
      }
      if (total > maxTotalBytes) {
        failure ??= new Error(`more than ${maxTotalBytes / 1_048_576} MB unpacked`);
        file.terminate();
        return;
      }
      pieces.push(chunk);
      if (final) files[file.name] = concatBytes(pieces);
    };
    file.start();
  };
  // Fed in small pieces: deflate expands at most ~1,000 times, so no single piece inflates to more than ~16 MB.
  for (let offset = 0; offset < bytes.length && !failure; offset += 16 * 1024) {
    unzip.push(bytes.subarray(offset, offset + 16 * 1024), offset + 16 * 1024 >= bytes.length);
  }
  if (failure) throw failure;
  return files;
}
