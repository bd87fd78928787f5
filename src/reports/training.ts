import { formatNumber } from '../domain/exact.js';
import type { Lang, Text } from '../domain/i18n.js';
import { predikatLabel, ratingLabel, type Predikat, type Rating } from '../domain/ratings.js';
import { MUTU, type MutuCode } from '../engine/ikm.js';
import { sasaranText, type GapKind } from '../engine/training.js';
import type { EmployeeResult, TrainingItem } from '../engine/types.js';
import type { RunResult } from '../pipeline/types.js';
import { sortedEmployees } from './common.js';
import type { CellData, ColumnDef, SheetBlock, SheetContent } from './sheets/types.js';

/**
 * The training lists (SPEC §5, §6) as tables, shared by the Pelatihan sheet of the main workbook,
 * rekomendasi-pelatihan-<period>.xlsx and .csv, and the JSON: they all show the same rows.
 * Nothing is computed here beyond regrouping; the engine decided every gap and program.
 */

export function trainingWorkbookFileName(periodId: string): string {
  return `rekomendasi-pelatihan-${periodId}.xlsx`;
}
export function trainingCsvFileName(periodId: string): string {
  return `rekomendasi-pelatihan-${periodId}.csv`;
}

const KIND_LABELS: Record<GapKind, Text> = {
  predikat: { id: 'Predikat', en: 'Predikat' },
  behaviour: { id: 'Perilaku', en: 'Behaviour' },
  aspect: { id: 'Aspek', en: 'Aspect' },
  indicator: { id: 'Indikator', en: 'Indicator' },
  unsur: { id: 'Unsur survei', en: 'Survey unsur' },
};

export function gapKindLabel(kind: GapKind, lang: Lang): string {
  return KIND_LABELS[kind][lang];
}

/** The measured gap as people read it: a number, or the predikat, rating or mutu label. */
export function gapText(kind: GapKind, gap: number | string, lang: Lang): string | number {
  if (typeof gap === 'number') return gap;
  if (kind === 'predikat') return predikatLabel(gap as Predikat, lang);
  if (kind === 'behaviour') return ratingLabel(gap as Rating, lang);
  if (kind === 'unsur' && gap in MUTU) return `${gap} (${MUTU[gap as MutuCode].label[lang]})`;
  return gap;
}

const H = {
  nip: { id: 'NIP', en: 'NIP' },
  name: { id: 'Nama', en: 'Name' },
  unit: { id: 'Unit Kerja', en: 'Work Unit' },
  position: { id: 'Jabatan', en: 'Position' },
  rank: { id: 'Urutan', en: 'Rank' },
  code: { id: 'Kode', en: 'Code' },
  program: { id: 'Program', en: 'Programme' },
  kind: { id: 'Jenis Celah', en: 'Gap Kind' },
  sasaran: { id: 'Sasaran', en: 'Sasaran' },
  gap: { id: 'Celah', en: 'Gap' },
  priority: { id: 'Prioritas', en: 'Priority' },
  reason: { id: 'Alasan', en: 'Reason' },
  also: { id: 'Juga Menjawab', en: 'Also Answers' },
  hours: { id: 'JP', en: 'Hours (JP)' },
  mode: { id: 'Moda', en: 'Mode' },
  provider: { id: 'Penyelenggara', en: 'Provider' },
  participants: { id: 'Peserta', en: 'Participants' },
  units: { id: 'Unit Kerja Peserta', en: 'Participants’ Units' },
  totalHours: { id: 'Total JP', en: 'Total Hours (JP)' },
  employees: { id: 'Pegawai', en: 'Employees' },
  recommendations: { id: 'Rekomendasi', en: 'Recommendations' },
  programs: { id: 'Program', en: 'Programmes' },
  withoutHours: { id: 'Rekomendasi tanpa JP', en: 'Recommendations without JP' },
  nips: { id: 'NIP Pegawai', en: 'Employee NIPs' },
  label: { id: 'Celah', en: 'Gap' },
} satisfies Record<string, Text>;

const col = (h: Text, lang: Lang, type: ColumnDef['type'], width: number): ColumnDef => ({ header: h[lang], type, width });

/** Employees in report order with their recommendations (employees without any are skipped). */
export function employeesWithTraining(run: RunResult): { e: EmployeeResult; items: TrainingItem[] }[] {
  return sortedEmployees(run).flatMap((e) => (e.training && e.training.length > 0 ? [{ e, items: e.training }] : []));
}

function programOf(run: RunResult, code: string) {
  return run.training?.catalogue.find((p) => p.code === code) ?? null;
}

export function employeeColumns(lang: Lang): ColumnDef[] {
  return [
    col(H.nip, lang, 'text', 20),
    col(H.name, lang, 'general', 24),
    col(H.unit, lang, 'general', 24),
    col(H.position, lang, 'general', 22),
    col(H.rank, lang, 'integer', 7),
    col(H.code, lang, 'general', 10),
    col(H.program, lang, 'general', 32),
    col(H.kind, lang, 'general', 12),
    col(H.sasaran, lang, 'general', 24),
    col(H.gap, lang, 'general', 10),
    col(H.priority, lang, 'integer', 8),
    col(H.reason, lang, 'general', 60),
    col(H.also, lang, 'general', 24),
    col(H.hours, lang, 'number', 8),
    col(H.mode, lang, 'general', 12),
    col(H.provider, lang, 'general', 22),
  ];
}

/**
 * One row per employee and recommended program, in priority order. Made as the writer pulls them
 * (a generator, single pass): held as an array they lived through the whole Pelatihan sheet and
 * were promoted to the old generation only to die there (at 100,000 employees).
 */
