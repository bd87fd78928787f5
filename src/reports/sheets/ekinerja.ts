import type { Lang, Text } from '../../domain/i18n.js';
import { formatPlace } from '../../domain/place.js';
import { predikatLabel, ratingLabel, type Predikat, type Rating } from '../../domain/ratings.js';
import { EKINERJA_STATUSES, type EkinerjaStatus } from '../../pipeline/ekinerja-stage.js';
import type { RunResult } from '../../pipeline/types.js';
import { EKINERJA_STATUS_LABELS } from '../ekinerja.js';
import type { CellData, ColumnDef, SheetBuilder, SheetContent } from './types.js';

/**
 * e-Kinerja: each employee's predikat beside the one the national e-Kinerja application gave
 * (data/<period>/predikat-ekinerja.csv), with both sides' ratings to see where they part, and the
 * count per outcome. Information for the HR officer: the tool changes no predikat.
 */
const H = {
  nip: { id: 'NIP', en: 'NIP' },
  name: { id: 'Nama', en: 'Name' },
  unit: { id: 'Unit Kerja', en: 'Work Unit' },
  predikat: { id: 'Predikat (appraise)', en: 'Predikat (appraise)' },
  ekPredikat: { id: 'Predikat e-Kinerja', en: 'e-Kinerja Predikat' },
  status: { id: 'Perbandingan', en: 'Comparison' },
  work: { id: 'Rating Hasil Kerja (appraise)', en: 'Work Rating (appraise)' },
  ekWork: { id: 'Rating Hasil Kerja e-Kinerja', en: 'e-Kinerja Work Rating' },
  behaviour: { id: 'Rating Perilaku (appraise)', en: 'Behaviour Rating (appraise)' },
  ekBehaviour: { id: 'Rating Perilaku e-Kinerja', en: 'e-Kinerja Behaviour Rating' },
  period: { id: 'Periode e-Kinerja', en: 'e-Kinerja Period' },
  place: { id: 'Baris Daftar', en: 'List Row' },
  source: { id: 'Sumber Ekspor', en: 'Export Source' },
  note: { id: 'Keterangan', en: 'Note' },
  countsTitle: { id: 'Jumlah per hasil perbandingan', en: 'Count per comparison outcome' },
  count: { id: 'Jumlah', en: 'Count' },
} satisfies Record<string, Text>;

const FILLS: Record<EkinerjaStatus, string | undefined> = {
  same: 'FFC6EFCE',
  different: 'FFFFC7CE',
  'missing-ekinerja': 'FFFFEB9C',
  'missing-run': 'FFFFEB9C',
  'missing-both': 'FFFFEB9C',
  'not-appraised': undefined,
};

export function buildEkinerja(run: RunResult, lang: Lang): SheetContent {
  const c = run.ekinerja;
  if (!c) return { blocks: [] };
  const p = (x: Predikat | null) => (x === null ? null : predikatLabel(x, lang));
  const r = (x: Rating | null) => (x === null ? null : ratingLabel(x, lang));
  const columns: ColumnDef[] = [
    { header: H.nip[lang], type: 'text', width: 20 },
    { header: H.name[lang], type: 'general', width: 24 },
    { header: H.unit[lang], type: 'general', width: 24 },
    { header: H.predikat[lang], type: 'general', width: 16 },
    { header: H.ekPredikat[lang], type: 'general', width: 16 },
    { header: H.status[lang], type: 'general', width: 18 },
    { header: H.work[lang], type: 'general', width: 18 },
    { header: H.ekWork[lang], type: 'general', width: 18 },
    { header: H.behaviour[lang], type: 'general', width: 18 },
    { header: H.ekBehaviour[lang], type: 'general', width: 18 },
    { header: H.period[lang], type: 'general', width: 10 },
    { header: H.place[lang], type: 'general', width: 30 },
    { header: H.source[lang], type: 'general', width: 30 },
    { header: H.note[lang], type: 'general', width: 40 },
  ];
  const rows = c.rows.map((x): CellData[] => {
    const label = EKINERJA_STATUS_LABELS[x.status][lang];
    const fill = FILLS[x.status];
    return [
      x.nip, x.name, x.unit, p(x.predikat), p(x.ekinerjaPredikat), fill ? { value: label, fill } : label,
      r(x.workRating), r(x.ekinerjaWorkRating), r(x.behaviourRating), r(x.ekinerjaBehaviourRating),
      x.ekinerjaPeriod, x.place === null ? null : formatPlace(x.place), x.source,
      x.pendingReasons.length > 0 ? x.pendingReasons.join('; ') : null,
    ];
  });
  const counts = {
    title: H.countsTitle[lang],
    columns: [{ header: H.status[lang], type: 'general', width: 24 }, { header: H.count[lang], type: 'integer', width: 10 }] as ColumnDef[],
    rows: EKINERJA_STATUSES.map((s): CellData[] => [EKINERJA_STATUS_LABELS[s][lang], c.counts[s]]),
  };
  return { blocks: [{ columns, rows }, counts] };
}

/** Only when the period has an e-Kinerja predikat list. */
export const ekinerjaSheet: SheetBuilder = { name: 'e-Kinerja', build: buildEkinerja, when: (run) => Boolean(run.ekinerja) };
