// Table-driven tests of the quantity parser: every form and trap of issue 2 and issue 5.
import { describe, expect, it } from 'vitest';
import type { Qualifier } from '../../src/core/types.js';
import { parseNumber, parseQuantities, type Quantity } from '../../src/extract/numbers.js';
import { parseChineseNumeral } from '../../src/extract/chinese-numerals.js';
import { scaleExact } from '../../src/extract/units.js';

type Row = [text: string, value: number | null, unit: string | null, qualifier: Qualifier, scaled: number | null, baseUnit: string | null];
const row = (q: Quantity): Row => [q.text, q.value, q.unit, q.qualifier, q.scaled, q.baseUnit];
const found = (input: string) => parseQuantities(input, { year: 2022 }).filter((q) => q.kind !== 'date').map(row);

describe('parseNumber', () => {
  it.each<[string, number | null]>([
    ['4.3', 4.3], ['1,035', 1035], ['1，035', 1035], ['１２', 12], ['１２．５', 12.5], ['三', 3], ['十三', 13], ['两', 2], ['兩', 2],
    ['二十', 20], ['一百零五', 105], ['二十万', 200000], ['三亿五千万', 350000000], ['一万亿', 1e12], ['二〇二二', 2022],
    ['三点五', 3.5], ['4.3万', 43000], ['195.3万', 1953000], ['', null], ['abc', null], ['十四五', null], ['4.3x', null],
  ])('%s → %s', (s, v) => {
    expect(parseNumber(s)).toBe(v);
  });

  it('reads Chinese numerals without 点 or big units too', () => {
    expect(parseChineseNumeral('九十九')).toBe(99);
    expect(parseChineseNumeral('一千零一')).toBe(1001);
  });
});

describe('scaleExact', () => {
  it.each<[number, number, number]>([[4.3, 1e4, 43000], [455.92, 1, 455.92], [195.3, 1e4, 1953000], [106.5, 1e4, 1065000], [0.07, 1e8, 7000000], [1.28, 1e4, 12800]])(
    '%s × %s = %s',
    (v, m, s) => expect(scaleExact(v, m)).toBe(s),
  );
});

