import path from 'node:path';

/**
 * Where the built pieces are, relative to the bundled main-process files in `dist/electron/`
 * (the same layout inside the packaged asar).
 */
export function buildPaths(electronDistDir: string) {
  const dist = path.resolve(electronDistDir, '..');
  return {
    rendererDir: path.join(dist, 'renderer'),
    preload: path.join(dist, 'electron', 'preload.cjs'),
    loopbackBootstrap: path.join(dist, 'loopback', 'loopback-api.js'),
    mainEntry: path.join(dist, 'electron', 'main.cjs'),
  };
}
