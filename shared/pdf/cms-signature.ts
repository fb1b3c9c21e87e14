import { DerError, derChild, derChildren, derOid, readDer, sameBytes, type DerNode } from './der';

/** What checking a detached CMS (PKCS#7) signature over a PDF's signed byte ranges found. */
export interface CmsCheck {
  /** The signed bytes' digest equals the one the signer signed (`unknown`: not a form this app can check). */
  readonly digest: 'match' | 'mismatch' | 'unknown';
  /** The signer's signature over its signed attributes verifies with the certificate's public key. */
  readonly signature: 'valid' | 'invalid' | 'unchecked';
  /** Why something could not be checked, in words. */
  readonly note: string | null;
}

const digestNames: Record<string, string> = {
  '1.3.14.3.2.26': 'SHA-1',
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};
const messageDigestOid = '1.2.840.113549.1.9.4';
const rsaOid = '1.2.840.113549.1.1.1';
const ecOid = '1.2.840.10045.2.1';
const curves: Record<string, string> = { '1.2.840.10045.3.1.7': 'P-256', '1.3.132.0.34': 'P-384', '1.3.132.0.35': 'P-521' };

/**
 * Checks a detached CMS SignedData (PDF subfilters adbe.pkcs7.detached and ETSI.CAdES.detached) against the bytes
 * it covers: the digest of `signed` against the signed messageDigest attribute, then the signature over the signed
 * attributes with the signer certificate's RSA or EC key (WebCrypto, so it runs in Node and in a browser worker).
 * It does not judge the certificate's trust: that is the court's PKI policy. Never throws.
 */
export async function checkDetachedCms(cms: Uint8Array, signed: Uint8Array): Promise<CmsCheck> {
  try {
    const contentInfo = readDer(cms);
    const signedData = derChild(derChild(contentInfo, 1, 'signed data'), 0, 'signed data');
    const parts = derChildren(signedData);
    const certificates = parts.find((p) => p.tag === 0xa0);
    const signerInfos = parts.at(-1);
    const signerInfo = signerInfos ? derChildren(signerInfos)[0] : undefined;
    if (!signerInfo) return unknown('The signature holds no signer.');
    const fields = derChildren(signerInfo);
    const digestName = digestNames[derOid(derChild(fields[2] as DerNode, 0, 'digest algorithm'))];
    const signedAttrs = fields.find((f) => f.tag === 0xa0);
    if (!digestName) return unknown('The signature uses a digest this app does not know.');
    if (!signedAttrs) return unknown('The signature has no signed attributes (an older form this app does not check).');
    const messageDigest = derChildren(signedAttrs).find((attribute) => derOid(derChild(attribute, 0, 'attribute type')) === messageDigestOid);
    if (!messageDigest) return unknown('The signature does not say which digest it signed.');
    const declared = derChild(derChild(messageDigest, 1, 'attribute values'), 0, 'message digest').value;
    const actual = new Uint8Array(await crypto.subtle.digest(digestName, signed as Uint8Array<ArrayBuffer>));
    if (!sameBytes(declared, actual)) return { digest: 'mismatch', signature: 'unchecked', note: 'The document was changed after it was signed.' };
    const signatureIndex = fields.findIndex((f) => f.tag === 0x04);
    const signatureValue = fields[signatureIndex]?.value;
    const certificate = certificates ? signerCertificate(derChildren(certificates), derChild(signerInfo, 1, 'signer id')) : null;
    if (!signatureValue || !certificate) return { digest: 'match', signature: 'unchecked', note: 'The signer certificate is not in the signature.' };
    // The signature covers the signed attributes as a SET (tag 0x31), not as the [0] they are stored under.
    const toVerify = signedAttrs.raw.slice();
    toVerify[0] = 0x31;
    const valid = await verifyWithCertificate(certificate, digestName, signatureValue, toVerify);
    if (valid === null) return { digest: 'match', signature: 'unchecked', note: 'The signer key is of a kind this app does not check.' };
    return { digest: 'match', signature: valid ? 'valid' : 'invalid', note: valid ? null : 'The signature does not match the signer certificate.' };
  } catch (error) {
    return unknown(`The signature could not be read (${error instanceof DerError ? error.message : 'malformed'}).`);
  }
}

function unknown(note: string): CmsCheck {
  return { digest: 'unknown', signature: 'unchecked', note };
}

// The certificate whose serial number the signer id names (or the only one).
function signerCertificate(certificates: DerNode[], signerId: DerNode): DerNode | null {
  if (certificates.length === 1) return certificates[0] ?? null;
  const serial = signerId.tag === 0x30 ? derChild(signerId, 1, 'serial number').value : null;
  return certificates.find((cert) => serial && sameBytes(tbsFields(cert)[serialIndex(cert)]?.value ?? new Uint8Array(), serial)) ?? null;
}

function tbsFields(certificate: DerNode): DerNode[] {
  return derChildren(derChild(certificate, 0, 'certificate body'));
}

// The version field ([0]) is optional: the serial number follows it when present.
function serialIndex(certificate: DerNode): number {
  return tbsFields(certificate)[0]?.tag === 0xa0 ? 1 : 0;
}

async function verifyWithCertificate(certificate: DerNode, hash: string, signature: Uint8Array, data: Uint8Array): Promise<boolean | null> {
  const fields = tbsFields(certificate);
  const spki = fields[serialIndex(certificate) + 5];
  if (!spki) throw new DerError('missing public key');
  const algorithm = derChild(spki, 0, 'key algorithm');
  const keyType = derOid(derChild(algorithm, 0, 'key algorithm'));
  const raw = spki.raw.slice() as Uint8Array<ArrayBuffer>;
  if (keyType === rsaOid) {
    const key = await crypto.subtle.importKey('spki', raw, { name: 'RSASSA-PKCS1-v1_5', hash }, false, ['verify']);
    return crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, signature as Uint8Array<ArrayBuffer>, data as Uint8Array<ArrayBuffer>);
  }
  if (keyType === ecOid) {
    const namedCurve = curves[derOid(derChild(algorithm, 1, 'curve'))];
    if (!namedCurve) return null;
    const key = await crypto.subtle.importKey('spki', raw, { name: 'ECDSA', namedCurve }, false, ['verify']);
    const size = namedCurve === 'P-521' ? 66 : namedCurve === 'P-384' ? 48 : 32;
    return crypto.subtle.verify({ name: 'ECDSA', hash }, key, ecdsaRawSignature(signature, size), data as Uint8Array<ArrayBuffer>);
  }
  return null;
}

// CMS carries ECDSA signatures as DER SEQUENCE { r, s }; WebCrypto wants r and s side by side, each `size` bytes.
function ecdsaRawSignature(der: Uint8Array, size: number): Uint8Array<ArrayBuffer> {
  const [r, s] = derChildren(readDer(der)).map((n) => n.value);
  const out = new Uint8Array(size * 2);
  const place = (value: Uint8Array | undefined, at: number): void => {
    if (!value) throw new DerError('bad EC signature');
    const trimmed = value.subarray(Math.max(0, value.length - size));
    out.set(trimmed, at + size - trimmed.length);
  };
  place(r, 0);
  place(s, size);
  return out;
}
