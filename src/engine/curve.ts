import type { Lang, Text } from '../domain/i18n.js';
import type { Predikat } from '../domain/ratings.js';
import { PREDIKATS, predikatLabel } from '../domain/ratings.js';
import type { OrgPredikat } from './predikat.js';
import { orgPredikatLabel } from './predikat.js';

/**
 * SPEC §3.6 kurva distribusi (SE MenPANRB 3/2023): the employees' predikat in a unit must fit the
 * pattern set by the unit's organisational predikat. Counts decide, not shares: a percentage p of
 * N members becomes a whole number of people with integer arithmetic only (p·N is an integer, its
 * remainder modulo 100 decides the rounding), so no floating-point accident moves a boundary.
 *
 * The unit leader is not a member here (the caller leaves the leader out). Pending members (no
 * predikat yet) still count in N, because the curve applies to the whole unit, but in no predikat.
 * This module only reports: it never changes a predikat.
 */
export type CountRounding = 'ceil' | 'round' | 'floor';
export interface CurveRounding {
  /** How p% of N becomes a minimum head count; SPEC default ceil. */
  minimumRounding: CountRounding;
  /** How p% of N becomes a maximum head count; SPEC default floor. */
  maximumRounding: CountRounding;
}
export const DEFAULT_CURVE_ROUNDING: CurveRounding = { minimumRounding: 'ceil', maximumRounding: 'floor' };

export interface CurveMember {
  nip: string;
  /** null = pending (not yet decided). */
  predikat: Predikat | null;
  /** Nilai hasil kerja; orders the review candidates. null sorts after every score. */
  workScore: number | null;
  /** Optional second key: lower means closer to the boundary below (e.g. a behaviour mean). */
  tieBreak?: number;
}

export interface CurveConstraint {
  /** Stable code, e.g. `BAIK_MAX_70_BAIK`. */
  rule: string;
  kind: 'min' | 'max';
  /** The predikat counted together (an employee has one predikat, so each counts once). */
  predikats: readonly Predikat[];
  /** Integer percentage of N, or null for a fixed head count. */
  percent: number | null;
  /** Fixed head count (e.g. "at least one", "no Sangat Baik") when percent is null. */
  fixed: number | null;
}

const pct = (rule: string, kind: 'min' | 'max', percent: number, ...predikats: Predikat[]): CurveConstraint => ({
  rule,
  kind,
  predikats,
  percent,
  fixed: null,
});
const fixed = (rule: string, kind: 'min' | 'max', count: number, ...predikats: Predikat[]): CurveConstraint => ({
  rule,
  kind,
  predikats,
  percent: null,
  fixed: count,
});

/**
 * The table of SPEC §3.6. "Kurang + Butuh Perbaikan at least 10%" (Sangat Kurang units) is one
 * minimum on the combined number of employees whose predikat is Kurang or Butuh Perbaikan:
 * ceil(10·N/100) people in total, in any mix; it is not two separate 10% minimums.
 * "At least one Butuh Perbaikan or Kurang" (Baik units) and "no Sangat Baik" (Sangat Kurang units)
 * are fixed head counts (1 and 0), not percentages, so the rounding settings do not touch them.
 */
