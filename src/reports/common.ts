import type { Lang, Text } from '../domain/i18n.js';
import type { Issue, Severity } from '../domain/issues.js';
import { roundHalfUp } from '../domain/exact.js';
import { RATINGS, type Rating } from '../domain/ratings.js';
import type { Direction, EmployeeResult, EmployeeStatus, IndicatorKind, Target } from '../engine/types.js';
import type { RunResult, UnitResult } from '../pipeline/types.js';
import { indicatorCount } from '../engine/work.js';

/**
 * Helpers shared by every reporter (JSON, workbook, terminal), so that they order, round and
 * label the same run the same way.
 */

/** Code-unit order, not localeCompare: the order must not depend on the machine's ICU data. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Employees ordered by unit, then NIP (SPEC §8: same inputs → same outputs). */
export function sortedEmployees(run: RunResult): EmployeeResult[] {
  // Every sheet and the JSON ask for this order: sorted once per employee list (a copy is
  // returned, so a caller may reorder its own). The cache holds while the list holds the same
  // results (checked in one pass, far cheaper than the sort's string comparisons).
  const cached = SORTED.get(run.employees);
  if (cached !== undefined && cached.list.length === run.employees.length && run.employees.every((e) => cached.members.has(e))) {
    return [...cached.list];
  }
  const list = [...run.employees].sort(compareEmployees);
  SORTED.set(run.employees, { list, members: new Set(list) });
  return [...list];
}

const SORTED = new WeakMap<readonly EmployeeResult[], { list: EmployeeResult[]; members: Set<EmployeeResult> }>();

function compareEmployees(a: EmployeeResult, b: EmployeeResult): number {
  return compareText(a.employee.unit, b.employee.unit) || compareText(a.employee.nip, b.employee.nip);
}

/** Column letters sort by length first, so B comes before AA. */
function compareColumn(a: string | undefined, b: string | undefined): number {
  const x = a ?? '';
  const y = b ?? '';
  return x.length - y.length || compareText(x, y);
}

/**
 * Issues ordered by file, sheet, row, column; issues about a whole file (no row) come first.
 * Code and message break ties so that the order never depends on the order issues were found in.
 */
export function sortedIssues(issues: readonly Issue[]): Issue[] {
  return [...issues].sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      compareText(a.sheet ?? '', b.sheet ?? '') ||
      (a.row ?? 0) - (b.row ?? 0) ||
      compareColumn(a.column, b.column) ||
      compareText(a.code, b.code) ||
      compareText(a.message, b.message),
  );
}

/**
 * Half-up to `dp` decimals for output. The engine keeps unrounded values; reports round only when
 * they show a number (SPEC §3). A non-finite number here is a bug upstream, never written as null.
 */
export function roundForReport(x: number | null, dp = 2): number | null {
  if (x === null) return null;
  if (!Number.isFinite(x)) throw new Error(`appraise: cannot report a non-finite number (${x})`);
  return roundHalfUp(x, dp);
}

/** A plain number in text, with the language's decimal separator and no rounding. */
export function plainNumber(x: number, lang: Lang): string {
  const s = String(x);
  return lang === 'id' ? s.replace('.', ',') : s;
}

/** `80–90` for a range (en dash), the number itself for a single value. */
export function targetText(t: Target, lang: Lang): string {
  return t.kind === 'range' ? `${plainNumber(t.low, lang)}–${plainNumber(t.high, lang)}` : plainNumber(t.value, lang);
}

const STATUS_LABELS: Record<EmployeeStatus, Text> = {
  complete: { id: 'Lengkap', en: 'Complete' },
  pending: { id: 'Tertunda', en: 'Pending' },
};
export function statusLabel(s: EmployeeStatus, lang: Lang): string {
  return STATUS_LABELS[s][lang];
}

const SEVERITY_LABELS: Record<Severity, Text> = {
  error: { id: 'Kesalahan', en: 'Error' },
  warning: { id: 'Peringatan', en: 'Warning' },
  info: { id: 'Informasi', en: 'Information' },
};
export function severityLabel(s: Severity, lang: Lang): string {
  return SEVERITY_LABELS[s][lang];
}
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

const KIND_LABELS: Record<IndicatorKind, Text> = {
  utama: { id: 'Utama', en: 'Main' },
  tambahan: { id: 'Tambahan', en: 'Additional' },
};
export function kindLabel(k: IndicatorKind, lang: Lang): string {
  return KIND_LABELS[k][lang];
}

const DIRECTION_LABELS: Record<Direction, Text> = {
  naik: { id: 'Naik', en: 'Higher is better' },
  turun: { id: 'Turun', en: 'Lower is better' },
};
export function directionLabel(d: Direction, lang: Lang): string {
  return DIRECTION_LABELS[d][lang];
}

/** The configured label of an aspect key; the key itself when the config does not know it. */
export function aspectLabel(run: RunResult, key: string): string {
  return aspectLabelIn(run.config.aspects, key);
}

