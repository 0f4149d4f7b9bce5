// Usage and input errors: one clear message on stderr, what is valid, the nearest valid value; exit 2.

import { LookupError } from '../core/suggest.js';
import type { Translate } from './i18n.js';
import { whatName } from './i18n.js';

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
  const lines = [t('err.unknown', { what: whatName(t, e.what), input: e.input })];
  if (e.suggestions.length) lines.push(t('err.didYouMean', { list: e.suggestions.join(', ') }));
  if (e.what === 'topic') lines.push(t('err.listTopics'));
  else if (e.valid.length && e.valid.length <= MAX_LISTED) lines.push(t('err.valid', { list: e.valid.join(', ') }));
  return lines;
}
