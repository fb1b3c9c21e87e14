import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

/** A signing identity: RSA key and self-signed certificate, as PEM. */
export interface SigningIdentity {
  readonly keyPem: string;
  readonly certPem: string;
}

/**
 * Makes a self-signed RSA identity (demo filers, test EFMs). With `serverIp`, the certificate is also good for a TLS
 * server at that address (the demo EFM over HTTPS in tests).
 */
export function makeSelfSignedIdentity(commonName: string, days = 365, serverIp?: string): SigningIdentity {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + days * 86_400_000);
  const subject = [{ name: 'commonName', value: commonName }, { name: 'organizationName', value: 'Clerk Review Desk demo' }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions(
    serverIp
      ? [{ name: 'basicConstraints', cA: false }, { name: 'keyUsage', digitalSignature: true, keyEncipherment: true }, { name: 'extKeyUsage', serverAuth: true }, { name: 'subjectAltName', altNames: [{ type: 7, ip: serverIp }] }]
      : [{ name: 'basicConstraints', cA: false }, { name: 'keyUsage', digitalSignature: true, nonRepudiation: true }],
  );
  cert.sign(forge.pki.privateKeyFromPem(keyPem), forge.md.sha256.create());
  return { keyPem, certPem: forge.pki.certificateToPem(cert) };
}
