import { describe, expect, it } from 'vitest';
import { englishStem, englishTokens } from '../../../src/core/search/english.js';

describe('englishStem', () => {
  it.each([
    ['buses', 'bus'],
    ['bus', 'bus'],
    ['gas', 'gas'],
    ['centres', 'center'],
    ['centers', 'center'],
    ['vouchers', 'voucher'],
    ['cities', 'city'],
  ])('%s → %s', (w, s) => expect(englishStem(w)).toBe(s));
  it.each([
    ['hose', 'hoses'],
    ['licence', 'licenses'],
    ['license', 'licences'],
    ['renovated', 'renovation'],
    ['centre', 'center'],
    ['honour', 'honor'],
    ['digitalise', 'digitalize'],
    ['adjust', 'adjusted'],
  ])('%s and %s share a stem', (a, b) => expect(englishStem(a)).toBe(englishStem(b)));
  it('drops question and stop words', () => {
    expect(englishTokens('how many bus routes were adjusted')).toEqual(['bus', 'routes', 'adjusted'].map(englishStem));
  });
});
