import type { CellPlace } from '../domain/place.js';
import type { Text } from '../domain/i18n.js';
import { atLeast, roundHalfUp } from '../domain/exact.js';
import { UNSUR } from '../domain/vocabulary.js';
import { ComputedMap } from './computed-map.js';

/**
 * Indeks Kepuasan Masyarakat (SPEC §4, PermenPANRB 14/2017). Pure: no fs, no console.
 *
 * Exactness: NRR and IKM are ratios of integers (answer sums over answer counts), so the value that
 * is classified (rounded half-up to 2 decimals, then banded) is computed in exact rational
 * arithmetic with BigInt. A survey whose IKM is mathematically 76.605 therefore rounds to 76.61
 * (mutu B) with no tolerance involved. The unrounded `ikm` number is the same rational converted
 * to a double, for display and for the work score.
 *
 * Results are built from an `IkmTally` (sums and counts per unsur, complaint counts), never from
 * stored responses, so grouping millions of responses keeps only per-group counters, and pooling
 * groups (several services, sub-periods) is adding tallies: exactly the same as recomputing NRR
 * over the pooled responses.
 */

export type UnsurKey = (typeof UNSUR)[number]['key'];
/** U1..U9 in unsur-number order; index i of `SurveyResponse.answers` is unsur UNSUR_KEYS[i]. */
export const UNSUR_KEYS: readonly UnsurKey[] = UNSUR.map((u) => u.key);
const UNSUR_COUNT = 9;
if (UNSUR_KEYS.length !== UNSUR_COUNT || UNSUR_KEYS.some((k, i) => k !== `U${i + 1}`)) {
  // Guards the index ↔ key contract below against an edit of the column table.
  throw new Error('UNSUR table must list U1..U9 in order');
}

export const UNSUR_LABELS: Readonly<Record<UnsurKey, Text>> = Object.fromEntries(
  UNSUR.map((u) => [u.key, { id: u.header, en: u.en }]),
) as Record<UnsurKey, Text>;

export type Answer = 1 | 2 | 3 | 4;

/** One respondent's survey row, validated by ingest. */
export interface SurveyResponse {
  unit: string | null;
  service: string | null;
  /**
   * Nine answers, index i = unsur U(i+1). Ingest places each answer by the unsur key its column
   * header matched (never by the column's position in the file); use `answersByKey` to build it.
   * null = blank: that respondent does not count for that unsur.
   */
  answers: readonly (Answer | null)[];
  officerNip: string | null;
  complaint: string | null;
  complaintCategory: string | null;
  /** ID Responden or a hash of the full row; ingest removes duplicates before the engine. */
  respondentKey: string;
  date: Date;
  place: CellPlace;
}

/** Builds the answers array from answers keyed by unsur (missing keys are blanks). */
export function answersByKey(byKey: Partial<Record<UnsurKey, Answer | null>>): (Answer | null)[] {
  return UNSUR_KEYS.map((k) => byKey[k] ?? null);
}

export type IkmWeight = 'exact' | 'permen';
export interface IkmOptions {
  /** exact: 1/9 per unsur (never rounded); permen: 0,111 as printed in the regulation. */
  weight: IkmWeight;
}

// ---------------------------------------------------------------------------------------------
// Mutu (quality) bands, on the value rounded half-up to 2 decimals. Gapless: every value lands in
// exactly one band (64.999 rounds to 65.00 → C; 64.994 rounds to 64.99 → D).

export type MutuCode = 'A' | 'B' | 'C' | 'D';
export interface Mutu {
  code: MutuCode;
  label: Text;
}
export const MUTU: Readonly<Record<MutuCode, Mutu>> = {
  A: { code: 'A', label: { id: 'Sangat Baik', en: 'Very Good' } },
  B: { code: 'B', label: { id: 'Baik', en: 'Good' } },
  C: { code: 'C', label: { id: 'Kurang Baik', en: 'Poor' } },
  D: { code: 'D', label: { id: 'Tidak Baik', en: 'Not Good' } },
};
/** Lower bounds (inclusive) of each band on the 25–100 scale, highest first. */
export const MUTU_BANDS: readonly { code: MutuCode; min: number }[] = [
  { code: 'A', min: 88.31 },
  { code: 'B', min: 76.61 },
  { code: 'C', min: 65.0 },
  { code: 'D', min: -Infinity },
];
const BAND_HUNDREDTHS: readonly { code: MutuCode; min: number }[] = [
  { code: 'A', min: 8831 },
  { code: 'B', min: 7661 },
  { code: 'C', min: 6500 },
];

/** Mutu of a value already rounded to whole hundredths (e.g. 7661 for 76.61). */
function mutuFromHundredths(h: number): Mutu {
  for (const b of BAND_HUNDREDTHS) if (h >= b.min) return MUTU[b.code];
  return MUTU.D;
}

