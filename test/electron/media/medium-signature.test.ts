import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeSamplePdf } from '../../../electron/demo/pdf-samples';
import { makeSelfSignedIdentity } from '../../../electron/demo/self-signed-identity';
import { makeMediaReceipt } from '../../../electron/media/media-receipt';
import { readPortableMedium, type MediumFile } from '../../../electron/media/portable-medium';
import { writeEcfOperation } from '../../../shared/ecf/portable-media-operation';
import { civilTwoFilings, civilTwoFilingsDocuments } from '../../fixtures/ecf4-filer';

/**
 * Seed 003: "The ECFOperation.xml file MAY include a digital signature applied to the files that contain messages or
 * attachments" ([XMLSIG]). The signatures here are made by xmlsec1 (the XML Security Library, not ours) over the
 * files of a real ECF 4 medium; the medium is refused when the signature does not hold, and the receipt says who
 * signed it.
 */
const identity = makeSelfSignedIdentity('Acme E-Filing Services');
const message = 'ReviewFilingRequestMessage.xml';
const names = [message, ...civilTwoFilingsDocuments.map((document) => document.contentId)];
/** Real PDFs under the names the fixture gives its documents. */
let documents: { contentId: string; body: Uint8Array }[] = [];
beforeAll(async () => {
  documents = await Promise.all(civilTwoFilingsDocuments.map(async ({ contentId }) => ({ contentId, body: await makeSamplePdf({ title: contentId, pages: 2 }) })));
});

const exclusive = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const inclusive = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';

/**
 * A signature template over these files (SignedInfo canonicalized with `c14n`; the XML file, with `transformXml`,
 * digested after exclusive C14N); xmlsec1 fills in the digests, the value and the certificate.
 */
function template(references: readonly string[], transformXml: boolean, c14n: string): string {
  const reference = (name: string): string => `<Reference URI="${name}">${transformXml && name.endsWith('.xml')
    ? `<Transforms><Transform Algorithm="${exclusive}"/></Transforms>` : ''}`
    + '<DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue/></Reference>';
  return `<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo>
<CanonicalizationMethod Algorithm="${c14n}"/>
<SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>${references.map(reference).join('')}</SignedInfo>
<SignatureValue/><KeyInfo><X509Data><X509Certificate/></X509Data></KeyInfo></Signature>`;
}

/** The medium's files, with ECFOperation.xml signed by xmlsec1 over `references`. */
function signedMedium(references: readonly string[] = names, transformXml = false, c14n = exclusive): MediumFile[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'crd-signed-medium-'));
  const files: MediumFile[] = [
    { path: message, bytes: new TextEncoder().encode(civilTwoFilings) },
    ...documents.map((document) => ({ path: document.contentId, bytes: document.body })),
  ];
  for (const file of files) writeFileSync(path.join(dir, file.path), file.bytes);
  const operation = writeEcfOperation('ReviewFiling', names).replace(/(<\/pm:ECFOperation>)$/, `${template(references, transformXml, c14n)}$1`);
  writeFileSync(path.join(dir, 'template.xml'), operation);
  writeFileSync(path.join(dir, 'key.pem'), identity.keyPem);
  writeFileSync(path.join(dir, 'cert.pem'), identity.certPem);
  const signed = spawnSync('xmlsec1', ['--sign', '--privkey-pem', 'key.pem,cert.pem', '--output', 'ECFOperation.xml', 'template.xml'], { cwd: dir, encoding: 'utf8' });
  if (signed.status !== 0) throw new Error(`xmlsec1 could not sign: ${signed.stderr}`);
  return [{ path: 'ECFOperation.xml', bytes: readFileSync(path.join(dir, 'ECFOperation.xml')) }, ...files];
}

describe('a portable medium signed with XML-DSig', () => {
  it('a signature over every file verifies; the receipt names the signer', async () => {
    const read = await readPortableMedium(signedMedium());
    if (!read.ok) throw new Error(read.problems.join('; '));
    expect(read.value.signature).toEqual({ kind: 'verified', signer: 'Acme E-Filing Services', files: names, note: null });
    const receipt = await makeMediaReceipt(read.value, {
      receivedAt: new Date().toISOString(), timeZone: 'UTC', receivedBy: 'clerk1', workstation: 'ws', courtName: 'Court', efm: { delivered: false, reason: 'offline' },
    });
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'crd-receipt-')), 'receipt.pdf');
    writeFileSync(file, receipt);
    const printed = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
    expect(printed).toContain('Signed by Acme E-Filing Services: the XML signature in ECFOperation.xml covers all 5 files and verifies.');
  });

  it('an XML file digested after exclusive C14N, and a SignedInfo in inclusive C14N, verify too', async () => {
    const transformed = await readPortableMedium(signedMedium(names, true));
    expect(transformed.ok ? transformed.value.signature.kind : transformed.problems).toBe('verified');
    const inclusiveSignedInfo = await readPortableMedium(signedMedium(names, false, inclusive));
    expect(inclusiveSignedInfo.ok ? inclusiveSignedInfo.value.signature.kind : inclusiveSignedInfo.problems).toBe('verified');
  });

  it('a file changed after signing, a file left unsigned or a broken signature value: refused, nothing imported', async () => {
    const changed = signedMedium().map((file) => (file.path === 'exhibit-a.pdf' ? { ...file, bytes: new TextEncoder().encode('%PDF-1.4\n% altered\n%%EOF\n') } : file));
    expect(await readPortableMedium(changed)).toEqual({ ok: false, problems: ['The medium is signed, but its signature does not hold: exhibit-a.pdf was changed after it was signed (its digest does not match).'] });
    expect(await readPortableMedium(signedMedium(names.filter((name) => name !== 'proposed-order.pdf'))))
      .toEqual({ ok: false, problems: ['The medium is signed, but its signature does not hold: the signature does not cover proposed-order.pdf.'] });
    const broken = signedMedium().map((file) => {
      if (file.path !== 'ECFOperation.xml') return file;
      const xml = new TextDecoder().decode(file.bytes).replace(/<SignatureValue>([A-Za-z0-9+/])/, (_all, first: string) => `<SignatureValue>${first === 'A' ? 'B' : 'A'}`);
      return { ...file, bytes: new TextEncoder().encode(xml) };
    });
    expect(await readPortableMedium(broken)).toEqual({ ok: false, problems: ['The medium is signed, but its signature does not hold: the signature does not verify with the certificate it carries.'] });
  });
});
