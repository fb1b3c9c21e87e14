import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { channels } from '../../shared/ipc/contract';
import { settingsSchema } from '../../shared/settings';
import { leanModule, stubbedModules, zodLeanEsbuild } from '../../scripts/zod-lean.mjs';

const zodRoot = path.join(path.dirname(createRequire(import.meta.url).resolve('zod/package.json')), 'v4');
const samples: unknown[] = [undefined, null, {}, [], 'x', 42, { ok: true }, { envelopeId: 'ENV-1', filingId: 'F1' }];

/** The contract bundled as the app bundles it (lean zod), loaded as a module. */
async function leanContract(): Promise<{ channels: typeof channels; settingsSchema: typeof settingsSchema; jsonSchema: () => unknown }> {
  const entry = [
    "export { channels } from './shared/ipc/contract';",
    "export { settingsSchema } from './shared/settings';",
    "import { z } from 'zod';",
    'export const jsonSchema = () => z.string().toJSONSchema();',
  ].join('\n');
  const result = await build({
    stdin: { contents: entry, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true, write: false, format: 'esm', platform: 'node', plugins: [zodLeanEsbuild], logLevel: 'silent',
  });
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'crd-zod-lean-')), 'contract.mjs');
  writeFileSync(file, result.outputFiles[0]?.text ?? '');
  return import(pathToFileURL(file).href);
}

/** What a parse gives, comparable across the two builds. */
const outcome = (parsed: { success: boolean; data?: unknown; error?: { issues: unknown[] } }): string =>
  JSON.stringify(parsed.success ? { ok: parsed.data } : { issues: parsed.error?.issues.length });

describe('zod-lean build plugin', () => {
  it('stands in for each left-out module with exactly its exports', async () => {
    expect(stubbedModules.length).toBeGreaterThan(0);
    for (const file of stubbedModules) {
      const original = Object.keys(await import(pathToFileURL(path.join(zodRoot, file)).href)).sort();
      const stub = leanModule(path.join(zodRoot, file));
      expect(stub, file).not.toBeNull();
      const replaced = Object.keys(await import(`data:text/javascript,${encodeURIComponent(stub ?? '')}`)).sort();
      expect(replaced, file).toEqual(original);
    }
    expect(leanModule(path.join(zodRoot, 'core', 'schemas.js'))).toBeNull();
  });

  it('validates every channel of the contract exactly as the full zod does', async () => {
    const lean = await leanContract();
    let compared = 0;
    for (const [name, spec] of Object.entries(channels)) {
      const leanSpec = lean.channels[name as keyof typeof channels];
      for (const sample of samples) {
        expect(outcome(leanSpec.args.safeParse(sample)), `${name} args`).toBe(outcome(spec.args.safeParse(sample)));
        expect(outcome(leanSpec.result.safeParse(sample)), `${name} result`).toBe(outcome(spec.result.safeParse(sample)));
        compared += 2;
      }
    }
    expect(compared).toBeGreaterThan(100);
    // Defaults and fallbacks (`.catch`, `.default`) too.
    for (const sample of [{ idleLockMinutes: 'junk' }, { idleLockMinutes: 500, courtTimeZone: 7 }]) {
      expect(outcome(lean.settingsSchema.safeParse(sample))).toBe(outcome(settingsSchema.safeParse(sample)));
    }
  });

  it('leaves JSON Schema conversion out (it throws if anything ever calls it)', async () => {
    const lean = await leanContract();
    expect(() => lean.jsonSchema()).toThrow(/not bundled in this app/);
  });
});
