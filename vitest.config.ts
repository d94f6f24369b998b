import { defineConfig } from 'vitest/config';

const ci = process.env.CI === 'true' || process.env.CI === '1';

export default defineConfig({
  test: {
    include: ['spec/**/*.spec.ts'],
    setupFiles: ['spec/setup.ts'],
    // koffi and real fds: one process per file keeps a crash or a leaked fd in its own file
    pool: 'forks',
    // two files at a time on a 2-core machine (vitest's default leaves one core idle): the live oracle
    // files wait on gst-launch processes much of the time
    maxWorkers: 2,
    // a busy 2-core machine must never turn a slow test into a failure, or a slow hook into skipped
    // tests: the live oracle runs are tests of their own (spec/oracle/live.ts), and these limits only
    // stop something that hangs
    testTimeout: 600_000,
    hookTimeout: 1_200_000,
    // .ci/run reads the counts from this report
    reporters: ci ? ['default', ['json', { outputFile: 'test-results/vitest.json' }]] : ['default'],
  },
});
