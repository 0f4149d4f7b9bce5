// Parsers for option values: they throw commander's InvalidArgumentError, so a bad value is a usage error (exit 2).

import { InvalidArgumentError } from 'commander';
import type { Translate } from './i18n.js';
import { parseAmount } from '../extract/magnitudes.js';

export function positiveInt(t: Translate, flag: string) {
  return (input: string): number => {
    const s = input.trim();
    const n = /^\+?\d+$/.test(s) ? Number(s) : NaN;
    if (!Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError(t('err.positiveInt', { flag, input }));
    return n;
  };
}

/**
 * A number, optionally with a magnitude (万, 亿, 千亿…) and the unit a reporter would write after it (`5亿元`,
 * `10万户`, `100公里`): the unit is ignored, the value is compared against `scaled`. The shared parser of src/extract.
 */
export const parseNumber = parseAmount;

export function numberArg(t: Translate, flag: string) {
  return (input: string): number => {
    const n = parseNumber(input);
    if (n === null) throw new InvalidArgumentError(t('err.number', { flag, input }));
    return n;
  };
}
