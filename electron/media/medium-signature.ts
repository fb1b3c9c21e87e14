import { createHash, timingSafeEqual, verify, X509Certificate } from 'node:crypto';
import { DOMParser, type Element } from '@xmldom/xmldom';
import {
  C14nCanonicalization, C14nCanonicalizationWithComments, ExclusiveCanonicalization, ExclusiveCanonicalizationWithComments,
} from 'xml-crypto';
import { child, children, elementChildren, text } from '../../shared/xml/xml-query';
import { parseXml } from '../../shared/xml/safe-xml';

const ds = 'http://www.w3.org/2000/09/xmldsig#';

/** The node type xml-crypto's canonicalizers are declared with (the DOM's); @xmldom/xmldom's nodes are what they walk. */
type DomNode = Parameters<C14nCanonicalization['process']>[0];

/** What the medium's XML-DSig (seed 003: ECFOperation.xml MAY sign the files) says. */
export type MediumSignature =
  | { readonly kind: 'absent' }
  | { readonly kind: 'verified'; readonly signer: string; readonly files: readonly string[]; readonly note: string | null }
  | { readonly kind: 'invalid'; readonly reason: string };

const canonicalizers: Record<string, () => { process: C14nCanonicalization['process'] }> = {
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315': () => new C14nCanonicalization(),
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments': () => new C14nCanonicalizationWithComments(),
  'http://www.w3.org/2001/10/xml-exc-c14n#': () => new ExclusiveCanonicalization(),
  'http://www.w3.org/2001/10/xml-exc-c14n#WithComments': () => new ExclusiveCanonicalizationWithComments(),
};
// As a reference transform only exclusive C14N: xml-crypto's inclusive C14N renders only the namespaces an element
// uses, which is right for a SignedInfo (its ancestors' namespaces are passed in) but not for a whole document.
const transformCanonicalizers: Record<string, () => { process: C14nCanonicalization['process'] }> = {
  'http://www.w3.org/2001/10/xml-exc-c14n#': () => new ExclusiveCanonicalization(),
  'http://www.w3.org/2001/10/xml-exc-c14n#WithComments': () => new ExclusiveCanonicalizationWithComments(),
};
const digests: Record<string, string> = {
  'http://www.w3.org/2000/09/xmldsig#sha1': 'sha1',
  'http://www.w3.org/2001/04/xmlenc#sha256': 'sha256',
  'http://www.w3.org/2001/04/xmldsig-more#sha384': 'sha384',
  'http://www.w3.org/2001/04/xmlenc#sha512': 'sha512',
};
const signatures: Record<string, { hash: string; ecdsa: boolean }> = {
  'http://www.w3.org/2000/09/xmldsig#rsa-sha1': { hash: 'sha1', ecdsa: false },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256': { hash: 'sha256', ecdsa: false },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha384': { hash: 'sha384', ecdsa: false },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512': { hash: 'sha512', ecdsa: false },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256': { hash: 'sha256', ecdsa: true },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384': { hash: 'sha384', ecdsa: true },
};

/**
 * The namespaces SignedInfo inherits from its ancestors, nearest binding of each prefix (inclusive C14N renders
 * them on it); not the one SignedInfo's own name already brings.
 */
function ancestorNamespaces(element: Element): { prefix: string; namespaceURI: string }[] {
  const found = new Map<string, string>();
  for (let node = element.parentNode as Element | null; node && node.nodeType === 1; node = node.parentNode as Element | null) {
    for (const attribute of Array.from(node.attributes)) {
      const prefix = attribute.name === 'xmlns' ? '' : attribute.name.startsWith('xmlns:') ? attribute.name.slice(6) : null;
      if (prefix !== null && !found.has(prefix)) found.set(prefix, attribute.value);
    }
  }
  const own = element.prefix ?? '';
  return [...found].filter(([prefix, uri]) => uri !== '' && !(prefix === own && uri === element.namespaceURI)).map(([prefix, namespaceURI]) => ({ prefix, namespaceURI }));
}

/**
 * Verifies the XML-DSig of a portable medium's ECFOperation.xml (seed 003, [XMLSIG]): a detached signature whose
 * references name the medium's files. Every file the operation lists must be signed; each reference's digest is
 * computed over the file's bytes (or, with a C14N transform, over the canonical XML), and the signature over the
 * canonical SignedInfo is checked with the certificate in KeyInfo. The signer is named by the certificate's subject;
 * a certificate outside its validity period verifies, with a note for the clerk. Algorithms not named here (and any
 * transform but exclusive C14N) are refused rather than trusted.
 */