describe('parseQuantities: forms', () => {
  it.each<[string, Row[]]>([
    // Arabic, decimals, separators, full width, spaces
    ['完成投资524亿元', [['524亿元', 524, '亿元', 'exact', 52400000000, '元']]],
    ['雨污合流管网改造195.3公里', [['195.3公里', 195.3, '公里', 'exact', 195.3, '公里']]],
    ['园林绿地455.92公顷', [['455.92公顷', 455.92, '公顷', 'exact', 455.92, '公顷']]],
    ['新增1,035家', [['1,035家', 1035, '家', 'exact', 1035, '家']]],
    ['新增1，035家', [['1，035家', 1035, '家', 'exact', 1035, '家']]],
    ['新增线路１２条', [['１２条', 12, '条', 'exact', 12, '条']]],
    ['共 235 个', [['235 个', 235, '个', 'exact', 235, '个']]],
    ['总投资1035 亿元', [['1035 亿元', 1035, '亿元', 'exact', 103500000000, '元']]],
    // magnitudes, Traditional
    ['更换103万户', [['103万户', 103, '万户', 'exact', 1030000, '户']]],
    ['清理垃圾106.5万立方', [['106.5万立方', 106.5, '万立方', 'exact', 1065000, '立方']]],
    ['建成1.5萬個', [['1.5萬個', 1.5, '萬個', 'exact', 15000, '個']]],
    ['投資3.2億元', [['3.2億元', 3.2, '億元', 'exact', 320000000, '元']]],
    ['規模達1.2萬億元', [['1.2萬億元', 1.2, '萬億元', 'exact', 1200000000000, '元']]],
    ['用电12亿千瓦时', [['12亿千瓦时', 12, '亿千瓦时', 'exact', 1200000000, '千瓦时']]],
    ['招聘3千人', [['3千人', 3, '千人', 'exact', 3000, '人']]],
    ['新增100万平方米', [['100万平方米', 100, '万平方米', 'exact', 1000000, '平方米']]],
    ['获批2022年省级奖励资金551万。', [['551万', 551, '万', 'exact', 5510000, null]]],
    ['突破千億元', [['突破千億元', 1000, '億元', 'more-than', 100000000000, '元']]],
    // Chinese-numeral counts
    ['统筹谋划三年总体目标', [['三年', 3, '年', 'exact', 3, '年']]],
    ['开展两批试点建设', [['两批', 2, '批', 'exact', 2, '批']]],
    ['開展兩批試點', [['兩批', 2, '批', 'exact', 2, '批']]],
    ['政务外网五级全覆盖', [['五级', 5, '级', 'exact', 5, '级']]],
    ['列为全市五大集成改革之一', [['五大', 5, '大', 'exact', 5, '大']]],
    ['以五个“一网”建设', [['五个', 5, '个', 'exact', 5, '个']]],
    ['新建十三所学校', [['十三所', 13, '所', 'exact', 13, '所']]],
    ['惠及二十万人', [['二十万人', 20, '万人', 'exact', 200000, '人']]],
    ['为两千余名教师', [['两千余名', 2000, '名', 'more-than', 2000, '名']]],
    ['一万元', [['一万元', 1, '万元', 'exact', 10000, '元']]],
    ['增长近一成', [['近一成', 1, '成', 'nearly', 1, '成']]],
    // qualifiers
    ['标准机架总数超4.3万个', [['超4.3万个', 4.3, '万个', 'more-than', 43000, '个']]],
    ['带动消费近70亿元', [['近70亿元', 70, '亿元', 'nearly', 7000000000, '元']]],
    ['开展专项培训200余次', [['200余次', 200, '次', 'more-than', 200, '次']]],
    ['1400余人同步学习', [['1400余人', 1400, '人', 'more-than', 1400, '人']]],
    ['8000余户活跃企业', [['8000余户', 8000, '户', 'more-than', 8000, '户']]],
    ['实现2000余项服务', [['2000余项', 2000, '项', 'more-than', 2000, '项']]],
    ['达20万余人次', [['20万余人次', 20, '万人次', 'more-than', 200000, '人次']]],
    ['惠及20余万人', [['20余万人', 20, '万人', 'more-than', 200000, '人']]],
    ['通车里程达27公里', [['27公里', 27, '公里', 'exact', 27, '公里']]],
    ['约3500万元', [['约3500万元', 3500, '万元', 'about', 35000000, '元']]],
    ['大约50个', [['大约50个', 50, '个', 'about', 50, '个']]],
    ['200个左右', [['200个左右', 200, '个', 'about', 200, '个']]],
    ['不到10%', [['不到10%', 10, '%', 'less-than', 10, '%']]],
    ['不足300部', [['不足300部', 300, '部', 'less-than', 300, '部']]],
    ['低于5公里', [['低于5公里', 5, '公里', 'less-than', 5, '公里']]],
    ['12分钟以内', [['12分钟以内', 12, '分钟', 'less-than', 12, '分钟']]],
    ['100亿元以上', [['100亿元以上', 100, '亿元', 'more-than', 10000000000, '元']]],
    ['30%以上', [['30%以上', 30, '%', 'more-than', 30, '%']]],
    ['超过20%', [['超过20%', 20, '%', 'more-than', 20, '%']]],
    ['逾1,600萬件', [['逾1,600萬件', 1600, '萬件', 'more-than', 16000000, '件']]],
    ['2,900餘項', [['2,900餘項', 2900, '項', 'more-than', 2900, '項']]],
    ['多达300家', [['多达300家', 300, '家', 'more-than', 300, '家']]],
    ['将近1万人', [['将近1万人', 1, '万人', 'nearly', 10000, '人']]],
    ['不低于400万平方米', [['不低于400万平方米', 400, '万平方米', 'more-than', 4000000, '平方米']]],
    ['100多家', [['100多家', 100, '家', 'more-than', 100, '家']]],
    ['用了3年多', [['3年多', 3, '年', 'more-than', 3, '年']]],
    ['近3年来', [['3年', 3, '年', 'exact', 3, '年']]],
    // percentages and points
    ['增长54.19%', [['54.19%', 54.19, '%', 'exact', 54.19, '%']]],
    ['增长54.19％', [['54.19％', 54.19, '%', 'exact', 54.19, '%']]],
    ['占百分之五十', [['百分之五十', 50, '%', 'exact', 50, '%']]],
    ['提高1.2个百分点', [['1.2个百分点', 1.2, '个百分点', 'exact', 1.2, '个百分点']]],
    // ranges
    ['50亿元至100亿元', [['50亿元至100亿元', 50, '亿元', 'exact', 5000000000, '元']]],
    ['50—100亿元', [['50—100亿元', 50, '亿元', 'exact', 5000000000, '元']]],
    ['50-100亿元', [['50-100亿元', 50, '亿元', 'exact', 5000000000, '元']]],
    ['3到5年', [['3到5年', 3, '年', 'exact', 3, '年']]],
    ['两到三年', [['两到三年', 2, '年', 'exact', 2, '年']]],
    ['3%至5%', [['3%至5%', 3, '%', 'exact', 3, '%']]],
    ['设站18至22座', [['18至22座', 18, '座', 'exact', 18, '座']]],
    // fractions
    ['增长三分之一', [['三分之一', 0.3333, null, 'exact', 0.3333, null]]],
    ['超过三分之二', [['超过三分之二', 0.6667, null, 'more-than', 0.6667, null]]],
    ['占2/3', [['2/3', 0.6667, null, 'exact', 0.6667, null]]],
    // ASCII units
    ['全长12km', [['12km', 12, 'km', 'exact', 12, 'km']]],
    ['重30kg', [['30kg', 30, 'kg', 'exact', 30, 'kg']]],
    ['浓度为38微克/立方米', [['38微克/立方米', 38, '微克/立方米', 'exact', 38, '微克/立方米']]],
    // bare numbers: only when stated
    ['总数为235。', [['235', 235, null, 'exact', 235, null]]],
  ])('%s', (input, rows) => {
    expect(found(input)).toEqual(rows);
  });

  it('gives ranges their upper value', () => {
    const [q] = parseQuantities('50亿元至100亿元');
    expect(q).toMatchObject({ kind: 'range', value: 50, high: 100, highScaled: 10000000000, magnitude: 1e8 });
  });

  it('marks kinds', () => {
    const kinds = parseQuantities('103万户、54.19%、三分之一、3到5年、9月30日', { year: 2022 }).map((q) => q.kind);
    expect(kinds).toEqual(['count', 'percent', 'fraction', 'range', 'date']);
  });
});

