import { defineConfig } from '@playwright/test';

// Tests run against the production build (`npm run build`), served by the real server and
// reached through a fault-injecting proxy that each test owns (e2e/support).
export default defineConfig({
  testDir: 'e2e',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    trace: 'retain-on-failure',
  },
});
