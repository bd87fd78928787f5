import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { ByteWriter } from '../io/byte-writer.js';
import { WriteDigest, type FileDigest } from '../io/file-digest.js';
import type { Regime } from '../config/schema.js';
import type { Severity } from '../domain/issues.js';
import { formatPlace } from '../domain/place.js';
import { PREDIKATS, type Predikat, type Rating } from '../domain/ratings.js';
import type {
  AspectResult,
  CapaianStatus,
  EmployeeResult,
  EmployeeStatus,
  IndicatorKind,
  IndicatorResult,
  SatisfactionSummary,
} from '../engine/types.js';
import type { RunResult, UnitResult } from '../pipeline/types.js';
import { compareText, roundForReport, sortedEmployees, sortedIssues } from './common.js';
import { buildFeedbackDocument, LazyList, streamedFeedbackDocument, type FeedbackDocument } from './feedback-json.js';
import { issueDocument } from './issues-json.js';
import { compact, JsonOut } from './json-out.js';
import { ekinerjaDocument, type EkinerjaDocument } from './ekinerja.js';
import { trainingDocument, trainingItemDocument, type TrainingDocument, type TrainingItemDocument } from './training-json.js';
import {
  behaviourDocument,
  behaviourValuesDocument,
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

function aspectDocument(a: AspectResult): AspectDocument {
  return {
    key: a.key,
    label: a.label,
    weight: roundForReport(a.weight, 6) as number,
    score: roundForReport(a.score),
    source: a.source,
    indicatorCount: a.indicatorCount,
    note: a.note,
  };
}

function indicatorDocument(r: IndicatorResult): IndicatorDocument {
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
}

/**
 * One key of an employee's document: its value, and optionally the same value's JSON written
 * straight into the file (what `compact(value)` gives, without the objects and the string; the
 * text of shared frozen parts is kept and copied). Without `write` the file has compact(value).
 */
interface EmployeeField<K extends keyof EmployeeDocument> {
  value(e: EmployeeResult, run: RunResult): EmployeeDocument[K];
  write?(out: JsonOut, e: EmployeeResult, run: RunResult, aspectKeys: AspectKeys): void;
}

/**
 * What an employee's document holds, key by key in the document's key order: the one definition
 * that employeeDocument (buildResultsDocument, `--json`, diff) and the file's writer both follow.
 * Every key of EmployeeDocument must be here (the type says so); test/unit/results-json-lines
 * compares each `write` with compact(value) on fixtures that reach every branch.
 */
const EMPLOYEE_FIELDS: { [K in keyof EmployeeDocument]: EmployeeField<K> } = {
  nip: { value: (e) => e.employee.nip, write: (out, e) => out.w.json(e.employee.nip) },
  name: { value: (e) => e.employee.name, write: (out, e) => out.w.json(e.employee.name) },
  unit: { value: (e) => e.employee.unit, write: (out, e) => out.w.json(e.employee.unit) },
  position: { value: (e) => e.employee.position, write: (out, e) => out.w.json(e.employee.position) },
  status: { value: (e) => e.status, write: (out, e) => out.w.json(e.status) },
  pendingReasons: {
    value: (e) => [...e.pendingReasons],
    write: (out, e) => out.list(e.pendingReasons, (s) => out.w.json(s)),
  },
  aspects: {
    value: (e, run) => aspectsMap(run, e),
    write: (out, e, run, keys) => {
      // The configured keys in their order, each with its aspect's score (the last of that key,
      // as aspectsMap's Map keeps). An aspect outside the config, or keys JavaScript would
      // order otherwise (integer-like ones), take the general path.
      const aspects = e.aspects;
      if (keys === null || !aspects.every((a) => keys.has(a.key))) return out.value(aspectsMap(run, e));
      let first = true;
      for (const [key, head] of keys) {
        out.w.ascii(first ? '{' : ',');
        first = false;
        out.w.bytes(head);
        let score: number | null = null;
        for (let i = aspects.length - 1; i >= 0; i--) {
          if (aspects[i]!.key === key) {
            score = aspects[i]!.score;
            break;
          }
        }
        out.num(roundForReport(score));
      }
      out.w.ascii(first ? '{}' : '}');
    },
  },
  aspectDetails: {
    value: (e) => e.aspects.map(aspectDocument),
    write: (out, e) =>
      out.list(e.aspects, (a) => {
        out.w.ascii('{"key":');
        out.w.json(a.key);
        out.w.ascii(',"label":');
        out.w.json(a.label);
        out.w.ascii(',"weight":');
        out.num(roundForReport(a.weight, 6));
        out.w.ascii(',"score":');
        out.num(roundForReport(a.score));
        out.w.ascii(',"source":');
        out.w.json(a.source);
        out.w.ascii(',"indicatorCount":');
        out.num(a.indicatorCount);
        out.w.ascii(',"note":');
        out.str(a.note);
        out.w.byte(125);
      }),
  },
  workScore: { value: (e) => roundForReport(e.workScore), write: (out, e) => out.num(roundForReport(e.workScore)) },
  workRating: {
    value: (e) => ({ suggested: e.workRating.suggested, final: e.workRating.final }),
    write: (out, e) => {
      out.w.ascii('{"suggested":');
      out.str(e.workRating.suggested);
      out.w.ascii(',"final":');
      out.str(e.workRating.final);
      out.w.byte(125);
    },
  },
  behaviourRating: { value: (e) => e.behaviourRating, write: (out, e) => out.str(e.behaviourRating) },
  predikat: { value: (e) => e.predikat, write: (out, e) => out.str(e.predikat) },
  satisfaction: {
    value: (e) => {
      const s = e.satisfaction;
      return s === null ? null : { ikm: mustNumber(s.ikm), mutu: s.mutu, respondents: s.respondents, basis: s.basis };
    },
    write: (out, e) => {
      const s = e.satisfaction;
      if (s === null) return out.w.ascii('null');
      out.w.ascii('{"ikm":');
      out.num(mustNumber(s.ikm));
      out.w.ascii(',"mutu":');
      out.w.json(s.mutu);
      out.w.ascii(',"respondents":');
      out.num(s.respondents);
      out.w.ascii(',"basis":');
      out.w.json(s.basis);
      out.w.byte(125);
    },
  },
  training: {
    value: (e) => (e.training === null ? null : e.training.map(trainingItemDocument)),
    // Items are shared and frozen (pipeline/training.ts): each one's text is made once.
    write: (out, e) => (e.training === null ? out.w.ascii('null') : out.list(e.training, (t) => out.shared(t, trainingItemDocument))),
  },
  indicators: {
    value: (e) => e.indicators.map(indicatorDocument),
    write: (out, e) =>
      out.list(e.indicators, (r) => {
        const i = r.indicator;
        out.w.ascii('{"code":');
        out.w.json(i.code);
        out.w.ascii(',"aspect":');
        out.w.json(i.aspect);
        out.w.ascii(',"kind":');
        out.w.json(i.kind);
        out.w.ascii(',"target":');
        const t = i.target;
        if (t.kind === 'value') out.num(t.value);
        else {
          out.w.ascii('{"low":');
          out.num(t.low);
          out.w.ascii(',"high":');
          out.num(t.high);
          out.w.byte(125);
        }
        out.w.ascii(',"actual":');
        out.num(i.actual);
        out.w.ascii(',"capaian":');
        out.num(roundForReport(r.capaian));
        out.w.ascii(',"status":');
        out.w.json(r.status);
        out.w.byte(125);
      }),
  },
  workRatingSource: { value: (e) => workRatingSourceOf(e), write: (out, e) => out.str(workRatingSourceOf(e)) },
  behaviour: {
    value: (e) => behaviourDocument(e),
    write: (out, e) => {
      const b = e.behaviour ?? null;
      if (b === null) return out.w.ascii('null');
      out.w.ascii('{"overall":');
      out.w.json(b.overall);
      out.w.ascii(',"fromPeriod":');
      out.str(b.fromPeriod);
      out.w.ascii(',"values":');
      // The list of value results is shared and frozen (engine/behaviour.ts).
      out.shared(b.values, behaviourValuesDocument);
      out.w.ascii(',"raters":');
      out.list(b.raters, (r) => {
        out.w.ascii('{"raterNip":');
        out.str(r.raterNip);
        out.w.ascii(',"role":');
        out.w.json(r.role);
        out.w.ascii(',"share":');
        out.num(roundForReport(r.share, 6));
        out.w.ascii(',"place":');
        out.w.json(formatPlace(r.place));
        out.w.byte(125);
      });
      out.w.byte(125);
    },
  },
  unitLeader: { value: (e) => e.unitLeader ?? false, write: (out, e) => out.w.ascii(e.unitLeader === true ? 'true' : 'false') },
  legacy: { value: (e) => legacyDocument(e) },
};

const EMPLOYEE_KEYS = Object.keys(EMPLOYEE_FIELDS) as (keyof EmployeeDocument)[];

/** `{"nip":`, `,"name":`, …: each key's bytes with the separator before it. */
const EMPLOYEE_KEY_BYTES = EMPLOYEE_KEYS.map((k, i) => Buffer.from(`${i === 0 ? '{' : ','}${JSON.stringify(k)}:`));

/**
 * The configured aspect keys (in order) with their `"key":` bytes; null when JavaScript would not
 * keep them in that order or once each (aspectsMap then writes the aspects). Made once per file.
 */
type AspectKeys = Map<string, Buffer> | null;

function aspectKeysOf(run: RunResult): AspectKeys {
  const keys = new Map<string, Buffer>();
  for (const a of run.config.aspects) {
    if (keys.has(a.key) || /^(0|[1-9][0-9]*)$/.test(a.key) || a.key === '__proto__') return null;
    keys.set(a.key, Buffer.from(`${JSON.stringify(a.key)}:`));
  }
  return keys;
}

/** An employee's line: the bytes of compact(employeeDocument(run, e)). */
function writeEmployee(out: JsonOut, run: RunResult, e: EmployeeResult, aspectKeys: AspectKeys): void {
  for (let i = 0; i < EMPLOYEE_KEYS.length; i++) {
    out.w.bytes(EMPLOYEE_KEY_BYTES[i]!);
    const field = EMPLOYEE_FIELDS[EMPLOYEE_KEYS[i]!] as EmployeeField<keyof EmployeeDocument>;
    if (field.write !== undefined) field.write(out, e, run, aspectKeys);
    else out.value(field.value(e, run));
  }
  out.w.byte(125);
}

/**
 * For tests: each employee's line as the file's writer makes it, beside compact(employeeDocument),
 * in the file's order (test/unit/results-json-lines.test.ts).
 */
export function employeeLinesForTest(run: RunResult): { nip: string; written: string; document: string }[] {
  const w = new ByteWriter(async (_chunk, release) => release()); // each line is taken back below
  const out = new JsonOut(w);
  const aspectKeys = aspectKeysOf(run);
  return sortedEmployees(run).map((e) => {
    const start = w.length;
    writeEmployee(out, run, e, aspectKeys);
    const written = w.copy(start).toString('utf8');
    w.truncate(start);
    return { nip: e.employee.nip, written, document: compact(employeeDocument(run, e)) };
  });
}

function employeeDocument(run: RunResult, e: EmployeeResult): EmployeeDocument {
  const doc = {} as Record<keyof EmployeeDocument, unknown>;
  for (const key of EMPLOYEE_KEYS) doc[key] = EMPLOYEE_FIELDS[key].value(e, run);
  return doc as EmployeeDocument;
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
  return `${[...formatPieces(doc, 0, null)].join('')}\n`;
}

/** Deepest level whose objects get one key per line; arrays get one element per line one level deeper. */
const KEYED_DEPTH = 1;

/**
 * The text of `value` at `depth`, in pieces of at most one array element or one key each. Given
 * `out` (the file's writer), a LazyList's elements are written into it straight (LazyList.write,
 * the same bytes), each followed by an empty piece, so that the caller may flush between them.
 */
function* formatPieces(value: unknown, depth: number, out: JsonOut | null): Generator<string> {
  if (out !== null && value instanceof LazyList && depth <= KEYED_DEPTH + 1) {
    const head = Buffer.from(`[\n${'  '.repeat(depth + 1)}`);
    const next = Buffer.from(`,\n${'  '.repeat(depth + 1)}`);
    let i = 0;
    for (const source of value.sources()) {
      out.w.bytes(i++ === 0 ? head : next);
      value.write(out, source);
      yield '';
    }
    return yield i === 0 ? '[]' : `\n${'  '.repeat(depth)}]`;
  }
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
      yield* formatPieces(v, depth + 1, out);
    }
    return yield `\n${'  '.repeat(depth)}}`;
  }
  yield compact(value);
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
  const file = createWriteStream(path);
  const failed = new Promise<never>((_, reject) => file.once('error', reject));
  failed.catch(() => {}); // observed through the races below
  // The text goes straight into reused byte chunks (byte-writer.ts), not into one big string per write.
  // Hashed as written, so that the manifest need not read the file back (io/file-digest.ts).
  const hash = new WriteDigest();
  const w = new ByteWriter(async (chunk, release) => {
    hash.update(chunk);
    if (!file.write(chunk, () => release())) await Promise.race([once(file, 'drain'), failed]);
  });
  const out = new JsonOut(w);
  let first = true;
  for (const key of Object.keys(parts) as (keyof ResultsDocument)[]) {
    if (key === 'employees') {
      w.ascii(`${first ? '{\n' : ',\n'}  "employees": `);
      first = false;
      const employees = sortedEmployees(run);
      const aspectKeys = aspectKeysOf(run);
      if (employees.length === 0) w.ascii('[]');
      for (let at = 0; at < employees.length; at++) {
        w.ascii(at === 0 ? '[\n    ' : ',\n    ');
        writeEmployee(out, run, employees[at]!, aspectKeys);
        if (w.full) await w.flush();
      }
      if (employees.length > 0) w.ascii('\n  ]');
      continue;
    }
    const value: unknown = parts[key]();
    if (value === undefined || typeof value === 'function') continue; // as JSON.stringify does
    w.utf8(`${first ? '{\n' : ',\n'}  ${JSON.stringify(key)}: `);
    first = false;
    for (const piece of formatPieces(value, 1, out)) {
      w.utf8(piece);
      if (w.full) await w.flush();
    }
  }
  w.ascii(first ? '{}\n' : '\n}\n');
  await w.flush();
  file.end();
  await Promise.race([finished(file), failed]);
  return hash.finish(path);
}

