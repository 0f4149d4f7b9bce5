// Ready-to-paste attribution lines for a fact: who said it, at which press conference, when. Pure: the English
// renderings of names, titles and series are curated text in data/curation/people.json (bundled at build time).

import type { Fact, Release } from './types.js';
import { parseChineseNumeral } from '../extract/chinese-numerals.js';
import peopleData from '../../data/curation/people.json';

export type CiteLang = 'zh' | 'en';

export interface People {
  speakers: Record<string, string>;
  titles: Record<string, string>;
  series: Record<string, string>;
  organisers: Record<string, string>;
  /** Words that keep their capital letter when a fact's English rendering is put after a comma. */
  properNouns: string[];
}

export const PEOPLE: People = peopleData as People;

export interface Citations {
  zh: string;
  en: string;
}

/** The attribution line for `fact` in `lang`. */
export function cite(fact: Fact, release: Release, lang: CiteLang, people: People = PEOPLE): string {
  return lang === 'zh' ? citeZh(fact, release) : citeEn(fact, release, people);
}

export function citations(fact: Fact, release: Release, people: People = PEOPLE): Citations {
  return { zh: citeZh(fact, release), en: citeEn(fact, release, people) };
}

/** 据{speakerTitle}{speaker}{2022年12月8日}在{series}上介绍，{claim}。 (a Chinese comma: the claim itself stays verbatim) */
export function citeZh(fact: Fact, release: Release): string {
  const claim = standAloneClaim(fact.text, fact.sentence);
  const who = release.speakerTitle + release.speaker;
  // library: a release the user added may name no speaker or conference; the citation names what it has.
  if (!who && !release.series) return `据${zhDate(release.date)}发布的《${release.title}》，${claim}`;
  return `据${who}${zhDate(release.date)}${release.series ? `在${release.series}上` : ''}介绍，${claim}`;
}

export function citeEn(fact: Fact, release: Release, people: People = PEOPLE): string {
  const speaker = people.speakers[release.speaker] ?? release.speaker;
  const title = people.titles[release.speakerTitle] ?? release.speakerTitle;
  const series = people.series[release.series] ?? release.series;
  const n = parseChineseNumeral(release.session.replace(/^第|场$/g, ''));
  const where = n === null ? `the ${series}` : `the ${ordinal(n)} session of the ${series}`;
  // A fact without an English rendering yet is quoted in Chinese rather than left without a claim.
  const claim = fact.en.trim() ? afterComma(fact.en.trim(), people.properNouns) : `the release states: ${standAloneClaim(fact.text, fact.sentence)}`;
  const end = /[.!?。]$/.test(claim) ? claim : claim + '.';
  // library: a release the user added may name no speaker or conference.
  const whoEn = [speaker, title].filter(Boolean).join(', ');
  if (!whoEn && !release.series) return `According to “${release.titleEn || release.title}” of ${enDate(release.date)}, ${end}`;
  return `According to ${whoEn || 'the release'},${release.series ? ` speaking at ${where}` : ''} on ${enDate(release.date)}, ${end}`;
}

/** 2022-12-08 → 2022年12月8日. */
export function zhDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 2022-12-08 → 8 December 2022. */
export function enDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}` : iso;
}

/** 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 20th. */
export function ordinal(n: number): string {
  const mod100 = n % 100;
  const suffix = mod100 >= 11 && mod100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/** A sentence's first word loses its capital after a comma unless it is a proper noun or an acronym. */
function afterComma(s: string, properNouns: readonly string[]): string {
  const word = /^[A-Za-z][\w-]*/.exec(s)?.[0];
  if (!word) return s;
  if (properNouns.includes(word) || /[A-Z]/.test(word.slice(1))) return s;
  return s[0]!.toLowerCase() + s.slice(1);
}

/** Words that tie a clause to the one before it; a quoted claim must not start with them. */
const CONNECTIVES = ['与此同时', '另一方面', '特别是', '尤其是', '同时', '其中', '此外', '另外', '并且', '而且', '以及', '从而', '进而', '并', '还', '且'];
/** Adverbials a subject is inserted after: a date, "在…上/中", time phrases. */
const LEADING_ADVERBIAL = /^(?:(?:\d{4}年)?\d{1,2}月\d{1,2}日[,，]?|今年以来[,，]?|迄今[,，]?|在[^,，。;；]{1,40}?[上中][,，])/;
const SUBJECT = '淄博';

/** A clause that is only a circumstance (在…的基础上): the claim is in the clauses after it. */
const FRAGMENT = /^(?:在|按照|围绕|通过|依托|聚焦)[^,，;；。]*[上中下后]$/;

/**
 * A fact's clause made to stand alone: leading connectives dropped, the subject 淄博 put in when the clause
 * names none (a 淄博 inside a title or quotation does not count), trailing clause punctuation replaced by 。.
 * A clause that is a mere circumstance runs on to the end of its sentence. Figures and wording stay verbatim.
 */
export function standAloneClaim(clause: string, sentence?: string): string {
  let s = clause.trim().replace(/^[,，、;；:：\s]+/, '');
  const at = sentence && FRAGMENT.test(s) ? sentence.indexOf(s) : -1;
  if (at >= 0) s = sentence!.slice(at).trim();
  for (let changed = true; changed; ) {
    changed = false;
    for (const c of CONNECTIVES) {
      if (s.startsWith(c) && s.length > c.length + 1) {
        s = s.slice(c.length).replace(/^[,，\s]+/, '');
        changed = true;
      }
    }
  }
  s = s.replace(/[,，、;；:：\s]+$/, '');
  if (!s.startsWith('《') && !unquoted(s).includes(SUBJECT)) s = withSubject(s);
  return /[。!！?？]$/.test(s) ? s : s + '。';
}

/** The text without book titles and quotations: a 淄博 there names a document or event, not the subject. */
function unquoted(s: string): string {
  return s.replace(/《[^》]*》|“[^”]*”/g, '');
}

/** 淄博 after any leading adverbials: 11月16日,在…上,淄博市政府…; 市政府… becomes 淄博市政府…. */
function withSubject(s: string): string {
  let at = 0;
  for (let m = LEADING_ADVERBIAL.exec(s); m && m[0].length > 0; m = LEADING_ADVERBIAL.exec(s.slice(at))) at += m[0].length;
  return s.slice(0, at) + SUBJECT + s.slice(at);
}
