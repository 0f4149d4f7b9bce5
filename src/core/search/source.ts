// Who said it, where and when: the release metadata every fact carries. For search, a fact's `source` field holds
// its release's speaker, speaker's title and bureau (with the short names of data/curation/bureaus.json), the
// press conference (series and session) and the organiser, in Chinese and English (data/curation/
// people.json); pinyin comes from the Chinese like every other field. The release date is matched as a date
// (dates.ts), not as text.

import bureausJson from '../../../data/curation/bureaus.json';
import peopleJson from '../../../data/curation/people.json';
import type { Release } from '../types.js';

interface Bureaus {
  zh: Record<string, string[]>;
  en: Record<string, string[]>;
}
interface People {
  speakers: Record<string, string>;
  titles: Record<string, string>;
  series: Record<string, string>;
  organisers: Record<string, string>;
}

const bureaus = bureausJson as Bureaus;
const people = peopleJson as unknown as People;

/** The body a speaker's title names: everything up to its first 局/委/办公室 (淄博市大数据局党组书记、局长 → 淄博市大数据局). */
export function bureauOf(title: string): string | null {
  const m = /^(.+?(?:局|委员会|委|办公室|中心))/.exec(title);
  return m ? m[1]! : null;
}

/** Generic short forms of a body's name: without the city (淄博市大数据局 → 大数据局, 市大数据局). */
function shortForms(name: string): string[] {
  const out: string[] = [];
  const bare = name.replace(/^淄博市/, '');
  if (bare !== name) out.push(bare, `市${bare}`);
  return out;
}

/** The metadata strings of a release, as searched in a fact's `source` field (Chinese and English). */
export function sourceStrings(r: Release): string[] {
  // Not the title: its words (城市大脑, 524亿元) are what some facts are about, and in every fact of the release they
  // would make those words common (low idf) and pull the release's other facts up.
  const out: string[] = [r.speaker, r.speakerTitle, r.conference, r.series, r.session, r.organiser];
  for (const body of [bureauOf(r.speakerTitle), r.organiser]) {
    if (!body) continue;
    out.push(...shortForms(body), ...(bureaus.zh[body] ?? []), ...(bureaus.en[body] ?? []));
  }
  const en = [people.speakers[r.speaker], people.titles[r.speakerTitle], people.series[r.series], people.organisers[r.organiser]];
  for (const s of en) if (s) out.push(s);
  // "Press conference" in English; the Chinese says 新闻发布会 in the conference name already.
  out.push('press conference briefing');
  return [...new Set(out.filter(Boolean))];
}
