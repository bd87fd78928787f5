import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { ByteWriter } from '../io/byte-writer.js';
import { WriteDigest, type FileDigest } from '../io/file-digest.js';
import type { Regime } from '../config/schema.js';
import type { Severity } from '../domain/issues.js';
import { PREDIKATS, type Predikat, type Rating } from '../domain/ratings.js';
import type {
  AspectResult,
  CapaianStatus,
  EmployeeResult,
  EmployeeStatus,
  IndicatorKind,
  SatisfactionSummary,
} from '../engine/types.js';
import type { RunResult, UnitResult } from '../pipeline/types.js';
import { compareText, roundForReport, sortedEmployees, sortedIssues } from './common.js';
import { buildFeedbackDocument, LazyList, streamedFeedbackDocument, type FeedbackDocument } from './feedback-json.js';
import { issueDocument } from './issues-json.js';
import { ekinerjaDocument, type EkinerjaDocument } from './ekinerja.js';
import { trainingDocument, trainingItemDocument, type TrainingDocument, type TrainingItemDocument } from './training-json.js';
import {
  behaviourDocument,
  curveDocument,
  legacyDocument,
  trendDocument,
  workRatingSourceOf,
  type BehaviourDocument,
  type CurveDocument,
  type LegacyDocument,
  type TrendDocument,
} from './results-appraisal.js';

/**
 * hasil-<period>.json (SPEC §6). Keys may be added, never renamed. Scores are rounded half-up to
 * 2 decimals here, for output only; the unrounded values live in the engine's results (and the
 * explanation), which is what every classification was decided on.
 *
 * Determinism (SPEC §8): no timestamps; every object is built with its keys in a fixed order;
 * employees sorted by unit then NIP, units by name, issues by place; absent values are null, so
 * every key is always present.
 */

export interface ResultsDocument {
  period: string;
  regime: Regime;
  /** `appraise <version>` */
  generatedBy: string;
  employees: EmployeeDocument[];
  units: UnitDocument[];
  issues: IssueDocument[];
  /** Citizen feedback per unit, service, officer and employee (SPEC §4); null without feedback files. */
  feedback: FeedbackDocument | null;
  /** Training plan (SPEC §5): per program, per unit, gaps without a program; null without the stage. */
  training: TrainingDocument | null;
  /** Work score per sub-period of a combined period (SPEC §3.7); null otherwise. */
  trend: TrendDocument | null;
  /** The run's predikat beside e-Kinerja's: counts and the differing employees; null without the list. */
  ekinerja: EkinerjaDocument | null;
}

export interface EmployeeDocument {
  nip: string;
  name: string;
  unit: string;
  position: string;
  status: EmployeeStatus;
  pendingReasons: string[];
  /** Configured aspect key → score (2 decimals), null when the aspect has no score. */
  aspects: Record<string, number | null>;
  aspectDetails: AspectDocument[];
  workScore: number | null;
  workRating: { suggested: Rating | null; final: Rating | null };
  behaviourRating: Rating | null;
  predikat: Predikat | null;
  satisfaction: { ikm: number; mutu: string; respondents: number; basis: SatisfactionSummary['basis'] } | null;
  training: TrainingItemDocument[] | null;
  indicators: IndicatorDocument[];
  /** score | appraiser | leader: where workRating.final came from. */
  workRatingSource: string | null;
  behaviour: BehaviourDocument | null;
  unitLeader: boolean;
  /** The legacy regime's scores and band (pp-30-2019, pp-46-2011); null under permenpan-6-2022. */
  legacy: LegacyDocument | null;
}

export interface AspectDocument {
  key: string;
  label: string;
  /** Normalised weight (6 decimals: a weight is not a score, and 2 decimals would distort 1/7). */
  weight: number;
  score: number | null;
  source: AspectResult['source'];
  indicatorCount: number;
  note: string | null;
}

export interface IndicatorDocument {
  code: string;
  aspect: string;
  kind: IndicatorKind;
  /** A single target, or a range. */
  target: number | { low: number; high: number };
  /** null = not reported (never zero). */
  actual: number | null;
  capaian: number | null;
  status: CapaianStatus;
}

export interface UnitDocument {
  unit: string;
  employees: number;
  complete: number;
  pending: number;
  meanWorkScore: number | null;
  orgPredikat: string | null;
  counts: Record<Predikat, number> | null;
  curve: CurveDocument | null;
  ikm: number | null;
  mutu: string | null;
  respondents: number | null;
  leaderNip: string | null;
  population: number | null;
}

export interface IssueDocument {
  file: string;
  sheet: string | null;
  row: number | null;
  column: string | null;
  code: string;
  severity: Severity;
  message: string;
  hint: string;
}

