import { defineConfig } from 'vitest/config';

const ci = process.env.CI === 'true' || process.env.CI === '1';

export default defineConfig({
  test: {
    include: ['spec/**/*.spec.ts'],
    setupFiles: ['spec/setup.ts'],
    // koffi and real fds: one process per file keeps a crash or a leaked fd in its own file
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // .ci/run reads the counts from this report
    reporters: ci ? ['default', ['json', { outputFile: 'test-results/vitest.json' }]] : ['default'],
  },
});
