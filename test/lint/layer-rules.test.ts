import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { layerRules } from '../../eslint.layers.config.js';

// Lints scratch sources placed (virtually) in each layer with the project's own layer rules.
const eslintLayers = new ESLint({
  overrideConfigFile: true,
  overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tseslint.parser } }, ...layerRules],
});

async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslintLayers.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => `${message.ruleId}: ${message.message}`);
}

describe('layer rules', () => {
  it('refuse Node built-ins, Electron and the DOM in shared/', async () => {
    expect(await violations('shared/scratch.ts', "import { readFile } from 'node:fs/promises';\nexport { readFile };")).not.toEqual([]);
    expect(await violations('shared/scratch.ts', "import path from 'path';\nexport const p = path;")).not.toEqual([]);
    expect(await violations('shared/scratch.ts', "import { app } from 'electron';\nexport const a = app;")).not.toEqual([]);
    expect(await violations('shared/scratch.ts', 'export const t = document.title;')).not.toEqual([]);
    expect(await violations('shared/scratch.ts', "import { z } from 'zod';\nexport const s = z.string();")).toEqual([]);
  });

  it('refuse main-process code and Node in renderer/', async () => {
    expect(await violations('renderer/scratch.ts', "import { createMainServices } from '../electron/app/main-services';\nexport { createMainServices };")).not.toEqual([]);
    expect(await violations('renderer/scratch.ts', "import fs from 'node:fs';\nexport { fs };")).not.toEqual([]);
    expect(await violations('renderer/scratch.ts', "import { ipcRenderer } from 'electron';\nexport { ipcRenderer };")).not.toEqual([]);
    expect(await violations('renderer/scratch.ts', "import { createApi } from '../shared/ipc/create-api';\nexport { createApi };")).toEqual([]);
  });

  it('refuse raw ipcMain/ipcRenderer outside the IPC wrapper modules', async () => {
    expect(await violations('electron/scratch.ts', "import { ipcMain } from 'electron';\nexport { ipcMain };")).not.toEqual([]);
    expect(await violations('electron/ipc/ipc-main-bridge.ts', "import { ipcMain } from 'electron';\nexport { ipcMain };")).toEqual([]);
    expect(await violations('electron/scratch.ts', "import { app } from 'electron';\nexport { app };")).toEqual([]);
  });
});
