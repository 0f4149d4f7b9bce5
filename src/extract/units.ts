// Units, measure words and magnitudes as they appear in Chinese news (Simplified and Traditional forms).

import { arabicMagnitudes, cnMagnitudes } from './magnitudes.js';

/** Measure words and units, Simplified then Traditional forms. Matched longest first. */
const UNIT_WORDS = [
  // things counted
  '个', '個', '条', '條', '项', '項', '处', '處', '户', '戶', '套', '辆', '輛', '家', '片', '场', '場', '场次', '場次',
  '次', '人次', '户次', '戶次', '车次', '車次', '架次', '航次', '班次', '人', '名', '位', '所', '座', '台', '臺', '部', '部门', '部門',
  '件', '架', '张', '張', '本', '册', '冊', '篇', '批', '批次', '级', '級', '层', '層', '栋', '棟', '幢', '间', '間',
  '棵', '株', '只', '隻', '头', '頭', '匹', '宗', '笔', '筆', '单', '單', '份', '例', '起', '支', '艘', '列', '趟', '班',
  '类', '類', '种', '種', '款', '门', '門', '道', '根', '块', '塊', '盏', '盞', '枚', '颗', '顆', '眼', '口', '轮', '輪',
  '方面', '床', '床位', '单位', '單位', '家庭', '岁', '歲', '倍', '成', '标箱', '標箱', '县', '縣', '镇', '鎮', '区', '區', '村', '方',
  '对', '對', '车道', '車道', '站', '孔', '幅', '首', '箱', '瓶', '袋', '盒', '课时', '課時', '学时', '學時',
  '个工作日', '個工作日', '工作日', '标准箱', '標準箱',
  // money
  '元', '美元', '欧元', '歐元', '港元', '港币', '港幣', '日元', '日圆', '日圓', '英镑', '英鎊', '人民币', '人民幣',
  '新台币', '新台幣', '台币', '台幣', '澳元', '澳门元', '澳門元', '韩元', '韓元', '美金',
  // length, area, volume, mass
  '公里', '千米', '米', '延米', '厘米', '毫米', '平方米', '平米', '平方公里', '平方千米', '平方', '亩', '畝', '公顷', '公頃',
  '立方米', '立方', '升', '公升', '毫升', '吨', '噸', '公斤', '千克', '克', '毫克', '微克', '斤', '海里', '蒸吨', '蒸噸',
  '吨标准煤', '噸標準煤',
  // energy
  '千瓦', '千瓦时', '千瓦時', '兆瓦', '兆瓦时', '兆瓦時', '吉瓦', '吉瓦时', '吉瓦時', '瓦', '度', '千伏',
  // time
  '年', '个月', '個月', '周', '週', '周年', '週年', '天', '小时', '小時', '分钟', '分鐘', '秒', '季度',
  // percentage points
  '个百分点', '個百分點', '百分点', '百分點',
];

let units: readonly string[] | undefined;
/** Every unit once, longest first; made on first use (most runs match no unit). */
const allUnits = (): readonly string[] => (units ??= [...new Set(UNIT_WORDS)].sort((a, b) => b.length - a.length));

/** Units written in ASCII that are quantities (12km, 30kg). Case matters: 4.5T is a truck class, 5G a name. */
export const ASCII_UNITS: readonly string[] = [
  'km²', 'km2', 'km', 'kg', 'kWh', 'kW', 'MWh', 'MW', 'GWh', 'GW', 'kV', 'm²', 'm³', 'm2', 'm3', 'cm', 'mm', 'mg', 'ha', 'TEU', 't', 'm',
].sort((a, b) => b.length - a.length);

/** Time spans: 近3年 reads "the last 3 years", and 3年多 is more-than. */
export const TIME_UNITS: ReadonlySet<string> = new Set(['年', '个月', '個月', '周', '週', '天', '小时', '小時', '分钟', '分鐘', '季度']);

/** Units that are percentage points. */
export const PERCENT_POINT_UNITS: ReadonlySet<string> = new Set(['个百分点', '個百分點', '百分点', '百分點']);

/**
 * Characters that, right after a one-character measure word, show it is the start of an ordinary word
 * instead: 12成为 (成为 "become"), 3所有, 5方案, 20支持, 8场所.
 */
