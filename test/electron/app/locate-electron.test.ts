import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../../electron/app/data-dir';
import { locateElectronBinary } from '../../../electron/app/locate-electron';

describe('locateElectronBinary', () => {
  it('says the binary was not downloaded when path.txt is missing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'crd-electron-'));
    expect(locateElectronBinary(dir, {})).toEqual({ found: false, reason: expect.stringMatching(/not downloaded/) });
  });

  it('finds the binary path.txt names', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'crd-electron-'));
    writeFileSync(path.join(dir, 'path.txt'), 'electron');
    mkdirSync(path.join(dir, 'dist'));
    writeFileSync(path.join(dir, 'dist', 'electron'), '');
    chmodSync(path.join(dir, 'dist', 'electron'), 0o755);
    expect(locateElectronBinary(dir, {})).toEqual({ found: true, path: path.join(dir, 'dist', 'electron') });
  });

  it('reports a listed but missing binary', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'crd-electron-'));
    writeFileSync(path.join(dir, 'path.txt'), 'electron');
    expect(locateElectronBinary(dir, {})).toMatchObject({ found: false, reason: expect.stringMatching(/missing/) });
  });
});

describe('defaultDataDir', () => {
  it("matches Electron's userData folder on each platform, and the override wins", () => {
    expect(defaultDataDir({}, 'linux', '/home/c')).toBe('/home/c/.config/Clerk Review Desk');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux', '/home/c')).toBe('/x/Clerk Review Desk');
    expect(defaultDataDir({}, 'darwin', '/Users/c')).toBe('/Users/c/Library/Application Support/Clerk Review Desk');
    expect(defaultDataDir({ CLERK_REVIEW_DATA_DIR: '/data' }, 'linux', '/home/c')).toBe('/data');
  });
});
