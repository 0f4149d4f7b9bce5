// Flags every command takes whose value follows them (`--lang zh`, `--data file.json`): readers of raw argv must not
// take that value for a command or a query word.

export const GLOBAL_VALUE_FLAGS: ReadonlySet<string> = new Set(['--lang', '--data']);
