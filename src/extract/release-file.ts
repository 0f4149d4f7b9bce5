// Reads a release file of data/releases/: a `---` block of `key: value` metadata, then the release text as received.

import type { Domain } from './types.js';
import { DOMAINS } from './types.js';

export interface ReleaseMeta {
  id: string;
  prefix: string;
  domain: Domain;
  date: string;
  title: string;
  titleEn: string;
  series: string;
  session: string;
  speaker: string;
  speakerTitle: string;
  organiser: string;
  /** Where the raw text was taken from, relative to the project root. */
  source: string;
}

export interface ReleaseFile {
  meta: ReleaseMeta;
  /** The release text exactly as received, defects included. */
  raw: string;
}

const REQUIRED: (keyof ReleaseMeta)[] = [
  'id', 'prefix', 'domain', 'date', 'title', 'titleEn', 'series', 'session', 'speaker', 'speakerTitle', 'organiser', 'source',
];

export function parseReleaseFile(content: string, name = 'release file'): ReleaseFile {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(content);
  if (!m) throw new Error(`${name}: missing the --- metadata block at the top`);
  const fields: Record<string, string> = {};
  for (const line of m[1]!.split('\n')) {
    const kv = /^(\w+):\s*(.*)$/.exec(line);
    if (!kv) throw new Error(`${name}: cannot read metadata line "${line}"`);
    fields[kv[1]!] = kv[2]!.trim();
  }
  for (const key of REQUIRED) {
    if (!fields[key]) throw new Error(`${name}: metadata "${key}" is missing or empty`);
  }
  if (!DOMAINS.includes(fields.domain as Domain)) {
    throw new Error(`${name}: domain "${fields.domain}" is not one of ${DOMAINS.join(', ')}`);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(fields.date!)) throw new Error(`${name}: date "${fields.date}" is not YYYY-MM-DD`);
  return { meta: fields as unknown as ReleaseMeta, raw: content.slice(m[0].length) };
}
