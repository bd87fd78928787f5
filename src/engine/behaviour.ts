import type { CellPlace } from '../domain/place.js';
import type { Lang, Text } from '../domain/i18n.js';
import type { Rating } from '../domain/ratings.js';
import { ratingLabel } from '../domain/ratings.js';
import { atLeast, formatNumber, roundHalfUp } from '../domain/exact.js';
import { BERAKHLAK_VALUES } from '../domain/vocabulary.js';
import type { ExplanationStep } from './types.js';

/**
 * SPEC §3.4: the rating of behaviour (rating perilaku kerja) of one employee from the rows of the
 * behaviour file (one row per rater), with the configured weights per rater role.
 */
export type BerakhlakKey = (typeof BERAKHLAK_VALUES)[number]['key'];
export const BERAKHLAK_KEYS: readonly BerakhlakKey[] = BERAKHLAK_VALUES.map((v) => v.key);

export type RaterRole = 'atasan' | 'rekan' | 'bawahan' | 'diri';
export const RATER_ROLES: readonly RaterRole[] = ['atasan', 'rekan', 'bawahan', 'diri'];
export type RaterWeights = Record<RaterRole, number>;

export interface BehaviourRow {
  raterNip: string | null;
  raterRole: RaterRole;
  values: Record<BerakhlakKey, Rating>;
  /** The row in the behaviour file. */
  place: CellPlace;
}

/** An explanation step whose text is in both languages; `localiseSteps` picks one. */
export interface BilingualStep {
  step: string;
  text: Text;
  value?: number | string | null;
  sources?: CellPlace[];
}

export function localiseSteps(steps: readonly BilingualStep[], lang: Lang): ExplanationStep[] {
  return steps.map((s) => ({
    step: s.step,
    text: s.text[lang],
    ...(s.value !== undefined ? { value: s.value } : {}),
    ...(s.sources !== undefined ? { sources: s.sources } : {}),
  }));
}

export const RATING_POINTS: Readonly<Record<Rating, number>> = { DI_ATAS: 3, SESUAI: 2, DI_BAWAH: 1 };
/** Published cut-offs on the mean of points (SPEC §3.4). */
export const DI_ATAS_MEAN = 2.5;
export const SESUAI_MEAN = 1.5;
/** Overall Di Atas needs at least this many of the seven values Di Atas. */
export const DI_ATAS_VALUES_NEEDED = 4;

export interface RaterUsed {
  raterNip: string | null;
  role: RaterRole;
  /** This rater's share of the total weight, 0..1 (role weight / raters of the role, renormalised). */
  share: number;
  place: CellPlace;
}

/** One object per distinct (value, mean), shared by every employee rated the same: read-only. */
export interface BehaviourValueResult {
  readonly key: BerakhlakKey;
  /** Weighted mean of points, 1..3. */
  readonly mean: number;
  readonly rating: Rating;
}

export type BehaviourPendingCode = 'BEHAVIOUR_NO_ROWS' | 'BEHAVIOUR_NO_WEIGHTED_RATER' | 'BEHAVIOUR_DUPLICATE_RATER';

export interface BehaviourOk {
  status: 'ok';
  values: readonly BehaviourValueResult[];
  overall: Rating;
  diAtasCount: number;
  raters: RaterUsed[];
  /** Rows whose role has weight 0: shown in the explanation, not used. */
  ignored: BehaviourRow[];
  steps: BilingualStep[];
}

export interface BehaviourPending {
  status: 'pending';
  reason: { code: BehaviourPendingCode; text: Text };
  values: null;
  overall: null;
  raters: [];
  ignored: BehaviourRow[];
  steps: BilingualStep[];
}

export type BehaviourResult = BehaviourOk | BehaviourPending;

const ROLE_LABELS: Record<RaterRole, Text> = {
  atasan: { id: 'atasan', en: 'supervisor' },
  rekan: { id: 'rekan', en: 'peer' },
  bawahan: { id: 'bawahan', en: 'subordinate' },
  diri: { id: 'diri sendiri', en: 'self' },
};

const VALUE_LABELS: Record<BerakhlakKey, Text> = Object.fromEntries(
  BERAKHLAK_VALUES.map((v) => [v.key, { id: v.header, en: v.en }]),
) as Record<BerakhlakKey, Text>;

export function raterRoleLabel(role: RaterRole, lang: Lang): string {
  return ROLE_LABELS[role][lang];
}

