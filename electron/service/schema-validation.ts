import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

/** Checks one message against a schema set: valid, or the validator's first errors. */
export type SchemaValidator = (xml: string) => Promise<{ valid: boolean; output: string }>;

/** Validations at once (each an xmllint process loading the whole set): more wait their turn. */
const maxRunning = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function turn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= maxRunning) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/**
 * A validator against the schema set whose entry is `entryXsd` (an XSD importing every message namespace), run by
 * xmllint (libxml2) offline (`--nonet`): the message goes on stdin, nothing is written to disk. Asynchronous, at
 * most two at a time, so the service keeps answering while a large filing is checked.
 */
export function xmllintValidator(entryXsd: string): SchemaValidator {
  return (xml) => turn(() => new Promise((resolve) => {
    const child = spawn('xmllint', ['--nonet', '--noout', '--schema', entryXsd, '-'], { stdio: ['pipe', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (errors.length < 20_000) errors += chunk;
    });
    child.on('error', (error) => resolve({ valid: false, output: `the schema validator could not run: ${error.message}` }));
    child.on('close', (code) => {
      const lines = errors.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('warning') && !line.includes('fails to validate') && line !== '- validates');
      resolve({ valid: code === 0, output: lines.slice(0, 20).join('\n').replaceAll('-:', 'line ') });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(xml);
  }));
}

/** True when xmllint (Debian/Ubuntu: libxml2-utils) is installed. */
export function xmllintAvailable(): boolean {
  return spawnSync('xmllint', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** The validators of the schema sets the service ships: OASIS ECF 5.0 and (Tyler's production) ECF 4.0. */
export function bundledValidators(schemas: string): { readonly ecf5: SchemaValidator; readonly ecf4: SchemaValidator } {
  return {
    ecf5: xmllintValidator(path.join(schemas, 'ecf5', 'schema', 'all-messages.xsd')),
    ecf4: xmllintValidator(path.join(schemas, 'ecf4', 'all-messages.xsd')),
  };
}
