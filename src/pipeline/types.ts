import type { Config, InputKind } from '../config/schema.js';
import type { Lang } from '../domain/i18n.js';
import type { Issue } from '../domain/issues.js';
import type { Period } from '../domain/period.js';
import type { Predikat } from '../domain/ratings.js';
import type { EmployeeResult } from '../engine/types.js';
import type { FeedbackReport } from './feedback-stage.js';
import type { TrainingRunResult } from './training.js';
import type { CurveResult } from '../engine/curve.js';
import type { EkinerjaComparison } from './ekinerja-stage.js';

/** One input file of a run, as recorded in the Metodologi sheet and the manifest (SPEC §6). */
export interface InputFileInfo {
  /** An input kind, or the e-Kinerja predikat list a run compares with (not a template kind). */
  kind: InputKind | 'predikat-ekinerja';
  /** Path relative to the workspace, with forward slashes. */
  file: string;
  sha256: string;
  format: 'csv' | 'xlsx';
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  headerRow?: number;
  /** Data rows read = accepted + rejected. */
  read: number;
  accepted: number;
  rejected: number;
}

export interface UnitResult {
  unit: string;
  employees: number;
  complete: number;
  pending: number;
  meanWorkScore: number | null;
  /** Filled by the behaviour/predikat work (issue 4); null until then. */
  orgPredikat: string | null;
  counts: Record<Predikat, number> | null;
  curve: { ok: boolean; violations: unknown[] } | null;
  /** Unit file (issue 4): leader, people served (for the survey sample), the full curve check. */
  leaderNip?: string | null;
  /** Jumlah Penerima Layanan of the period (summed over sub-periods for a combined period). */
  population?: number | null;
  curveDetail?: CurveResult | null;
  /** Filled by the feedback work (issue 3); null until then. */
  ikm: number | null;
  mutu: string | null;
  respondents: number | null;
}

/** Everything a run computed; every reporter renders this same object. */
export interface RunResult {
  tool: { name: string; version: string };
  period: Period;
  regime: Config['regime'];
  config: Config;
  /** SHA-256 of the config file's bytes. */
  configHash: string;
  /** Relative to the workspace (reports carry no machine-specific paths). */
  configFile: string;
  workspaceDir: string;
  lang: Lang;
  employees: EmployeeResult[];
  units: UnitResult[];
  issues: Issue[];
  inputs: InputFileInfo[];
  /** Citizen feedback (SPEC §4): null when the period has no feedback file; absent in older fixtures. */
  feedback?: FeedbackReport | null;
  /** Training recommendations and plans (SPEC §5); null only for a RunResult built without the stage. */
  training?: TrainingRunResult | null;
  /** A semester or annual run built from its sub-periods: the work score per sub-period (SPEC §3.7). */
  trend?: TrendResult | null;
  /** The run's predikat beside e-Kinerja's (data/<period>/predikat-ekinerja.csv); null without that file. */
  ekinerja?: EkinerjaComparison | null;
}

export interface TrendResult {
  /** Sub-period ids in order, e.g. ['2025-Q1', '2025-Q2']. */
  periods: string[];
  /** Per NIP: the work score of each sub-period alone (null: no data or pending there). */
  scores: Map<string, (number | null)[]>;
}
