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

export type Target = { kind: 'value'; value: number } | { kind: 'range'; low: number; high: number };

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
  /** Where the row and its key cells are. */
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
