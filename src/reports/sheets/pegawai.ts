import type { Lang, Text } from '../../domain/i18n.js';
import { predikatLabel, ratingLabel, type Predikat, type Rating } from '../../domain/ratings.js';
import type { RunResult } from '../../pipeline/types.js';
import { roundForReport, sortedEmployees, statusLabel } from '../common.js';
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
  nip: { id: 'NIP', en: 'NIP' },
  name: { id: 'Nama', en: 'Name' },
  unit: { id: 'Unit Kerja', en: 'Work Unit' },
  position: { id: 'Jabatan', en: 'Position' },
  workScore: { id: 'Nilai Hasil Kerja', en: 'Work Result Score' },
  suggested: { id: 'Rating Hasil Kerja (saran)', en: 'Work Result Rating (suggested)' },
  final: { id: 'Rating Hasil Kerja (akhir)', en: 'Work Result Rating (final)' },
  behaviour: { id: 'Rating Perilaku', en: 'Behaviour Rating' },
  predikat: { id: 'Predikat', en: 'Predikat' },
  ikm: { id: 'IKM', en: 'IKM' },
  complaints: { id: 'Pengaduan', en: 'Complaints' },
  status: { id: 'Status', en: 'Status' },
  reasons: { id: 'Alasan', en: 'Reasons' },
  training: { id: 'Jumlah Rekomendasi', en: 'Recommendations' },
} satisfies Record<string, Text>;

function rating(r: Rating | null, lang: Lang): string | null {
  return r === null ? null : ratingLabel(r, lang);
}

export function buildPegawai(run: RunResult, lang: Lang): SheetContent {
  if (run.regime !== 'permenpan-6-2022') return buildPegawaiLegacy(run, lang);
  const aspects = run.config.aspects;
  const columns: ColumnDef[] = [
    { header: H.nip[lang], type: 'text', width: 20 },
    { header: H.name[lang], type: 'general', width: 24 },
    { header: H.unit[lang], type: 'general', width: 22 },
    { header: H.position[lang], type: 'general', width: 22 },
    ...aspects.map((a): ColumnDef => ({ header: a.label, type: 'number', width: 12 })),
    { header: H.workScore[lang], type: 'number', width: 12 },
    { header: H.suggested[lang], type: 'general', width: 20 },
    { header: H.final[lang], type: 'general', width: 20 },
    { header: H.behaviour[lang], type: 'general', width: 20 },
    { header: H.predikat[lang], type: 'general', width: 16 },
    { header: H.ikm[lang], type: 'number', width: 8 },
    { header: H.complaints[lang], type: 'integer', width: 10 },
    { header: H.status[lang], type: 'general', width: 10 },
    { header: H.reasons[lang], type: 'general', width: 30 },
    { header: H.training[lang], type: 'integer', width: 12 },
  ];
  const feedback = run.feedback?.employees;
  const rows = sortedEmployees(run).map((e): CellData[] => {
    const byKey = new Map(e.aspects.map((a) => [a.key, a.score]));
    const predikat: CellData =
      e.predikat === null ? null : { value: predikatLabel(e.predikat, lang), fill: PREDIKAT_FILLS[e.predikat] };
    return [
      e.employee.nip,
      e.employee.name,
      e.employee.unit,
      e.employee.position,
      ...aspects.map((a) => roundForReport(byKey.get(a.key) ?? null)),
      roundForReport(e.workScore),
      rating(e.workRating.suggested, lang),
      rating(e.workRating.final, lang),
      rating(e.behaviourRating, lang),
      predikat,
      roundForReport(e.satisfaction?.ikm ?? null),
      // Complaints in the responses the employee's IKM comes from (officer, services or unit).
      e.satisfaction === null ? null : (feedback?.get(e.employee.nip)?.basisComplaints.total ?? null),
      statusLabel(e.status, lang),
      e.pendingReasons.length === 0 ? null : e.pendingReasons.join('; '),
      e.training === null ? null : e.training.length,
    ];
  });
  return { blocks: [{ columns, rows }] };
}

export const pegawaiSheet: SheetBuilder = { name: 'Pegawai', build: buildPegawai };