export function berakhlakLabel(key: BerakhlakKey, lang: Lang): string {
  return VALUE_LABELS[key][lang];
}

/**
 * Ratings of the means met so far. A run has few distinct means (the raters' points and the role
 * weights are few), and deciding one exactly (roundHalfUp, toPrecision) is the costly part of rating
 * a value. Bounded, like VALUE_RESULTS below.
 */
const RATING_OF_MEAN = new Map<number, Rating>();
const MEMO_MAX = 4096;

/** Mean of points → rating, decided on snapped values so that 2.5 computed as 2.4999999999999996 is Di Atas. */
export function ratingFromMean(mean: number): Rating {
  const known = RATING_OF_MEAN.get(mean);
  if (known !== undefined) return known;
  const rating = decideRating(mean);
  if (RATING_OF_MEAN.size < MEMO_MAX) RATING_OF_MEAN.set(mean, rating);
  return rating;
}

function decideRating(mean: number): Rating {
  if (!Number.isFinite(mean)) throw new RangeError(`ratingFromMean: not a number: ${mean}`);
  // Like the work score (SPEC §3): classify the mean as shown, rounded half-up to 2 decimals, so a
  // 360 mean of 2.496 that reads "2,50" in the report is Di Atas, as the reader would expect.
  const shown = roundHalfUp(mean, 2);
  if (atLeast(shown, DI_ATAS_MEAN)) return 'DI_ATAS';
  if (atLeast(shown, SESUAI_MEAN)) return 'SESUAI';
  return 'DI_BAWAH';
}

/** Overall rule: any Di Bawah → Di Bawah; at least 4 of 7 Di Atas → Di Atas; else Sesuai. */
export function overallBehaviourRating(ratings: readonly Rating[]): Rating {
  if (ratings.length !== BERAKHLAK_KEYS.length) {
    throw new RangeError(`overallBehaviourRating: expected ${BERAKHLAK_KEYS.length} values, got ${ratings.length}`);
  }
  if (ratings.includes('DI_BAWAH')) return 'DI_BAWAH';
  const diAtas = ratings.filter((r) => r === 'DI_ATAS').length;
  return diAtas >= DI_ATAS_VALUES_NEEDED ? 'DI_ATAS' : 'SESUAI';
}

function checkWeights(w: RaterWeights): void {
  for (const role of RATER_ROLES) {
    const x = w[role];
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) {
      throw new RangeError(`raterWeights.${role} must be a finite number ≥ 0, got ${String(x)}`);
    }
  }
}

function checkRow(row: BehaviourRow): void {
  if (!RATER_ROLES.includes(row.raterRole)) throw new RangeError(`behaviour row: unknown rater role ${String(row.raterRole)}`);
  pointsOf(row.values);
}

/**
 * The points of a row's seven ratings, in BERAKHLAK_KEYS order; throws when one is not a rating.
 * Ingest gives each combination of ratings one frozen object (ingest/behaviour.ts), shared by the
 * rows with it: their points are kept beside it (weakly) and read with one lookup, instead of
 * seven lookups by key and seven checks per row, twice.
 */
const POINTS = new WeakMap<object, readonly number[]>();
function pointsOf(values: Record<BerakhlakKey, Rating>): readonly number[] {
  const known = POINTS.get(values);
  if (known !== undefined) return known;
  const points = BERAKHLAK_KEYS.map((key) => {
    const r = values[key];
    if (r === undefined || !(r in RATING_POINTS)) {
      throw new RangeError(`behaviour row: value ${key} is not a rating: ${String(r)}`);
    }
    return RATING_POINTS[r];
  });
  // Only a frozen object keeps its ratings: the points of any other are read again each time.
  if (Object.isFrozen(values)) POINTS.set(values, points);
  return points;
}

/** The frozen result object of each (value, mean) met so far: see BehaviourValueResult. */
const VALUE_RESULTS = new Map<BerakhlakKey, Map<number, BehaviourValueResult>>();

function valueResult(key: BerakhlakKey, mean: number): BehaviourValueResult {
  let byMean = VALUE_RESULTS.get(key);
  if (byMean === undefined) VALUE_RESULTS.set(key, (byMean = new Map()));
  const known = byMean.get(mean);
  if (known !== undefined) return known;
  const v: BehaviourValueResult = Object.freeze({ key, mean, rating: ratingFromMean(mean) });
  if (byMean.size < MEMO_MAX) byMean.set(mean, v);
  return v;
}