export function verifyMediumSignature(operationXml: string, listed: readonly string[], bytesOf: (fileName: string) => Uint8Array | null, now = new Date()): MediumSignature {
  // Read again with its namespace declarations (the app's safe parser, which has already vetted this text, drops them):
  // inclusive C14N renders the ones SignedInfo inherits.
  let operation: Element | null;
  try {
    operation = new DOMParser({ onError: (level, message) => { if (level !== 'warning') throw new Error(message); } })
      .parseFromString(operationXml, 'text/xml').documentElement;
  } catch {
    operation = null;
  }
  if (!operation) return { kind: 'invalid', reason: 'ECFOperation.xml cannot be read for its signature' };
  const signature = child(operation, ds, 'Signature');
  if (!signature) return { kind: 'absent' };
  const invalid = (reason: string): MediumSignature => ({ kind: 'invalid', reason });
  const signedInfo = child(signature, ds, 'SignedInfo');
  const method = child(signedInfo, ds, 'CanonicalizationMethod')?.getAttribute('Algorithm') ?? '';
  const canonicalizer = canonicalizers[method];
  if (!signedInfo || !canonicalizer) return invalid(`the signature's canonicalization (${method || 'none'}) is not one this court accepts`);
  const algorithm = signatures[child(signedInfo, ds, 'SignatureMethod')?.getAttribute('Algorithm') ?? ''];
  if (!algorithm) return invalid('the signature algorithm is not one this court accepts (RSA or ECDSA with SHA-1 or SHA-2)');
  const signed: string[] = [];
  for (const reference of children(signedInfo, ds, 'Reference')) {
    const uri = reference.getAttribute('URI') ?? '';
    if (!uri || uri.startsWith('#')) return invalid('the signature must name the medium\'s files, and names something else');
    const name = decodeURIComponent(uri).replace(/^\.\//, '');
    const bytes = bytesOf(name);
    if (!bytes) return invalid(`the signature names ${name}, which is not on the medium`);
    const hash = digests[child(reference, ds, 'DigestMethod')?.getAttribute('Algorithm') ?? ''];
    if (!hash) return invalid(`the digest of ${name} uses an algorithm this court does not accept`);
    const transforms = elementChildren(child(reference, ds, 'Transforms')).map((transform) => transform.getAttribute('Algorithm') ?? '');
    let content: Uint8Array = bytes;
    if (transforms.length > 0) {
      const transform = transforms.length === 1 ? transformCanonicalizers[transforms[0] ?? ''] : undefined;
      if (!transform) return invalid(`the signature transforms ${name} in a way this court does not accept`);
      const parsed = parseXml(new TextDecoder().decode(bytes));
      if (!parsed.ok) return invalid(`${name} is signed as XML but cannot be read: ${parsed.error.message}`);
      content = Buffer.from(transform().process(parsed.value as unknown as DomNode, {}), 'utf8');
    }
    const expected = Buffer.from((text(child(reference, ds, 'DigestValue')) ?? '').replace(/\s+/g, ''), 'base64');
    const actual = createHash(hash).update(content).digest();
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return invalid(`${name} was changed after it was signed (its digest does not match)`);
    signed.push(name);
  }
  const unsigned = listed.filter((name) => !signed.some((s) => s.toLowerCase() === name.toLowerCase()));
  if (unsigned.length > 0) return invalid(`the signature does not cover ${unsigned.join(', ')}`);
  const certificateText = text(child(child(child(signature, ds, 'KeyInfo'), ds, 'X509Data'), ds, 'X509Certificate'));
  if (!certificateText) return invalid('the signature carries no X.509 certificate to check it with');
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(Buffer.from(certificateText.replace(/\s+/g, ''), 'base64'));
  } catch {
    return invalid('the signature\'s certificate cannot be read');
  }
  // xml-crypto types its nodes as the DOM's; @xmldom/xmldom's are what it walks.
  const inherited = ancestorNamespaces(signedInfo);
  const canonical = canonicalizer().process(signedInfo as unknown as DomNode, { ancestorNamespaces: inherited });
  const value = Buffer.from((text(child(signature, ds, 'SignatureValue')) ?? '').replace(/\s+/g, ''), 'base64');
  const good = verify(algorithm.hash, Buffer.from(canonical, 'utf8'), algorithm.ecdsa ? { key: certificate.publicKey, dsaEncoding: 'ieee-p1363' } : certificate.publicKey, value);
  if (!good) return invalid('the signature does not verify with the certificate it carries');
  const signer = certificate.subject.split('\n').find((part) => part.startsWith('CN='))?.slice(3) ?? certificate.subject.replace(/\n/g, ', ');
  const outside = now < new Date(certificate.validFrom) || now > new Date(certificate.validTo);
  return { kind: 'verified', signer, files: signed, note: outside ? `the signer's certificate is valid only from ${certificate.validFrom} to ${certificate.validTo}` : null };
}