/**
 * Mutu of an IKM or converted unsur value given as a number (e.g. a stored or pooled value):
 * rounded half-up to 2 decimals with src/domain/exact.ts, then banded.
 */
export function mutuOf(value: number): Mutu {
  if (!Number.isFinite(value)) throw new RangeError(`mutuOf: not a finite number: ${value}`);
  const r = roundHalfUp(value, 2);
  for (const b of MUTU_BANDS) if (b.min === -Infinity || atLeast(r, b.min)) return MUTU[b.code];
  return MUTU.D;
}

// ---------------------------------------------------------------------------------------------
// Exact rational helpers (positive values only here).

interface Rat {
  n: bigint;
  d: bigint;
}
function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}
function ratAdd(a: Rat, b: Rat): Rat {
  const n = a.n * b.d + b.n * a.d;
  const d = a.d * b.d;
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}
/** Half-up rounding of a non-negative rational to whole hundredths: floor(100x + 1/2). */
function hundredthsHalfUp(r: Rat): number {
  return Number((200n * r.n + r.d) / (2n * r.d));
}
function ratToNumber(r: Rat): number {
  const lim = BigInt(Number.MAX_SAFE_INTEGER);
  if (r.n <= lim && r.d <= lim) return Number(r.n) / Number(r.d); // one correctly rounded division
  const scale = 10n ** 20n;
  return Number((r.n * scale) / r.d) / 1e20;
}

// ---------------------------------------------------------------------------------------------
// Complaints

export interface ComplaintCount {
  /** The category as first written in the data; null = blank (shown as Lainnya / Other). */
  readonly category: string | null;
  readonly label: Text;
  readonly count: number;
}
export interface ComplaintSummary {
  readonly total: number;
  /** Most frequent first; ties by label (code-point order, so reports are reproducible). */
  readonly byCategory: readonly ComplaintCount[];
}
/** The summary of a group without complaints: one frozen object shared by every such result. */
export const NO_COMPLAINTS: ComplaintSummary = Object.freeze({ total: 0, byCategory: Object.freeze([]) });
const OTHER_LABEL: Text = { id: 'Lainnya', en: 'Other' };
/** Written-out "other" categories join the blank bucket rather than forming a second "Lainnya". */
const OTHER_KEYS = new Set(['lainnya', 'lain-lain', 'lain lain', 'other', 'others']);

interface CategoryKey {
  key: string;
  spelled: string | null;
}

function categoryKey(raw: string | null): CategoryKey {
  const spelled = raw === null ? '' : raw.trim().replace(/\s+/g, ' ');
  const key = spelled.toLowerCase();
  if (key === '' || OTHER_KEYS.has(key)) return { key: '', spelled: null };
  return { key, spelled };
}

function isBlank(s: string | null): boolean {
  return s === null || s.trim() === '';
}

/**
 * The complaint category of a response, or null when it carries no complaint. A response carries a
 * complaint when it has complaint text or a category (some forms have only a category box).
 */
function complaintOf(r: SurveyResponse): CategoryKey | null {
  return isBlank(r.complaint) && isBlank(r.complaintCategory) ? null : categoryKey(r.complaintCategory);
}

// ---------------------------------------------------------------------------------------------
// Tally and result

function assertAnswers(r: SurveyResponse): void {
  const a = r.answers;
  if (!Array.isArray(a) || a.length !== UNSUR_COUNT) {
    throw new TypeError(`survey response ${r.respondentKey}: expected 9 answers (U1..U9), got ${Array.isArray(a) ? a.length : typeof a}`);
  }
  for (let i = 0; i < UNSUR_COUNT; i++) {
    const v = a[i];
    if (v !== null && v !== 1 && v !== 2 && v !== 3 && v !== 4) {
      // Ingest rejects such values with their place; reaching here is a programming error.
      throw new RangeError(`survey response ${r.respondentKey}: answer ${UNSUR_KEYS[i]} = ${String(v)} is not 1–4 or blank`);
    }
  }
}

/** Running counters of a group of responses. Add responses, merge other tallies, then `result`. */
export class IkmTally {
  responses = 0;
  /** Sum of the answers given, per unsur (index = unsur number − 1). */
  readonly sums: number[] = new Array<number>(UNSUR_COUNT).fill(0);
  /** Number of answers given (non-blank), per unsur. */
  readonly counts: number[] = new Array<number>(UNSUR_COUNT).fill(0);
  /** Answers of 1 or 2, over all unsur. */
  lowAnswers = 0;
  complaintTotal = 0;
  /** Complaints per category key; made at the first complaint (most officers' tallies have none). */
  private complaints: Map<string, { spelled: string | null; count: number }> | null = null;

  add(r: SurveyResponse): this {
    assertAnswers(r);
    return this.addChecked(r, complaintOf(r));
  }