/**
 * The frozen list of value results of each combination met so far, shared by every employee rated
 * the same (a run has few combinations: the raters' points and role weights are few). Looked up
 * through the (shared) value results themselves, one level per value, so no key text is made per
 * employee. Bounded, like VALUE_RESULTS: past MEMO_MAX nodes, new lists are kept as they are.
 */
interface ListNode {
  readonly next: Map<BehaviourValueResult, ListNode>;
  list: readonly BehaviourValueResult[] | null;
}
const VALUE_LISTS: ListNode = { next: new Map(), list: null };
let listNodes = 0;

/** The shared list equal to `values` (a scratch list, not kept): see VALUE_LISTS. */
function valueList(values: readonly BehaviourValueResult[]): readonly BehaviourValueResult[] {
  let node = VALUE_LISTS;
  for (const v of values) {
    let next = node.next.get(v);
    if (next === undefined) {
      if (listNodes >= MEMO_MAX * BERAKHLAK_KEYS.length) return Object.freeze(values.slice());
      node.next.set(v, (next = { next: new Map(), list: null }));
      listNodes++;
    }
    node = next;
  }
  return (node.list ??= Object.freeze(values.slice()));
}

/**
 * The value results of the employee being rated, before their shared list is found: written by
 * index, one slot per value, and reused (rateBehaviour does not nest; emptying an array by its
 * length would drop its storage for the next employee to allocate again).
 */
const SCRATCH_VALUES: BehaviourValueResult[] = [];
/** The points summed per role and value (role × value), for the same employee: reused likewise. */
const SCRATCH_SUMS = new Float64Array(RATER_ROLES.length * BERAKHLAK_KEYS.length);

const fmt = (x: number): Text => ({ id: formatNumber(x, 'id'), en: formatNumber(x, 'en') });

function pending(code: BehaviourPendingCode, text: Text, ignored: BehaviourRow[], steps: BilingualStep[]): BehaviourPending {
  steps.push({ step: 'behaviourPending', text, value: null });
  return { status: 'pending', reason: { code, text }, values: null, overall: null, raters: [], ignored, steps };
}

/**
 * How many rows of each role count (RATER_ROLES order; a role with weight 0 counts none): the
 * roles' raters are counted, not listed, since a row's role and order say the rest.
 */
function countsByRole(rows: readonly BehaviourRow[], weights: RaterWeights): number[] {
  const counts = [0, 0, 0, 0];
  for (const row of rows) {
    if (!(weights[row.raterRole] > 0)) continue;
    counts[RATER_ROLES.indexOf(row.raterRole)]!++;
  }
  return counts;
}

/** Σ of the weights of the roles present, in RATER_ROLES order. */
function presentWeight(counts: readonly number[], weights: RaterWeights): number {
  let total = 0;
  for (let i = 0; i < RATER_ROLES.length; i++) if (counts[i]! > 0) total += weights[RATER_ROLES[i]!];
  return total;
}

function ratersFrom(rows: readonly BehaviourRow[], weights: RaterWeights, counts: readonly number[], totalWeight: number): RaterUsed[] {
  const raters: RaterUsed[] = [];
  for (let i = 0; i < RATER_ROLES.length; i++) {
    const n = counts[i]!;
    if (n === 0) continue;
    const role = RATER_ROLES[i]!;
    for (const row of rows) {
      if (row.raterRole === role) raters.push({ raterNip: row.raterNip, role, share: weights[role] / n / totalWeight, place: row.place });
    }
  }
  return raters;
}

/**
 * The raters that count and their shares of the weight: the rows whose role has a positive weight,
 * by role (RATER_ROLES order), then in row order. Each role's weight is split equally among its
 * raters and renormalised over the roles present (see rateBehaviour). Empty when no row counts.
 */
export function ratersOf(rows: readonly BehaviourRow[], weights: RaterWeights): RaterUsed[] {
  const counts = countsByRole(rows, weights);
  return ratersFrom(rows, weights, counts, presentWeight(counts, weights));
}

