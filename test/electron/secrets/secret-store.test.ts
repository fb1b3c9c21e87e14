import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryCipher, safeStorageCipher, SecretStore, type SafeStorageLike } from '../../../electron/secrets/secret-store';

/** A stand-in for Electron's safeStorage (AES-256-GCM with a key the "OS" holds). */
function fakeSafeStorage(backend = 'gnome_libsecret', available = true): SafeStorageLike {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (plain) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString: (sealed) => {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

const secretKey = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----\n';

describe('secret store', () => {
  it('seals secrets with the keychain cipher: nothing readable on disk, names hashed, values come back', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'crd-secrets-'));
    const store = new SecretStore(dir, safeStorageCipher(fakeSafeStorage(), 'linux'));
    await store.set('connection:harris:client-key', secretKey);
    expect(await store.get('connection:harris:client-key')).toBe(secretKey);
    const files = readdirSync(path.join(dir, 'secrets'));
    expect(files).toHaveLength(1);
    expect(files[0]).not.toContain('harris');
    const raw = readFileSync(path.join(dir, 'secrets', files[0] ?? ''));
    expect(raw.toString('latin1')).not.toContain('PRIVATE KEY');
    expect(raw.toString('latin1')).not.toContain('harris');
    expect(await store.status()).toEqual({ backend: 'keychain', warning: null, names: ['connection:harris:client-key'] });
    await store.delete('connection:harris:client-key');
    expect(await store.get('connection:harris:client-key')).toBeNull();
  });

  it('a secret sealed by another keychain (other user, reset keyring) reads as absent, not as garbage', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'crd-secrets-'));
    await new SecretStore(dir, safeStorageCipher(fakeSafeStorage(), 'linux')).set('k', 'v');
    expect(await new SecretStore(dir, safeStorageCipher(fakeSafeStorage(), 'linux')).get('k')).toBeNull();
  });

  it('says plainly when Linux has only the basic text backend, and refuses to store when nothing can encrypt', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'crd-secrets-'));
    expect((await new SecretStore(dir, safeStorageCipher(fakeSafeStorage('basic_text'), 'linux')).status()).warning).toMatch(/basic text backend/);
    const none = new SecretStore(dir, safeStorageCipher(fakeSafeStorage('gnome_libsecret', false), 'linux'));
    await expect(none.set('k', 'v')).rejects.toThrow(/cannot encrypt/);
    expect((await none.status()).backend).toBe('unavailable');
  });

  it('browser mode keeps secrets in memory only and writes nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'crd-secrets-'));
    const store = new SecretStore(dir, memoryCipher);
    await store.set('k', secretKey);
    expect(await store.get('k')).toBe(secretKey);
    expect(readdirSync(dir)).toEqual([]);
    expect((await store.status()).warning).toMatch(/memory/);
  });
});
