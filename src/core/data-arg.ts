// Which data file a run asks for. Kept apart from data-file.ts so that the start-up path can read argv without
// loading the data-file reader and its index code.

/** The data file asked for: `--data <file>` / `--data=<file>` in argv (before `--`), else ZIBO_DATA, else none. */
export function dataFileFrom(argv: readonly string[], env: Record<string, string | undefined>): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a === '--data') found = argv[++i];
    else if (a.startsWith('--data=')) found = a.slice(7);
  }
  return found ?? (env.ZIBO_DATA ? env.ZIBO_DATA : undefined);
}
