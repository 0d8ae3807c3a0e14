import { defineConfig } from 'vitest/config';

// Many tests start the built CLI in a child process; on a busy two-core machine one can take
// several seconds, so the default 5 s limit would fail them for load, not for a fault.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
