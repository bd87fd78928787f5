import type { Lang, Text } from '../../domain/i18n.js';
import { ratingLabel } from '../../domain/ratings.js';
import type { RunResult } from '../../pipeline/types.js';
import { bandCell } from '../appraisal.js';
import { roundForReport, sortedEmployees, statusLabel } from '../common.js';
import type { CellData, ColumnDef, SheetContent } from './types.js';

/**
 * The Pegawai sheet under a legacy regime (SPEC §3.8): the regime's own scores, weighting and band
 * with the regulation's labels, instead of the PermenPANRB 6/2022 ratings and predikat.
 */
const H = {
  nip: { id: 'NIP', en: 'NIP' },
  name: { id: 'Nama', en: 'Name' },
  unit: { id: 'Unit Kerja', en: 'Work Unit' },
  position: { id: 'Jabatan', en: 'Position' },
  workScore: { id: 'Nilai Hasil Kerja', en: 'Work Result Score' },
  behaviour: { id: 'Rating Perilaku (BerAKHLAK)', en: 'Behaviour Rating (BerAKHLAK)' },
  weighting: { id: 'Bobot SKP/Perilaku', en: 'Weight SKP/Behaviour' },
  status: { id: 'Status', en: 'Status' },
  reasons: { id: 'Alasan', en: 'Reasons' },
} satisfies Record<string, Text>;

const REGIME_H: Record<'pp-30-2019' | 'pp-46-2011', { skp: Text; perilaku: Text; score: Text; band: Text }> = {
  'pp-30-2019': {
    skp: { id: 'Nilai SKP (PP 30)', en: 'SKP Score (PP 30)' },
    perilaku: { id: 'Nilai Perilaku (0–120)', en: 'Behaviour Score (0–120)' },
    score: { id: 'Nilai Kinerja', en: 'Performance Score' },
    band: { id: 'Predikat (PP 30)', en: 'Predikat (PP 30)' },
  },
  'pp-46-2011': {
    skp: { id: 'Nilai Capaian SKP (PP 46)', en: 'SKP Achievement (PP 46)' },
    perilaku: { id: 'Nilai Perilaku (0–100)', en: 'Behaviour Score (0–100)' },
    score: { id: 'Nilai Prestasi Kerja', en: 'Work Performance Score' },
    band: { id: 'Sebutan (PP 46)', en: 'Grade (PP 46)' },
  },
};

export function buildPegawaiLegacy(run: RunResult, lang: Lang): SheetContent {
  const regime = run.regime as 'pp-30-2019' | 'pp-46-2011';
  const R = REGIME_H[regime];
  const aspects = run.config.aspects;
  const columns: ColumnDef[] = [
    { header: H.nip[lang], type: 'text', width: 20 },
    { header: H.name[lang], type: 'general', width: 24 },
    { header: H.unit[lang], type: 'general', width: 22 },
    { header: H.position[lang], type: 'general', width: 22 },
    ...aspects.map((a): ColumnDef => ({ header: a.label, type: 'number', width: 12 })),
    { header: H.workScore[lang], type: 'number', width: 12 },
    { header: R.skp[lang], type: 'number', width: 12 },
    { header: H.behaviour[lang], type: 'general', width: 20 },
    { header: R.perilaku[lang], type: 'number', width: 12 },
    { header: H.weighting[lang], type: 'general', width: 12 },
    { header: R.score[lang], type: 'number', width: 12 },
    { header: R.band[lang], type: 'general', width: 16 },
    { header: H.status[lang], type: 'general', width: 10 },
    { header: H.reasons[lang], type: 'general', width: 30 },
  ];
  const rows = sortedEmployees(run).map((e): CellData[] => {
    const byKey = new Map(e.aspects.map((a) => [a.key, a.score]));
    const l = e.legacy ?? null;
    return [
      e.employee.nip,
      e.employee.name,
      e.employee.unit,
      e.employee.position,
      ...aspects.map((a) => roundForReport(byKey.get(a.key) ?? null)),
      roundForReport(e.workScore),
      roundForReport(l?.skp ?? null),
      e.behaviourRating === null ? null : ratingLabel(e.behaviourRating, lang),
      roundForReport(l?.perilaku ?? null),
      l?.weighting ?? null,
      roundForReport(l?.score ?? null),
      bandCell(run, l?.band ?? null, lang),
      statusLabel(e.status, lang),
      e.pendingReasons.length === 0 ? null : e.pendingReasons.join('; '),
    ];
  });
  return { blocks: [{ columns, rows }] };
}
