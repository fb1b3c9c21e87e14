// zod's classic API re-exports every locale (`z.locales`, ~260 KB minified) though it only ever uses English by
// default, and we never call `z.config(z.locales.xx())`. In the bundles that load before the first paint (renderer,
// preload, loopback bootstrap) the locale index is replaced by one that exports English alone.
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const english = path.join(path.dirname(require.resolve('zod/package.json')), 'v4', 'locales', 'en.js');
const isLocaleIndex = (source, importer) => source === '../locales/index.js' && /[\\/]zod[\\/]v4[\\/]/.test(importer ?? '');
const contents = `export { default as en } from ${JSON.stringify(english)};`;

/** The esbuild plugin. */
export const zodEnglishOnlyEsbuild = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /locales[\\/]index\.js$/ }, (args) => (isLocaleIndex(args.path, args.importer) ? { path: 'zod-locales', namespace: 'zod-english-only' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, () => ({ contents, resolveDir: path.dirname(english) }));
  },
};

/** The Vite (Rollup) plugin. */
export const zodEnglishOnlyVite = {
  name: 'zod-english-only',
  enforce: 'pre',
  resolveId(source, importer) {
    return isLocaleIndex(source, importer) ? '\0zod-english-only' : null;
  },
  load(id) {
    return id === '\0zod-english-only' ? contents : null;
  },
};
