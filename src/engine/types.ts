import type { CellPlace } from '../domain/place.js';
import type { Predikat, Rating } from '../domain/ratings.js';

/**
 * Validated records that the engine scores. Ingest builds them from spreadsheet rows; the engine
 * never sees a file. Each record keeps the places of the cells it came from, so every number in a
 * result can be traced back to its input cells.
 */
export type PositionType = 'jpt' | 'administrator' | 'pengawas' | 'fungsional' | 'pelaksana';
export type EmploymentStatus = 'PNS' | 'PPPK';

export interface Employee {
  nip: string;
  name: string;
  position: string;
  positionType: PositionType | null;
  unit: string;
  grade: string | null;
  status: EmploymentStatus | null;
  supervisorNip: string | null;
  /** Service codes the employee serves (roster Layanan). */
  services: string[];
  assignmentStart: Date | null;
  assignmentEnd: Date | null;
  place: CellPlace;
}

export type Direction = 'naik' | 'turun';
export type IndicatorKind = 'utama' | 'tambahan';
export type Aggregation = 'jumlah' | 'rata-rata' | 'terakhir';

/** Never changed once read: ingest shares one Target object among the indicators with the same target. */
export type Target = { readonly kind: 'value'; readonly value: number } | { readonly kind: 'range'; readonly low: number; readonly high: number };

export interface Indicator {
  nip: string;
  code: string;
  text: string;
  aspect: string;
  kind: IndicatorKind;
  target: Target;
  /** null = not reported (never zero, SPEC §3.1). */
  actual: number | null;
  unitLabel: string | null;
  direction: Direction;
  weight: number;
  aggregation: Aggregation;
  /** Where the row and its key cells are (from ingest: CellPlaces made when read, a fresh object each time). */
  places: { row: CellPlace; target: CellPlace; actual: CellPlace };
  /**
   * For a longer period built from its sub-periods (SPEC §3.7): the sub-period rows this indicator
   * was combined from, by its Agregasi, with their cells. Absent for a period's own rows.
   */
  combinedFrom?: CombinedPart[];
}

/**
 * Indicators kept in groups (one group per employee) and made as Indicator objects when asked: a
 * run keeps its indicators this way, not as objects (SPEC §9 memory). Where they come from is the
 * caller's business (ingest keeps a table's rows in columns).
 */
export interface IndicatorGroups {
  /** How many indicators group `group` has. */
  count(group: number): number;
  /** Group `group`'s indicators, in their order: a new array on each call. */
  indicators(group: number): Indicator[];
}

/** One employee's indicators: a group of an IndicatorGroups. */
export interface IndicatorGroupRef {
  groups: IndicatorGroups;
  group: number;
}

export interface CombinedPart {
  period: string;
  target: Target;
  actual: number | null;
  places: { row: CellPlace; target: CellPlace; actual: CellPlace };
}

/** One step of an explanation: what was computed, from what, by which rule. */
export interface ExplanationStep {
  /** Stable key, e.g. `capaian`, `aspect`, `workScore`, `rating`. */
  step: string;
  /** Human text in the run's language. */
  text: string;
  value?: number | string | null;
  sources?: CellPlace[];
}

export type CapaianStatus = 'ok' | 'not-reported';

export interface IndicatorResult {
  indicator: Indicator;
  /** Capaian in percent after the cap; null when not reported (0 under `missing: zero`). */
  capaian: number | null;
  /** Capaian before the cap, for the explanation. */
  uncapped: number | null;
  status: CapaianStatus;
  /** The formula applied, in words, e.g. `(2 − 5 / 7) × 100`. */
  formula: string;
  /** Set when not reported: how `scoring.missing` treated it (pending, counted 0, left out). */
  missingPolicy?: 'pending' | 'zero' | 'exclude';
}

export interface AspectResult {
  key: string;
  label: string;
  /** Configured weight, normalised over the aspects used for this employee. */
  weight: number;
  score: number | null;
  /** indicators | feedback | none (no data). */
  source: 'indicators' | 'feedback' | 'none';
  indicatorCount: number;
  note: string | null;
}

export type EmployeeStatus = 'complete' | 'pending';

export interface SatisfactionSummary {
  ikm: number;
  mutu: string;
  respondents: number;
  /** service | unit | officer: which IKM the aspect used. */
  basis: 'service' | 'unit' | 'officer';
}

