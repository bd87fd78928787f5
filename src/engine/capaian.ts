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
  text: string;
}

/** Capaian of realisasi `r` against one target value `end`, by direction. */
function againstValue(r: number, end: number, direction: Direction, lang: Lang): Computed {
  const R = formatInput(r, lang);
  const T = formatInput(end, lang);
  if (direction === 'naik') {
    const v = (r / end) * 100;
    return { value: v, text: `${R} / ${T} × 100 = ${formatResult(v, lang)}` };
  }
  if (end === 0) {
    // Zero target with turun means "none allowed" (SPEC §3.1).
    const ok = r <= 0;
    const text =
      lang === 'id'
        ? `target 0 (turun: tidak boleh ada): realisasi ${R} ${ok ? '→ 100' : '> 0 → 0'}`
        : `target 0 (lower is better: none allowed): realisasi ${R} ${ok ? '→ 100' : '> 0 → 0'}`;
    return { value: ok ? 100 : 0, text };
  }
  const raw = (2 - r / end) * 100;
  let text = `(2 − ${R} / ${T}) × 100 = ${formatResult(raw, lang)}`;
  if (raw < 0) {
    text += lang === 'id' ? ' → 0 (tidak di bawah 0)' : ' → 0 (not below 0)';
    return { value: 0, text };
  }
  return { value: raw, text };
}

function uncappedCapaian(ind: Indicator, r: number, lang: Lang): Computed {
  const { target, direction } = ind;
  if (target.kind === 'value') return againstValue(r, target.value, direction, lang);
  const range = `${formatInput(target.low, lang)}–${formatInput(target.high, lang)}`;
  const R = formatInput(r, lang);
  // Inclusive at both ends, decided on snapped values so 80.00000000000001 counts as 80.
  if (atLeast(r, target.low) && atLeast(target.high, r)) {
    return {
      value: 100,
      text: lang === 'id' ? `realisasi ${R} dalam rentang ${range} → 100` : `realisasi ${R} within range ${range} → 100`,
    };
  }
  const above = r > target.high;
  const end = above ? target.high : target.low;
  const inner = againstValue(r, end, direction, lang);
  const E = formatInput(end, lang);
  const where =
    lang === 'id'
      ? `realisasi ${R} ${above ? 'di atas' : 'di bawah'} rentang ${range}, dibandingkan dengan ${E}`
      : `realisasi ${R} ${above ? 'above' : 'below'} range ${range}, compared with ${E}`;
  return { value: inner.value, text: `${where}: ${inner.text}` };
}

/**
 * Capaian of one indicator (SPEC §3.1). A missing realisasi is never zero: it gives status
 * 'not-reported' and capaian null; the missing policy is applied by the caller (work.ts).
 * Throws on a target that targetProblem() rejects: ingest must have reported those rows.
 */
export function computeCapaian(ind: Indicator, policy: { capaianCap: number }, lang: Lang): IndicatorResult {
  const problem = targetProblem(ind.direction, ind.target);
  if (problem !== null) {
    throw new Error(
      `Indicator ${ind.code} (NIP ${ind.nip}) has an invalid target (${problem}); ingest must reject this row before scoring.`,
    );
  }
  if (!(policy.capaianCap > 0)) throw new Error(`capaianCap must be positive, got ${policy.capaianCap}`);
  if (ind.actual === null) {
    return {
      indicator: ind,
      capaian: null,
      uncapped: null,
      status: 'not-reported',
      formula: lang === 'id' ? 'realisasi tidak dilaporkan' : 'realisasi not reported',
    };
  }
  if (!Number.isFinite(ind.actual)) {
    throw new Error(`Indicator ${ind.code} (NIP ${ind.nip}) has a non-finite realisasi; ingest must reject it.`);
  }
  const c = uncappedCapaian(ind, ind.actual, lang);
  const cap = policy.capaianCap;
  let formula = c.text;
  let capaian = c.value;
  if (c.value > cap) {
    capaian = cap;
    formula += lang === 'id' ? ` → batas ${formatInput(cap, lang)}` : ` → cap ${formatInput(cap, lang)}`;
  }
  return { indicator: ind, capaian, uncapped: c.value, status: 'ok', formula };
}
