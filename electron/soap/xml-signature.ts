import { DOMParser, XMLSerializer, type Element } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { ns } from '../../shared/ecf/namespaces';
import { err, ok, type Result } from '../../shared/result';
import { parseXml } from '../../shared/xml/safe-xml';
import { child, descendants, firstChildElement } from '../../shared/xml/xml-query';

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

/**
 * Signs a SOAP envelope's Body (and the WS-Security Timestamp, when present) with RSA-SHA256 and exclusive
 * canonicalisation, placing the XML signature in the wsse:Security header (WS-I Basic Security Profile style).
 * The envelope must already have a wsse:Security header.
 */
export function signSoapEnvelope(xml: string, key: SigningKey): string {
  const signer = new SignedXml({ privateKey: key.keyPem, publicCert: key.certPem, signatureAlgorithm: rsaSha256, canonicalizationAlgorithm: excC14n, idMode: 'wssecurity' });
  signer.addReference({ xpath: bodyXPath, digestAlgorithm: sha256, transforms: [excC14n] });
  if (xml.includes('Timestamp')) signer.addReference({ xpath: timestampXPath, digestAlgorithm: sha256, transforms: [excC14n] });
  signer.computeSignature(xml, { location: { reference: "//*[local-name()='Security']", action: 'append' }, prefix: 'ds' });
  return signer.getSignedXml();
}

/** Why a signed message was refused. */
export interface SignatureError {
  readonly kind: 'unsigned' | 'invalid' | 'body-not-signed' | 'not-well-formed';
  readonly message: string;
}

/**
 * Verifies the signature of a SOAP envelope against a pinned certificate (the certificate in the message's KeyInfo
 * is ignored), requires the Body to be one of the signed references, and returns the Body **as it was signed** —
 * the caller acts only on that, so content wrapped around or beside the signed part (signature wrapping) is never read.
 */
export function verifySoapEnvelope(xml: string, pinnedCertPem: string, what = 'The EFM answer'): Result<Element, SignatureError> {
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
  for (const signedXml of verifier.getSignedReferences()) {
    const signed = new DOMParser().parseFromString(signedXml, 'text/xml').documentElement;
    if (signed && signed.namespaceURI === ns.soap && signed.localName === 'Body') {
      const body = firstChildElement(signed);
      if (body) return ok(body);
    }
  }
  return err({ kind: 'body-not-signed', message: `${what} is signed, but not its Body` });
}
