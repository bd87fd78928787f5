import { formatPlace } from '../domain/place.js';
import { PREDIKATS, type Predikat, type Rating } from '../domain/ratings.js';
import type { BehaviourDetail, EmployeeResult, WorkRatingSource } from '../engine/types.js';
import type { CurveViolationDocument } from '../pipeline/appraisal-stage.js';
import type { RunResult, UnitResult } from '../pipeline/types.js';
import { roundForReport, sortedEmployees } from './common.js';

/**
 * The hasil JSON parts of issue 4 (SPEC §6 keys kept, keys added): behaviour per value, the
 * source of the final work rating, the legacy regime's scores, the unit curve and the trend.
 * Rounded for output only; absent values are null so every key is always present.
 */
export interface BehaviourDocument {
  overall: Rating;
  fromPeriod: string | null;
  values: { key: string; mean: number; rating: Rating }[];
  raters: { raterNip: string | null; role: string; share: number; place: string }[];
}

export interface LegacyDocument {
  regime: string;
  skp: number | null;
  perilaku: number | null;
  weighting: string | null;
  score: number | null;
  band: string | null;
  bandLabel: string | null;
  indicators: { code: string; aspect: string | null; value: number | null; note: string | null }[] | null;
}

export function behaviourDocument(e: EmployeeResult): BehaviourDocument | null {
  const b = e.behaviour ?? null;
  if (b === null) return null;
  return {
    overall: b.overall,
    fromPeriod: b.fromPeriod,
    values: behaviourValuesDocument(b.values),
    raters: b.raters.map((r) => ({ raterNip: r.raterNip, role: r.role, share: roundForReport(r.share, 6) as number, place: formatPlace(r.place) })),
  };
}

/** The BerAKHLAK values of a behaviour document (the list is shared between employees: results-json keeps its text). */
export function behaviourValuesDocument(values: BehaviourDetail['values']): BehaviourDocument['values'] {
  return values.map((v) => ({ key: v.key, mean: roundForReport(v.mean, 4) as number, rating: v.rating }));
}

export function workRatingSourceOf(e: EmployeeResult): WorkRatingSource | null {
  return e.workRatingSource ?? null;
}

export function legacyDocument(e: EmployeeResult): LegacyDocument | null {
  const l = e.legacy ?? null;
  if (l === null) return null;
  return {
    regime: l.regime,
    skp: roundForReport(l.skp),
    perilaku: roundForReport(l.perilaku),
    weighting: l.weighting,
    score: roundForReport(l.score),
    band: l.band,
    bandLabel: l.bandLabel,
    indicators: l.indicatorValues ? l.indicatorValues.map((v) => ({ code: v.code, aspect: v.aspect, value: roundForReport(v.value), note: v.note })) : null,
  };
}

export interface CurveDocument {
  ok: boolean;
  violations: CurveViolationDocument[];
  complete: boolean;
  feasible: boolean;
  /** Employees in the curve (the leader is not). */
  n: number;
  counts: Record<Predikat, number>;
  pending: string[];
  checks: { rule: string; kind: 'min' | 'max'; predikats: Predikat[]; percent: number | null; limit: number; actual: number; ok: boolean }[];
  notes: string[];
}

export function curveDocument(u: UnitResult, lang: RunResult['lang']): CurveDocument | null {
  const c = u.curveDetail ?? null;
  if (u.curve === null || c === null) return null;
  const counts = {} as Record<Predikat, number>;
  for (const p of PREDIKATS) counts[p] = c.counts[p];
  return {
    ok: u.curve.ok,
    violations: u.curve.violations as CurveViolationDocument[],
    complete: c.complete,
    feasible: c.feasible,
    n: c.n,
    counts,
    pending: [...c.pending],
    checks: c.checks.map((k) => ({ rule: k.rule, kind: k.kind, predikats: [...k.predikats], percent: k.percent, limit: k.limit, actual: k.actual, ok: k.ok })),
    notes: c.notes.map((n) => n[lang]),
  };
}

export interface TrendDocument {
  periods: string[];
  employees: { nip: string; scores: (number | null)[] }[];
}

export function trendDocument(run: RunResult): TrendDocument | null {
  const t = run.trend ?? null;
  if (t === null) return null;
  return {
    periods: [...t.periods],
    employees: sortedEmployees(run).map((e) => ({ nip: e.employee.nip, scores: (t.scores.get(e.employee.nip) ?? t.periods.map(() => null)).map((s) => roundForReport(s)) })),
  };
}
