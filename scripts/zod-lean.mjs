// zod's classic API carries code the app never runs, and it weighs on the bundles that load before the first paint
// (renderer, preload, loopback bootstrap):
// - every locale (`z.locales`, ~260 KB minified), though only English is used: we never call `z.config(z.locales.xx())`;
// - JSON Schema conversion both ways (`toJSONSchema`, `fromJSONSchema`, ~40 KB) and the `z.compile` fast-path
//   compiler (~30 KB): each schema gets a `.toJSONSchema()` method, so they are bundled even though nothing calls them.
// The locale index is replaced by English alone; the other modules by stubs with the same exports, which throw if
// ever called (test/scripts/zod-lean.test.ts checks that the contract validates as with the full zod).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const zodRoot = path.join(path.dirname(require.resolve('zod/package.json')), 'v4');
const english = path.join(zodRoot, 'locales', 'en.js');
/** zod's modules (under zod/v4) replaced by throwing stubs. */
export const stubbedModules = [
  'core/to-json-schema.js', 'core/json-schema-processors.js', 'core/json-schema-generator.js', 'core/compile.js',
  'classic/from-json-schema.js',
];
const stubbed = stubbedModules.map((file) => path.join(zodRoot, file));

/** The module that stands in for `file`: English alone for the locale index, throwing stubs for the others. */
export function leanModule(file) {
  if (file === path.join(zodRoot, 'locales', 'index.js')) return `export { default as en } from ${JSON.stringify(english)};`;
  if (!stubbed.includes(file)) return null;
  const source = readFileSync(file, 'utf8');
  const names = new Set();
  for (const match of source.matchAll(/^export (?:const|function|class|let) (\w+)/gm)) names.add(match[1]);
  for (const match of source.matchAll(/^export \{([^}]*)\}/gm)) {
    for (const part of match[1].split(',')) names.add(part.trim().split(/\s+as\s+/).at(-1));
  }
  names.delete('');
  const unavailable = `() => { throw new Error('zod: ${path.basename(file, '.js')} is not bundled in this app'); }`;
  // Schemas are given their JSON Schema methods when built: those must be functions, never called.
  const lines = [...names].map((name) =>
    name === 'INVALID' ? `export const INVALID = Symbol.for("zod.compile.invalid");`
      : /^create\w+Method$/.test(name) ? `export const ${name} = () => ${unavailable};`
        : /Error$|Generator$/.test(name) ? `export class ${name} extends Error {}`
          : `export const ${name} = ${unavailable};`);
  return lines.join('\n');
}

const isZodFile = (file) => file.startsWith(zodRoot + path.sep);

/** The esbuild plugin. */
export const zodLeanEsbuild = {
  name: 'zod-lean',
  setup(build) {
    build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/].*\.js$/ }, (args) => {
      const contents = isZodFile(args.path) ? leanModule(args.path) : null;
      return contents === null ? undefined : { contents, resolveDir: path.dirname(args.path), loader: 'js' };
    });
  },
};

/** The Vite (Rollup) plugin. */
export const zodLeanVite = {
  name: 'zod-lean',
  enforce: 'pre',
  load(id) {
    const file = id.split('?')[0];
    return isZodFile(file) ? leanModule(file) : null;
  },
};
