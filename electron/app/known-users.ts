import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../settings/atomic-file';

/**
 * The user names that signed in on this workstation before, kept as SHA-256 digests only: a failed sign-in is
 * audited under its user name only when it names one of them, so a password typed into the name field never reaches
 * the audit log.
 */
export class KnownUsers {
  readonly #file: string;
  #digests: Promise<Set<string>> | null = null;

  constructor(dataDir: string) {
    this.#file = path.join(dataDir, 'known-users.json');
  }

  /** True when `name` signed in here before. */
  async has(name: string): Promise<boolean> {
    return (await this.#load()).has(digest(name));
  }

  /** Remembers a user name after a successful sign-in. */
  async add(name: string): Promise<void> {
    const digests = await this.#load();
    if (digests.has(digest(name))) return;
    digests.add(digest(name));
    await writeFileAtomic(this.#file, `${JSON.stringify([...digests])}\n`);
  }

  #load(): Promise<Set<string>> {
    this.#digests ??= readFile(this.#file, 'utf8').then(parseDigests, () => new Set<string>());
    return this.#digests;
  }
}

// A damaged file forgets who signed in before: failed sign-ins are then recorded as "unknown user", never leaked.
function parseDigests(text: string): Set<string> {
  try {
    const parsed: unknown = JSON.parse(text);
    return new Set(Array.isArray(parsed) ? parsed.filter((d): d is string => typeof d === 'string') : []);
  } catch {
    return new Set();
  }
}

function digest(name: string): string {
  return createHash('sha256').update(name.trim().toLowerCase()).digest('hex');
}