function mustNumber(x: number): number {
  return roundForReport(x) as number;
}

function aspectsMap(run: RunResult, e: EmployeeResult): Record<string, number | null> {
  const byKey = new Map(e.aspects.map((a) => [a.key, a]));
  const out: Record<string, number | null> = {};
  // Configured order first, then any aspect the engine reported that the config does not list.
  for (const a of run.config.aspects) out[a.key] = roundForReport(byKey.get(a.key)?.score ?? null);
  for (const a of e.aspects) if (!(a.key in out)) out[a.key] = roundForReport(a.score);
  return out;
}

function employeeDocument(run: RunResult, e: EmployeeResult): EmployeeDocument {
  const s = e.satisfaction;
  return {
    nip: e.employee.nip,
    name: e.employee.name,
    unit: e.employee.unit,
    position: e.employee.position,
    status: e.status,
    pendingReasons: [...e.pendingReasons],
    aspects: aspectsMap(run, e),
    aspectDetails: e.aspects.map((a) => ({
      key: a.key,
      label: a.label,
      weight: roundForReport(a.weight, 6) as number,
      score: roundForReport(a.score),
      source: a.source,
      indicatorCount: a.indicatorCount,
      note: a.note,
    })),
    workScore: roundForReport(e.workScore),
    workRating: { suggested: e.workRating.suggested, final: e.workRating.final },
    behaviourRating: e.behaviourRating,
    predikat: e.predikat,
    satisfaction:
      s === null ? null : { ikm: mustNumber(s.ikm), mutu: s.mutu, respondents: s.respondents, basis: s.basis },
    training: e.training === null ? null : e.training.map(trainingItemDocument),
    indicators: e.indicators.map((r) => {
      const i = r.indicator;
      return {
        code: i.code,
        aspect: i.aspect,
        kind: i.kind,
        target: i.target.kind === 'value' ? i.target.value : { low: i.target.low, high: i.target.high },
        actual: i.actual,
        capaian: roundForReport(r.capaian),
        status: r.status,
      };
    }),
    workRatingSource: workRatingSourceOf(e),
    behaviour: behaviourDocument(e),
    unitLeader: e.unitLeader ?? false,
    legacy: legacyDocument(e),
  };
}

/** In PREDIKATS order, whatever order the engine filled them in. */
function predikatCounts(c: Record<Predikat, number>): Record<Predikat, number> {
  const out = {} as Record<Predikat, number>;
  for (const p of PREDIKATS) out[p] = c[p];
  return out;
}

function unitDocument(u: UnitResult, lang: RunResult['lang']): UnitDocument {
  return {
    unit: u.unit,
    employees: u.employees,
    complete: u.complete,
    pending: u.pending,
    meanWorkScore: roundForReport(u.meanWorkScore),
    orgPredikat: u.orgPredikat,
    counts: u.counts === null ? null : predikatCounts(u.counts),
    curve: curveDocument(u, lang),
    ikm: roundForReport(u.ikm),
    mutu: u.mutu,
    respondents: u.respondents,
    leaderNip: u.leaderNip ?? null,
    population: u.population ?? null,
  };
}

/**
 * The results document. `employees` gives the employees' documents; writeResultsJson passes none
 * and streams them itself, so every other key is still computed here, from the whole run.
 */
export function buildResultsDocument(
  run: RunResult,
  employees: (run: RunResult) => EmployeeDocument[] = (r) => sortedEmployees(r).map((e) => employeeDocument(r, e)),
): ResultsDocument {
  const parts = resultsParts(run, employees);
  const doc = {} as Record<keyof ResultsDocument, unknown>;
  for (const key of Object.keys(parts) as (keyof ResultsDocument)[]) doc[key] = parts[key]();
  return doc as ResultsDocument;
}

/** Each key's value, made when asked for, in the document's key order (the writer holds one at a time). */
function resultsParts(
  run: RunResult,
  employees: (run: RunResult) => EmployeeDocument[],
): { [K in keyof ResultsDocument]: () => ResultsDocument[K] } {
  return {
    period: () => run.period.id,
    regime: () => run.regime,
    generatedBy: () => `appraise ${run.tool.version}`,
    employees: () => employees(run),
    units: () => [...run.units].sort((a, b) => compareText(a.unit, b.unit)).map((u) => unitDocument(u, run.lang)),
    issues: () => sortedIssues(run.issues).map(issueDocument),
    feedback: () => (run.feedback ? buildFeedbackDocument(run.feedback, run.lang) : null),
    training: () => trainingDocument(run),
    trend: () => trendDocument(run),
    ekinerja: () => ekinerjaDocument(run.ekinerja),
  };
}