export interface EmployeeResult {
  employee: Employee;
  /**
   * One result per indicator. From scoreWork these are made from the employee's indicators each
   * time the property is read (nothing kept per indicator): read it once into a local to loop.
   */
  indicators: IndicatorResult[];
  aspects: AspectResult[];
  /** Nilai hasil kerja; null when pending. */
  workScore: number | null;
  workRating: { suggested: Rating | null; final: Rating | null };
  behaviourRating: Rating | null;
  predikat: Predikat | null;
  satisfaction: SatisfactionSummary | null;
  /** Training recommendations (SPEC §5); null when the training stage did not run. */
  training: TrainingItem[] | null;
  status: EmployeeStatus;
  /** Why the employee is pending (in the run's language); empty when complete. */
  pendingReasons: string[];
  explanation: ExplanationStep[];
  /** Where the final work rating came from (issue 4); absent before the appraisal stage. */
  workRatingSource?: WorkRatingSource | null;
  /** Rating perilaku per BerAKHLAK value with its raters (issue 4); null when there is none. */
  behaviour?: BehaviourDetail | null;
  /** Scores, bands and labels of a legacy regime (pp-30-2019, pp-46-2011); null otherwise. */
  legacy?: LegacyResult | null;
  /** True when the employee leads a unit (SPEC §3.6: rated from the organisation, not in its curve). */
  unitLeader?: boolean;
}

/** score: suggested from the work score; appraiser: Rating Hasil Kerja of the behaviour file; leader: the unit-leader rule. */
export type WorkRatingSource = 'score' | 'appraiser' | 'leader';

export interface BehaviourValueDetail {
  /** BerAKHLAK value key, e.g. `berorientasi-pelayanan`. */
  readonly key: string;
  /** Weighted mean of points (1..3). */
  readonly mean: number;
  readonly rating: Rating;
}

export interface BehaviourRaterDetail {
  raterNip: string | null;
  role: 'atasan' | 'rekan' | 'bawahan' | 'diri';
  /** Share of the total weight, 0..1. */
  share: number;
  place: CellPlace;
}

export interface BehaviourDetail {
  /** Shared between employees (engine/behaviour.ts memoises them): read-only. */
  values: readonly BehaviourValueDetail[];
  overall: Rating;
  raters: BehaviourRaterDetail[];
  /** The sub-period the ratings came from when a longer period took the latest ones; else null. */
  fromPeriod: string | null;
}

/** One employee under a legacy regime (SPEC §3.8). */
export interface LegacyResult {
  regime: 'pp-30-2019' | 'pp-46-2011';
  /** Nilai SKP (pp-30) or nilai capaian SKP (pp-46); null when it cannot be computed. */
  skp: number | null;
  /** Nilai perilaku on the regime's scale (0–120 for pp-30, 0–100 for pp-46). */
  perilaku: number | null;
  /** `70/30`, `60/40` (pp-30) or `60/40` (pp-46: SKP/perilaku). */
  weighting: string | null;
  /** Nilai kinerja (pp-30) or nilai prestasi kerja (pp-46). */
  score: number | null;
  /** Band code: a Predikat for pp-30, a sebutan (SANGAT_BAIK, BAIK, CUKUP, KURANG, BURUK) for pp-46. */
  band: string | null;
  /** The band as the regulation names it, in the run's language. */
  bandLabel: string | null;
  /** pp-46 only: per-indicator value under the PP 46 formulas, keyed by indicator code. */
  indicatorValues?: { code: string; aspect: 'kuantitas' | 'kualitas' | 'waktu' | 'biaya' | null; value: number | null; note: string | null }[];
}

/**
 * One training recommendation of an employee (SPEC §6 `training: [{code, reason}]`, with added keys):
 * the program, the kind of gap it answers (predikat, behaviour, aspect, indicator, unsur), its
 * Sasaran (`aspek:kualitas-layanan`), the measured gap (threshold − value, or the predikat, rating
 * or mutu), the priority (1 = predikat … 5 = unsur), and the other gaps the program also answers.
 */
export interface TrainingItem {
  code: string;
  reason: string;
  program: string;
  kind: 'predikat' | 'behaviour' | 'aspect' | 'indicator' | 'unsur';
  sasaran: string;
  gap: number | string;
  priority: number;
  also: string[];
}
