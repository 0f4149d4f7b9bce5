// Issue 16: a usage error may quote what was typed (an unknown command, option or value, a file name). What
// reaches stderr goes through the sanitiser: no ESC, BEL or bidi override from the command line reaches a terminal.
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('usage errors that quote input', () => {
  const cases: Array<[string, string[], string]> = [
    ['unknown command', ['\u001b]52;c;aGk=\u0007'], '\\x1b]52;c;aGk=\\x07'],
    ['unknown option', ['facts', '--\u001b[2Jx'], '\\x1b[2Jx'],
    ['unknown domain', ['facts', '--domain', 'x\u202eyz'], 'x\\u202eyz'],
    ['missing file', ['check', '--file', '/nonexistent/\u001b[31mred'], '\\x1b[31mred'],
  ];
  for (const [what, argv, shown] of cases) {
    it(`${what}: exit 2, the input shown escaped`, async () => {
      const r = await cli(argv);
      expect(r.code).toBe(2);
      expect(r.stderr).not.toMatch(RAW);
      expect(r.stderr).toContain(shown);
    });
  }
});
