import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, hkdfSync, sign, type KeyObject, verify } from 'node:crypto';
import { mkdir, readdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../settings/atomic-file';
import type { SecretCipher } from '../secrets/secret-store';

/** Signs records and checks signatures; the journal and the audit log take one. */
export interface RecordSigner {
  /** First 16 hex digits of the SHA-256 of the public key (SPKI DER). */
  readonly keyId: string;
  sign(data: Uint8Array): Buffer;
  /** True when one of the workstation's keys (current or earlier) made the signature. */
  verify(data: Uint8Array, signature: Uint8Array): boolean;
}

/** Checks signatures with public keys only: what `clerk-review audit verify` uses, without the keychain. */
export class SignatureChecker {
  constructor(private readonly keys: readonly KeyObject[]) {}

  /** True when one of the keys made the signature. */
  verify(data: Uint8Array, signature: Uint8Array): boolean {
    if (signature.length !== 64) return false;
    return this.keys.some((key) => verify(null, data, key, signature));
  }

  /** Reads every public key kept in DATA_DIR/keys (current and earlier ones). */
  static async fromDataDir(dataDir: string): Promise<SignatureChecker> {
    const folder = path.join(dataDir, 'keys');
    const names = await readdir(folder).catch(() => [] as string[]);
    const pems = await Promise.all(names.filter((n) => n.endsWith('.pub')).map((n) => readFile(path.join(folder, n), 'utf8')));
    return new SignatureChecker(pems.map((pem) => createPublicKey(pem)));
  }
}

/**
 * The workstation's Ed25519 key pair. The private key is sealed by the OS keychain (Electron safeStorage); in
 * browser mode, where there is no keychain, it is a file only this account can read, and {@link warning} says so.
 * The public key sits beside it in the clear (and is registered with the EFM with each audit anchor), so anyone can
 * verify. A key that no longer unseals (a reset keychain) is replaced; the old public key is kept for verifying.
 */
export class WorkstationKey implements RecordSigner {
  readonly keyId: string;
  readonly #checker: SignatureChecker;

  private constructor(
    private readonly privateKey: KeyObject,
    /** The public key as PEM (SPKI). */
    readonly publicKeyPem: string,
    earlier: readonly KeyObject[],
    /** Said plainly to court IT when the key is not sealed by the keychain; null when it is. */
    readonly warning: string | null,
  ) {
    this.keyId = publicKeyId(publicKeyPem);
    this.#checker = new SignatureChecker([createPublicKey(publicKeyPem), ...earlier]);
  }

  /**
   * The key that seals case data this workstation keeps at rest (offline copies): derived from the private key
   * with HKDF, so it is as protected as the key itself (keychain-sealed) and needs no second secret.
   */
  atRestKey(): Buffer {
    const secret = this.privateKey.export({ type: 'pkcs8', format: 'der' });
    return Buffer.from(hkdfSync('sha256', secret, 'clerk-review-desk', 'at-rest key v1', 32));
  }

  /** Signs with the current key. */
  sign(data: Uint8Array): Buffer {
    return sign(null, data, this.privateKey);
  }

  /** True when the current or an earlier key of this workstation made the signature. */
  verify(data: Uint8Array, signature: Uint8Array): boolean {
    return this.#checker.verify(data, signature);
  }

  /** Loads the key from DATA_DIR/keys, making one on first use. */
  static async load(dataDir: string, cipher: SecretCipher): Promise<WorkstationKey> {
    const folder = path.join(dataDir, 'keys');
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const sealedFile = path.join(folder, 'workstation.key');
    const publicFile = path.join(folder, 'workstation.pub');
    const sealed = cipher.backend === 'keychain' || cipher.backend === 'basic-text';
    const warning = sealed ? null : 'Browser mode: the workstation signing key is a file that only this account can read; it is not sealed by the system keychain, so anyone who can sign in as this account could sign records with it.';
    const stored = await readFile(sealedFile).catch(() => null);
    const publicPem = await readFile(publicFile, 'utf8').catch(() => null);
    if (stored && publicPem) {
      const privateKey = unseal(stored, cipher);
      if (privateKey && createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }) === publicPem) {
        return new WorkstationKey(privateKey, publicPem, await earlierKeys(folder), warning);
      }
      // Keep the old public key for verifying what it signed, then make a new pair.
      await rename(publicFile, path.join(folder, `earlier-${publicKeyId(publicPem)}.pub`));
    }
    const pair = generateKeyPairSync('ed25519');
    const pem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    await writeFileAtomic(sealedFile, sealed ? cipher.encrypt(pem) : pem);
    const newPublic = pair.publicKey.export({ type: 'spki', format: 'pem' }) as string;
    await writeFileAtomic(publicFile, newPublic);
    return new WorkstationKey(pair.privateKey, newPublic, await earlierKeys(folder), warning);
  }
}

/** A short, stable name of a public key. */
export function publicKeyId(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

function unseal(stored: Buffer, cipher: SecretCipher): KeyObject | null {
  try {
    const text = stored.toString('utf8');
    const pem = text.startsWith('-----BEGIN') ? text : cipher.decrypt(stored);
    return createPrivateKey(pem);
  } catch {
    return null;
  }
}

async function earlierKeys(folder: string): Promise<KeyObject[]> {
  const names = (await readdir(folder)).filter((n) => n.startsWith('earlier-') && n.endsWith('.pub'));
  return Promise.all(names.map(async (n) => createPublicKey(await readFile(path.join(folder, n), 'utf8'))));
}
