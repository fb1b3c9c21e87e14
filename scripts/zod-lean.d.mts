import type { Plugin as EsbuildPlugin } from 'esbuild';
import type { Plugin as VitePlugin } from 'vite';

/** zod's modules (under zod/v4) replaced by throwing stubs. */
export const stubbedModules: readonly string[];
/** The source that replaces one of zod's modules in the app's bundles, or null when it is kept. */
export function leanModule(file: string): string | null;
/** The esbuild plugin: zod without its locales, JSON Schema conversion and compiler. */
export const zodLeanEsbuild: EsbuildPlugin;
/** The Vite plugin: the same for the renderer. */
export const zodLeanVite: VitePlugin;
