import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const config = parse(readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown> & { electronFuses: Record<string, boolean> };

describe('electron-builder.yml', () => {
  it("validates against electron-builder's own configuration schema", () => {
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
    const ajv = new Ajv({ strict: false, allowUnionTypes: true });
    const validate = ajv.compile(schema);
    expect(validate(config), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('rejects a misspelled option (the schema check is real)', () => {
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
    const validate = new Ajv({ strict: false, allowUnionTypes: true }).compile(schema);
    expect(validate({ ...config, electronFuses: { ...config.electronFuses, runAsNodee: false } })).toBe(false);
  });

  it('flips every security fuse', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packages into asar with app id and product name, for Linux, Windows and macOS', () => {
    expect(config.asar).toBe(true);
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(config.productName).toBe('Clerk Review Desk');
    expect(config.linux).toMatchObject({ target: ['AppImage', 'deb'] });
    expect(config.win).toMatchObject({ target: ['nsis'] });
    expect(config.mac).toMatchObject({ target: ['dmg'] });
  });

  it('ships only the build output, without source maps, and the court seal the service stamps with', () => {
    expect(config.files).toEqual(['dist/**/*', '!dist/**/*.map', 'package.json', 'schemas/**/*', 'assets/court-seal.png']);
  });
});

describe('what the packaged app loads from disk', () => {
  const build = readFileSync('scripts/build.mjs', 'utf8');
  const externals = [...build.matchAll(/external: \[([^\]]*)\]/g)].map((match) => (match[1] ?? '').split(',').map((name) => name.trim().replace(/'/g, '')));
  const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };

  it('PGlite stays outside the bundles, as a production dependency electron-builder ships', () => {
    expect(externals.length).toBeGreaterThanOrEqual(3);
    for (const list of externals) expect(list).toContain('@electric-sql/pglite');
    for (const name of new Set(externals.flat())) {
      if (name !== 'electron') expect(Object.keys(packageJson.dependencies), `${name} is loaded at run time`).toContain(name);
    }
  });

  it('every WASM and data file PGlite opens is unpacked from the asar (it reads them with fs, not through asar)', async () => {
    const { minimatch } = (await import('minimatch')) as { minimatch: (file: string, pattern: string) => boolean };
    const { readdirSync } = await import('node:fs');
    const dist = 'node_modules/@electric-sql/pglite/dist';
    const runtimeFiles = readdirSync(dist).filter((name) => /\.(wasm|data)$/.test(name)).map((name) => `${dist}/${name}`);
    expect(runtimeFiles).toEqual(expect.arrayContaining([`${dist}/pglite.wasm`, `${dist}/pglite.data`, `${dist}/initdb.wasm`]));
    const unpacked = config.asarUnpack as string[];
    for (const file of runtimeFiles) expect(unpacked.some((pattern) => minimatch(file, pattern)), file).toBe(true);
    // The check is real: a file elsewhere is not covered.
    expect(unpacked.some((pattern) => minimatch('node_modules/react/index.js', pattern))).toBe(false);
  });
});