/** The first row whose rater rated before it (row order), or null. */
function duplicateRater(rows: readonly BehaviourRow[]): BehaviourRow | null {
  // Most employees have one to a few rows: compared pairwise, no Map per employee.
  if (rows.length <= 16) {
    for (let i = 1; i < rows.length; i++) {
      const nip = rows[i]!.raterNip;
      if (nip === null) continue;
      for (let j = 0; j < i; j++) if (rows[j]!.raterNip === nip) return rows[i]!;
    }
    return null;
  }
  const seen = new Set<string>();
  for (const row of rows) {
    if (row.raterNip === null) continue;
    if (seen.has(row.raterNip)) return row;
    seen.add(row.raterNip);
  }
  return null;
}

/**
 * Rates one employee's behaviour.
 *
 * Weighting: each role's configured weight is split equally among that role's raters (three peers
 * at rekan 20 weigh 20/3 each, so adding peers does not add weight to peers as a group); roles with
 * weight 0 are ignored; the weights are renormalised over the roles that have at least one rater.
 * If no row has a role with positive weight the result is pending with a reason, never a default.
 */
export function rateBehaviour(rows: readonly BehaviourRow[], weights: RaterWeights, opts: { words?: boolean } = {}): BehaviourResult {
  // words false: the same result without the explanation texts of a rating (a pending result
  // still has its step), for callers that write the steps only when they are read.
  const words = opts.words ?? true;
  checkWeights(weights);
  for (const row of rows) checkRow(row);
  const steps: BilingualStep[] = [];

  if (rows.length === 0) {
    return pending(
      'BEHAVIOUR_NO_ROWS',
      { id: 'Tidak ada penilaian perilaku: predikat tertunda.', en: 'No behaviour ratings: the predikat is pending.' },
      [],
      steps,
    );
  }

  // One rater, one row: a second row by the same rater is ambiguous (which one counts?), so it is
  // reported instead of averaged or overwritten.
  const duplicate = duplicateRater(rows);
  if (duplicate !== null) {
    return pending(
      'BEHAVIOUR_DUPLICATE_RATER',
      {
        id: `Penilai ${duplicate.raterNip} menilai lebih dari sekali: predikat tertunda sampai baris ganda diperbaiki.`,
        en: `Rater ${duplicate.raterNip} rated more than once: the predikat is pending until the duplicate row is fixed.`,
      },
      [],
      steps,
    );
  }

  // The rows that count, by role: counted here; a role's rows are its rows in row order.
  const counts = countsByRole(rows, weights);
  let usedCount = 0;
  for (const n of counts) usedCount += n;
  const ignored = usedCount === rows.length ? [] : rows.filter((r) => weights[r.raterRole] === 0);
  if (ignored.length > 0 && words) {
    const roles = [...new Set(ignored.map((r) => r.raterRole))];
    steps.push({
      step: 'behaviourIgnored',
      text: {
        id: `${ignored.length} baris penilai diabaikan karena bobot peran 0 (${roles.map((r) => ROLE_LABELS[r].id).join(', ')}).`,
        en: `${ignored.length} rater row(s) ignored because the role weight is 0 (${roles.map((r) => ROLE_LABELS[r].en).join(', ')}).`,
      },
      value: ignored.length,
      sources: ignored.map((r) => r.place),
    });
  }
  if (usedCount === 0) {
    return pending(
      'BEHAVIOUR_NO_WEIGHTED_RATER',
      {
        id: 'Tidak ada penilai dengan bobot positif (lihat behaviour.raterWeights): predikat tertunda.',
        en: 'No rater has a positive weight (see behaviour.raterWeights): the predikat is pending.',
      },
      ignored,
      steps,
    );
  }

  const totalWeight = presentWeight(counts, weights);
  const presentRoles = words ? RATER_ROLES.filter((_, i) => counts[i]! > 0) : [];
  const raters = ratersFrom(rows, weights, counts, totalWeight);
  const weightText = (lang: Lang): string =>
    presentRoles
      .map((r) => `${ROLE_LABELS[r][lang]} ${formatNumber(weights[r], lang, 0)} (${counts[RATER_ROLES.indexOf(r)]} ${lang === 'id' ? 'penilai' : 'rater(s)'})`)
      .join(', ');
  if (words) steps.push({
    step: 'behaviourWeights',
    text: {
      id: `Bobot peran penilai: ${weightText('id')}; bobot tiap peran dibagi rata antar penilainya dan dinormalisasi atas peran yang ada.`,
      en: `Rater role weights: ${weightText('en')}; each role's weight is split equally among its raters and renormalised over the roles present.`,
    },
    sources: rows.filter((r) => weights[r.raterRole] > 0).map((r) => r.place),
  });

  // Σ of the points of each role's raters per value (in row order), then per value Σ over roles
  // of weight × (mean points of the role's raters), divided by the total weight.
  const nKeys = BERAKHLAK_KEYS.length;
  const sums = SCRATCH_SUMS.fill(0);
  for (const row of rows) {
    const i = RATER_ROLES.indexOf(row.raterRole);
    if (counts[i] === 0) continue;
    const points = pointsOf(row.values);
    for (let k = 0; k < nKeys; k++) sums[i * nKeys + k] += points[k]!;
  }
  const valuesMade = SCRATCH_VALUES;
  for (let k = 0; k < nKeys; k++) {
    const key = BERAKHLAK_KEYS[k]!;
    let numerator = 0;
    for (let i = 0; i < RATER_ROLES.length; i++) {
      const n = counts[i]!;
      if (n === 0) continue;
      numerator += (weights[RATER_ROLES[i]!] * sums[i * nKeys + k]!) / n;
    }
    const value = valueResult(key, numerator / totalWeight);
    valuesMade[k] = value;
    if (!words) continue;
    const { mean, rating } = value;
    const parts = presentRoles.map((role) => {
      const i = RATER_ROLES.indexOf(role);
      return { role, mean: sums[i * nKeys + k]! / counts[i]! };
    });
    const partText = (lang: Lang): string =>
      parts.map((p) => `${ROLE_LABELS[p.role][lang]} ${formatNumber(p.mean, lang)}`).join(', ');
    const rule = (lang: Lang): string =>
      rating === 'DI_ATAS' ? `≥ ${formatNumber(DI_ATAS_MEAN, lang, 1)}` : rating === 'SESUAI' ? `≥ ${formatNumber(SESUAI_MEAN, lang, 1)}` : `< ${formatNumber(SESUAI_MEAN, lang, 1)}`;
    steps.push({
      step: 'behaviourValue',
      text: {
        id: `${VALUE_LABELS[key].id}: rata-rata tertimbang ${fmt(mean).id} (${partText('id')}) ${rule('id')} → ${ratingLabel(rating, 'id')}`,
        en: `${VALUE_LABELS[key].en}: weighted mean ${fmt(mean).en} (${partText('en')}) ${rule('en')} → ${ratingLabel(rating, 'en')}`,
      },
      value: rating,
    });
  }

  const values = valueList(valuesMade);
  // overallBehaviourRating's rule, counted in one pass.
  let diAtasCount = 0;
  let diBawahCount = 0;
  for (const v of values) {
    if (v.rating === 'DI_ATAS') diAtasCount++;
    else if (v.rating === 'DI_BAWAH') diBawahCount++;
  }
  const overall: Rating = diBawahCount > 0 ? 'DI_BAWAH' : diAtasCount >= DI_ATAS_VALUES_NEEDED ? 'DI_ATAS' : 'SESUAI';
  const n = BERAKHLAK_KEYS.length;
  if (!words) return { status: 'ok', values, overall, diAtasCount, raters, ignored, steps };
  const why: Text =
    overall === 'DI_BAWAH'
      ? { id: `${diBawahCount} nilai Di Bawah Ekspektasi`, en: `${diBawahCount} value(s) below expectations` }
      : overall === 'DI_ATAS'
        ? { id: `${diAtasCount} dari ${n} nilai Di Atas Ekspektasi (minimal ${DI_ATAS_VALUES_NEEDED})`, en: `${diAtasCount} of ${n} values above expectations (at least ${DI_ATAS_VALUES_NEEDED})` }
        : { id: `tidak ada nilai Di Bawah, ${diAtasCount} dari ${n} Di Atas (kurang dari ${DI_ATAS_VALUES_NEEDED})`, en: `no value below, ${diAtasCount} of ${n} above (fewer than ${DI_ATAS_VALUES_NEEDED})` };
  steps.push({
    step: 'behaviourOverall',
    text: {
      id: `Rating perilaku kerja: ${why.id} → ${ratingLabel(overall, 'id')}`,
      en: `Behaviour rating: ${why.en} → ${ratingLabel(overall, 'en')}`,
    },
    value: overall,
  });

  return { status: 'ok', values, overall, diAtasCount, raters, ignored, steps };
}
