import type { Plugin as EsbuildPlugin } from 'esbuild';
import type { Plugin as VitePlugin } from 'vite';

/** The esbuild plugin: zod's locale index replaced by English alone. */
export const zodEnglishOnlyEsbuild: EsbuildPlugin;
/** The Vite plugin: zod's locale index replaced by English alone. */
export const zodEnglishOnlyVite: VitePlugin;
