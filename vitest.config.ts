import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Temporary folders per test file, removed when it ends (test/setup/temp-dir.ts).
    setupFiles: ['test/setup/temp-dir.ts'],
    // CLI tests spawn the built bin and write workbooks: give them room on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
