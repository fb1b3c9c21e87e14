import { PDFArray, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString } from '@cantoo/pdf-lib';
import forge from 'node-forge';
import type { SigningIdentity } from './self-signed-identity';

const signatureBytes = 8192;
// How pdf-lib serialises the placeholder array; replaced in place by the real ranges, padded to the same length.
const byteRangePlaceholder = '/ByteRange [ 0 9999999999 9999999999 9999999999 ]';

/**
 * Signs a PDF the way a filer's software does: an invisible signature field with a detached PKCS#7 (CMS) signature
 * over the whole file, verifiable with `pdfsig`. Used to make the signed samples stamping must not break.
 */
export async function signPdf(pdf: Uint8Array, identity: SigningIdentity, signer = 'Demo Filer'): Promise<Uint8Array> {
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  const context = document.context;
  const page = document.getPage(0);
  const signature = context.register(
    context.obj({
      Type: 'Sig',
      Filter: 'Adobe.PPKLite',
      SubFilter: 'adbe.pkcs7.detached',
      ByteRange: [0, 9999999999, 9999999999, 9999999999],
      Contents: PDFHexString.of('0'.repeat(signatureBytes * 2)),
      M: PDFString.fromDate(new Date()),
      Name: PDFString.of(signer),
      Reason: PDFString.of('Filed electronically'),
    }),
  );
  const widget = context.register(
    context.obj({ Type: 'Annot', Subtype: 'Widget', FT: 'Sig', Rect: [0, 0, 0, 0], V: signature, T: PDFString.of('FilerSignature'), F: 4, P: page.ref }),
  );
  const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
  if (annots) annots.push(widget);
  else page.node.set(PDFName.of('Annots'), context.obj([widget]));
  document.catalog.set(PDFName.of('AcroForm'), context.obj({ Fields: [widget], SigFlags: PDFNumber.of(3) }));
  const prepared = Buffer.from(await document.save({ useObjectStreams: false }));

  const placeholder = prepared.indexOf(byteRangePlaceholder);
  const contentsStart = prepared.indexOf(`<${'0'.repeat(64)}`, placeholder);
  if (placeholder < 0 || contentsStart < 0) throw new Error('signature placeholder not found');
  const contentsEnd = contentsStart + signatureBytes * 2 + 2;
  const range = [0, contentsStart, contentsEnd, prepared.length - contentsEnd];
  const rangeText = `/ByteRange [ ${range.join(" ")} ]`.padEnd(byteRangePlaceholder.length, ' ');
  prepared.write(rangeText, placeholder, 'latin1');

  const signed = Buffer.concat([prepared.subarray(0, contentsStart), prepared.subarray(contentsEnd)]);
  const p7 = forge.pkcs7.createSignedData();
  p7.content = forge.util.createBuffer(signed.toString('binary'));
  const certificate = forge.pki.certificateFromPem(identity.certPem);
  p7.addCertificate(certificate);
  p7.addSigner({
    key: forge.pki.privateKeyFromPem(identity.keyPem),
    certificate,
    digestAlgorithm: forge.pki.oids.sha256 as string,
    authenticatedAttributes: [
      { type: forge.pki.oids.contentType as string, value: forge.pki.oids.data },
      { type: forge.pki.oids.messageDigest as string },
      { type: forge.pki.oids.signingTime as string, value: new Date() as unknown as string },
    ],
  });
  p7.sign({ detached: true });
  const der = Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary').toString('hex');
  if (der.length > signatureBytes * 2) throw new Error('signature larger than its placeholder');
  prepared.write(der.padEnd(signatureBytes * 2, '0'), contentsStart + 1, 'latin1');
  return new Uint8Array(prepared);
}