describe('parseQuantities: traps', () => {
  it.each<[string, Row[]]>([
    ['建成乡村美学教育基地200处、美家超市1959家', [['200处', 200, '处', 'exact', 200, '处'], ['1959家', 1959, '家', 'exact', 1959, '家']]],
    ['下线运营4.5T氢能冷藏物流车50辆', [['50辆', 50, '辆', 'exact', 50, '辆']]],
    ['建成5G基站1.2万个', [['1.2万个', 1.2, '万个', 'exact', 12000, '个']]],
    ['G20青银高速', []],
    ['《淄博市国土空间总体规划(2021—2035年)(初步方案)》形成', []],
    ['2021—2035年', []], ['2021-2035年', []], ['2021～2035年', []], ['2021年至2035年', []],
    ['市委十三届三次全会明确的“3510”发展目标', []],
    ['2022年度深化城市平台赋能', []], ['策划起草2023年计划', []], ['完成2448户农村旱厕改造', [['2448户', 2448, '户', 'exact', 2448, '户']]],
    ['2022年“9+1”重点工作项目', []], ['9+1重点工作', []], ['1+N打包式', []],
    ['拨打12345热线', []], ['电话0533-3182100', []], ['120急救', []], ['8:30开始', []],
    ['淄博市第十三次党代会', []], ['第六场', []], ['第二十场', []], ['第一批次还迁住宅', []], ['首批', []], ['第二批', []],
    ['第二届全国电子竞技大赛', []], ['地铁1号线', []], ['12月底前', []], ['1月至11月', []], ['三年级', []],
    ['一网通办', []], ['一体化', []], ['一片云', []], ['一张网', []], ['一级平台', []], ['打造了一批惠民应用', []],
    ['一次办', []], ['统一门户', []], ['逐一明确', []], ['五大集成改革之一', [['五大', 5, '大', 'exact', 5, '大']]],
    ['“一件事”', []], ['“一人一号”体系', []], ['第一时间', []], ['一期工程', []], ['“四端合一”', []], ['五星级村', []],
    ['“双百帮带”', []], ['“两委”班子', []], ['进一步', []], ['呈现出“五个更加”态势', []], ['实施“七大提升行动”', []],
    ['党的二十大精神', []], ['市县两级数据节点', []], ['二级以上公立医院', []], ['三级医院', []], ['前三季度', []],
    ['“十四五”数字强市规划', []], ['千方百计', []], ['三位一体', []], ['签约12个项目', [['12个', 12, '个', 'exact', 12, '个']]],
    ['附近3公里', [['3公里', 3, '公里', 'exact', 3, '公里']]], ['其中20成为示范', []], ['PM2.5浓度', []],
  ])('%s', (input, rows) => {
    expect(found(input)).toEqual(rows);
  });
});

