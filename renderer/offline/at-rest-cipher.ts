import { getApi } from '../app/api';

/** Bytes sealed with AES-256-GCM: what IndexedDB holds instead of case data. */
export interface Sealed {
  readonly iv: Uint8Array;
  readonly data: Uint8Array;
}

let key: Promise<CryptoKey> | null = null;

// The main process holds the key (derived from the keychain-sealed workstation key); the page keeps it in memory
// only, as a non-extractable WebCrypto key, and asks again after a sign-out.
function currentKey(): Promise<CryptoKey> {
  key ??= getApi().offline.key().then((answer) => {
    if (!answer.ok) throw new Error(answer.error.message);
    return crypto.subtle.importKey('raw', answer.value as Uint8Array<ArrayBuffer>, 'AES-GCM', false, ['encrypt', 'decrypt']);
  });
  key.catch(() => {
    key = null;
  });
  return key;
}

/** Seals bytes for IndexedDB. */
export async function seal(bytes: Uint8Array): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  return { iv, data: new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await currentKey(), bytes as Uint8Array<ArrayBuffer>)) };
}

/** Opens sealed bytes; null when they were sealed with another key or changed. */
export async function unseal(sealed: Sealed): Promise<Uint8Array | null> {
  try {
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv as Uint8Array<ArrayBuffer> }, await currentKey(), sealed.data as Uint8Array<ArrayBuffer>));
  } catch {
    return null;
  }
}

/** Seals a JSON value. */
export function sealJson(value: unknown): Promise<Sealed> {
  return seal(new TextEncoder().encode(JSON.stringify(value)));
}

/** Opens a sealed JSON value; null when it cannot be opened. */
export async function unsealJson(sealed: Sealed): Promise<unknown> {
  const bytes = await unseal(sealed);
  return bytes ? (JSON.parse(new TextDecoder().decode(bytes)) as unknown) : null;
}

/** Drops the key from memory (sign-out). */
export function forgetAtRestKey(): void {
  key = null;
}
