// Usage and input errors: one clear message on stderr, what is valid, the nearest valid value; exit 2.

import { LookupError } from '../core/suggest.js';
import type { Translate } from './i18n.js';
import { whatName } from './i18n.js';
import { sanitize } from '../render/sanitize.js';

/** A usage or input error whose message is ready to show. */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(message: string, readonly hints: string[] = []) {
    super(message);
  }
}

/** Lists longer than this are not printed in full; a pointer to the listing command is printed instead. */
const MAX_LISTED = 40;

export function lookupMessage(e: LookupError, t: Translate): string[] {
  // The input is echoed as typed, so it is sanitised (a terminal must not run what it holds).
  const lines = [t('err.unknown', { what: whatName(t, e.what), input: sanitize(e.input, { oneLine: true }) })];
  if (e.suggestions.length) lines.push(t('err.didYouMean', { list: sanitize(e.suggestions.join(', '), { oneLine: true }) }));
  if (e.what === 'topic') lines.push(t('err.listTopics'));
  else if (e.valid.length && e.valid.length <= MAX_LISTED) lines.push(t('err.valid', { list: e.valid.join(', ') }));
  return lines;
}