/**
 * Line-oriented JSON with a trailing newline; byte-identical for identical documents. The top
 * level and the objects directly under it have one key per line (2-space indent); every array
 * down to that depth has one element per line, each element compact. So an employee, unit,
 * issue or officer is one line (at 100,000 employees 409 MB instead of 723 MB fully indented),
 * readable with grep and a pager; any JSON parser reads it as before.
 */
export function serializeResults(doc: ResultsDocument): string {
  return `${[...formatPieces(doc, 0)].join('')}\n`;
}

/** Deepest level whose objects get one key per line; arrays get one element per line one level deeper. */
const KEYED_DEPTH = 1;

/** The text of `value` at `depth`, in pieces of at most one array element or one key each. */
function* formatPieces(value: unknown, depth: number): Generator<string> {
  if ((Array.isArray(value) || value instanceof LazyList) && depth <= KEYED_DEPTH + 1) {
    const pad = '  '.repeat(depth + 1);
    let i = 0;
    // for…of: an array's holes are undefined, written null as JSON.stringify writes them in an array.
    for (const element of value as Iterable<unknown>) yield `${i++ === 0 ? '[\n' : ',\n'}${pad}${compact(element)}`;
    return yield i === 0 ? '[]' : `\n${'  '.repeat(depth)}]`;
  }
  if (value !== null && typeof value === 'object' && depth <= KEYED_DEPTH) {
    const entries = keyedEntries(value as Record<string, unknown>);
    if (entries.length === 0) return yield '{}';
    const pad = '  '.repeat(depth + 1);
    for (let i = 0; i < entries.length; i++) {
      const [k, v] = entries[i]!;
      yield `${i === 0 ? '{\n' : ',\n'}${pad}${JSON.stringify(k)}: `;
      yield* formatPieces(v, depth + 1);
    }
    return yield `\n${'  '.repeat(depth)}}`;
  }
  yield compact(value);
}

/** JSON.stringify, with `null` for what it would leave out (as inside an array). */
function compact(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

/** The keys JSON.stringify writes: undefined and functions are left out. */
function keyedEntries(obj: Record<string, unknown>): [string, unknown][] {
  return Object.entries(obj).filter(([, v]) => v !== undefined && typeof v !== 'function');
}

/**
 * Writes hasil-<period>.json to `path`, byte for byte what `serializeResults(buildResultsDocument(run))`
 * gives, without holding the whole text (hundreds of MB at a million employees), every employee's
 * document, or more than one top-level key's value at once: employees are serialised one line each
 * as the stream drains, every other key is made when its turn comes (resultsParts, the same
 * functions as buildResultsDocument, so a key added there is written here too). Returns the
 * file's digest, hashed as it was written (for the manifest).
 */
export async function writeResultsJson(run: RunResult, path: string): Promise<FileDigest> {
  // The feedback section's officers and employees are written as they are made (LazyList).
  const parts: Record<keyof ResultsDocument, () => unknown> = {
    ...resultsParts(run, () => []),
    feedback: () => (run.feedback ? streamedFeedbackDocument(run.feedback, run.lang) : null),
  };
  const out = createWriteStream(path);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => {}); // observed through the races below
  // The text goes straight into reused byte chunks (byte-writer.ts), not into one big string per write.
  // Hashed as written, so that the manifest need not read the file back (io/file-digest.ts).
  const hash = new WriteDigest();
  const w = new ByteWriter(async (chunk, release) => {
    hash.update(chunk);
    if (!out.write(chunk, () => release())) await Promise.race([once(out, 'drain'), failed]);
  });
  let first = true;
  for (const key of Object.keys(parts) as (keyof ResultsDocument)[]) {
    if (key === 'employees') {
      w.ascii(`${first ? '{\n' : ',\n'}  "employees": `);
      first = false;
      const employees = sortedEmployees(run);
      if (employees.length === 0) w.ascii('[]');
      for (let at = 0; at < employees.length; at++) {
        w.ascii(at === 0 ? '[\n    ' : ',\n    ');
        w.utf8(compact(employeeDocument(run, employees[at]!)));
        if (w.full) await w.flush();
      }
      if (employees.length > 0) w.ascii('\n  ]');
      continue;
    }
    const value: unknown = parts[key]();
    if (value === undefined || typeof value === 'function') continue; // as JSON.stringify does
    w.utf8(`${first ? '{\n' : ',\n'}  ${JSON.stringify(key)}: `);
    first = false;
    for (const piece of formatPieces(value, 1)) {
      w.utf8(piece);
      if (w.full) await w.flush();
    }
  }
  w.ascii(first ? '{}\n' : '\n}\n');
  await w.flush();
  out.end();
  await Promise.race([finished(out), failed]);
  return hash.finish(path);
}