export const CURVE_CONSTRAINTS: Readonly<Record<OrgPredikat, readonly CurveConstraint[]>> = {
  ISTIMEWA: [pct('ISTIMEWA_MAX_70_SANGAT_BAIK', 'max', 70, 'SANGAT_BAIK')],
  BAIK: [
    pct('BAIK_MAX_70_BAIK', 'max', 70, 'BAIK'),
    fixed('BAIK_MIN_1_BUTUH_PERBAIKAN_OR_KURANG', 'min', 1, 'BUTUH_PERBAIKAN', 'KURANG'),
  ],
  BUTUH_PERBAIKAN: [
    pct('BUTUH_PERBAIKAN_MIN_60_BUTUH_PERBAIKAN', 'min', 60, 'BUTUH_PERBAIKAN'),
    pct('BUTUH_PERBAIKAN_MAX_10_SANGAT_BAIK', 'max', 10, 'SANGAT_BAIK'),
  ],
  KURANG: [
    pct('KURANG_MIN_60_KURANG', 'min', 60, 'KURANG'),
    pct('KURANG_MIN_10_BUTUH_PERBAIKAN', 'min', 10, 'BUTUH_PERBAIKAN'),
    pct('KURANG_MAX_10_SANGAT_BAIK', 'max', 10, 'SANGAT_BAIK'),
  ],
  SANGAT_KURANG: [
    pct('SANGAT_KURANG_MIN_60_SANGAT_KURANG', 'min', 60, 'SANGAT_KURANG'),
    pct('SANGAT_KURANG_MIN_10_KURANG_OR_BUTUH_PERBAIKAN', 'min', 10, 'KURANG', 'BUTUH_PERBAIKAN'),
    fixed('SANGAT_KURANG_MAX_0_SANGAT_BAIK', 'max', 0, 'SANGAT_BAIK'),
  ],
};

/**
 * p% of n as a head count, in integers: p·n = 100·q + r with 0 ≤ r < 100; ceil adds one when
 * r > 0, round (half-up) when r ≥ 50, floor never.
 */
export function headCount(percent: number, n: number, mode: CountRounding): number {
  if (!Number.isInteger(percent) || percent < 0 || percent > 100) throw new RangeError(`headCount: percent must be an integer 0..100, got ${percent}`);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`headCount: n must be a whole number ≥ 0, got ${n}`);
  const product = percent * n;
  const r = product % 100;
  const q = (product - r) / 100;
  switch (mode) {
    case 'ceil':
      return r > 0 ? q + 1 : q;
    case 'round':
      return r >= 50 ? q + 1 : q;
    case 'floor':
      return q;
    default:
      throw new RangeError(`headCount: unknown rounding ${String(mode)}`);
  }
}

export interface CurveCheck {
  rule: string;
  kind: 'min' | 'max';
  predikats: readonly Predikat[];
  percent: number | null;
  /** Required (min) or allowed (max) head count for this N. */
  limit: number;
  actual: number;
  ok: boolean;
}

export interface CurveViolation {
  rule: string;
  kind: 'min' | 'max';
  predikats: readonly Predikat[];
  /** Minimum head count (min rules), else null. */
  required: number | null;
  /** Maximum head count (max rules), else null. */
  allowed: number | null;
  actual: number;
  /** How many people are missing (min) or too many (max). */
  gap: number;
  /** The smallest set of employees whose review would resolve this violation (NIPs). */
  reviewCandidates: string[];
  /** True when pending members could still resolve a minimum on their own. */
  provisional: boolean;
  text: Text;
}

export interface CurveResult {
  /** No violation and no pending member. */
  ok: boolean;
  complete: boolean;
  org: OrgPredikat;
  n: number;
  counts: Record<Predikat, number>;
  pending: string[];
  checks: CurveCheck[];
  violations: CurveViolation[];
  /** False when the minimums together need more people than the unit has (tiny units). */
  feasible: boolean;
  notes: Text[];
}

const RANK: Record<Predikat, number> = Object.fromEntries(PREDIKATS.map((p, i) => [p, i])) as Record<Predikat, number>;

/** Lowest score first (closest to the boundary below), null scores last, then tieBreak, then NIP. */
function closestBelowFirst(a: CurveMember, b: CurveMember): number {
  if (a.workScore !== b.workScore) {
    if (a.workScore === null) return 1;
    if (b.workScore === null) return -1;
    return a.workScore - b.workScore;
  }
  const ta = a.tieBreak ?? Number.POSITIVE_INFINITY;
  const tb = b.tieBreak ?? Number.POSITIVE_INFINITY;
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.nip < b.nip ? -1 : a.nip > b.nip ? 1 : 0;
}

