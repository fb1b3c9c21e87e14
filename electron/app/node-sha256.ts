import { createHash } from 'node:crypto';
import type { Sha256Stream } from '../../shared/crypto/sha256';

/** A {@link Sha256Stream} on Node's hash, whose state can be copied to read a digest mid-way. */
export function nodeSha256Stream(): Sha256Stream {
  const hash = createHash('sha256');
  return {
    update: (bytes) => void hash.update(bytes),
    hexSoFar: () => hash.copy().digest('hex'),
  };
}
