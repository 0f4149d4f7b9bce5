// vitest setup file: property tests (fast-check) run with a fixed seed in CI and with ZIBO_FC_SEED when given, so a
// failure found once can be replayed; elsewhere fast-check draws a seed and prints it with any counterexample.
import fc from 'fast-check';

const given = process.env.ZIBO_FC_SEED ?? (process.env.CI ? '20221208' : undefined);
if (given !== undefined) {
  const seed = Number(given);
  if (!Number.isInteger(seed)) throw new Error(`ZIBO_FC_SEED must be an integer, got ${JSON.stringify(given)}`);
  fc.configureGlobal({ seed });
}
