import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { zodLeanVite } from './scripts/zod-lean.mjs';

// The renderer build: served from app://clerk-review/ in Electron and from the loopback host in a browser.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [zodLeanVite, react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    // Keep every script an external file so the CSP never needs 'unsafe-inline'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    // pdf.js and pdf-lib are large by nature; the app loads from disk, not a network.
    chunkSizeWarningLimit: 3000,
  },
});
