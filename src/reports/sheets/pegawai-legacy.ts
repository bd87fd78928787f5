import type { Lang, Text } from '../../domain/i18n.js';
import { ratingLabel } from '../../domain/ratings.js';
import type { RunResult } from '../../pipeline/types.js';
import { bandCell } from '../appraisal.js';
import { roundForReport, sortedEmployees } from '../common.js';
import { leadingCells, leadingColumns, statusCells, statusColumns } from './pegawai-common.js';
import type { CellData, ColumnDef, SheetContent } from './types.js';

/**
 * The Pegawai sheet under a legacy regime (SPEC §3.8): the regime's own scores, weighting and band
 * with the regulation's labels, instead of the PermenPANRB 6/2022 ratings and predikat.
 */
const H = {
  behaviour: { id: 'Rating Perilaku (BerAKHLAK)', en: 'Behaviour Rating (BerAKHLAK)' },
  weighting: { id: 'Bobot SKP/Perilaku', en: 'Weight SKP/Behaviour' },
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
  const columns: ColumnDef[] = [
    ...leadingColumns(run, lang),
    { header: R.skp[lang], type: 'number', width: 12 },
    { header: H.behaviour[lang], type: 'general', width: 20 },
    { header: R.perilaku[lang], type: 'number', width: 12 },
    { header: H.weighting[lang], type: 'general', width: 12 },
    { header: R.score[lang], type: 'number', width: 12 },
    { header: R.band[lang], type: 'general', width: 16 },
    ...statusColumns(lang),
  ];
  const rows = sortedEmployees(run).map((e): CellData[] => {
    const l = e.legacy ?? null;
    return [
      ...leadingCells(run, e),
      roundForReport(l?.skp ?? null),
      e.behaviourRating === null ? null : ratingLabel(e.behaviourRating, lang),
      roundForReport(l?.perilaku ?? null),
      l?.weighting ?? null,
      roundForReport(l?.score ?? null),
      bandCell(run, l?.band ?? null, lang),
      ...statusCells(e, lang),
    ];
  });
  return { blocks: [{ columns, rows }] };
}
