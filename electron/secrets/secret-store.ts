import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../settings/atomic-file';

/**
 * How secrets are protected at rest: `keychain` (OS keychain / DPAPI / libsecret via Electron safeStorage),
 * `basic-text` (Linux without a keyring: safeStorage's fixed-key fallback, which does not really protect anything),
 * `memory` (browser mode: kept for this run only, never written), `unavailable` (nothing can be stored).
 */
export type SecretBackend = 'keychain' | 'basic-text' | 'memory' | 'unavailable';

/** Encrypts and decrypts secrets (Electron's safeStorage in the app). */
export interface SecretCipher {
  readonly backend: SecretBackend;
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
}

/** What the settings screen shows about secret storage. */
export interface SecretStatus {
  readonly backend: SecretBackend;
  /** Said plainly to court IT when secrets are not protected as they would expect; null when all is well. */
  readonly warning: string | null;
  readonly names: string[];
}

const warnings: Record<SecretBackend, string | null> = {
  keychain: null,
  'basic-text': 'No system keyring is available (Linux basic text backend): stored secrets are only obfuscated, not protected. Install and unlock a keyring (GNOME Keyring or KWallet) and store them again.',
  memory: 'Browser mode: secrets are kept in memory for this run only and must be entered again after a restart.',
  unavailable: 'This workstation cannot encrypt secrets; none can be stored.',
};

/**
 * The workstation's secrets (client private keys), each sealed by the cipher in its own file under `secrets/`
 * (mode 0600, written atomically); nothing secret ever goes into settings.json. File names are hashes of the secret
 * names, so the folder does not even say which connections have keys.
 */
export class SecretStore {
  readonly #folder: string;
  readonly #memory = new Map<string, string>();

  constructor(dataDir: string, private readonly cipher: SecretCipher) {
    this.#folder = path.join(dataDir, 'secrets');
  }

  /** Stores a secret; refused when the workstation cannot protect it. */
  async set(name: string, value: string): Promise<void> {
    if (this.cipher.backend === 'unavailable') throw new Error(warnings.unavailable ?? 'unavailable');
    if (this.cipher.backend === 'memory') {
      this.#memory.set(name, value);
      return;
    }
    await mkdir(this.#folder, { recursive: true, mode: 0o700 });
    const sealed = this.cipher.encrypt(JSON.stringify({ name, value }));
    await writeFileAtomic(this.#file(name), sealed);
  }

  /** A stored secret, or null. A file that no longer decrypts (other user, reset keychain) counts as absent. */
  async get(name: string): Promise<string | null> {
    if (this.cipher.backend === 'memory') return this.#memory.get(name) ?? null;
    try {
      const opened = JSON.parse(this.cipher.decrypt(await readFile(this.#file(name)))) as { name?: string; value?: string };
      return opened.name === name && typeof opened.value === 'string' ? opened.value : null;
    } catch {
      return null;
    }
  }

  /** Forgets a secret. */
  async delete(name: string): Promise<void> {
    this.#memory.delete(name);
    await rm(this.#file(name), { force: true });
  }

  /** Which secrets are stored (names only, never values) and how they are protected. */
  async status(): Promise<SecretStatus> {
    let names: string[] = [];
    if (this.cipher.backend === 'memory') names = [...this.#memory.keys()];
    else {
      const files = await readdir(this.#folder).catch(() => [] as string[]);
      for (const file of files.filter((f) => f.endsWith('.secret'))) {
        try {
          const opened = JSON.parse(this.cipher.decrypt(await readFile(path.join(this.#folder, file)))) as { name?: string };
          if (opened.name) names.push(opened.name);
        } catch {
          // Unreadable with this cipher: not usable, not listed.
        }
      }
    }
    return { backend: this.cipher.backend, warning: warnings[this.cipher.backend], names: names.sort() };
  }

  #file(name: string): string {
    return path.join(this.#folder, `${createHash('sha256').update(name).digest('hex').slice(0, 32)}.secret`);
  }
}

/** Browser mode (loopback host): secrets live in memory for the run. */
export const memoryCipher: SecretCipher = {
  backend: 'memory',
  encrypt: () => {
    throw new Error('memory backend does not encrypt');
  },
  decrypt: () => {
    throw new Error('memory backend does not decrypt');
  },
};

/** The parts of Electron's `safeStorage` used here (typed structurally so this file runs without Electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
  getSelectedStorageBackend?(): string;
}

/** A cipher over Electron's safeStorage, naming the Linux basic-text fallback for what it is. */
export function safeStorageCipher(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): SecretCipher {
  const available = safeStorage.isEncryptionAvailable();
  const linuxBackend = platform === 'linux' ? safeStorage.getSelectedStorageBackend?.() : undefined;
  const backend: SecretBackend = !available ? 'unavailable' : linuxBackend === 'basic_text' ? 'basic-text' : 'keychain';
  return { backend, encrypt: (plain) => safeStorage.encryptString(plain), decrypt: (sealed) => safeStorage.decryptString(sealed) };
}
