import { DOMParser, XMLSerializer, type Element } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { ns } from '../../shared/ecf/namespaces';
import { err, ok, type Result } from '../../shared/result';
import { parseXml } from '../../shared/xml/safe-xml';
import { child, descendants, firstChildElement, textAt } from '../../shared/xml/xml-query';

/** A key and certificate that sign SOAP messages (PEM). */
export interface SigningKey {
  readonly keyPem: string;
  readonly certPem: string;
}

const rsaSha256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const excC14n = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const sha256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
const bodyXPath = "/*[local-name()='Envelope' and namespace-uri()='http://schemas.xmlsoap.org/soap/envelope/']/*[local-name()='Body' and namespace-uri()='http://schemas.xmlsoap.org/soap/envelope/']";
const timestampXPath = "//*[local-name()='Timestamp' and namespace-uri()='http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd']";
const x509v3 = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3';
const base64Binary = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary';
const tokenId = 'X509-1';

/** The base64 DER of a PEM certificate (what a BinarySecurityToken carries). */
function derBase64(certPem: string): string {
  return certPem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
}

/**
 * Signs a SOAP envelope's Body (and the WS-Security Timestamp, when present) with RSA-SHA256 and exclusive
 * canonicalisation, placing the XML signature in the wsse:Security header with the signer's certificate as a
 * `wsse:BinarySecurityToken` that the signature's KeyInfo references (WS-I Basic Security Profile 1.1).
 * The envelope must already have a wsse:Security header.
 */
export function signSoapEnvelope(xml: string, key: SigningKey): string {
  const signer = new SignedXml({
    privateKey: key.keyPem, publicCert: key.certPem, signatureAlgorithm: rsaSha256, canonicalizationAlgorithm: excC14n, idMode: 'wssecurity',
    getKeyInfoContent: () => {
      return `<wsse:SecurityTokenReference xmlns:wsse="${ns.wsse}"><wsse:Reference URI="#${tokenId}" ValueType="${x509v3}"/></wsse:SecurityTokenReference>`;
    },
  });
  signer.addReference({ xpath: bodyXPath, digestAlgorithm: sha256, transforms: [excC14n] });
  if (xml.includes('Timestamp')) signer.addReference({ xpath: timestampXPath, digestAlgorithm: sha256, transforms: [excC14n] });
  const token = `<wsse:BinarySecurityToken xmlns:wsse="${ns.wsse}" xmlns:wsu="${ns.wsu}" wsu:Id="${tokenId}" EncodingType="${base64Binary}" ValueType="${x509v3}">${derBase64(key.certPem)}</wsse:BinarySecurityToken>`;
  const withToken = xml.replace(/(<([\w.-]+:)?Security\b[^>]*>)/, `$1${token}`);
  signer.computeSignature(withToken, { location: { reference: "//*[local-name()='Security']", action: 'append' }, prefix: 'ds' });
  return signer.getSignedXml();
}

/**
 * The certificate (PEM) in the BinarySecurityToken a message's signature references, or null when it has none:
 * what a server uses to pick which registered certificate to verify with. Never trusted on its own.
 */
export function signerCertificate(xml: string): string | null {
  const parsed = parseXml(xml);
  if (!parsed.ok) return null;
  const security = child(child(parsed.value, ns.soap, 'Header'), ns.wsse, 'Security');
  if (!security) return null;
  const reference = descendants(security, ns.wsse, 'Reference')[0];
  const uri = reference?.getAttribute('URI')?.replace(/^#/, '');
  const token = descendants(security, ns.wsse, 'BinarySecurityToken').find((element) => element.getAttributeNS(ns.wsu, 'Id') === uri);
  const der = token?.textContent?.replace(/\s+/g, '');
  return der ? `-----BEGIN CERTIFICATE-----\n${der.match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END CERTIFICATE-----\n` : null;
}

/** Why a signed message was refused. */
export interface SignatureError {
  readonly kind: 'unsigned' | 'invalid' | 'body-not-signed' | 'not-well-formed';
  readonly message: string;
}

/** What a verified message signed: its Body, and its WS-Security Timestamp when that was signed too. */
export interface SignedParts {
  readonly body: Element;
  readonly timestamp: { readonly created: string | null; readonly expires: string | null } | null;
}

/**
 * Verifies the signature of a SOAP envelope against a pinned certificate (the certificate in the message's KeyInfo
 * is ignored), requires the Body to be one of the signed references, and returns the Body **as it was signed** —
 * the caller acts only on that, so content wrapped around or beside the signed part (signature wrapping) is never read.
 * The Timestamp likewise comes from the signed reference, never from the document.
 */
export function verifySoapEnvelope(xml: string, pinnedCertPem: string, what = 'The EFM answer'): Result<SignedParts, SignatureError> {
  const parsed = parseXml(xml);
  if (!parsed.ok) return err({ kind: 'not-well-formed', message: parsed.error.message });
  const security = child(child(parsed.value, ns.soap, 'Header'), ns.wsse, 'Security');
  const signatures = security ? descendants(security, 'http://www.w3.org/2000/09/xmldsig#', 'Signature') : [];
  if (signatures.length !== 1) return err({ kind: 'unsigned', message: signatures.length === 0 ? `${what} is not signed` : `${what} carries more than one signature` });
  const verifier = new SignedXml({ publicCert: pinnedCertPem, getCertFromKeyInfo: () => null, idMode: 'wssecurity' });
  try {
    verifier.loadSignature(new XMLSerializer().serializeToString(signatures[0] as Element));
    if (!verifier.checkSignature(xml)) return err({ kind: 'invalid', message: `${what}'s signature does not verify against the certificate it must be signed with` });
  } catch (error) {
    return err({ kind: 'invalid', message: `${what}'s signature does not verify: ${(error as Error).message.split('\n')[0]}` });
  }
  let body: Element | null = null;
  let timestamp: SignedParts['timestamp'] = null;
  for (const signedXml of verifier.getSignedReferences()) {
    const signed = new DOMParser().parseFromString(signedXml, 'text/xml').documentElement;
    if (signed && signed.namespaceURI === ns.soap && signed.localName === 'Body') body = firstChildElement(signed);
    if (signed && signed.namespaceURI === ns.wsu && signed.localName === 'Timestamp') {
      timestamp = { created: textAt(signed, [ns.wsu, 'Created']), expires: textAt(signed, [ns.wsu, 'Expires']) };
    }
  }
  return body ? ok({ body, timestamp }) : err({ kind: 'body-not-signed', message: `${what} is signed, but not its Body` });
}
