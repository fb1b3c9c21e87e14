// One build command: the renderer with Vite, the main process, preload, CLI and loopback bootstrap with esbuild.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { build as esbuild } from 'esbuild';
import { build as vite } from 'vite';
import { zodLeanEsbuild } from './zod-lean.mjs';

const started = Date.now();
const cliBanner = [
  "import { createRequire as __crdCreateRequire } from 'node:module';",
  "import { fileURLToPath as __crdFileUrlToPath } from 'node:url';",
  'const require = __crdCreateRequire(import.meta.url);',
  'const __filename = __crdFileUrlToPath(import.meta.url);',
  "const __dirname = __filename.slice(0, Math.max(__filename.lastIndexOf('/'), __filename.lastIndexOf('\\\\')));",
].join('\n');
rmSync('dist/cli', { recursive: true, force: true });
await vite({ configFile: 'vite.config.ts', logLevel: 'warn' });

const node = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };
await Promise.all([
  // Electron loads these; `electron` itself is provided by the runtime.
  esbuild({ ...node, entryPoints: { main: 'electron/main.ts' }, outdir: 'dist/electron', outExtension: { '.js': '.cjs' }, external: ['electron', '@electric-sql/pglite', 'pg'] }),
  // A sandboxed preload may only require('electron'): everything else is bundled in (minified: it runs before the
  // first paint of every window).
  esbuild({ ...node, minify: true, plugins: [zodLeanEsbuild], entryPoints: { preload: 'electron/preload.ts' }, outdir: 'dist/electron', outExtension: { '.js': '.cjs' }, external: ['electron', '@electric-sql/pglite', 'pg'] }),
  // Plain Node entry points: no Electron at all.
  esbuild({
    ...node,
    entryPoints: { launcher: 'electron/launcher.ts', 'start-browser': 'electron/start-browser.ts' },
    outdir: 'dist/electron',
    outExtension: { '.js': '.cjs' },
    external: ['electron', '@electric-sql/pglite', 'pg'],
  }),
  // The CLI as ES modules split per command: `clerk-review stamp` loads the stamping code, not the server's.
  // CommonJS packages bundled into them get a `require`, and the code its `__dirname` (dist/cli: two levels down).
  esbuild({
    ...node,
    format: 'esm',
    splitting: true,
    entryPoints: { cli: 'electron/cli-main.ts' },
    outdir: 'dist/cli',
    outExtension: { '.js': '.mjs' },
    chunkNames: '[name]-[hash]',
    // Minified: a command's whole start is compiling what it loads (stamp: ~15 of its ~110 ms).
    minify: true,
    banner: { js: cliBanner },
    plugins: [zodLeanEsbuild],
    external: ['electron', '@electric-sql/pglite', 'pg'],
  }),
  // The loopback bootstrap: the browser's stand-in for the preload, minified for the same reason.
  esbuild({ bundle: true, minify: true, plugins: [zodLeanEsbuild], platform: 'browser', target: 'chrome120', format: 'iife', sourcemap: true, logLevel: 'warning', entryPoints: { 'loopback-api': 'renderer/loopback/loopback-api.ts' }, outdir: 'dist/loopback' }),
]);
// `clerk-review` (package.json bin) stays dist/electron/cli.cjs: a two-line loader of the split CLI.
mkdirSync('dist/electron', { recursive: true });
writeFileSync('dist/electron/cli.cjs', [
  '#!/usr/bin/env node',
  "import(require('node:url').pathToFileURL(require('node:path').join(__dirname, '..', 'cli', 'cli.mjs')).href);",
  '',
].join('\n'), { mode: 0o755 });
console.log(`build: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
