import fc from 'fast-check';

// CI runs with a pinned seed so a red run replays; locally a fresh seed each run finds new cases.
const ci = process.env.CI === 'true' || process.env.CI === '1';
const fromEnv = process.env.FC_SEED;
const seed = fromEnv !== undefined && fromEnv !== '' ? Number(fromEnv) : ci ? 20261125 : Date.now() ^ (Math.random() * 0x7fffffff);
if (!Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer, got ${fromEnv}`);
fc.configureGlobal({ seed, numRuns: Number(process.env.FC_NUM_RUNS ?? 100) });
