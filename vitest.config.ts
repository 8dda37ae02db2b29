import { defineConfig } from 'vitest/config';
import { LongestFirst } from './test/e2e/sequencer.ts';

export default defineConfig({
  test: {
    // Two e2e files at a time: a scenario mostly waits on npm, a container or a child suite (about one
    // core busy of the two), so two of them side by side take little longer than one.
    maxWorkers: 2,
    // The longest e2e files first, so the two workers end together (see the sequencer).
    sequence: { sequencer: LongestFirst },
    projects: [
      // Some unit tests start the CLI: beside an e2e file's installs they may take longer than Vitest's 5 s.
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 30_000 } },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          // Each scenario installs packages and runs a generated suite: minutes, not seconds.
          testTimeout: 600_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
