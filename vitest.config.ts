import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Two cores here: keep the pool small so HTTP tests do not starve each other.
    maxWorkers: 2,
  },
});
