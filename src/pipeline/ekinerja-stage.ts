import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/schema.js';
import type { Lang } from '../domain/i18n.js';
import type { IssueSink } from '../domain/issues.js';
import type { CellPlace } from '../domain/place.js';
import type { Period } from '../domain/period.js';
import type { Predikat, Rating } from '../domain/ratings.js';
import type { EmployeeResult } from '../engine/types.js';
import type { RowCounts } from '../ingest/counts.js';
import { EKINERJA_PREDIKAT_COLUMNS, ingestEkinerjaPredikat } from '../ingest/ekinerja-predikat.js';
import { openTable, type OpenedTable } from '../io/table.js';
import { displayPath, periodDir } from '../workspace/layout.js';

/**
 * e-Kinerja comparison (issue 6 item 3): when data/<period>/predikat-ekinerja.csv (or .xlsx) is
 * present, every appraised employee's predikat is set beside the predikat the national e-Kinerja
 * application gave. Differences are information for the HR officer, never errors, and never change
 * a predikat. The list belongs to the period it is filed under: a semester or a year is not built
 * from its sub-periods' lists (a quarter's predikat is not the year's).
 */

export const EKINERJA_FILE = 'predikat-ekinerja';

/**
 * same / different: both sides have a predikat. missing-ekinerja: the run has a predikat, the list
 * has none (not assessed in e-Kinerja yet). missing-run: the list has one, the run's is pending (or
 * the regime gives none). missing-both: neither. not-appraised: a NIP of the list that this run does
 * not appraise (not in the roster, or not active in the period).
 */
export type EkinerjaStatus = 'same' | 'different' | 'missing-ekinerja' | 'missing-run' | 'missing-both' | 'not-appraised';
export const EKINERJA_STATUSES: readonly EkinerjaStatus[] = ['same', 'different', 'missing-ekinerja', 'missing-run', 'missing-both', 'not-appraised'];

export interface EkinerjaRow {
  nip: string;
  name: string | null;
  unit: string | null;
  status: EkinerjaStatus;
  predikat: Predikat | null;
  ekinerjaPredikat: Predikat | null;
  workRating: Rating | null;
  ekinerjaWorkRating: Rating | null;
  behaviourRating: Rating | null;
  ekinerjaBehaviourRating: Rating | null;
  /** The period the e-Kinerja assessment covers, when the list states it. */
  ekinerjaPeriod: string | null;
  /** The row of the list, and where the conversion read it in the export. */
  place: CellPlace | null;
  source: string | null;
  /** Why the run has no predikat (its pending reasons), for missing-run and missing-both. */
  pendingReasons: string[];
}

export interface EkinerjaComparison {
  /** The list read (workspace-relative). */
  file: string;
  /** Appraised employees first (unit, NIP order of the run), then the list's other NIPs by NIP. */
  rows: EkinerjaRow[];
  counts: Record<EkinerjaStatus, number>;
}

export interface EkinerjaStageInput {
  workspace: string;
  config: Config;
  period: Period;
  lang: Lang;
  sink: IssueSink;
  record: (kind: 'predikat-ekinerja', table: OpenedTable, counts: RowCounts) => void;
  say?: (text: string) => void;
}

/** data/<period>/predikat-ekinerja.{xlsx,csv}; both side by side is an error (which is current?). */
function locate(input: EkinerjaStageInput): { path: string; display: string } | null {
  const dir = periodDir(input.workspace, input.config, input.period);
  const found = ['xlsx', 'csv'].map((ext) => join(dir, `${EKINERJA_FILE}.${ext}`)).filter((p) => existsSync(p));
  if (found.length === 2) {
    const [a, b] = found.map((p) => displayPath(input.workspace, p));
    input.sink.error('INPUT_AMBIGUOUS', { file: a! }, {
      id: `${a} dan ${b} sama-sama ada; tidak jelas mana yang berlaku, predikat e-Kinerja tidak dibandingkan.`,
      en: `Both ${a} and ${b} exist; it is unclear which one is current, so the e-Kinerja predikat is not compared.`,
    }, { id: 'Hapus atau pindahkan salah satunya.', en: 'Delete or move one of them.' });
    return null;
  }
  return found.length === 1 ? { path: found[0]!, display: displayPath(input.workspace, found[0]!) } : null;
}

export async function runEkinerjaStage(input: EkinerjaStageInput, employees: readonly EmployeeResult[]): Promise<EkinerjaComparison | null> {
  const location = locate(input);
  if (!location) return null;
  const table = await openTable({ path: location.path, displayName: location.display, columns: EKINERJA_PREDIKAT_COLUMNS, sink: input.sink });
  if (!table) return null;
  input.say?.(input.lang === 'id' ? `Membaca ${location.display}` : `Reading ${location.display}`);
  const list = await ingestEkinerjaPredikat(table, { periodId: input.period.id }, input.sink);
  input.record('predikat-ekinerja', table, list.counts);
  return compareEkinerja(table.info.file, employees, list.byNip);
}

/** The comparison itself, on records already read (pure). */
export function compareEkinerja(
  file: string,
  employees: readonly EmployeeResult[],
  list: ReadonlyMap<string, {
    nip: string; name: string | null; predikat: Predikat; workRating: Rating | null; behaviourRating: Rating | null;
    period: string | null; source: string | null; place: CellPlace;
  }>,
): EkinerjaComparison {
  const rows: EkinerjaRow[] = [];
  const seen = new Set<string>();
  for (const e of employees) {
    const nip = e.employee.nip;
    seen.add(nip);
    const k = list.get(nip) ?? null;
    const ours = e.predikat;
    const status: EkinerjaStatus = k === null
      ? (ours === null ? 'missing-both' : 'missing-ekinerja')
      : ours === null ? 'missing-run' : ours === k.predikat ? 'same' : 'different';
    rows.push({
      nip, name: e.employee.name, unit: e.employee.unit, status,
      predikat: ours, ekinerjaPredikat: k?.predikat ?? null,
      workRating: e.workRating.final, ekinerjaWorkRating: k?.workRating ?? null,
      behaviourRating: e.behaviourRating, ekinerjaBehaviourRating: k?.behaviourRating ?? null,
      ekinerjaPeriod: k?.period ?? null, place: k?.place ?? null, source: k?.source ?? null,
      pendingReasons: ours === null ? [...e.pendingReasons] : [],
    });
  }
  const others = [...list.values()].filter((k) => !seen.has(k.nip)).sort((a, b) => (a.nip < b.nip ? -1 : a.nip > b.nip ? 1 : 0));
  for (const k of others) {
    rows.push({
      nip: k.nip, name: k.name, unit: null, status: 'not-appraised',
      predikat: null, ekinerjaPredikat: k.predikat,
      workRating: null, ekinerjaWorkRating: k.workRating, behaviourRating: null, ekinerjaBehaviourRating: k.behaviourRating,
      ekinerjaPeriod: k.period, place: k.place, source: k.source, pendingReasons: [],
    });
  }
  const counts = Object.fromEntries(EKINERJA_STATUSES.map((s) => [s, rows.filter((r) => r.status === s).length])) as Record<EkinerjaStatus, number>;
  return { file, rows, counts };
}