/** Highest score first (closest to the boundary above), null scores last, then NIP. */
function closestAboveFirst(a: CurveMember, b: CurveMember): number {
  if (a.workScore !== b.workScore) {
    if (a.workScore === null) return 1;
    if (b.workScore === null) return -1;
    return b.workScore - a.workScore;
  }
  const ta = a.tieBreak ?? Number.NEGATIVE_INFINITY;
  const tb = b.tieBreak ?? Number.NEGATIVE_INFINITY;
  if (ta !== tb) return ta > tb ? -1 : 1;
  return a.nip < b.nip ? -1 : a.nip > b.nip ? 1 : 0;
}

/**
 * Review candidates for a minimum short by k: first the members one predikat better than the best
 * counted predikat, lowest score first (they are nearest to falling into it), then the next better
 * predikat, and so on; only if that is not enough, the members just below the counted set, highest
 * score first. Resolving one violation can affect another; the report shows them together.
 */
function minimumCandidates(members: readonly CurveMember[], counted: readonly Predikat[], k: number): string[] {
  const best = Math.min(...counted.map((p) => RANK[p]));
  const worst = Math.max(...counted.map((p) => RANK[p]));
  const out: string[] = [];
  for (let rank = best - 1; rank >= 0 && out.length < k; rank--) {
    const group = members.filter((m) => m.predikat !== null && RANK[m.predikat] === rank).sort(closestBelowFirst);
    for (const m of group) if (out.length < k) out.push(m.nip);
  }
  for (let rank = worst + 1; rank < PREDIKATS.length && out.length < k; rank++) {
    const group = members.filter((m) => m.predikat !== null && RANK[m.predikat] === rank).sort(closestAboveFirst);
    for (const m of group) if (out.length < k) out.push(m.nip);
  }
  return out;
}

function setLabel(predikats: readonly Predikat[], lang: Lang): string {
  return predikats.map((p) => predikatLabel(p, lang)).join(lang === 'id' ? ' atau ' : ' or ');
}

function violationText(org: OrgPredikat, c: CurveConstraint, n: number, limit: number, actual: number, candidates: string[]): Text {
  const who = (lang: Lang): string => {
    const set = setLabel(c.predikats, lang);
    if (c.percent === null) {
      if (c.kind === 'min') return lang === 'id' ? `minimal ${limit} pegawai ${set}` : `at least ${limit} employee(s) ${set}`;
      return limit === 0
        ? lang === 'id' ? `tidak boleh ada pegawai ${set}` : `no employee may be ${set}`
        : lang === 'id' ? `paling banyak ${limit} pegawai ${set}` : `at most ${limit} employee(s) ${set}`;
    }
    if (c.kind === 'min') {
      return lang === 'id'
        ? `${set} minimal ${c.percent}% dari ${n} pegawai = ${limit} orang`
        : `${set} at least ${c.percent}% of ${n} employees = ${limit}`;
    }
    return lang === 'id'
      ? `${set} paling banyak ${c.percent}% dari ${n} pegawai = ${limit} orang`
      : `${set} at most ${c.percent}% of ${n} employees = ${limit}`;
  };
  const gap = c.kind === 'min' ? limit - actual : actual - limit;
  const review = (lang: Lang): string =>
    candidates.length === 0
      ? lang === 'id' ? 'tidak ada pegawai yang dapat ditinjau' : 'no employee can be reviewed'
      : (lang === 'id' ? 'tinjau: ' : 'review: ') + candidates.join(', ');
  return {
    id: `Unit ${orgPredikatLabel(org, 'id')}: ${who('id')}; ada ${actual} (${c.kind === 'min' ? 'kurang' : 'lebih'} ${gap}); ${review('id')}.`,
    en: `${orgPredikatLabel(org, 'en')} unit: ${who('en')}; found ${actual} (${c.kind === 'min' ? 'short by' : 'over by'} ${gap}); ${review('en')}.`,
  };
}

