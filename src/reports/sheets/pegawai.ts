import type { Lang, Text } from '../../domain/i18n.js';
import { predikatLabel, ratingLabel, type Predikat, type Rating } from '../../domain/ratings.js';
import { basisComplaintTotal } from '../../engine/feedback-attribution.js';
import type { RunResult } from '../../pipeline/types.js';
import { roundForReport, sortedEmployees } from '../common.js';
import { leadingCells, leadingColumns, statusCells, statusColumns } from './pegawai-common.js';
import { buildPegawaiLegacy } from './pegawai-legacy.js';
import type { CellData, ColumnDef, SheetBuilder, SheetContent } from './types.js';

/** Predikat colours (SPEC §6), light fills that keep black text readable. */
export const PREDIKAT_FILLS: Record<Predikat, string> = {
  SANGAT_BAIK: 'FFC6EFCE',
  BAIK: 'FFE2EFDA',
  BUTUH_PERBAIKAN: 'FFFFEB9C',
  KURANG: 'FFF8CBAD',
  SANGAT_KURANG: 'FFFFC7CE',
};

const H = {
  suggested: { id: 'Rating Hasil Kerja (saran)', en: 'Work Result Rating (suggested)' },
  final: { id: 'Rating Hasil Kerja (akhir)', en: 'Work Result Rating (final)' },
  behaviour: { id: 'Rating Perilaku', en: 'Behaviour Rating' },
  predikat: { id: 'Predikat', en: 'Predikat' },
  ikm: { id: 'IKM', en: 'IKM' },
  complaints: { id: 'Pengaduan', en: 'Complaints' },
  training: { id: 'Jumlah Rekomendasi', en: 'Recommendations' },
} satisfies Record<string, Text>;

function rating(r: Rating | null, lang: Lang): string | null {
  return r === null ? null : ratingLabel(r, lang);
}

export function buildPegawai(run: RunResult, lang: Lang): SheetContent {
  if (run.regime !== 'permenpan-6-2022') return buildPegawaiLegacy(run, lang);
  const columns: ColumnDef[] = [
    ...leadingColumns(run, lang),
    { header: H.suggested[lang], type: 'general', width: 20 },
    { header: H.final[lang], type: 'general', width: 20 },
    { header: H.behaviour[lang], type: 'general', width: 20 },
    { header: H.predikat[lang], type: 'general', width: 16 },
    { header: H.ikm[lang], type: 'number', width: 8 },
    { header: H.complaints[lang], type: 'integer', width: 10 },
    ...statusColumns(lang),
    { header: H.training[lang], type: 'integer', width: 12 },
  ];
  const feedback = run.feedback?.employees;
  // Made as the writer pulls them, not held (see Perilaku).
  const rows = function* (): Generator<CellData[]> {
    for (const e of sortedEmployees(run)) yield row(e);
  };
  // One predikat cell per predikat for the whole sheet (the writers never change a cell).
  const predikatCells = new Map<Predikat, CellData>();
  const predikatCell = (p: Predikat): CellData => {
    let cell = predikatCells.get(p);
    if (cell === undefined) predikatCells.set(p, (cell = { value: predikatLabel(p, lang), fill: PREDIKAT_FILLS[p] }));
    return cell;
  };
  const row = (e: ReturnType<typeof sortedEmployees>[number]): CellData[] => {
    const cells = leadingCells(run, e);
    cells.push(
      rating(e.workRating.suggested, lang),
      rating(e.workRating.final, lang),
      rating(e.behaviourRating, lang),
      e.predikat === null ? null : predikatCell(e.predikat),
      roundForReport(e.satisfaction?.ikm ?? null),
      // Complaints in the responses the employee's IKM comes from (officer, services or unit).
      // (Read without making the whole attribution: basisComplaintTotal.)
      e.satisfaction === null || feedback === undefined ? null : (basisComplaintTotal(feedback, e.employee.nip) ?? null),
      ...statusCells(e, lang),
      e.training === null ? null : e.training.length,
    );
    return cells;
  };
  return { blocks: [{ columns, rows: rows() }] };
}

export const pegawaiSheet: SheetBuilder = { name: 'Pegawai', build: buildPegawai };