describe('parseQuantities: dates', () => {
  it.each<[string, number | undefined, string]>([
    ['济高高速9月30日建成通车', 2022, '2022-09-30'],
    ['11月16日,在大会上', 2022, '2022-11-16'],
    ['2022年12月8日', 2030, '2022-12-08'],
    ['2022-12-08', undefined, '2022-12-08'],
    ['十二月八日', 2022, '2022-12-08'],
    ['9月30日', undefined, '--09-30'],
  ])('%s', (input, year, iso) => {
    const dates = parseQuantities(input, { year }).filter((q) => q.kind === 'date');
    expect(dates).toHaveLength(1);
    expect(dates[0]).toMatchObject({ value: null, unit: null, scaled: null, date: iso });
    expect(input.slice(dates[0]!.start, dates[0]!.end)).toBe(dates[0]!.text);
  });

  it('does not make a date of a month or a day alone', () => {
    expect(parseQuantities('9月份完成，8日开通', { year: 2022 })).toEqual([]);
  });
});

describe('parseQuantities: the source release', () => {
  it('finds the Chinese-numeral counts of the source and no ordinals or names', async () => {
    const { readFileSync } = await import('node:fs');
    const raw = readFileSync(new URL('../../data/source/zibo-2022-12-08.txt', import.meta.url), 'utf8');
    const chinese = parseQuantities(raw, { year: 2022 }).filter((q) => !/[0-9]/.test(q.text) && q.kind !== 'date');
    expect(chinese.map((q) => q.text)).toEqual(['三年', '三年', '两批', '五大', '五级', '五个']);
  });
});

