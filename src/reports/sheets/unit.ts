import type { Lang, Text } from '../../domain/i18n.js';
import { PREDIKATS, predikatLabel } from '../../domain/ratings.js';
import type { RunResult } from '../../pipeline/types.js';
import { curveStatus, orgLabel, violationColumns, violationRows } from '../appraisal.js';
import { compareText } from '../common.js';
import type { CellData, ColumnDef, SheetBlock, SheetBuilder, SheetContent } from './types.js';

/**
 * Unit: each unit's organisational predikat, leader, people served, the predikat counts of its
 * curve (leader excluded), the curve status, and every violation with the employees to review.
 */
const H = {
  unit: { id: 'Unit Kerja', en: 'Work Unit' },
  org: { id: 'Predikat Organisasi', en: 'Organisational Predikat' },
  leader: { id: 'NIP Pimpinan', en: 'Leader NIP' },
  leaderName: { id: 'Nama Pimpinan', en: 'Leader Name' },
  population: { id: 'Jumlah Penerima Layanan', en: 'People Served' },
  employees: { id: 'Pegawai', en: 'Employees' },
  members: { id: 'Pegawai dalam Kurva', en: 'Employees in Curve' },
  pending: { id: 'Tertunda', en: 'Pending' },
  status: { id: 'Status Kurva', en: 'Curve Status' },
  notes: { id: 'Catatan', en: 'Notes' },
  violations: { id: 'Pelanggaran kurva dan pegawai yang perlu ditinjau', en: 'Curve violations and employees to review' },
} satisfies Record<string, Text>;

const STATUS_FILLS = { ok: 'FFC6EFCE', violation: 'FFFFC7CE', pending: 'FFFFEB9C', none: undefined } as const;

export function buildUnit(run: RunResult, lang: Lang): SheetContent {
  const names = new Map(run.employees.map((e) => [e.employee.nip, e.employee.name]));
  const columns: ColumnDef[] = [
    { header: H.unit[lang], type: 'general', width: 30 },
    { header: H.org[lang], type: 'general', width: 16 },
    { header: H.leader[lang], type: 'text', width: 20 },
    { header: H.leaderName[lang], type: 'general', width: 24 },
    { header: H.population[lang], type: 'integer', width: 12 },
    { header: H.employees[lang], type: 'integer', width: 10 },
    { header: H.members[lang], type: 'integer', width: 10 },
    ...PREDIKATS.map((p): ColumnDef => ({ header: predikatLabel(p, lang), type: 'integer', width: 10 })),
    { header: H.pending[lang], type: 'integer', width: 10 },
    { header: H.status[lang], type: 'general', width: 20 },
    { header: H.notes[lang], type: 'general', width: 40 },
  ];
  const rows = [...run.units].sort((a, b) => compareText(a.unit, b.unit)).map((u): CellData[] => {
    const c = u.curveDetail ?? null;
    const status = curveStatus(u, lang);
    const fill = STATUS_FILLS[status.code];
    const leader = u.leaderNip ?? null;
    return [
      u.unit,
      orgLabel(u.orgPredikat, lang),
      leader,
      leader === null ? null : (names.get(leader) ?? null),
      u.population ?? null,
      u.employees,
      c === null ? null : c.n,
      ...PREDIKATS.map((p) => (c === null ? (u.counts?.[p] ?? null) : c.counts[p])),
      c === null ? u.pending : c.pending.length,
      fill ? { value: status.label, fill } : status.label,
      c === null ? null : c.notes.map((n) => n[lang]).join(' ') || null,
    ];
  });
  const violations: SheetBlock = { title: H.violations[lang], columns: violationColumns(lang), rows: violationRows(run, lang) };
  return { blocks: [{ columns, rows }, violations] };
}

export const unitSheet: SheetBuilder = { name: 'Unit', build: buildUnit };
