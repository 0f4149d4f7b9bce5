import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAmount, magnitudeValue, magnitudeWord } from '../../src/extract/magnitudes.js';
import { parseQuantities } from '../../src/extract/numbers.js';
import { foldMapped, foldText } from '../../src/extract/normalize.js';
import { normalize } from '../../src/core/search/normalize.js';
import { extractNumbers } from '../../src/core/search/numbers.js';

describe('parseAmount: the one parser of a typed amount', () => {
  it.each([
    ['1千亿', 1e11], ['3百亿', 3e10], ['2十亿', 2e9], ['5十万', 5e5], ['4百万', 4e6], ['6千万', 6e7], ['1万亿', 1e12],
    ['1.5万亿元', 1.5e12], ['5亿元', 5e8], ['10万户', 1e5], ['100公里', 100], ['4.3万', 43000], ['1,035', 1035],
    ['１２万', 120000], ['3萬', 30000], ['2億', 2e8], ['3仟', 3000], ['2.5 million', 2.5e6], ['5k', 5000],
    ['三千亿', 3e11], ['十三', 13], ['-2', -2], ['1e3', 1000],
  ])('%s → %d', (s, n) => expect(parseAmount(s)).toBe(n));
  it.each(['abc', '', '1千亿亿亿亿亿亿', '9'.repeat(400), '1..2'])('%j is not an amount', (s) => expect(parseAmount(s)).toBeNull());
});

describe('one magnitude table', () => {
  it('looks words up both ways', () => {
    expect(magnitudeValue('千亿')).toBe(1e11);
    expect(magnitudeValue('萬')).toBe(1e4);
    expect(magnitudeValue('Million')).toBe(1e6);
    expect(magnitudeWord(1e4)).toBe('万');
    expect(magnitudeWord(1e11)).toBe('千亿');
  });
  it('the extractor reads compound magnitudes after digits', () => {
    const [q] = parseQuantities('投资1千亿元');
    expect(q).toMatchObject({ value: 1, unit: '千亿元', scaled: 1e11, text: '1千亿元' });
    expect(parseQuantities('资金3百亿元')[0]).toMatchObject({ scaled: 3e10 });
  });
  it('search reads the same magnitudes', () => {
    expect(extractNumbers('投资 1千亿', ['元']).numbers[0]).toMatchObject({ value: 1, magnitude: 1e11 });
  });
});

describe('one normaliser', () => {
  it.each([
    ['调整公交线路4\u200b1条', '4\u200b1条'], ['调整公交线路４１条', '４１条'], ['调整公交线路⁴¹条', '⁴¹条'], ['调整公交线路④①条', '④①条'],
  ])('%j reads 41条 and keeps the input text', (s, text) => {
    const [q] = parseQuantities(s);
    expect(q).toMatchObject({ value: 41, unit: '条', text });
    expect(s.slice(q!.start, q!.end)).toBe(text);
  });
  it('search and extract fold the same way', () => {
    for (const s of ['４\u200b１条', 'Ａ⁴①', '\u00ad103万户']) expect(normalize(s)).toBe(normalize(foldText(s)));
    expect(foldText('4\u200b1条').toLowerCase()).toBe(normalize('4\u200b1条'));
  });
  it('maps every folded character back to the input', () => {
    const f = foldMapped('面积2㎡,x\u200by');
    expect(f.text).toBe('面积2m2,xy');
    expect(f.at).toEqual([0, 1, 2, 3, 3, 4, 5, 7, 8]);
  });
});

describe('layering', () => {
  it('src/extract imports nothing from src/core', () => {
    const dir = fileURLToPath(new URL('../../src/extract/', import.meta.url));
    for (const f of readdirSync(dir)) {
      const text = readFileSync(join(dir, f), 'utf8');
      expect(text, f).not.toMatch(/from ['"][^'"]*core\//);
    }
  });
});

describe('the normaliser, as a property', () => {
  const PIECES = ['1', '2', '4', '7', '.', '5', '万', '亿', '个', '条', '公里', '超', '近', '余', '调整公交线路', '，', '。', '、'];
  const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 20 }).map((a) => a.join(''));
  it('zero-width characters and full-width digits read as the plain text does, offsets into the input', () => {
    fc.assert(fc.property(text, fc.array(fc.nat(), { maxLength: 4 }), (s, cuts) => {
      let noisy = s;
      for (const c of cuts) {
        const at = c % (noisy.length + 1);
        noisy = noisy.slice(0, at) + '\u200b' + noisy.slice(at);
      }
      noisy = noisy.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
      const plain = parseQuantities(s).map((q) => [q.value, q.unit, q.qualifier]);
      const read = parseQuantities(noisy);
      expect(read.map((q) => [q.value, q.unit, q.qualifier])).toEqual(plain);
      for (const q of read) expect(noisy.slice(q.start, q.end)).toBe(q.text);
    }));
  });
});