const UNIT_BLOCKERS: Readonly<Record<string, string>> = {
  成: '为為员員立功交本果效熟绩績就长長型', 方: '案式向法位针針', 所: '有以在属屬谓謂得', 部: '署分长長',
  本: '地土科领領', 列: '入为為', 起: '来來草步到', 位: '于於置', 元: '素旦', 名: '单單称稱', 口: '岸径徑号號',
  门: '户店诊槛', 門: '戶店診檻', 场: '所景', 場: '所景', 层: '面级次', 層: '面級次', 批: '准复', 级: '别', 級: '別',
  周: '边期围', 週: '邊期圍', 天: '然津空地下', 区: '域别', 區: '域別', 村: '民庄莊级級', 度: '假过過', 种: '植子',
  種: '植子', 类: '似型', 類: '似型', 道: '路德理', 笔: '记', 筆: '記', 例: '如', 间: '隔接', 間: '隔接', 眼: '光睛',
  县: '城级域', 縣: '城級域', 镇: '街', 鎮: '街', 支: '持付撑撐', 台: '阶階湾灣', 头: '部', 頭: '部',
  对: '于於接应應比外象标話话口', 對: '于於接應比外象標話口', 站: '点點位长長台臺', 首: '先要次都府席位批期', 孔: '子', 幅: '度员員',
  箱: '包', 盒: '子', 袋: '子',
};

/** Measure words that take 次 to count visits or trips: 万亩次, 万辆次, 件次, 艘次 (人次, 户次 … are listed). */
const TAKES_CI = new Set(['人', '户', '戶', '辆', '輛', '亩', '畝', '架', '艘', '件', '台', '臺', '家', '名', '头', '頭', '吨', '噸', '笔', '筆', '场', '場', '项', '項', '所', '批', '列', '趟', '班', '宗', '例']);

export function matchUnit(s: string, at: number): string | null {
  for (const u of allUnits()) {
    if (!s.startsWith(u, at)) continue;
    const blockers = UNIT_BLOCKERS[u];
    if (blockers && blockers.includes(s[at + u.length] ?? '\u0000')) continue;
    const end = at + u.length;
    if (TAKES_CI.has(u) && s[end] === '次' && !ORDINAL_CI_NEXT.includes(s[end + 1] ?? '\u0000')) return u + '次';
    return u;
  }
  return null;
}

/** 次 starting an ordinary word after a measure word: 次要, 次日, 次年, 次生. */
const ORDINAL_CI_NEXT = '要日年生序级級';

export function matchAsciiUnit(s: string, at: number): string | null {
  for (const u of ASCII_UNITS) {
    if (s.startsWith(u, at) && !/[A-Za-z0-9]/.test(s[at + u.length] ?? '')) return u;
  }
  return null;
}

/** Currencies after which 兆 is 10¹² (Taiwan, Japan: 1.2兆元); elsewhere 兆 is mega (兆瓦, 兆帕, 兆字节). */
const TRILLION_BEFORE = ['元', '美元', '日元', '日圆', '日圓', '新台币', '新台幣', '台币', '台幣', '港元', '人民币', '人民幣'];
const TRILLION: readonly [string, number] = ['兆', 1e12];

export function matchMagnitude(s: string, at: number, chinese: boolean): readonly [string, number] | null {
  for (const m of chinese ? cnMagnitudes() : arabicMagnitudes()) if (s.startsWith(m[0], at)) return m;
  if (s[at] === '兆' && TRILLION_BEFORE.some((c) => s.startsWith(c, at + 1))) return TRILLION;
  return null;
}

/**
 * value × magnitude without binary rounding noise: 4.3 × 1e4 = 43000, 195.3 × 1e4 = 1953000.
 * Magnitudes are powers of ten, so shifting the decimal exponent of the written value is exact.
 */
export function scaleExact(value: number, magnitude: number): number {
  if (magnitude === 1 || !Number.isFinite(value)) return value;
  const k = Math.round(Math.log10(magnitude));
  if (10 ** k !== magnitude) return value * magnitude;
  const [mantissa, exp] = String(value).split('e');
  return Number(`${mantissa}e${Number(exp ?? 0) + k}`);
}
