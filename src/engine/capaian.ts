import { atLeast, formatNumber, snap } from '../domain/exact.js';
import type { Lang } from '../domain/i18n.js';
import type { Direction, Indicator, IndicatorResult, Target } from './types.js';

/**
 * Indicator achievement (capaian), SPEC §3.1. Pure: no I/O, every number explained in `formula`.
 */

export type TargetProblem = 'TARGET_NOT_POSITIVE' | 'RANGE_INVERTED';

/**
 * Why a target cannot be scored, or null when it can. Ingest reports these as data errors.
 * - naik: the target (or a range's lower end) must be > 0: R/T needs a positive T.
 * - turun: 0 is allowed ("none allowed", SPEC §3.1) but a negative target is meaningless for
 *   (2 − R/T), so it is reported as TARGET_NOT_POSITIVE as well.
 * - a range must have low ≤ high (checked first: an inverted range is the likelier typo).
 * Written as `!(x > 0)` so that NaN is also a problem.
 */
export function targetProblem(direction: Direction, target: Target): TargetProblem | null {
  if (target.kind === 'range') {
    if (target.low > target.high) return 'RANGE_INVERTED';
    return endProblem(direction, target.low) ?? endProblem(direction, target.high);
  }
  return endProblem(direction, target.value);
}

function endProblem(direction: Direction, value: number): TargetProblem | null {
  if (!Number.isFinite(value)) return 'TARGET_NOT_POSITIVE';
  if (direction === 'naik' ? !(value > 0) : !(value >= 0)) return 'TARGET_NOT_POSITIVE';
  return null;
}

/** An input number as given (no rounding), with the run's decimal separator and a true minus. */
export function formatInput(x: number, lang: Lang): string {
  const s = String(snap(x));
  return minus(lang === 'id' ? s.replace('.', ',') : s);
}

/** A computed number, rounded half-up to 2 decimals for display. */
export function formatResult(x: number, lang: Lang): string {
  return minus(formatNumber(x, lang, 2));
}

function minus(s: string): string {
  return s.startsWith('-') ? `−${s.slice(1)}` : s;
}

interface Computed {
  /** Capaian before the cap (after the turun floor at 0, which is part of the rule). */
  value: number;
  /** The formula in words; '' when the caller asked for the value alone. */
  text: string;
}

/** Capaian of realisasi `r` against one target value `end`, by direction. */
function againstValue(r: number, end: number, direction: Direction, lang: Lang, words: boolean): Computed {
  const R = words ? formatInput(r, lang) : '';
  const T = words ? formatInput(end, lang) : '';
  if (direction === 'naik') {
    const v = (r / end) * 100;
    return { value: v, text: words ? `${R} / ${T} × 100 = ${formatResult(v, lang)}` : '' };
  }
  if (end === 0) {
    // Zero target with turun means "none allowed" (SPEC §3.1).
    const ok = r <= 0;
    const text = !words
      ? ''
      : lang === 'id'
        ? `target 0 (turun: tidak boleh ada): realisasi ${R} ${ok ? '→ 100' : '> 0 → 0'}`
        : `target 0 (lower is better: none allowed): realisasi ${R} ${ok ? '→ 100' : '> 0 → 0'}`;
    return { value: ok ? 100 : 0, text };
  }
  const raw = (2 - r / end) * 100;
  let text = words ? `(2 − ${R} / ${T}) × 100 = ${formatResult(raw, lang)}` : '';
  if (raw < 0) {
    if (words) text += lang === 'id' ? ' → 0 (tidak di bawah 0)' : ' → 0 (not below 0)';
    return { value: 0, text };
  }
  return { value: raw, text };
}

/**
 * againstValue's value alone: the same arithmetic, without its text or a result object (the
 * scoring decides every indicator of a run; the formula is written only when read).
 */
function valueAgainst(r: number, end: number, direction: Direction): number {
  if (direction === 'naik') return (r / end) * 100;
  if (end === 0) return r <= 0 ? 100 : 0;
  const raw = (2 - r / end) * 100;
  return raw < 0 ? 0 : raw;
}

/** uncappedCapaian's value alone (see valueAgainst). */
function uncappedValue(ind: Indicator, r: number): number {
  const { target, direction } = ind;
  if (target.kind === 'value') return valueAgainst(r, target.value, direction);
  if (atLeast(r, target.low) && atLeast(target.high, r)) return 100;
  return valueAgainst(r, r > target.high ? target.high : target.low, direction);
}

