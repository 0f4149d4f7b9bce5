// Parsers for option values: they throw commander's InvalidArgumentError, so a bad value is a usage error (exit 2).

import { InvalidArgumentError } from 'commander';
import type { Translate } from './i18n.js';

export function positiveInt(t: Translate, flag: string) {
  return (input: string): number => {
    const s = input.trim();
    const n = /^\+?\d+$/.test(s) ? Number(s) : NaN;
    if (!Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError(t('err.positiveInt', { flag, input }));
    return n;
  };
}

const MAGNITUDE: Record<string, number> = { 万亿: 1e12, 千万: 1e7, 百万: 1e6, 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8, 千: 1e3 };

/**
 * A number, optionally with a magnitude (万, 亿…) and the unit a reporter would write after it (`5亿元`, `10万户`,
 * `100公里`): the unit is ignored, the value is compared against `scaled`.
 */
export function parseNumber(input: string): number | null {
  const s = input.normalize('NFKC').trim().replace(/,/g, '');
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*(万亿|千万|百万|万|萬|亿|億|千)?\s*\p{Script=Han}{0,3}$/iu.exec(s);
  if (!m) return null;
  const n = Number(m[1]) * (m[2] ? MAGNITUDE[m[2]]! : 1);
  return Number.isFinite(n) ? n : null;
}

export function numberArg(t: Translate, flag: string) {
  return (input: string): number => {
    const n = parseNumber(input);
    if (n === null) throw new InvalidArgumentError(t('err.number', { flag, input }));
    return n;
  };
}
