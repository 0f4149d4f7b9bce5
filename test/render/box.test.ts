// box.ts must draw byte for byte what cli-table3 draws with the options table.ts gives it, whenever it draws.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Table from 'cli-table3';
import { drawBox, type Align } from '../../src/render/box.js';
import { createStyle } from '../../src/render/style.js';

function cliTable3(rows: string[][], colWidths: number[], colAligns: Align[]): string {
  const t = new Table({
    head: rows[0],
    colWidths,
    colAligns,
    wordWrap: false,
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
  });
  t.push(...rows.slice(1));
  return t.toString();
}

const style = createStyle(true);
const piece = fc.oneof(
  fc.constantFrom('公交', '线路', '41条', 'uc-017', ' ', '，', '（', '“', '…', '·', 'abc', '123.45', ''),
  fc.constantFrom('公交', '41条', 'bus').map(style.figure),
  fc.constantFrom('uc-017').map(style.id),
  fc.constantFrom('ID', '数字').map(style.header),
  fc.constantFrom('路').map(style.mark),
);
const cellText = fc.array(fc.array(piece, { maxLength: 4 }).map((p) => p.join('')), { minLength: 1, maxLength: 3 }).map((ls) => ls.join('\n'));

describe('drawBox', () => {
  it('draws what cli-table3 draws (property)', () => {
    let drawn = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((n) =>
          fc.tuple(
            fc.array(fc.array(cellText, { minLength: n, maxLength: n }), { minLength: 1, maxLength: 4 }),
            fc.array(fc.integer({ min: 2, max: 40 }), { minLength: n, maxLength: n }),
            fc.array(fc.constantFrom<Align>('left', 'right'), { minLength: n, maxLength: n }),
          ),
        ),
        ([rows, widths, aligns]) => {
          const ours = drawBox(rows, widths, aligns);
          if (ours !== null) expect(ours).toBe(cliTable3(rows, widths, aligns));
          if (ours !== null) drawn++;
        },
      ),
      { numRuns: 1500 },
    );
    expect(drawn).toBeGreaterThan(250); // the comparison really ran
  });

  it('draws the usual table (plain and coloured cells that fit)', () => {
    const rows = [['ID', 'Figure'], [style.id('uc-017'), style.figure('41条')], ['uc-018', '公交\n线路']];
    const out = drawBox(rows, [10, 8], ['left', 'right']);
    expect(out).not.toBeNull();
    expect(out).toBe(cliTable3(rows, [10, 8], ['left', 'right']));
  });

  it('leaves to cli-table3: a line too wide, an emoji, a combining mark, a control character, an open style', () => {
    expect(drawBox([['公交线路公交']], [6], ['left'])).toBeNull();
    expect(drawBox([['👍']], [8], ['left'])).toBeNull();
    expect(drawBox([['e\u0301']], [8], ['left'])).toBeNull();
    expect(drawBox([['a\tb']], [8], ['left'])).toBeNull();
    expect(drawBox([['\u001b[1mab']], [8], ['left'])).toBeNull();
  });
});
