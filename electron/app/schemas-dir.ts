import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The folder of the schemas and WSDLs the service publishes (`schemas/` in the repository and in the package).
 * Bundled code runs from `dist/electron/` (inside the asar when packaged): two levels below it. Unbundled code
 * (tests, tsx) runs from the repository.
 */
export function schemasDir(): string {
  const here = typeof __dirname === 'string' ? __dirname : process.cwd();
  const candidates = [path.resolve(here, '..', '..', 'schemas'), path.resolve(process.cwd(), 'schemas')];
  const found = candidates.find((candidate) => existsSync(path.join(candidate, 'clerk-review.wsdl')));
  if (!found) throw new Error(`The service's schemas are missing (looked in ${candidates.join(', ')})`);
  return found;
}