function uncappedCapaian(ind: Indicator, r: number, lang: Lang, words: boolean): Computed {
  const { target, direction } = ind;
  if (target.kind === 'value') return againstValue(r, target.value, direction, lang, words);
  const range = words ? `${formatInput(target.low, lang)}–${formatInput(target.high, lang)}` : '';
  const R = words ? formatInput(r, lang) : '';
  // Inclusive at both ends, decided on snapped values so 80.00000000000001 counts as 80.
  if (atLeast(r, target.low) && atLeast(target.high, r)) {
    return {
      value: 100,
      text: !words ? '' : lang === 'id' ? `realisasi ${R} dalam rentang ${range} → 100` : `realisasi ${R} within range ${range} → 100`,
    };
  }
  const above = r > target.high;
  const end = above ? target.high : target.low;
  const inner = againstValue(r, end, direction, lang, words);
  if (!words) return inner;
  const E = formatInput(end, lang);
  const where =
    lang === 'id'
      ? `realisasi ${R} ${above ? 'di atas' : 'di bawah'} rentang ${range}, dibandingkan dengan ${E}`
      : `realisasi ${R} ${above ? 'above' : 'below'} range ${range}, compared with ${E}`;
  return { value: inner.value, text: `${where}: ${inner.text}` };
}

/** How `scoring.missing` treated an indicator without realisasi, as said after its formula. */
const MISSING_POLICY_TEXT: Record<NonNullable<IndicatorResult['missingPolicy']>, Record<Lang, string>> = {
  zero: { id: '→ 0 (kebijakan: dihitung 0)', en: '→ 0 (policy: counted as 0)' },
  exclude: { id: '→ tidak diikutkan (kebijakan: dikecualikan)', en: '→ left out (policy: exclude)' },
  pending: { id: '→ menunggu realisasi', en: '→ awaiting realisasi' },
};

const FORMULA = Symbol('formula context');

interface FormulaContext {
  cap: number;
  lang: Lang;
}

type LazyResult = IndicatorResult & { [FORMULA]: FormulaContext };

const CONTEXTS = new Map<string, FormulaContext>();
let lastContext: FormulaContext | null = null;
/** One context object per cap and language, shared by the results. */
function formulaContext(cap: number, lang: Lang): FormulaContext {
  if (lastContext !== null && lastContext.cap === cap && lastContext.lang === lang) return lastContext;
  const key = `${cap}|${lang}`;
  let c = CONTEXTS.get(key);
  if (c === undefined) CONTEXTS.set(key, (c = { cap, lang }));
  return (lastContext = c);
}

/** The formula of a result in words (what `formula` gives). */
function formulaText(r: LazyResult): string {
  const { cap, lang } = r[FORMULA];
  let text: string;
  if (r.status === 'not-reported') text = lang === 'id' ? 'realisasi tidak dilaporkan' : 'realisasi not reported';
  else {
    const ind = r.indicator;
    text = uncappedCapaian(ind, ind.actual as number, lang, true).text;
    if ((r.uncapped as number) > cap) text += lang === 'id' ? ` → batas ${formatInput(cap, lang)}` : ` → cap ${formatInput(cap, lang)}`;
  }
  return r.missingPolicy === undefined ? text : `${text} ${MISSING_POLICY_TEXT[r.missingPolicy][lang]}`;
}

/** One getter shared by every result (per-result closures would give each its own hidden class). */
const FORMULA_PROPERTY = {
  get(this: LazyResult): string {
    return formulaText(this);
  },
  enumerable: true,
  configurable: true,
} satisfies PropertyDescriptor;

/**
 * An IndicatorResult whose `formula` is written when it is read (the Indikator sheet or csv, an
 * explanation), not for every indicator of a run: at a million employees the formula texts alone
 * took about a gigabyte. The text is the same as if it had been stored. A plain object, so a
 * spread or a walk over it reads the formula; its context sits under a symbol key in the literal
 * itself (Object.keys, JSON and a walk do not see it; adding it afterwards cost each result an
 * out-of-object property store).
 */