/** Checks one unit's members (leader excluded) against its organisational predikat. */
export function checkCurve(org: OrgPredikat, members: readonly CurveMember[], rounding: CurveRounding = DEFAULT_CURVE_ROUNDING): CurveResult {
  const constraints = CURVE_CONSTRAINTS[org];
  if (!constraints) throw new RangeError(`checkCurve: unknown organisational predikat ${String(org)}`);
  const nips = new Set<string>();
  for (const m of members) {
    if (nips.has(m.nip)) throw new RangeError(`checkCurve: NIP ${m.nip} appears twice in the unit`);
    nips.add(m.nip);
    if (m.predikat !== null && RANK[m.predikat] === undefined) throw new RangeError(`checkCurve: unknown predikat ${String(m.predikat)}`);
    if (m.workScore !== null && !Number.isFinite(m.workScore)) throw new RangeError(`checkCurve: work score of ${m.nip} is not a number`);
  }

  const n = members.length;
  const counts = Object.fromEntries(PREDIKATS.map((p) => [p, 0])) as Record<Predikat, number>;
  const pending: string[] = [];
  for (const m of members) {
    if (m.predikat === null) pending.push(m.nip);
    else counts[m.predikat] += 1;
  }
  const notes: Text[] = [];
  if (n === 0) {
    notes.push({ id: 'Unit tanpa pegawai selain pimpinan: kurva tidak berlaku.', en: 'Unit without employees besides the leader: the curve does not apply.' });
    return { ok: true, complete: true, org, n, counts, pending, checks: [], violations: [], feasible: true, notes };
  }

  const checks: CurveCheck[] = [];
  const violations: CurveViolation[] = [];
  let minimumTotal = 0;
  for (const c of constraints) {
    const limit =
      c.percent === null ? c.fixed! : headCount(c.percent, n, c.kind === 'min' ? rounding.minimumRounding : rounding.maximumRounding);
    const actual = c.predikats.reduce((s, p) => s + counts[p], 0);
    const ok = c.kind === 'min' ? actual >= limit : actual <= limit;
    checks.push({ rule: c.rule, kind: c.kind, predikats: c.predikats, percent: c.percent, limit, actual, ok });
    if (c.kind === 'min') minimumTotal += limit;
    if (ok) continue;

    let candidates: string[];
    let gap: number;
    if (c.kind === 'max') {
      gap = actual - limit;
      // Those of the over-represented predikat nearest to the predikat below them.
      candidates = members
        .filter((m) => m.predikat !== null && c.predikats.includes(m.predikat))
        .sort(closestBelowFirst)
        .slice(0, gap)
        .map((m) => m.nip);
    } else {
      gap = limit - actual;
      candidates = minimumCandidates(members, c.predikats, gap);
    }
    violations.push({
      rule: c.rule,
      kind: c.kind,
      predikats: c.predikats,
      required: c.kind === 'min' ? limit : null,
      allowed: c.kind === 'max' ? limit : null,
      actual,
      gap,
      reviewCandidates: candidates,
      provisional: c.kind === 'min' && gap <= pending.length,
      text: violationText(org, c, n, limit, actual, candidates),
    });
  }

  // The minimums of one row count disjoint predikat sets, so together they need their sum.
  const feasible = minimumTotal <= n;
  if (!feasible) {
    notes.push({
      id: `Unit ${orgPredikatLabel(org, 'id')} dengan ${n} pegawai: batas minimum bersama (${minimumTotal} orang) melebihi jumlah pegawai, kurva tidak dapat dipenuhi sepenuhnya.`,
      en: `${orgPredikatLabel(org, 'en')} unit with ${n} employees: the minimums together (${minimumTotal} people) exceed the head count, the curve cannot be met in full.`,
    });
  }
  if (pending.length > 0) {
    notes.push({
      id: `${pending.length} pegawai belum memiliki predikat (tertunda); kurva belum final.`,
      en: `${pending.length} employee(s) have no predikat yet (pending); the curve is not final.`,
    });
  }
  return {
    ok: violations.length === 0 && pending.length === 0,
    complete: pending.length === 0,
    org,
    n,
    counts,
    pending,
    checks,
    violations,
    feasible,
    notes,
  };
}