  /** `add` without re-validating: for a response already checked by `assertAnswers`. */
  private addChecked(r: SurveyResponse, complaint: CategoryKey | null): this {
    this.responses++;
    for (let i = 0; i < UNSUR_COUNT; i++) {
      const v = r.answers[i];
      if (v === null || v === undefined) continue;
      this.sums[i] += v;
      this.counts[i]++;
      if (v <= 2) this.lowAnswers++;
    }
    if (complaint !== null) this.addComplaints(complaint, 1);
    return this;
  }

  /** Adds one validated response to several tallies (grouping): validates it once. */
  static addToAll(r: SurveyResponse, tallies: IkmTally[]): void {
    assertAnswers(r);
    const complaint = complaintOf(r);
    for (const t of tallies) t.addChecked(r, complaint);
  }

  merge(other: IkmTally): this {
    this.responses += other.responses;
    for (let i = 0; i < UNSUR_COUNT; i++) {
      this.sums[i] += other.sums[i];
      this.counts[i] += other.counts[i];
    }
    this.lowAnswers += other.lowAnswers;
    for (const [key, c] of other.complaints ?? []) this.addComplaints({ key, spelled: c.spelled }, c.count);
    return this;
  }

  private addComplaints(k: CategoryKey, count: number): void {
    this.complaintTotal += count;
    const map = (this.complaints ??= new Map());
    const e = map.get(k.key);
    if (e) e.count += count;
    else map.set(k.key, { spelled: k.spelled, count });
  }

  /** Writes the counters into `out` at `at` (TALLY_WIDTH numbers) and the complaints into `complaints`, for IkmGrouperData. */
  writeTo(out: Float64Array, at: number, tallyIndex: number, complaints: IkmComplaintColumns): void {
    out[at] = this.responses;
    out[at + 1] = this.lowAnswers;
    for (let i = 0; i < UNSUR_COUNT; i++) {
      out[at + 2 + i] = this.sums[i];
      out[at + 2 + UNSUR_COUNT + i] = this.counts[i];
    }
    for (const [key, c] of this.complaints ?? []) {
      complaints.tally.push(tallyIndex);
      complaints.key.push(key);
      complaints.spelled.push(c.spelled);
      complaints.count.push(c.count);
    }
  }

  /** The tally written by `writeTo` (its complaints are added with `addComplaintsFrom`). */
  static readFrom(counters: Float64Array, at: number): IkmTally {
    const t = new IkmTally();
    t.responses = counters[at]!;
    t.lowAnswers = counters[at + 1]!;
    for (let i = 0; i < UNSUR_COUNT; i++) {
      t.sums[i] = counters[at + 2 + i]!;
      t.counts[i] = counters[at + 2 + UNSUR_COUNT + i]!;
    }
    return t;
  }

  /** Restores one complaint category written by `writeTo` (in the order written). */
  addComplaintsFrom(key: string, spelled: string | null, count: number): void {
    this.addComplaints({ key, spelled }, count);
  }

  /** Complaints by category, most frequent first; the shared NO_COMPLAINTS when there are none. */
  complaintSummary(): ComplaintSummary {
    if (this.complaints === null || this.complaintTotal === 0) return NO_COMPLAINTS;
    const byCategory: ComplaintCount[] = [...this.complaints.values()]
      .filter((c) => c.count > 0)
      .map((c) => ({ category: c.spelled, label: c.spelled === null ? OTHER_LABEL : { id: c.spelled, en: c.spelled }, count: c.count }))
      .sort((a, b) => b.count - a.count || cmp(a.label.id, b.label.id));
    return { total: this.complaintTotal, byCategory };
  }

  /** The finished group. The result reads this tally (its unsur detail): add nothing after this. */
  result(opts: IkmOptions): IkmResult {
    return finalize(this, opts);
  }
}

export interface UnsurResult {
  readonly key: UnsurKey;
  readonly label: Text;
  /** Respondents who answered this unsur. */
  readonly n: number;
  /** Sum of their answers. */
  readonly sum: number;
  /** Nilai rata-rata: sum / n; null when nobody answered. */
  readonly nrr: number | null;
  /** Weight applied (1/9 or 0.111; renormalised when some unsur has no answers); 0 when unanswered. */
  readonly weight: number;
  /** NRR × weight (NRR tertimbang). */
  readonly nrrWeighted: number | null;
  /** Nilai unsur konversi: NRR × 25. */
  readonly converted: number | null;
  /** Converted value rounded half-up to 2 decimals (exact). */
  readonly convertedRounded: number | null;
  readonly mutu: Mutu | null;
}

/**
 * A finished group. Results are shared (a pooled or unit result by every employee it applies to)
 * and must not be changed: every field is read-only.
 */
