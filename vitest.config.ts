import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'server/**/*.test.ts', 'sw/**/*.test.ts', 'build/**/*.test.ts', 'eslint/**/*.test.js'],
    environment: 'node',
    globalSetup: ['server/test/globalSetup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
