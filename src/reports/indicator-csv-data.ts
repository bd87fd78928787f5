import type { Lang } from '../domain/i18n.js';
import type { CapaianPolicy } from '../engine/capaian.js';
import type { Employee } from '../engine/types.js';
import type { IndicatorColumnsData } from '../ingest/indicator-rows.js';
import type { FileDigest } from '../io/file-digest.js';
import { compareText } from './common.js';

/**
 * What the indicator csv worker (indicator-csv-worker.ts) is given and answers, and the employee
 * order both sides agree on. Kept apart from indicator-csv.ts so that the worker loads none of the
 * main thread's writers.
 */

/**
 * The employees with indicator rows, packed: two strings and a few number columns instead of an
 * object each (at N = 1,000,000 a cloned object per employee would cost the worker ~100 MB).
 */
export interface CsvEmployees {
  count: number;
  /** The NIPs one after another; employee k's is nips.slice(nipEnds[k - 1] ?? 0, nipEnds[k]). */
  nips: string;
  nipEnds: Uint32Array;
  names: string;
  nameEnds: Uint32Array;
  /** Rank of the employee's unit in compareText order (equal units, equal rank). */
  unitRank: Uint32Array;
  /** The employee's group in the columns. */
  group: Uint32Array;
}

export interface IndicatorCsvWorkerData {
  /** The file to write (a reserved temporary name) and its file name, for errors. */
  path: string;
  label: string;
  /** The csv's language (labels, headers) and the run's (capaian formulas): what the main thread's path uses. */
  lang: Lang;
  scoringLang: Lang;
  policy: CapaianPolicy;
  aspects: { key: string; label: string }[];
  columns: IndicatorColumnsData;
  employees: CsvEmployees;
  /** Test hook (APPRAISE_TEST_INDICATOR_CSV_FAIL): fail with every row written, before the file is closed. */
  failBeforeClose?: boolean;
}

export type ToCsvWorker = { op: 'abort' };
export type FromCsvWorker =
  | { op: 'done'; digest: FileDigest; rows: number }
  | { op: 'failed'; message: string; code?: string; stack?: string }
  /** Stopped on request: the file is closed and removed. */
  | { op: 'aborted' };

/** `employees` (each with its group) packed for the worker. */
export function packEmployees(employees: readonly { employee: Employee; group: number }[]): CsvEmployees {
  const count = employees.length;
  const units = [...new Set(employees.map((e) => e.employee.unit))].sort(compareText);
  const rankOf = new Map(units.map((u, i) => [u, i]));
  const nipEnds = new Uint32Array(count);
  const nameEnds = new Uint32Array(count);
  const unitRank = new Uint32Array(count);
  const group = new Uint32Array(count);
  const nips: string[] = [];
  const names: string[] = [];
  let nipEnd = 0;
  let nameEnd = 0;
  employees.forEach(({ employee, group: g }, k) => {
    nips.push(employee.nip);
    names.push(employee.name);
    nipEnds[k] = nipEnd += employee.nip.length;
    nameEnds[k] = nameEnd += employee.name.length;
    unitRank[k] = rankOf.get(employee.unit)!;
    group[k] = g;
  });
  return { count, nips: nips.join(''), nipEnds, names: names.join(''), nameEnds, unitRank, group };
}

/** Employee k's NIP and name. */
export function nipAt(e: CsvEmployees, k: number): string {
  return e.nips.slice(k === 0 ? 0 : e.nipEnds[k - 1]!, e.nipEnds[k]!);
}
export function nameAt(e: CsvEmployees, k: number): string {
  return e.names.slice(k === 0 ? 0 : e.nameEnds[k - 1]!, e.nameEnds[k]!);
}

/**
 * Employee positions in the csv's order: unit, then NIP, both compared by code units, as
 * sortedEmployees orders the run (reports/common.ts compareEmployees). NIPs are unique in a roster,
 * so the order is total.
 */
export function csvOrder(e: CsvEmployees): Uint32Array {
  const { nips, nipEnds, unitRank } = e;
  const order = new Uint32Array(e.count);
  for (let k = 0; k < e.count; k++) order[k] = k;
  // The NIPs compared in place (what compareText's `<` does), not sliced into a string each.
  return order.sort((i, j) => {
    const d = unitRank[i]! - unitRank[j]!;
    if (d !== 0) return d;
    let a = i === 0 ? 0 : nipEnds[i - 1]!;
    let b = j === 0 ? 0 : nipEnds[j - 1]!;
    const aEnd = nipEnds[i]!;
    const bEnd = nipEnds[j]!;
    for (; a < aEnd && b < bEnd; a++, b++) {
      const c = nips.charCodeAt(a) - nips.charCodeAt(b);
      if (c !== 0) return c;
    }
    return (aEnd - a) - (bEnd - b);
  });
}