/** aspectLabel from the configured aspects themselves (a worker without the run). */
export function aspectLabelIn(aspects: readonly { key: string; label: string }[], key: string): string {
  return aspects.find((a) => a.key === key)?.label ?? key;
}

export function countBySeverity(issues: readonly Issue[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const i of issues) counts[i.severity]++;
  return counts;
}

export type RatingCounts = Record<Rating, number> & { none: number };

function emptyRatingCounts(): RatingCounts {
  const c = { none: 0 } as RatingCounts;
  for (const r of RATINGS) c[r] = 0;
  return c;
}

export function countRatings(employees: readonly EmployeeResult[], which: 'suggested' | 'final'): RatingCounts {
  const c = emptyRatingCounts();
  for (const e of employees) {
    const r = e.workRating[which];
    if (r === null) c.none++;
    else c[r]++;
  }
  return c;
}

/** Rating order for tables: best first. */
export const RATINGS_BEST_FIRST: readonly Rating[] = [...RATINGS].reverse();

export interface UnitSummary {
  unit: string;
  employees: number;
  complete: number;
  pending: number;
  meanWorkScore: number | null;
  suggested: RatingCounts;
  final: RatingCounts;
}

function mean(xs: number[]): number | null {
  return xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length;
}

/**
 * Per-unit lines for Ringkasan and the terminal. Counts and means come from run.units (the
 * pipeline's numbers); a unit that only the employees name is computed from them, so no employee
 * is left out of the per-unit table. Rating counts are counted from the employees.
 */
export function unitSummaries(run: RunResult): UnitSummary[] {
  const byUnit = new Map<string, EmployeeResult[]>();
  for (const e of run.employees) {
    const list = byUnit.get(e.employee.unit) ?? [];
    list.push(e);
    byUnit.set(e.employee.unit, list);
  }
  const known = new Map<string, UnitResult>(run.units.map((u) => [u.unit, u]));
  const names = [...new Set([...known.keys(), ...byUnit.keys()])].sort(compareText);
  return names.map((unit) => {
    const emps = byUnit.get(unit) ?? [];
    const u = known.get(unit);
    return {
      unit,
      employees: u?.employees ?? emps.length,
      complete: u?.complete ?? emps.filter((e) => e.status === 'complete').length,
      pending: u?.pending ?? emps.filter((e) => e.status === 'pending').length,
      meanWorkScore: u ? u.meanWorkScore : mean(emps.flatMap((e) => (e.workScore === null ? [] : [e.workScore]))),
      suggested: countRatings(emps, 'suggested'),
      final: countRatings(emps, 'final'),
    };
  });
}

/** Totals over all employees of the run. */
export function totalSummary(run: RunResult): UnitSummary {
  const emps = run.employees;
  return {
    unit: '',
    employees: emps.length,
    complete: emps.filter((e) => e.status === 'complete').length,
    pending: emps.filter((e) => e.status === 'pending').length,
    meanWorkScore: mean(emps.flatMap((e) => (e.workScore === null ? [] : [e.workScore]))),
    suggested: countRatings(emps, 'suggested'),
    final: countRatings(emps, 'final'),
  };
}

export const REGIME_BASIS: Record<RunResult['regime'], Text> = {
  'permenpan-6-2022': {
    id: 'Peraturan Menteri PANRB Nomor 6 Tahun 2022 tentang Pengelolaan Kinerja Pegawai Aparatur Sipil Negara',
    en: 'Regulation of the Minister of PANRB No. 6 of 2022 on the Performance Management of Civil Servants (ASN)',
  },
  'pp-30-2019': {
    id: 'Peraturan Pemerintah Nomor 30 Tahun 2019 tentang Penilaian Kinerja Pegawai Negeri Sipil',
    en: 'Government Regulation No. 30 of 2019 on the Performance Appraisal of Civil Servants (PNS)',
  },
  'pp-46-2011': {
    id: 'Peraturan Pemerintah Nomor 46 Tahun 2011 tentang Penilaian Prestasi Kerja Pegawai Negeri Sipil',
    en: 'Government Regulation No. 46 of 2011 on the Work Performance Appraisal of Civil Servants (PNS)',
  },
};

/** Report file names of SPEC §6. */
export function workbookFileName(periodId: string): string {
  return `laporan-kinerja-${periodId}.xlsx`;
}
export function resultsFileName(periodId: string): string {
  return `hasil-${periodId}.json`;
}
export function indicatorCsvFileName(periodId: string): string {
  return `indikator-${periodId}.csv`;
}

/** Number of indicator rows of the run (one per indicator result). */
export function indicatorRowCount(run: RunResult): number {
  let n = 0;
  for (const e of run.employees) n += indicatorCount(e);
  return n;
}

/** SPEC §9: above detailSheetMaxRows the Indikator rows go to `indikator-<period>.csv`. */
export function indicatorsGoToCsv(run: RunResult): boolean {
  return indicatorRowCount(run) > run.config.reports.detailSheetMaxRows;
}