export interface IkmResult {
  /** Responses in the group (a response with some blank answers still counts here). */
  readonly respondents: number;
  readonly weight: IkmWeight;
  /**
   * Always nine entries, U1..U9. Made from the tally each time it is read, not kept: a run has a
   * result per officer (one in every few employees) and only the reports read the unsur detail.
   * Read it once into a variable rather than in a loop.
   */
  readonly unsur: readonly UnsurResult[];
  /** Unrounded IKM on the 25–100 scale; null when no unsur has any answer. */
  readonly ikm: number | null;
  /** IKM rounded half-up to 2 decimals, computed exactly; the mutu is decided on it. */
  readonly ikmRounded: number | null;
  readonly mutu: Mutu | null;
  /**
   * Unsur nobody answered. When non-empty the IKM is computed over the answered unsur with the
   * weights renormalised (exact: 1/k each; permen: 0,999/k each, keeping the printed total
   * 9 × 0,111), instead of counting the missing unsur as zero. Reports must show this flag.
   */
  readonly missingUnsur: readonly UnsurKey[];
  /** Lowest NRR; ties go to the lower unsur number; null when nothing was answered. */
  readonly weakest: UnsurKey | null;
  readonly complaints: ComplaintSummary;
  /** Answers of 1 or 2 over all unsur (used for officers). */
  readonly lowAnswers: number;
  /** The counters behind this result, for pooling (`poolIkm`). Treat as read-only. */
  readonly tally: IkmTally;
}

/** Every unsur answered: one frozen empty list shared by all such results. */
const NONE_MISSING: readonly UnsurKey[] = Object.freeze([]);

/** Weight of each answered unsur when k of the nine are answered (permen prints 0,111 for nine). */
function unsurWeight(weight: IkmWeight, k: number): number {
  return k === 0 ? 0 : weight === 'exact' ? 1 / k : k === UNSUR_COUNT ? 0.111 : 0.999 / k;
}

/**
 * 25 × sum / n rounded half-up to whole hundredths, exactly: floor((5000·sum + n) / 2n). In whole
 * numbers below 2^53 (a tally's sums are, for any survey short of 10^11 answers) the quotient of
 * one division is corrected to the exact floor; beyond, rationals (hundredthsHalfUp). The unsur
 * detail of every officer is made when read, in the run and the reports: this is its hot path.
 */
function convertedHundredths(sum: number, n: number): number {
  const num = 5000 * sum + n;
  const den = 2 * n;
  if (num > Number.MAX_SAFE_INTEGER || den > Number.MAX_SAFE_INTEGER) return hundredthsHalfUp({ n: 25n * BigInt(sum), d: BigInt(n) });
  let q = Math.floor(num / den);
  // The division is rounded: step q to the exact floor (q·den and (q+1)·den stay below 2^53 + den).
  if (q * den > num) q--;
  else if ((q + 1) * den <= num) q++;
  return q;
}

/** The per-unsur figures of a tally (see IkmResult.unsur). */
function unsurResults(t: IkmTally, weight: IkmWeight): UnsurResult[] {
  let k = 0;
  for (let i = 0; i < UNSUR_COUNT; i++) if (t.counts[i] > 0) k++;
  const wFloat = unsurWeight(weight, k);
  return UNSUR_KEYS.map((key, i) => {
    const n = t.counts[i];
    const sum = t.sums[i];
    if (n === 0) {
      return { key, label: UNSUR_LABELS[key], n, sum, nrr: null, weight: 0, nrrWeighted: null, converted: null, convertedRounded: null, mutu: null };
    }
    const nrr = sum / n;
    const convertedH = convertedHundredths(sum, n);
    return {
      key,
      label: UNSUR_LABELS[key],
      n,
      sum,
      nrr,
      weight: wFloat,
      nrrWeighted: nrr * wFloat,
      converted: (sum * 25) / n,
      convertedRounded: convertedH / 100,
      mutu: mutuFromHundredths(convertedH),
    };
  });
}

/**
 * The `unsur` property of every result: one getter shared by all results (no function per result),
 * making the detail from the result's tally when read.
 */
const UNSUR_PROPERTY: PropertyDescriptor = {
  get(this: IkmResult): readonly UnsurResult[] {
    return unsurResults(this.tally, this.weight);
  },
  enumerable: true,
};

/** The IKM of a tally and its hundredths rounded half-up: the exact (BigInt) part of `finalize`. */
interface IkmFigures {
  ikm: number;
  hundredths: number;
}

