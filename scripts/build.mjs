// One build command: the renderer with Vite, the main process, preload, CLI and loopback bootstrap with esbuild.
import { build as esbuild } from 'esbuild';
import { build as vite } from 'vite';
import { zodEnglishOnlyEsbuild } from './zod-english-only.mjs';

const started = Date.now();
await vite({ configFile: 'vite.config.ts', logLevel: 'warn' });

const node = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };
await Promise.all([
  // Electron loads these; `electron` itself is provided by the runtime.
  esbuild({ ...node, entryPoints: { main: 'electron/main.ts' }, outdir: 'dist/electron', outExtension: { '.js': '.cjs' }, external: ['electron', '@electric-sql/pglite', 'pg'] }),
  // A sandboxed preload may only require('electron'): everything else is bundled in (minified: it runs before the
  // first paint of every window).
  esbuild({ ...node, minify: true, plugins: [zodEnglishOnlyEsbuild], entryPoints: { preload: 'electron/preload.ts' }, outdir: 'dist/electron', outExtension: { '.js': '.cjs' }, external: ['electron', '@electric-sql/pglite', 'pg'] }),
  // Plain Node entry points: no Electron at all.
  esbuild({
    ...node,
    entryPoints: { launcher: 'electron/launcher.ts', 'start-browser': 'electron/start-browser.ts', cli: 'electron/cli-main.ts' },
    outdir: 'dist/electron',
    outExtension: { '.js': '.cjs' },
    external: ['electron', '@electric-sql/pglite', 'pg'],
  }),
  // The loopback bootstrap: the browser's stand-in for the preload, minified for the same reason.
  esbuild({ bundle: true, minify: true, plugins: [zodEnglishOnlyEsbuild], platform: 'browser', target: 'chrome120', format: 'iife', sourcemap: true, logLevel: 'warning', entryPoints: { 'loopback-api': 'renderer/loopback/loopback-api.ts' }, outdir: 'dist/loopback' }),
]);
console.log(`build: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
