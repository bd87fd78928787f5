import type { Lang, Text } from '../../domain/i18n.js';
import { formatPlace } from '../../domain/place.js';
import { ratingLabel, type Rating } from '../../domain/ratings.js';
import { berakhlakLabel, raterRoleLabel, type BerakhlakKey, type RaterRole } from '../../engine/behaviour.js';
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
  // Rows are made as the writer pulls them (generators, not arrays): at 100,000 employees the
  // held rows were promoted to the old generation only to die there.
  const employees = sortedEmployees(run);
  // One cell per rating for the whole sheet (the writers never change a cell).
  const ratingCells = new Map<Rating, CellData>();
  const ratingCell = (r: Rating): CellData => {
    let cell = ratingCells.get(r);
    if (cell === undefined) {
      const fill = RATING_FILLS[r];
      cell = fill ? { value: ratingLabel(r, lang), fill } : ratingLabel(r, lang);
      ratingCells.set(r, cell);
    }
    return cell;
  };
  const employeeRow = (e: (typeof employees)[number]): CellData[] => {
    const b = e.behaviour ?? null;
    const row: CellData[] = [e.employee.nip, e.employee.name, e.employee.unit];
    if (b === null) {
      const why = e.explanation.find((s) => s.step === 'behaviourPending')?.text ?? null;
      for (let i = 0; i < 2 * keys.length + 3; i++) row.push(null);
      row.push(why);
      return row;
    }
    // Raters per role, roles in the order they first appear.
    const perRole = new Map<RaterRole, number>();
    for (const r of b.raters) perRole.set(r.role, (perRole.get(r.role) ?? 0) + 1);
    row.push([...perRole].map(([role, n]) => `${raterRoleLabel(role, lang)} ${n}`).join(', '));
    for (const k of keys) {
      let v: (typeof b.values)[number] | undefined;
      for (const x of b.values) if (x.key === k) v = x; // the last of a key, as a Map by key would keep
      if (v) row.push(roundForReport(v.mean), ratingCell(v.rating));
      else row.push(null, null);
    }
    row.push(ratingCell(b.overall), b.fromPeriod, null);
    return row;
  };
  const rows = function* (): Generator<CellData[]> {
    for (const e of employees) yield employeeRow(e);
  };
  const raterRows = function* (): Generator<CellData[]> {
    for (const e of employees) {
      for (const r of e.behaviour?.raters ?? []) {
        yield [e.employee.nip, e.employee.name, r.raterNip, raterRoleLabel(r.role, lang), roundForReport(r.share * 100), formatPlace(r.place)];
      }
    }
  };
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
    rows: raterRows(),
  };
  return { blocks: [{ columns, rows: rows() }, raters] };
}

export const perilakuSheet: SheetBuilder = { name: 'Perilaku', build: buildPerilaku };
