import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 30_000,
    // compiled lexicons of the test runs go to a cache of their own, not the user's (~/.cache/wildsift);
    // tests of the cache itself set their own folder
    env: { XDG_CACHE_HOME: path.join(tmpdir(), `wildsift-test-cache-${process.getuid?.() ?? 0}`) },
  },
});
