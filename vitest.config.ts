import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          // Each scenario installs packages and runs a generated suite: minutes, not seconds.
          testTimeout: 600_000,
          hookTimeout: 600_000,
          // Two cores: scenarios already run npm and vitest in parallel inside.
          fileParallelism: false,
        },
      },
    ],
  },
});
