import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Seals and opens bytes kept at rest (journal payloads): authenticated encryption, so a change is an error. */
export interface PayloadSealer {
  seal(plain: Buffer): Buffer;
  /** Null when the bytes were sealed with another key or changed. */
  open(sealed: Buffer): Buffer | null;
}

/** AES-256-GCM: a 12-byte random nonce, the ciphertext, then the 16-byte tag. */
export function aesGcmSealer(key: Buffer): PayloadSealer {
  if (key.length !== 32) throw new Error('an AES-256 key is 32 bytes');
  return {
    seal: (plain) => {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([nonce, body, cipher.getAuthTag()]);
    },
    open: (sealed) => {
      if (sealed.length < 28) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
        decipher.setAuthTag(sealed.subarray(sealed.length - 16));
        return Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]);
      } catch {
        return null;
      }
    },
  };
}
