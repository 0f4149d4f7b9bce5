// Reads a release file: an optional `---` block of `key: value` metadata (front matter), then the release text as
// received. data/releases/*.md (the bundled releases) must carry every key; a release the user adds (`zibo add`)
// may carry any of them, or none.
//
// Front matter, as both kinds of file write it:
//   ---                              first line of the file (a UTF-8 BOM before it is ignored)
//   key: value                       one per line; the value runs to the end of the line, trimmed; a value in
//                                    matching "double" or 'single' quotes loses them
//   # a comment                      ignored, as are blank lines
//   ---                              ends the block; the release text starts on the next line
// Keys (all strings): id, prefix, domain, date (YYYY-MM-DD), title, titleEn, conference, series, session,
// speaker, speakerTitle, organiser, source. An unknown key, a key given twice or a line that is not `key: value`
// is an error naming its line number.

export interface ReleaseMeta {
  id: string;
  prefix: string;
  /** `urban-construction`, `digital-government`, or the lower-case slug an added release declares. */
  domain: string;
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

/** Every key front matter may hold (`conference` is series + session in one, for releases that do not split it). */
export const META_KEYS = [
  'id', 'prefix', 'domain', 'date', 'title', 'titleEn', 'conference', 'series', 'session', 'speaker', 'speakerTitle',
  'organiser', 'source',
] as const;
export type MetaKey = (typeof META_KEYS)[number];

const REQUIRED: (keyof ReleaseMeta)[] = [
  'id', 'prefix', 'domain', 'date', 'title', 'titleEn', 'series', 'session', 'speaker', 'speakerTitle', 'organiser', 'source',
];

/** A lower-case slug: `environment`, `urban-construction`. */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Bad front matter; `line` is 1-based in the file. */
export class FrontMatterError extends Error {
  override name = 'FrontMatterError';
  constructor(message: string, readonly line?: number) {
    super(message);
  }
}

export interface FrontMatter {
  fields: Partial<Record<MetaKey, string>>;
  /** The text after the block (all of it when there is no block). */
  body: string;
  /** 1-based line of the file where `body` starts. */
  bodyLine: number;
  /** Whether the file had a block. */
  present: boolean;
}

function unquote(v: string): string {
  return v.length >= 2 && (v[0] === '"' || v[0] === "'") && v.at(-1) === v[0] ? v.slice(1, -1) : v;
}

/** Splits off and reads the front matter of `content` (see the top of this file). */
export function parseFrontMatter(content: string, name = 'release file'): FrontMatter {
  const text = content.replace(/^\uFEFF/, '');
  const first = /^---[ \t]*\r?\n/.exec(text);
  if (!first) return { fields: {}, body: text, bodyLine: 1, present: false };
  const fields: Partial<Record<MetaKey, string>> = {};
  const known = new Set<string>(META_KEYS);
  let pos = first[0].length;
  let line = 2;
  for (;;) {
    if (pos >= text.length) throw new FrontMatterError(`${name}: the front matter opened on line 1 is never closed with ---`, 1);
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl + 1;
    const raw = text.slice(pos, nl < 0 ? text.length : nl).replace(/\r$/, '');
    pos = end;
    if (/^---\s*$/.test(raw)) return { fields, body: text.slice(pos), bodyLine: line + 1, present: true };
    const here = line++;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) continue;
    const kv = /^([A-Za-z][A-Za-z0-9_-]*)[ \t]*:(.*)$/.exec(raw);
    if (!kv) throw new FrontMatterError(`${name}: line ${here}: expected "key: value" in the front matter`, here);
    const key = kv[1]!;
    if (!known.has(key)) {
      throw new FrontMatterError(`${name}: line ${here}: unknown front-matter key "${key}" (known: ${META_KEYS.join(', ')})`, here);
    }
    if (fields[key as MetaKey] !== undefined) throw new FrontMatterError(`${name}: line ${here}: key "${key}" is given twice`, here);
    fields[key as MetaKey] = unquote(kv[2]!.trim());
  }
}

/** A bundled release file of data/releases/: every key present and valid. */
export function parseReleaseFile(content: string, name = 'release file'): ReleaseFile {
  const fm = parseFrontMatter(content, name);
  if (!fm.present) throw new Error(`${name}: missing the --- metadata block at the top`);
  const fields = fm.fields as Record<string, string | undefined>;
  for (const key of REQUIRED) {
    if (!fields[key]) throw new Error(`${name}: metadata "${key}" is missing or empty`);
  }
  if (!SLUG.test(fields.domain!)) throw new Error(`${name}: domain "${fields.domain}" is not a lower-case slug`);
  if (!ISO_DATE.test(fields.date!)) throw new Error(`${name}: date "${fields.date}" is not YYYY-MM-DD`);
  const meta = Object.fromEntries(REQUIRED.map((k) => [k, fields[k]!])) as unknown as ReleaseMeta;
  return { meta, raw: fm.body };
}
