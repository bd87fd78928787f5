import type { Lang, Text } from '../../domain/i18n.js';
import { formatPlace } from '../../domain/place.js';
import { ratingLabel } from '../../domain/ratings.js';
import { berakhlakLabel, raterRoleLabel, type BerakhlakKey } from '../../engine/behaviour.js';
import { BERAKHLAK_VALUES } from '../../ingest/columns.js';
import type { RunResult } from '../../pipeline/types.js';
import { roundForReport, sortedEmployees } from '../common.js';
import type { CellData, ColumnDef, SheetBlock, SheetBuilder, SheetContent } from './types.js';

/**
 * Perilaku: the rating of behaviour per employee and BerAKHLAK value (weighted mean of points and
 * its rating), the overall rating, and every rater with the share of the weight they carried.
 */
const H = {
  nip: { id: 'NIP', en: 'NIP' },
  name: { id: 'Nama', en: 'Name' },
  unit: { id: 'Unit Kerja', en: 'Work Unit' },
  raters: { id: 'Penilai', en: 'Raters' },
  overall: { id: 'Rating Perilaku', en: 'Behaviour Rating' },
  from: { id: 'Dari Periode', en: 'From Period' },
  reason: { id: 'Keterangan', en: 'Note' },
  mean: { id: 'rerata', en: 'mean' },
  rater: { id: 'NIP Penilai', en: 'Rater NIP' },
  role: { id: 'Peran', en: 'Role' },
  share: { id: 'Bobot (%)', en: 'Weight (%)' },
  place: { id: 'Tempat', en: 'Place' },
  raterTitle: { id: 'Penilai per pegawai', en: 'Raters per employee' },
} satisfies Record<string, Text>;

const RATING_FILLS = { DI_ATAS: 'FFC6EFCE', SESUAI: undefined, DI_BAWAH: 'FFFFC7CE' } as const;

export function buildPerilaku(run: RunResult, lang: Lang): SheetContent {
  const keys = BERAKHLAK_VALUES.map((v) => v.key as BerakhlakKey);
  const columns: ColumnDef[] = [
    { header: H.nip[lang], type: 'text', width: 20 },
    { header: H.name[lang], type: 'general', width: 24 },
    { header: H.unit[lang], type: 'general', width: 22 },
    { header: H.raters[lang], type: 'general', width: 18 },
    ...keys.flatMap((k): ColumnDef[] => [
      { header: `${berakhlakLabel(k, lang)} (${H.mean[lang]})`, type: 'number', width: 10 },
      { header: berakhlakLabel(k, lang), type: 'general', width: 18 },
    ]),
    { header: H.overall[lang], type: 'general', width: 20 },
    { header: H.from[lang], type: 'general', width: 10 },
    { header: H.reason[lang], type: 'general', width: 40 },
  ];
  const raterRows: CellData[][] = [];
  const rows = sortedEmployees(run).map((e): CellData[] => {
    const b = e.behaviour ?? null;
    const head: CellData[] = [e.employee.nip, e.employee.name, e.employee.unit];
    if (b === null) {
      const why = e.explanation.find((s) => s.step === 'behaviourPending')?.text ?? null;
      return [...head, null, ...keys.flatMap(() => [null, null]), null, null, why];
    }
    const roles = [...new Set(b.raters.map((r) => r.role))].map((r) => `${raterRoleLabel(r, lang)} ${b.raters.filter((x) => x.role === r).length}`).join(', ');
    for (const r of b.raters) {
      raterRows.push([e.employee.nip, e.employee.name, r.raterNip, raterRoleLabel(r.role, lang), roundForReport(r.share * 100), formatPlace(r.place)]);
    }
    const byKey = new Map(b.values.map((v) => [v.key, v]));
    return [
      ...head,
      roles,
      ...keys.flatMap((k): CellData[] => {
        const v = byKey.get(k);
        if (!v) return [null, null];
        const fill = RATING_FILLS[v.rating];
        return [roundForReport(v.mean), fill ? { value: ratingLabel(v.rating, lang), fill } : ratingLabel(v.rating, lang)];
      }),
      RATING_FILLS[b.overall] ? { value: ratingLabel(b.overall, lang), fill: RATING_FILLS[b.overall]! } : ratingLabel(b.overall, lang),
      b.fromPeriod,
      null,
    ];
  });
  const raters: SheetBlock = {
    title: H.raterTitle[lang],
    columns: [
      { header: H.nip[lang], type: 'text', width: 20 },
      { header: H.name[lang], type: 'general', width: 24 },
      { header: H.rater[lang], type: 'text', width: 20 },
      { header: H.role[lang], type: 'general', width: 12 },
      { header: H.share[lang], type: 'number', width: 10 },
      { header: H.place[lang], type: 'general', width: 36 },
    ],
    rows: raterRows,
  };
  return { blocks: [{ columns, rows }, raters] };
}

export const perilakuSheet: SheetBuilder = { name: 'Perilaku', build: buildPerilaku };
