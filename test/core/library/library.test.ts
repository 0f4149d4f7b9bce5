import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync, utimesSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../../src/core/corpus.js';
import { decodeRelease, invalidUtf8At, maxReleaseBytes, ReleaseInputError } from '../../../src/core/library/input.js';
import { choosePrefix, pendingRelease } from '../../../src/core/library/make.js';
import { addRelease, removeRelease } from '../../../src/core/library/ops.js';
import { libraryDir, lockPath, recordPath, releasesDir } from '../../../src/core/library/paths.js';
import { removeTempFiles } from '../../../src/core/library/write.js';
import { readLibrary } from '../../../src/core/library/read.js';
import { parseFrontMatter } from '../../../src/extract/release-file.js';
import { preparedFor } from '../../../src/core/search/prepared.js';
import { createSearchEngine } from '../../../src/core/search/engine.js';
import { citations } from '../../../src/core/cite.js';

const fx = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');
const bundled = () => loadCorpus({ library: false });
let lib: string;
beforeEach(() => {
  lib = mkdtempSync(join(tmpdir(), 'zibo-lib-'));
});
afterEach(() => rmSync(lib, { recursive: true, force: true }));

describe('library location', () => {
  it('is $ZIBO_HOME, else $XDG_DATA_HOME/zibo, else ~/.local/share/zibo', () => {
    expect(libraryDir({ ZIBO_HOME: '/a/b', XDG_DATA_HOME: '/x' })).toBe('/a/b');
    expect(libraryDir({ XDG_DATA_HOME: '/x' })).toBe('/x/zibo');
    expect(libraryDir({ HOME: '/home/u' })).toBe('/home/u/.local/share/zibo');
  });
});