// Failure classes found by the blind news texts (test/fixtures/news-blind) and fixed in general form.
describe('parseQuantities: forms of real news (issue 5)', () => {
  it.each<[string, Row[]]>([
    // thousands grouped by spaces; a space between number and unit stays a space
    ['淘汰柴油货车1 320辆', [['1 320辆', 1320, '辆', 'exact', 1320, '辆']]],
    ['投资12 345.6万元', [['12 345.6万元', 12345.6, '万元', 'exact', 123456000, '元']]],
    ['共 235 个', [['235 个', 235, '个', 'exact', 235, '个']]],
    // a magnitude inside the numeral
    ['为三万五千名老人服务', [['三万五千名', 35000, '名', 'exact', 35000, '名']]],
    ['創造2萬5千個職位', [['2萬5千個', 25000, '個', 'exact', 25000, '個']]],
    ['投资1亿5000万元', [['1亿5000万元', 150000000, '元', 'exact', 150000000, '元']]],
    ['投资三亿五千万元', [['三亿五千万元', 350000000, '元', 'exact', 350000000, '元']]],
    // hedged 百/千/万 alone
    ['建设充电桩近千个', [['近千个', 1000, '个', 'nearly', 1000, '个']]],
    ['千余人参加', [['千余人', 1000, '人', 'more-than', 1000, '人']]],
    ['上千家企业参与', [['上千家', 1000, '家', 'more-than', 1000, '家']]],
    ['吸引近万人', [['近万人', 1, '万人', 'nearly', 10000, '人']]],
    ['万余人参加', [['万余人', 1, '万人', 'more-than', 10000, '人']]],
    ['上万人次', [['上万人次', 1, '万人次', 'more-than', 10000, '人次']]],
    // approximate and indefinite numerals
    ['十几个项目', [['十几个', 10, '个', 'more-than', 10, '个']]],
    // units with 次, 兆 before a currency, new measure words and currencies
    ['服务面积超过200万亩次', [['超过200万亩次', 200, '万亩次', 'more-than', 2000000, '亩次']]],
    ['通行车辆112.4万辆次', [['112.4万辆次', 112.4, '万辆次', 'exact', 1124000, '辆次']]],
    ['規模將超過新台幣1.2兆元', [['超過新台幣1.2兆元', 1.2, '兆元', 'more-than', 1200000000000, '元']]],
    ['装机100兆瓦', [['100兆瓦', 100, '兆瓦', 'exact', 100, '兆瓦']]],
    ['编列380億新台幣', [['380億新台幣', 380, '億新台幣', 'exact', 38000000000, '新台幣']]],
    ['35蒸吨以下燃煤锅炉', [['35蒸吨以下', 35, '蒸吨', 'less-than', 35, '蒸吨']]],
    ['服务区2对', [['2对', 2, '对', 'exact', 2, '对']]],
    ['双向六车道', [['六车道', 6, '车道', 'exact', 6, '车道']]],
    // more-than after units, ‰, signs, stated bare ratios, qualifiers
    ['用时3个多月', [['3个多月', 3, '个月', 'more-than', 3, '个月']]],
    ['提高5倍多', [['5倍多', 5, '倍', 'more-than', 5, '倍']]],
    ['出生率为6.5‰', [['6.5‰', 6.5, '‰', 'exact', 6.5, '‰']]],
    ['增速为-2.3%', [['-2.3%', -2.3, '%', 'exact', -2.3, '%']]],
    ['城乡居民收入比缩小至1.98。', [['1.98', 1.98, null, 'exact', 1.98, null]]],
    ['每组不多于3个', [['不多于3个', 3, '个', 'less-than', 3, '个']]],
    ['未來5年內完成', [['5年內', 5, '年', 'less-than', 5, '年']]],
    ['近两成', [['近两成', 2, '成', 'nearly', 2, '成']]],
  ])('%s', (input, rows) => {
    expect(found(input)).toEqual(rows);
  });

  it.each<[string, number, number, string]>([
    ['两三个', 2, 3, '个'],
    ['三四百人', 300, 400, '人'],
    ['五六十岁', 50, 60, '岁'],
  ])('%s is an approximate range', (input, low, high, unit) => {
    const [q, ...rest] = parseQuantities(input);
    expect(rest).toEqual([]);
    expect([q?.kind, q?.value, q?.high, q?.unit, q?.qualifier]).toEqual(['range', low, high, unit, 'about']);
  });

  it.each([
    '数十个村入选', '几十个', '数百家企业', '一二线城市', '出超212億美元的出', '八大局便民市场', '前10个月累计', '拨打0533-12301',
    '1至10月', '从3到5,', '装机5兆帕',
  ])('%s states no definite quantity', (input) => {
    expect(found(input).filter((r) => r[0] !== '212億美元')).toEqual([]);
  });

  it('reads 出超 as a trade surplus, not a qualifier', () => {
    expect(found('出超212億美元')).toEqual([['212億美元', 212, '億美元', 'exact', 21200000000, '美元']]);
  });

  it('parseNumber reads space-grouped thousands', () => {
    expect(parseNumber('1 320')).toBe(1320);
    expect(parseNumber('12 345.6')).toBe(12345.6);
    expect(parseNumber('12 34')).toBe(null);
  });
});
