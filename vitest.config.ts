import { defineConfig } from 'vitest/config';

// Unit tests for shared/ and electron/ (plain Node). Browser tests live in test/e2e and run under Playwright.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    reporters: ['default'],
    testTimeout: 30_000,
    // Set-up starts services and seeds databases: on a loaded 2-core machine that takes longer than vitest's 10 s.
    hookTimeout: 120_000,
  },
});