/** IkmFigures of a tally; null when no unsur has any answer. */
function ikmFigures(t: IkmTally, weight: IkmWeight): IkmFigures | null {
  let k = 0;
  for (let i = 0; i < UNSUR_COUNT; i++) if (t.counts[i] > 0) k++;
  if (k === 0) return null;
  // Weight per answered unsur as an exact ratio. permen prints 0,111 (= 111/1000) for nine unsur.
  const wNum = weight === 'exact' ? 1n : 999n;
  const wDen = weight === 'exact' ? BigInt(k) : 1000n * BigInt(k);
  let total: Rat = { n: 0n, d: 1n };
  for (let i = 0; i < UNSUR_COUNT; i++) if (t.counts[i] > 0) total = ratAdd(total, { n: BigInt(t.sums[i]), d: BigInt(t.counts[i]) });
  const value: Rat = { n: total.n * wNum * 25n, d: total.d * wDen };
  return { ikm: ratToNumber(value), hundredths: hundredthsHalfUp(value) };
}

/**
 * A finished group: the scalar figures are kept, the unsur detail is made when read. A plain
 * object, as the results always were: code that copies plain data (reports/anonymize.ts) still
 * copies it, reading `unsur` like any other property.
 */
function finalize(t: IkmTally, opts: IkmOptions, known?: IkmFigures | null): IkmResult {
  const weight = opts.weight;
  if (weight !== 'exact' && weight !== 'permen') throw new RangeError(`unknown ikm weight: ${String(weight)}`);
  const answered: number[] = [];
  for (let i = 0; i < UNSUR_COUNT; i++) if (t.counts[i] > 0) answered.push(i);
  const k = answered.length;

  let ikm: number | null = null;
  let ikmRounded: number | null = null;
  let mutu: Mutu | null = null;
  let weakest: UnsurKey | null = null;
  const figures = known === undefined ? ikmFigures(t, weight) : known;
  if (figures !== null) {
    const h = figures.hundredths;
    ikm = figures.ikm;
    ikmRounded = h / 100;
    mutu = mutuFromHundredths(h);
    let w = answered[0];
    for (const i of answered) {
      // sums[i]/counts[i] < sums[w]/counts[w], cross-multiplied (products stay far below 2^53).
      if (t.sums[i] * t.counts[w] < t.sums[w] * t.counts[i]) w = i;
    }
    weakest = UNSUR_KEYS[w];
  }
  const result = {
    respondents: t.responses,
    weight,
    ikm,
    ikmRounded,
    mutu,
    missingUnsur: k === UNSUR_COUNT ? NONE_MISSING : UNSUR_KEYS.filter((_, i) => t.counts[i] === 0),
    weakest,
    complaints: t.complaintSummary(),
    lowAnswers: t.lowAnswers,
    tally: t,
  };
  return Object.defineProperty(result, 'unsur', UNSUR_PROPERTY) as IkmResult;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** IKM of a set of responses (SPEC §4). */
export function computeIkm(responses: Iterable<SurveyResponse>, opts: IkmOptions): IkmResult {
  const t = new IkmTally();
  for (const r of responses) t.add(r);
  return t.result(opts);
}

/**
 * IKM of several groups taken together, as if their responses were one survey: answer sums and
 * counts are added and NRR recomputed (not a mean of the groups' IKMs).
 */
export function poolIkm(results: Iterable<IkmResult>, opts: IkmOptions): IkmResult {
  const t = new IkmTally();
  for (const r of results) t.merge(r.tally);
  return t.result(opts);
}

// ---------------------------------------------------------------------------------------------
// Grouping

export interface IkmGroups {
  /** All responses. */
  overall: IkmResult;
  /** Responses that name a unit. */
  byUnit: Map<string, IkmResult>;
  /** Responses that name a service, across all units (a service can be offered by several units). */
  byService: Map<string, IkmResult>;
  /** unit → service → responses naming both. */
  byUnitService: Map<string, Map<string, IkmResult>>;
  /** Responses naming a service but no unit (they cannot be placed in a unit). */
  byServiceWithoutUnit: Map<string, IkmResult>;
  /**
   * Responses naming an officer (NIP Petugas); `lowAnswers` and `complaints.total` are the
   * officer's low answers and complaints. A run names an officer in one of every few employees:
   * only their counters are kept, and each result is made when read (a new object each time).
   */
  byOfficer: ReadonlyMap<string, IkmResult>;
}

function tallyOf<K>(m: Map<K, IkmTally>, key: K): IkmTally {
  let t = m.get(key);
  if (!t) m.set(key, (t = new IkmTally()));
  return t;
}

function finalizeSorted(m: Map<string, IkmTally>, opts: IkmOptions): Map<string, IkmResult> {
  const out = new Map<string, IkmResult>();
  for (const key of [...m.keys()].sort(cmp)) out.set(key, m.get(key)!.result(opts));
  return out;
}

/** One complaint category of a packed tally (IkmTally.addComplaintsFrom's arguments). */
interface PackedComplaint {
  key: string;
  spelled: string | null;
  count: number;
}

/**
 * Tallies as numbers only: TALLY_WIDTH counters each in one Float64Array (integers, exact up to
 * 2^53), in `keys` order, and the complaint categories of the few that have any, by index.
 * ~160 bytes a tally, against ~600 for an IkmTally with its IkmResult and map entry.
 */
interface PackedTallies {
  keys: string[];
  counters: Float64Array;
  complaints: Map<number, PackedComplaint[]>;
}

function packTallies(m: ReadonlyMap<string, IkmTally>): PackedTallies {
  const keys = [...m.keys()];
  const counters = new Float64Array(keys.length * TALLY_WIDTH);
  const columns: IkmComplaintColumns = { tally: [], key: [], spelled: [], count: [] };
  keys.forEach((k, i) => m.get(k)!.writeTo(counters, i * TALLY_WIDTH, i, columns));
  const complaints = new Map<number, PackedComplaint[]>();
  for (let i = 0; i < columns.tally.length; i++) addPackedComplaint(complaints, columns.tally[i]!, columns.key[i]!, columns.spelled[i]!, columns.count[i]!);
  return { keys, counters, complaints };
}

function addPackedComplaint(complaints: Map<number, PackedComplaint[]>, at: number, key: string, spelled: string | null, count: number): void {
  const list = complaints.get(at);
  if (list === undefined) complaints.set(at, [{ key, spelled, count }]);
  else list.push({ key, spelled, count });
}

/** The tally at `at` of packed tallies, with its complaints in the order they were written. */
function unpackTally(p: PackedTallies, at: number): IkmTally {
  const t = IkmTally.readFrom(p.counters, at * TALLY_WIDTH);
  for (const c of p.complaints.get(at) ?? []) t.addComplaintsFrom(c.key, c.spelled, c.count);
  return t;
}

/** A copy of packed tallies in key order (its own buffer: `p`'s, often a worker's, is not kept). */
function sortedByKey(p: PackedTallies): PackedTallies {
  const order = p.keys.map((_, i) => i).sort((a, b) => cmp(p.keys[a]!, p.keys[b]!));
  const keys = order.map((i) => p.keys[i]!);
  const counters = new Float64Array(p.counters.length);
  const complaints = new Map<number, PackedComplaint[]>();
  order.forEach((from, to) => {
    counters.set(p.counters.subarray(from * TALLY_WIDTH, (from + 1) * TALLY_WIDTH), to * TALLY_WIDTH);
    const c = p.complaints.get(from);
    if (c !== undefined) complaints.set(to, c);
  });
  return { keys, counters, complaints };
}

/** What deciding whether a group's result is used takes, without making the result. */
export interface GroupCounts {
  readonly respondents: number;
  /** Whether any unsur has an answer (the result's `ikm` is not null). */
  readonly answered: boolean;
  /** The result's `complaints.total`. */
  readonly complaintTotal: number;
  /** The result's `complaints` (made only for a group with complaints) and `lowAnswers`. */
  readonly complaints: ComplaintSummary;
  readonly lowAnswers: number;
}

/** Results made when read from packed tallies, whose counts can be read without making them. */
class PackedResultMap extends ComputedMap<string, IkmResult> {
  // Private fields, as ComputedMap's: a comparison of two maps sees their entries only.
  readonly #index: ReadonlyMap<string, number>;
  readonly #tallies: PackedTallies;

  constructor(
    compute: (key: string) => IkmResult,
    find: (key: string) => IkmResult | undefined,
    index: ReadonlyMap<string, number>,
    tallies: PackedTallies,
  ) {
    super({ size: index.size, has: (key) => index.has(key), keys: () => index.keys() }, compute, find);
    this.#index = index;
    this.#tallies = tallies;
  }

  counts(key: string): GroupCounts | undefined {
    const at = this.#index.get(key);
    if (at === undefined) return undefined;
    const c = this.#tallies.counters;
    const base = at * TALLY_WIDTH;
    let answered = false;
    for (let i = 0; i < UNSUR_COUNT; i++) if (c[base + 2 + UNSUR_COUNT + i]! > 0) answered = true;
    let complaintTotal = 0;
    for (const k of this.#tallies.complaints.get(at) ?? []) complaintTotal += k.count;
    // The summary as finalize makes it, from the tally (few groups have complaints).
    const complaints = complaintTotal === 0 ? NO_COMPLAINTS : unpackTally(this.#tallies, at).complaintSummary();
    return { respondents: c[base]!, answered, complaintTotal, complaints, lowAnswers: c[base + 1]! };
  }
}

/** GroupCounts of `results.get(key)`; for packed results without making the result. */
export function groupCounts(results: ReadonlyMap<string, IkmResult>, key: string): GroupCounts | undefined {
  if (results instanceof PackedResultMap) return results.counts(key);
  const r = results.get(key);
  return r === undefined
    ? undefined
    : { respondents: r.respondents, answered: r.ikm !== null, complaintTotal: r.complaints.total, complaints: r.complaints, lowAnswers: r.lowAnswers };
}

/**
 * Results by key made when read from packed tallies (sorted by key here, like finalizeSorted):
 * the same figures as finalizing each tally once, without keeping a result per group.
 */
function packedResults(p: PackedTallies, opts: IkmOptions): ReadonlyMap<string, IkmResult> {
  const { keys, counters, complaints } = sortedByKey(p);
  // Index of each key, in key order (the map's order): a run looks up every employee's NIP here
  // several times and many miss, which a hash lookup answers faster than a binary search over
  // tens of thousands of NIP strings. It replaces the sorted key list (`tallies` keeps none).
  const index = new Map<string, number>();
  keys.forEach((k, i) => index.set(k, i));
  const tallies: PackedTallies = { keys: [], counters, complaints };
  // A run reads an officer's result several times (the score, training, the reports): the exact
  // part of finalizing it (ikmFigures, BigInt arithmetic) is kept once made, two numbers a group:
  // [ikm, hundredths], hundredths NaN while not made yet, −1 when the group has no answer.
  const figures = new Float64Array(keys.length * 2).fill(NaN);
  const resultAt = (at: number): IkmResult => {
    const t = unpackTally(tallies, at);
    let known: IkmFigures | null;
    const h = figures[at * 2 + 1]!;
    if (Number.isNaN(h)) {
      known = ikmFigures(t, opts.weight);
      figures[at * 2] = known?.ikm ?? NaN;
      figures[at * 2 + 1] = known?.hundredths ?? -1;
    } else {
      known = h < 0 ? null : { ikm: figures[at * 2]!, hundredths: h };
    }
    return finalize(t, opts, known);
  };
  return new PackedResultMap(
    (key) => resultAt(index.get(key)!),
    (key) => {
      const at = index.get(key);
      return at === undefined ? undefined : resultAt(at);
    },
    index,
    tallies,
  );
}

/**
 * Per unit, service, unit+service and officer (SPEC §4), built one response at a time: only the
 * counters of each group are kept, never the responses, so a survey of millions of rows streams
 * through in constant memory per group. Unit names, service codes and NIPs are matched exactly as
 * given (ingest normalises them). Map keys of the result are sorted, so reports are reproducible
 * whatever the order of the input files.
 */
export class IkmGrouper {
  private readonly all = new IkmTally();
  private readonly unit = new Map<string, IkmTally>();
  private readonly service = new Map<string, IkmTally>();
  private readonly unitService = new Map<string, Map<string, IkmTally>>();
  private readonly serviceNoUnit = new Map<string, IkmTally>();
  private readonly officer = new Map<string, IkmTally>();
  /** The officers' tallies as fromData received them (packed), until a response is added. */
  private officersPacked: PackedTallies | null = null;
  private readonly targets: IkmTally[] = [];

  /** Makes the packed officer tallies IkmTally objects again, for adding to them. */
  private unpackOfficers(): void {
    const p = this.officersPacked;
    if (p === null) return;
    this.officersPacked = null;
    p.keys.forEach((k, i) => this.officer.set(k, unpackTally(p, i)));
  }

  add(r: SurveyResponse): this {
    const targets = this.targets;
    targets.length = 0;
    targets.push(this.all);
    const u = isBlank(r.unit) ? null : r.unit!;
    const s = isBlank(r.service) ? null : r.service!;
    if (u !== null) targets.push(tallyOf(this.unit, u));
    if (s !== null) {
      targets.push(tallyOf(this.service, s));
      if (u !== null) {
        let m = this.unitService.get(u);
        if (!m) this.unitService.set(u, (m = new Map()));
        targets.push(tallyOf(m, s));
      } else {
        targets.push(tallyOf(this.serviceNoUnit, s));
      }
    }
    if (!isBlank(r.officerNip)) {
      this.unpackOfficers();
      targets.push(tallyOf(this.officer, r.officerNip!));
    }
    IkmTally.addToAll(r, targets);
    return this;
  }

  /** The counters as plain data (IkmGrouperData); `IkmGrouper.fromData` makes the grouper again. */
  toData(): IkmGrouperData {
    this.unpackOfficers();
    const tallies: IkmTally[] = [this.all];
    const keysOf = (m: Map<string, IkmTally>): string[] => {
      for (const t of m.values()) tallies.push(t);
      return [...m.keys()];
    };
    const units = keysOf(this.unit);
    const services = keysOf(this.service);
    const unitServices = [...this.unitService].map(([unit, m]) => ({ unit, services: keysOf(m) }));
    const servicesWithoutUnit = keysOf(this.serviceNoUnit);
    const officers = keysOf(this.officer);
    const counters = new Float64Array(tallies.length * TALLY_WIDTH);
    const complaints: IkmComplaintColumns = { tally: [], key: [], spelled: [], count: [] };
    tallies.forEach((t, i) => t.writeTo(counters, i * TALLY_WIDTH, i, complaints));
    return { units, services, unitServices, servicesWithoutUnit, officers, counters, complaints };
  }

  /** The grouper `toData` was made from: the same tallies, keys in the same order. */
  static fromData(d: IkmGrouperData): IkmGrouper {
    const g = new IkmGrouper();
    const groups = 1 + d.units.length + d.services.length + d.unitServices.reduce((n, u) => n + u.services.length, 0)
      + d.servicesWithoutUnit.length + d.officers.length;
    const c = d.complaints;
    if (d.counters.length !== groups * TALLY_WIDTH || [c.key, c.spelled, c.count].some((col) => col.length !== c.tally.length)) {
      // Written by toData of the same build: a mismatch is a programming error, never bad input.
      throw new Error(`IkmGrouper.fromData: inconsistent data (${d.counters.length} counters for ${groups} groups)`);
    }
    const tallies: IkmTally[] = [];
    const next = (): IkmTally => {
      const t = IkmTally.readFrom(d.counters, tallies.length * TALLY_WIDTH);
      tallies.push(t);
      return t;
    };
    // The overall tally is a readonly field: restore its counters in place.
    g.all.merge(next());
    tallies[0] = g.all;
    for (const k of d.units) g.unit.set(k, next());
    for (const k of d.services) g.service.set(k, next());
    for (const u of d.unitServices) {
      const m = new Map<string, IkmTally>();
      for (const k of u.services) m.set(k, next());
      g.unitService.set(u.unit, m);
    }
    for (const k of d.servicesWithoutUnit) g.serviceNoUnit.set(k, next());
    // The officers (one in every few employees) stay numbers: no IkmTally is made for them.
    const first = tallies.length;
    const packed: PackedTallies = {
      keys: d.officers,
      counters: d.counters.subarray(first * TALLY_WIDTH),
      complaints: new Map(),
    };
    for (let i = 0; i < c.tally.length; i++) {
      const at = c.tally[i]!;
      if (at >= first && at < first + d.officers.length) {
        addPackedComplaint(packed.complaints, at - first, c.key[i]!, c.spelled[i]!, c.count[i]!);
        continue;
      }
      const t = tallies[at];
      if (t === undefined) throw new Error(`IkmGrouper.fromData: complaint of tally ${at} out of ${tallies.length + d.officers.length}`);
      t.addComplaintsFrom(c.key[i]!, c.spelled[i]!, c.count[i]!);
    }
    g.officersPacked = packed;
    return g;
  }

  result(opts: IkmOptions): IkmGroups {
    const byUnitService = new Map<string, Map<string, IkmResult>>();
    for (const u of [...this.unitService.keys()].sort(cmp)) byUnitService.set(u, finalizeSorted(this.unitService.get(u)!, opts));
    return {
      overall: this.all.result(opts),
      byUnit: finalizeSorted(this.unit, opts),
      byService: finalizeSorted(this.service, opts),
      byUnitService,
      byServiceWithoutUnit: finalizeSorted(this.serviceNoUnit, opts),
      byOfficer: packedResults(this.officersPacked ?? packTallies(this.officer), opts),
    };
  }
}

/** Numbers per tally in IkmGrouperData.counters: responses, low answers, answer sums U1..U9, answer counts U1..U9. */
const TALLY_WIDTH = 2 + 2 * UNSUR_COUNT;

/** Complaint categories of the tallies, one entry per (tally, category), as parallel columns. */
export interface IkmComplaintColumns {
  /** Index of the tally in IkmGrouperData.counters (0 = overall). */
  tally: number[];
  key: string[];
  spelled: (string | null)[];
  count: number[];
}

/**
 * An IkmGrouper's counters as plain data, to hand them from the thread that read the survey to the
 * one that computes the results (pipeline/survey-read.ts) without an object per group: the group
 * keys as string lists and every tally's numbers in one Float64Array (integers, exact up to 2^53),
 * which postMessage can transfer instead of copying. Tally order: overall, units, services, each
 * unit's services (in `unitServices` order), services without unit, officers.
 */
export interface IkmGrouperData {
  units: string[];
  services: string[];
  unitServices: { unit: string; services: string[] }[];
  servicesWithoutUnit: string[];
  officers: string[];
  counters: Float64Array<ArrayBuffer>;
  complaints: IkmComplaintColumns;
}

/** Groups a set of responses at once (see IkmGrouper). */
export function groupIkm(responses: Iterable<SurveyResponse>, opts: IkmOptions): IkmGroups {
  const g = new IkmGrouper();
  for (const r of responses) g.add(r);
  return g.result(opts);
}