describe('release bytes', () => {
  it('finds the first byte that breaks UTF-8', () => {
    expect(invalidUtf8At(Buffer.from('淄博 ok'))).toBe(-1);
    expect(invalidUtf8At(Buffer.from([0x61, 0x62, 0xff]))).toBe(2);
    expect(invalidUtf8At(Buffer.from([0xe6, 0xb7]))).toBe(0); // cut sequence
    expect(invalidUtf8At(Buffer.from([0x41, 0xc0, 0x80]))).toBe(1); // overlong
    expect(invalidUtf8At(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0); // surrogate
  });
  it('names the input and the offset', () => {
    const gbk = Buffer.concat([Buffer.from('2023年'), Buffer.from([0xd7, 0xcd, 0xb2, 0xa9])]);
    expect(() => decodeRelease(gbk, 'r.txt', 100)).toThrow('r.txt is not UTF-8: invalid byte 0xd7 at byte offset 7');
    expect(() => decodeRelease(Buffer.from([0x41, 0, 0x42]), 'x.bin', 100)).toThrow('x.bin looks binary (a NUL byte at byte offset 1)');
    expect(() => decodeRelease(Buffer.alloc(0), 'e.txt', 100)).toThrow('e.txt is empty');
    expect(() => decodeRelease(Buffer.from(' \n\t '), 'b.txt', 100)).toThrow('b.txt is empty (only white space)');
    expect(() => decodeRelease(Buffer.from('x'.repeat(11)), 'big.txt', 10)).toThrow(
      'big.txt is too large (11 bytes, over the limit of 10 bytes; set ZIBO_MAX_RELEASE_BYTES to raise it)');
    expect(decodeRelease(Buffer.from('\uFEFF淄博'), 'ok', 100)).toBe('淄博');
  });
  it('bounds the size by 64 MiB unless the environment says otherwise', () => {
    expect(maxReleaseBytes({})).toBe(64 * 1024 * 1024);
    expect(maxReleaseBytes({ ZIBO_MAX_RELEASE_BYTES: '1000' })).toBe(1000);
    expect(maxReleaseBytes({ ZIBO_MAX_RELEASE_BYTES: 'lots' })).toBe(64 * 1024 * 1024);
  });
});

describe('front matter', () => {
  it('reads key: value lines, quotes, comments and CRLF', () => {
    const fm = parseFrontMatter('---\r\ntitle: "标题"\r\n# note\r\n\r\ndate: 2023-01-02\r\n---\r\n正文', 'a.md');
    expect(fm.fields).toEqual({ title: '标题', date: '2023-01-02' });
    expect(fm.body).toBe('正文');
    expect(fm.bodyLine).toBe(7);
  });
  it('names the line of what is wrong', () => {
    expect(() => parseFrontMatter('---\ntitle: a\nspeker: b\n---\n', 'a.md')).toThrow('a.md: line 3: unknown front-matter key "speker"');
    expect(() => parseFrontMatter('---\ntitle: a\njust text\n---\n', 'a.md')).toThrow('a.md: line 3: expected "key: value" in the front matter');
    expect(() => parseFrontMatter('---\ntitle: a\ntitle: b\n---\n', 'a.md')).toThrow('a.md: line 3: key "title" is given twice');
    expect(() => parseFrontMatter('---\ntitle: a\n', 'a.md')).toThrow('a.md: the front matter opened on line 1 is never closed with ---');
  });
  it('is optional', () => {
    expect(parseFrontMatter('# 标题\n正文').present).toBe(false);
  });
});

describe('metadata of a release to add', () => {
  it('takes the title from the first line and the date from the text', () => {
    const p = pendingRelease(fx('transport-tw.txt'), 't.txt', { domain: 'transport' });
    expect(p.meta).toMatchObject({ id: 'transport-2023-05-09', title: '淄博市交通建設提速 新開通公交線路12條', date: '2023-05-09', domain: 'transport' });
  });
  it('lets flags override the front matter, and maps built-in domain aliases', () => {
    const p = pendingRelease(fx('environment.md'), 'e.md', { date: '2023-03-16', domain: '城建' });
    expect(p.meta).toMatchObject({ id: 'urban-construction-2023-03-16', date: '2023-03-16', speaker: '李明', conference: '“生态优先 绿色发展”主题系列新闻发布会第三场' });
  });
  it('takes a date written the Chinese or slash way', () => {
    for (const d of ['2023年3月5日', '2023/3/5', '2023.03.05', '2023-3-5']) expect(pendingRelease('正文4条。', 'n', { date: d }).meta.date, d).toBe('2023-03-05');
  });

  it('asks for --date when none is given or found, and rejects bad values', () => {
    expect(() => pendingRelease('淄博召开会议\n\n新增公交线路4条。', 'n.txt', {})).toThrow(
      'n.txt: no date given and none with a year found in the text; pass --date YYYY-MM-DD (or date: in the front matter)');
    expect(() => pendingRelease('正文4条。', 'n.txt', { date: '2023-02-30' })).toThrow('n.txt: date "2023-02-30" is not a date written YYYY-MM-DD');
    expect(() => pendingRelease('正文4条。', 'n.txt', { date: '2023-02-03', domain: 'Env Stuff' })).toThrow('domain "Env Stuff" is not a lower-case slug');
    expect(() => pendingRelease('---\ntitle: x\n---\n  \n', 'n.txt', {})).toThrow('n.txt: the release text after the front matter is empty');
  });
  it('derives a free prefix from the domain', () => {
    const p = pendingRelease('正文4条。', 'n', { date: '2023-01-01', domain: 'urban-construction' });
    expect(choosePrefix(p, new Set(['uc', 'dg']))).toBe('uc2');
    const q = pendingRelease('正文4条。', 'n', { date: '2023-01-01', domain: 'environment' });
    expect(choosePrefix(q, new Set(['env', 'env2']))).toBe('env3');
  });
});

describe('adding and removing', () => {
  const add = (name: string, flags = {}, opts = {}) => addRelease(lib, pendingRelease(fx(name), name, flags), bundled(), { origin: `/src/${name}`, ...opts });

  it('stores one record per release with the extractor’s facts, and every command’s corpus holds it', async () => {
    const out = await add('environment.md');
    expect(out.status).toBe('added');
    expect(out.file).toBe(recordPath(lib, 'environment-2023-03-15'));
    const env = out.record.facts;
    expect(env.map((f) => f.id).slice(0, 3)).toEqual(['env-001', 'env-002', 'env-003']);
    expect(env.find((f) => f.figure === '超1.2万亩')).toMatchObject({ value: 1.2, unit: '万亩', scaled: 12000, baseUnit: '亩', qualifier: 'more-than' });
    expect(env.find((f) => f.figure === '4860万元')).toMatchObject({ scaled: 48600000, baseUnit: '元', text: '罚款金额4860万元' });
    expect(env.find((f) => f.figure === '138台')).toMatchObject({ text: '淘汰燃煤锅炉138台' }); // page break joined
    expect(env.find((f) => f.kind === 'honour')).toMatchObject({ text: '马踏湖国家湿地公园入选国家级示范项目' });
    for (const f of env) expect(out.record.release.text.slice(f.offset[0], f.offset[1])).toBe(f.text);

    const corpus = loadCorpus({ library: lib });
    expect(corpus.releases.map((r) => r.id)).toEqual(['uc-2022-12-08', 'dg-2022-12-08', 'environment-2023-03-15']);
    expect(corpus.facts.length).toBe(bundled().facts.length + env.length);
    const park = corpus.topics.find((t) => t.name === '公园')!;
    expect(park.count).toBe(bundled().topics.find((t) => t.name === '公园')!.count + env.filter((f) => f.topics.includes('公园')).length);
  });

  it('adding the same text again changes nothing, even under another id', async () => {
    const first = await add('environment.md');
    const bytes = readFileSync(first.file, 'utf8');
    expect((await add('environment.md')).status).toBe('unchanged');
    const again = await add('environment.md', { id: 'env-copy' });
    expect(again).toMatchObject({ status: 'unchanged', file: first.file });
    expect(readdirSync(releasesDir(lib))).toEqual(['environment-2023-03-15.json']);
    expect(readFileSync(first.file, 'utf8')).toBe(bytes);
  });

  it('refuses another text under a taken id unless --replace, which keeps the prefix', async () => {
    await add('environment.md');
    const other = fx('environment.md').replace('罚款金额4860万元', '罚款金额4870万元');
    const p = pendingRelease(other, 'e2.md', {});
    await expect(addRelease(lib, p, bundled(), { origin: 'x' })).rejects.toThrow(
      'a different release with id "environment-2023-03-15" is already in the library; pass --replace to replace it, or give it its own id with --id');
    const r = await addRelease(lib, p, bundled(), { origin: 'x', replace: true });
    expect(r.status).toBe('replaced');
    expect(r.record.facts.find((f) => f.value === 4870)?.id).toBe('env-019');
    await expect(addRelease(lib, pendingRelease(fx('environment.md'), 'e.md', { id: 'uc-2022-12-08' }), bundled(), { origin: 'x' }))
      .rejects.toThrow('release id "uc-2022-12-08" is a bundled release');
  });

  it('keeps a release without figures only with force', async () => {
    const p = pendingRelease(fx('no-figures.txt'), 'n.txt', { date: '2023-01-01' });
    await expect(addRelease(lib, p, bundled(), { origin: 'x' })).rejects.toThrow('no figures found in "淄博市召开工作会议"; nothing added (pass --force to keep it anyway)');
    expect(readLibrary(lib).records).toEqual([]);
    expect((await addRelease(lib, p, bundled(), { origin: 'x', force: true })).status).toBe('added');
  });

  it('dry run writes nothing', async () => {
    const r = await add('environment.md', {}, { dryRun: true });
    expect(r.status).toBe('dry-run');
    expect(r.record.facts.length).toBe(19);
    expect(readLibrary(lib).records).toEqual([]);
  });

  it('removes an added release', async () => {
    await add('environment.md');
    await add('transport-tw.txt', { domain: 'transport' });
    expect(await removeRelease(lib, 'environment-2023-03-15')).toBe(recordPath(lib, 'environment-2023-03-15'));
    expect(loadCorpus({ library: lib }).releases.map((r) => r.id)).toEqual(['uc-2022-12-08', 'dg-2022-12-08', 'transport-2023-05-09']);
    expect(await removeRelease(lib, 'environment-2023-03-15')).toBeUndefined();
  });

  it('four adds at once all land, each with its own prefix', async () => {
    const texts = ['一', '二', '三', '四'].map((n, i) => `# 第${n}篇\n\n2023年4月${i + 1}日,全市新增公交线路${i + 3}条。`);
    const outs = await Promise.all(texts.map((t) => addRelease(lib, pendingRelease(t, 't', { domain: 'transport' }), bundled(), { origin: 'x' })));
    expect(outs.map((o) => o.status)).toEqual(['added', 'added', 'added', 'added']);
    const recs = readLibrary(lib).records;
    expect(recs.length).toBe(4);
    expect(new Set(recs.map((r) => r.release.prefix)).size).toBe(4);
  });

  it('a broken record is reported by name and skipped; temp files of a killed writer are ignored, then removed', async () => {
    await add('environment.md');
    writeFileSync(join(releasesDir(lib), 'broken-1.json'), '{"format": "zibo-library-rel');
    writeFileSync(join(releasesDir(lib), 'environment-2023-03-15.json.123456'), '{"half');
    const warnings: string[] = [];
    const corpus = loadCorpus({ library: lib, warn: (m) => warnings.push(m) });
    expect(corpus.releases.length).toBe(3);
    expect(warnings.length).toBe(1);
    expect(warnings[0]).toMatch(new RegExp(`^zibo: warning: library file .*broken-1\\.json: not valid JSON \\(.*\\); skipped$`));
    await add('transport-tw.txt', { domain: 'transport' });
    expect(readdirSync(releasesDir(lib)).sort()).toEqual(['broken-1.json', 'environment-2023-03-15.json', 'transport-2023-05-09.json']);
  });

  it('a record whose facts do not fit its text is rejected', async () => {
    const out = await add('environment.md');
    const rec = JSON.parse(readFileSync(out.file, 'utf8'));
    rec.facts[2].offset = [0, 999999];
    writeFileSync(out.file, JSON.stringify(rec));
    const warnings: string[] = [];
    expect(loadCorpus({ library: lib, warn: (m) => warnings.push(m) }).releases.length).toBe(2);
    expect(warnings[0]).toContain('environment-2023-03-15.json: fact 2: "offset" is not a [start, end] inside the release text; skipped');
  });

  it('each change rewrites the search set-up of the library, which gives what run-time set-up gives', async () => {
    await add('environment.md');
    await add('transport-tw.txt', { domain: 'transport' });
    const corpus = loadCorpus({ library: lib });
    const p = preparedFor(corpus);
    expect(p).toBeDefined();
    expect(p!.file.source.ids).toEqual(corpus.facts.map((f) => f.id));
    const fast = createSearchEngine(corpus);
    const slow = createSearchEngine(corpus, null);
    for (const q of ['空气优良天数', '公交線路', 'nongcun gonglu', '4860万元', '湿地公园', '数据中心', 'bus routes']) {
      const a = fast.search(q, { limit: 10 }).map((h) => [h.fact.id, h.score]);
      expect(a, q).toEqual(slow.search(q, { limit: 10 }).map((h) => [h.fact.id, h.score]));
    }
    expect(fast.search('空气优良天数', { limit: 1 })[0]!.fact.id).toBe('env-001');
    await removeRelease(lib, 'transport-2023-05-09');
    expect(preparedFor(loadCorpus({ library: lib }))!.file.source.ids).toEqual(loadCorpus({ library: lib }).facts.map((f) => f.id));
    // A record changed by hand: the set-up no longer fits and is not used.
    writeFileSync(join(releasesDir(lib), 'environment-2023-03-15.json'), readFileSync(join(releasesDir(lib), 'environment-2023-03-15.json'), 'utf8') + ' ');
    expect(preparedFor(loadCorpus({ library: lib }))).toBeUndefined();
  });

  it('cite names the speaker and conference an added release gives, and does without them when it gives none', async () => {
    const env = (await add('environment.md')).record;
    const fine = env.facts.find((f) => f.figure === '4860万元')!;
    expect(citations(fine, env.release).zh).toBe('据淄博市生态环境局党组书记、局长李明2023年3月15日在“生态优先 绿色发展”主题系列新闻发布会第三场上介绍，淄博罚款金额4860万元。');
    const tw = (await add('transport-tw.txt', { domain: 'transport' })).record;
    const f = tw.facts.find((x) => x.figure === '37條')!;
    expect(citations(f, tw.release)).toEqual({
      zh: '据2023年5月9日发布的《淄博市交通建設提速 新開通公交線路12條》，淄博優化調整線路37條。',
      en: 'According to “淄博市交通建設提速 新開通公交線路12條” of 9 May 2023, 37 條.',
    });
  });

  it('a lock left by a killed writer (not refreshed for 5 s) is taken over', async () => {
    mkdirSync(lockPath(lib), { recursive: true });
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockPath(lib), old, old);
    expect((await add('environment.md')).status).toBe('added');
    expect(existsSync(lockPath(lib))).toBe(false);
  });

  it('search temp files are removed only when old enough not to be a live writer’s', () => {
    mkdirSync(join(lib, 'search'), { recursive: true });
    mkdirSync(releasesDir(lib), { recursive: true });
    const fresh = join(lib, 'search', 'zh.idx.111');
    const stale = join(lib, 'search', 'fields.json.222');
    writeFileSync(fresh, 'x');
    writeFileSync(stale, 'x');
    const old = new Date(Date.now() - 120_000);
    utimesSync(stale, old, old);
    writeFileSync(join(releasesDir(lib), 'a-1.json.333'), 'x');
    expect(removeTempFiles(lib)).toBe(2);
    expect(readdirSync(join(lib, 'search'))).toEqual(['zh.idx.111']);
  });

  it('a missing library is an empty one', () => {
    expect(readLibrary(join(lib, 'nope'))).toEqual({ records: [], problems: [], chars: 0 });
    mkdirSync(join(lib, 'x'));
    expect(loadCorpus({ library: join(lib, 'x') })).toBe(bundled());
  });
});

it('ReleaseInputError is what every input failure throws', () => {
  expect(() => decodeRelease(Buffer.alloc(0), 'x', 1)).toThrow(ReleaseInputError);
});
