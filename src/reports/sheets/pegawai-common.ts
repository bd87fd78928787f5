import type { Lang, Text } from '../../domain/i18n.js';
import type { EmployeeResult } from '../../engine/types.js';
import type { RunResult } from '../../pipeline/types.js';
import { roundForReport, statusLabel } from '../common.js';
import type { CellData, ColumnDef } from './types.js';

/**
 * The columns every Pegawai sheet shares, whatever the regime: who the employee is and the work
 * result in front, the status and its reasons behind. The regime's own columns go in between.
 */
const H = {
  nip: { id: 'NIP', en: 'NIP' },
  name: { id: 'Nama', en: 'Name' },
  unit: { id: 'Unit Kerja', en: 'Work Unit' },
  position: { id: 'Jabatan', en: 'Position' },
  workScore: { id: 'Nilai Hasil Kerja', en: 'Work Result Score' },
  status: { id: 'Status', en: 'Status' },
  reasons: { id: 'Alasan', en: 'Reasons' },
} satisfies Record<string, Text>;

export function leadingColumns(run: RunResult, lang: Lang): ColumnDef[] {
  return [
    { header: H.nip[lang], type: 'text', width: 20 },
    { header: H.name[lang], type: 'general', width: 24 },
    { header: H.unit[lang], type: 'general', width: 22 },
    { header: H.position[lang], type: 'general', width: 22 },
    ...run.config.aspects.map((a): ColumnDef => ({ header: a.label, type: 'number', width: 12 })),
    { header: H.workScore[lang], type: 'number', width: 12 },
  ];
}

/** The leading cells of an employee's row, in a fresh array the caller may extend. */
export function leadingCells(run: RunResult, e: EmployeeResult): CellData[] {
  const cells: CellData[] = [e.employee.nip, e.employee.name, e.employee.unit, e.employee.position];
  for (const a of run.config.aspects) {
    let score: number | null = null;
    for (const x of e.aspects) if (x.key === a.key) score = x.score; // the last of a key, as a Map by key keeps
    cells.push(roundForReport(score));
  }
  cells.push(roundForReport(e.workScore));
  return cells;
}

export function statusColumns(lang: Lang): ColumnDef[] {
  return [
    { header: H.status[lang], type: 'general', width: 10 },
    { header: H.reasons[lang], type: 'general', width: 30 },
  ];
}

export function statusCells(e: EmployeeResult, lang: Lang): CellData[] {
  return [statusLabel(e.status, lang), e.pendingReasons.length === 0 ? null : e.pendingReasons.join('; ')];
}
