import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeSelfSignedIdentity } from '../../electron/demo/self-signed-identity';
import { signerCertificate, signSoapEnvelope, verifySoapEnvelope } from '../../electron/soap/xml-signature';
import { soapEnvelope } from '../../electron/soap/soap-envelope';
import { wsSecurityHeader } from '../../electron/soap/ws-security';
import { leaseResponseElement } from '../../shared/ecf/clerk-review-service';

const efm = makeSelfSignedIdentity('Demo EFM signing');
const impostor = makeSelfSignedIdentity('Impostor');
const lease = { envelopeId: 'ENV-1', holder: 'clerk1', expiresAt: '2026-11-22T17:00:00.000Z', fencingToken: 7 };
const envelope = (): string => soapEnvelope(leaseResponseElement(lease), [wsSecurityHeader({ username: 'efm', password: 'x' })]);
const key = { keyPem: efm.keyPem, certPem: efm.certPem };

describe('SOAP message signatures (xml-crypto, pinned certificate)', () => {
  it('verifies a signed answer and returns the Body as signed', () => {
    const verified = verifySoapEnvelope(signSoapEnvelope(envelope(), key), efm.certPem);
    expect(verified.ok && verified.value.body.localName).toBe('LeaseResponse');
    expect(verified.ok && verified.value.body.textContent).toContain('clerk1');
  });

  it('refuses an unsigned answer', () => {
    expect(verifySoapEnvelope(envelope(), efm.certPem)).toMatchObject({ ok: false, error: { kind: 'unsigned' } });
  });

  it('refuses an answer changed after signing', () => {
    const tampered = signSoapEnvelope(envelope(), key).replace('<crd:Holder>clerk1</crd:Holder>', '<crd:Holder>mallory</crd:Holder>');
    expect(verifySoapEnvelope(tampered, efm.certPem)).toMatchObject({ ok: false, error: { kind: 'invalid' } });
  });

  it('refuses an answer signed by another key, even though it carries its own certificate', () => {
    const forged = signSoapEnvelope(envelope(), { keyPem: impostor.keyPem, certPem: impostor.certPem });
    expect(verifySoapEnvelope(forged, efm.certPem)).toMatchObject({ ok: false, error: { kind: 'invalid' } });
  });

  it('does not act on a second Body smuggled beside the signed one (signature wrapping)', () => {
    const signed = signSoapEnvelope(envelope(), key);
    const wrapped = signed.replace('<soap:Body', '<soap:Body><crd:LeaseResponse><crd:Lease><crd:Holder>mallory</crd:Holder></crd:Lease></crd:LeaseResponse></soap:Body><soap:Body');
    const verified = verifySoapEnvelope(wrapped, efm.certPem);
    if (verified.ok) expect(verified.value.body.textContent).not.toContain('mallory');
    else expect(verified.error.kind).toMatch(/invalid|not-well-formed|body-not-signed/);
  });

  it('carries the signer certificate as a BinarySecurityToken the signature references (WS-I BSP 1.1), and signs the Timestamp', () => {
    const signed = signSoapEnvelope(envelope(), key);
    expect(signed).toMatch(/<wsse:BinarySecurityToken [^>]*wsu:Id="X509-1"[^>]*ValueType="[^"]*#X509v3"/);
    expect(signed).toMatch(/<ds:KeyInfo><wsse:SecurityTokenReference[^>]*><wsse:Reference URI="#X509-1"/);
    const presented = signerCertificate(signed);
    expect(presented && new X509Certificate(presented).fingerprint256).toBe(new X509Certificate(efm.certPem).fingerprint256);
    const verified = verifySoapEnvelope(signed, efm.certPem);
    expect(verified.ok && verified.value.timestamp?.created).toMatch(/^\d{4}-\d\d-\d\dT/);
    // A Timestamp changed after signing breaks the signature.
    const moved = signed.replace(/(<wsu:Created>)\d{4}/, '$12099');
    expect(verifySoapEnvelope(moved, efm.certPem)).toMatchObject({ ok: false, error: { kind: 'invalid' } });
  });
});
