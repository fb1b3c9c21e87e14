// Layer rules (see ../shared/docs/style.md): which folder may import what. Kept apart from the type-aware rules
// so a test can lint a scratch violation without a TypeScript project.
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const rawIpc = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message: 'Use the typed IPC wrapper (electron/ipc/ipc-main-bridge.ts, electron/ipc/ipc-renderer-transport.ts).',
};
const rendererOnlyPackages = ['react', 'react-dom', 'react-dom/client', 'dexie', 'pdfjs-dist'];
const mainOnlyPackages = ['soap', 'xml-crypto', 'ws'];

/** Layer rules as a flat-config array. */
export const layerRules = [
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'electron', message: 'shared/ runs everywhere: no Electron.' },
          ...nodeBuiltins.map((name) => ({ name, message: 'shared/ runs everywhere: no Node built-ins.' })),
          ...[...rendererOnlyPackages, ...mainOnlyPackages].map((name) => ({ name, message: 'shared/ is pure TypeScript: heavy packages stay on their side.' })),
        ],
        patterns: [
          { group: ['node:*'], message: 'shared/ runs everywhere: no Node built-ins.' },
          { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ must not import from electron/ or renderer/.' },
        ],
      }],
      'no-restricted-globals': ['error',
        ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'indexedDB', 'process', 'Buffer', 'require', '__dirname']
          .map((name) => ({ name, message: 'shared/ must not touch the DOM or Node globals.' })),
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'electron', message: 'The renderer is sandboxed: use window.api.' },
          ...nodeBuiltins.map((name) => ({ name, message: 'The renderer is sandboxed: no Node built-ins.' })),
          ...mainOnlyPackages.map((name) => ({ name, message: 'This package belongs to the main process.' })),
        ],
        patterns: [
          { group: ['node:*'], message: 'The renderer is sandboxed: no Node built-ins.' },
          { group: ['**/electron/**'], message: 'The renderer imports only shared/ (and browser packages).' },
        ],
      }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/ipc/ipc-main-bridge.ts', 'electron/ipc/ipc-renderer-transport.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [rawIpc, ...rendererOnlyPackages.map((name) => ({ name, message: 'This package belongs to the renderer.' }))],
        patterns: [{ group: ['**/renderer/**'], message: 'The main process must not import renderer code.' }],
      }],
    },
  },
];