function capaianResult(
  indicator: Indicator,
  capaian: number | null,
  uncapped: number | null,
  status: IndicatorResult['status'],
  context: FormulaContext,
  missingPolicy?: IndicatorResult['missingPolicy'],
): IndicatorResult {
  const r = { indicator, capaian, uncapped, status, missingPolicy, [FORMULA]: context };
  return Object.defineProperty(r, 'formula', FORMULA_PROPERTY) as unknown as IndicatorResult;
}

/** Applies `scoring.missing` to a result that is not reported (work.ts); its formula then says so. */
export function withMissingPolicy(r: IndicatorResult, policy: NonNullable<IndicatorResult['missingPolicy']>): IndicatorResult {
  const context = (r as Partial<LazyResult>)[FORMULA];
  if (context === undefined) throw new Error('withMissingPolicy: not a result of computeCapaian');
  const zero = policy === 'zero';
  return capaianResult(r.indicator, zero ? 0 : r.capaian, zero ? 0 : r.uncapped, r.status, context, policy);
}

/**
 * Capaian of one indicator (SPEC §3.1). A missing realisasi is never zero: it gives status
 * 'not-reported' and capaian null; the missing policy is applied by the caller (work.ts).
 * Throws on a target that targetProblem() rejects: ingest must have reported those rows.
 */
export function computeCapaian(ind: Indicator, policy: { capaianCap: number }, lang: Lang): IndicatorResult {
  return scoreIndicator(ind, policy.capaianCap, null, lang);
}

export interface CapaianPolicy {
  capaianCap: number;
  missing: NonNullable<IndicatorResult['missingPolicy']>;
}

/**
 * computeCapaian, then withMissingPolicy when the realisasi is missing, in one result: what the
 * scoring keeps for every indicator.
 */
export function capaianWithPolicy(ind: Indicator, policy: CapaianPolicy, lang: Lang): IndicatorResult {
  return scoreIndicator(ind, policy.capaianCap, policy.missing, lang, true);
}

/**
 * capaianWithPolicy without the `formula` property, for a computation that keeps none of its
 * results (the scoring of work.ts without words): defining the accessor is most of a result's cost.
 */
export function capaianNumbers(ind: Indicator, policy: CapaianPolicy): Omit<IndicatorResult, 'formula'> {
  return scoreIndicator(ind, policy.capaianCap, policy.missing, 'id', false);
}

/**
 * capaianWithPolicy's `capaian` alone (after the cap and the missing policy): the number, without a
 * result object, for a reader of numbers (the training rules).
 */
export function capaianValue(ind: Indicator, policy: CapaianPolicy): number | null {
  const cap = policy.capaianCap;
  checkScorable(ind, cap);
  if (ind.actual === null) return policy.missing === 'zero' ? 0 : null;
  const uncapped = uncappedValue(ind, ind.actual);
  return uncapped > cap ? cap : uncapped;
}

/** Preconditions of scoring an indicator: ingest and config validation guarantee them. */
function checkScorable(ind: Indicator, cap: number): void {
  const problem = targetProblem(ind.direction, ind.target);
  if (problem !== null) {
    throw new Error(
      `Indicator ${ind.code} (NIP ${ind.nip}) has an invalid target (${problem}); ingest must reject this row before scoring.`,
    );
  }
  if (!(cap > 0)) throw new Error(`capaianCap must be positive, got ${cap}`);
  if (ind.actual !== null && !Number.isFinite(ind.actual)) {
    throw new Error(`Indicator ${ind.code} (NIP ${ind.nip}) has a non-finite realisasi; ingest must reject it.`);
  }
}

function scoreIndicator(ind: Indicator, cap: number, missing: NonNullable<IndicatorResult['missingPolicy']> | null, lang: Lang, formula = true): IndicatorResult {
  checkScorable(ind, cap);
  let capaian: number | null;
  let uncapped: number | null;
  let status: IndicatorResult['status'];
  let policy: IndicatorResult['missingPolicy'];
  if (ind.actual === null) {
    status = 'not-reported';
    policy = missing ?? undefined;
    capaian = uncapped = missing === 'zero' ? 0 : null;
  } else {
    status = 'ok';
    policy = undefined;
    uncapped = uncappedValue(ind, ind.actual);
    capaian = uncapped > cap ? cap : uncapped;
  }
  return formula
    ? capaianResult(ind, capaian, uncapped, status, formulaContext(cap, lang), policy)
    : ({ indicator: ind, capaian, uncapped, status, missingPolicy: policy } as IndicatorResult);
}
