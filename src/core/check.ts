// `zibo check` core: judge every figure of a draft against the corpus. Implementation in ./check/.
export { checkDraft, summarize, MATCH_MIN, STRONG, MARGIN, type Claim, type ClaimSource, type CheckResult, type CheckOptions, type DraftSentence, type Status, type Why } from './check/judge.js';
export { relate, canonical, describeDifference, type Figure, type Relation } from './check/compare.js';