export function* employeeRows(run: RunResult, lang: Lang): Generator<(string | number | null)[]> {
  for (const e of sortedEmployees(run)) {
    const items = e.training ?? [];
    for (const [i, t] of items.entries()) {
      const p = programOf(run, t.code);
      yield [
        e.employee.nip, e.employee.name, e.employee.unit, e.employee.position,
        i + 1, t.code, t.program, gapKindLabel(t.kind, lang), t.sasaran, gapText(t.kind, t.gap, lang), t.priority, t.reason,
        t.also.length ? t.also.join('; ') : null,
        p?.hours ?? null, p?.mode ?? null, p?.provider ?? null,
      ];
    }
  }
}

export function programBlocks(run: RunResult, lang: Lang): SheetBlock[] {
  const plan = run.training?.plan;
  const programs = plan?.programs ?? [];
  const summary: SheetBlock = {
    columns: [
      col(H.code, lang, 'general', 10), col(H.program, lang, 'general', 32), col(H.mode, lang, 'general', 12),
      col(H.provider, lang, 'general', 22), col(H.hours, lang, 'number', 8), col(H.participants, lang, 'integer', 9),
      col(H.units, lang, 'general', 40), col(H.totalHours, lang, 'number', 10),
    ],
    rows: programs.map((p): CellData[] => [
      p.code, p.program, p.mode, p.provider, p.hours, p.participants.length, p.units.join('; '), p.totalHours,
    ]),
  };
  const participants: SheetBlock = {
    title: lang === 'id' ? 'Peserta per program' : 'Participants per programme',
    columns: [
      col(H.code, lang, 'general', 10), col(H.program, lang, 'general', 32), col(H.nip, lang, 'text', 20),
      col(H.name, lang, 'general', 24), col(H.unit, lang, 'general', 24), col(H.hours, lang, 'number', 8),
    ],
    // A row per participant (about one per employee): made as pulled, like employeeRows.
    rows: (function* (): Generator<CellData[]> {
      for (const p of programs) for (const x of p.participants) yield [p.code, p.program, x.nip, x.name, x.unit, p.hours];
    })(),
  };
  return [summary, participants];
}

export function unitBlock(run: RunResult, lang: Lang): SheetBlock {
  const units = run.training?.plan.units ?? [];
  return {
    columns: [
      col(H.unit, lang, 'general', 30), col(H.employees, lang, 'integer', 9), col(H.recommendations, lang, 'integer', 12),
      col(H.programs, lang, 'general', 30), col(H.totalHours, lang, 'number', 10), col(H.withoutHours, lang, 'integer', 12),
    ],
    rows: units.map((u): CellData[] => [u.unit, u.employees, u.recommendations, u.programs.join('; '), u.totalHours, u.withoutHours]),
  };
}

export function unmatchedBlock(run: RunResult, lang: Lang): SheetBlock {
  const unmatched = run.training?.plan.unmatched ?? [];
  return {
    columns: [
      col(H.kind, lang, 'general', 12), col(H.sasaran, lang, 'general', 28), col(H.label, lang, 'general', 36),
      col(H.employees, lang, 'integer', 9), col(H.nips, lang, 'general', 44),
    ],
    rows: unmatched.map((u): CellData[] => [
      gapKindLabel(u.kind, lang), sasaranText(u.kind, u.key), u.label[lang], u.employees, u.nips.join('; '),
    ]),
  };
}

/** How many rows employeeRows makes: one per employee and recommended program. */
export function employeeRowCount(run: RunResult): number {
  let n = 0;
  for (const e of run.employees) n += e.training?.length ?? 0;
  return n;
}

/**
 * Sheets of rekomendasi-pelatihan-<period>.xlsx; sheet names stay Indonesian, like the main workbook's.
 * `streamed`: the caller knows the workbook will be streamed (it has more rows than the streaming
 * threshold), so its two long blocks stay generators, made as the writer pulls them; held as
 * arrays (~600k rows at 100,000 employees) they lived through the whole file and were promoted
 * to the old generation. Otherwise arrays: writeSheetsWorkbook counts array rows to choose the
 * in-memory or streamed writer.
 */
export function trainingWorkbookSheets(run: RunResult, lang: Lang, streamed = false): { name: string; content: SheetContent }[] {
  const perEmployee = employeeRows(run, lang);
  return [
    { name: 'Per Pegawai', content: { blocks: [{ columns: employeeColumns(lang), rows: streamed ? perEmployee : [...perEmployee] }] } },
    { name: 'Per Program', content: { blocks: streamed ? programBlocks(run, lang) : programBlocks(run, lang).map((b) => ({ ...b, rows: [...b.rows] })) } },
    { name: 'Per Unit', content: { blocks: [unitBlock(run, lang)] } },
    { name: 'Celah Tanpa Program', content: { blocks: [unmatchedBlock(run, lang)] } },
  ];
}

/** A one-line summary, e.g. for the run summary and the terminal table's footer. */
export function trainingSummaryLine(run: RunResult, lang: Lang): string | null {
  const t = run.training;
  if (!t) return null;
  const p = t.plan;
  const unmatched = p.unmatched.reduce((s, u) => s + u.employees, 0);
  const hours = p.programs.reduce((s, x) => s + (x.totalHours ?? 0), 0);
  return lang === 'id'
    ? `Rekomendasi pelatihan: ${p.recommendations} untuk ${p.employees} pegawai, ${p.programs.length} program, ${formatNumber(hours, 'id', 0)} JP; ${unmatched} celah tanpa program.`
    : `Training recommendations: ${p.recommendations} for ${p.employees} employee(s), ${p.programs.length} programme(s), ${formatNumber(hours, 'en', 0)} hours; ${unmatched} gap(s) without a programme.`;
}

