import type { Lang, Text } from '../../domain/i18n.js';
import { formatPlace, type CellPlace } from '../../domain/place.js';
import type { CapaianStatus, IndicatorResult } from '../../engine/types.js';
import type { RunResult } from '../../pipeline/types.js';
import {
  aspectLabelIn,
  directionLabel,
  indicatorCsvFileName,
  indicatorRowCount,
  kindLabel,
  roundForReport,
  sortedEmployees,
  targetText,
} from '../common.js';
import type { CellData, ColumnDef, SheetBuilder, SheetContent } from './types.js';

/**
 * Every indicator result with its capaian and the cells it came from. Rows are produced by a
 * generator so that a large run can stream them, into the sheet or into `indikator-<period>.csv`
 * when they exceed config.reports.detailSheetMaxRows (SPEC §9).
 */

const H = {
  nip: { id: 'NIP', en: 'NIP' },
  name: { id: 'Nama', en: 'Name' },
  code: { id: 'Kode', en: 'Code' },
  text: { id: 'Indikator', en: 'Indicator' },
  aspect: { id: 'Aspek', en: 'Aspect' },
  kind: { id: 'Jenis', en: 'Kind' },
  target: { id: 'Target', en: 'Target' },
  actual: { id: 'Realisasi', en: 'Actual' },
  unitLabel: { id: 'Satuan', en: 'Unit of Measure' },
  direction: { id: 'Arah', en: 'Direction' },
  weight: { id: 'Bobot', en: 'Weight' },
  capaian: { id: 'Capaian (%)', en: 'Achievement (%)' },
  status: { id: 'Status', en: 'Status' },
  formula: { id: 'Rumus', en: 'Formula' },
  sources: { id: 'Sumber', en: 'Source' },
} satisfies Record<string, Text>;

const STATUS: Record<CapaianStatus, Text> = {
  ok: { id: 'Dilaporkan', en: 'Reported' },
  'not-reported': { id: 'Tidak dilaporkan', en: 'Not reported' },
};

export function indicatorColumns(lang: Lang): ColumnDef[] {
  return [
    { header: H.nip[lang], type: 'text', width: 20 },
    { header: H.name[lang], type: 'general', width: 24 },
    { header: H.code[lang], type: 'general', width: 10 },
    { header: H.text[lang], type: 'general', width: 40 },
    { header: H.aspect[lang], type: 'general', width: 18 },
    { header: H.kind[lang], type: 'general', width: 10 },
    // Target is a number, or a range written as text (`80–90`), hence general.
    { header: H.target[lang], type: 'general', width: 10 },
    { header: H.actual[lang], type: 'general', width: 10 },
    { header: H.unitLabel[lang], type: 'general', width: 12 },
    { header: H.direction[lang], type: 'general', width: 8 },
    { header: H.weight[lang], type: 'general', width: 8 },
    { header: H.capaian[lang], type: 'number', width: 12 },
    { header: H.status[lang], type: 'general', width: 16 },
    { header: H.formula[lang], type: 'general', width: 28 },
    { header: H.sources[lang], type: 'general', width: 50 },
  ];
}

/** The source cells of an indicator row: where its target and its realisasi were read. */
export function indicatorSources(places: { target: CellPlace; actual: CellPlace }, lang: Lang): string {
  const actual = lang === 'id' ? 'Realisasi' : 'Actual';
  return `Target: ${formatPlace(places.target)}; ${actual}: ${formatPlace(places.actual)}`;
}

/** Indicator rows in employee order (unit, NIP), each employee's indicators in input order. */
export function* indicatorRows(run: RunResult, lang: Lang): Generator<CellData[]> {
  const aspects = run.config.aspects;
  for (const e of sortedEmployees(run)) {
    for (const r of e.indicators) yield indicatorRow(e.employee.nip, e.employee.name, r, aspectLabelIn(aspects, r.indicator.aspect), lang);
  }
}

/**
 * One indicator's row. The one function for both writers of these rows: indicatorRows (the sheet,
 * and the csv written after compute) and the indicator csv worker (reports/indicator-csv.ts), which
 * makes the rows from the indicator columns while the run is still computing; so they cannot differ.
 */
export function indicatorRow(nip: string, name: string, r: IndicatorResult, aspect: string, lang: Lang): CellData[] {
  const i = r.indicator;
  return [
    nip,
    name,
    i.code,
    i.text,
    aspect,
    kindLabel(i.kind, lang),
    i.target.kind === 'value' ? i.target.value : targetText(i.target, lang),
    i.actual,
    i.unitLabel,
    directionLabel(i.direction, lang),
    i.weight,
    roundForReport(r.capaian),
    STATUS[r.status][lang],
    r.formula,
    indicatorSources(i.places, lang),
  ];
}

/** The header line of `indikator-<period>.csv`: the sheet's column headers. */
export function indicatorCsvHeader(lang: Lang): string[] {
  return indicatorColumns(lang).map((c) => c.header);
}

/** The one-line note that says the rows are in the csv; null when they are on the sheet. */
export function indicatorCsvNote(run: RunResult, lang: Lang, n = indicatorRowCount(run)): string | null {
  const max = run.config.reports.detailSheetMaxRows;
  // indicatorsGoToCsv(run), on the count already made: each count makes every indicator result.
  if (!(n > max)) return null;
  const file = indicatorCsvFileName(run.period.id);
  return lang === 'id'
    ? `${n} baris indikator melebihi batas lembar (reports.detailSheetMaxRows = ${max}); semua baris ditulis ke ${file} di folder yang sama.`
    : `${n} indicator rows exceed the sheet limit (reports.detailSheetMaxRows = ${max}); all rows were written to ${file} in the same folder.`;
}

export function buildIndikator(run: RunResult, lang: Lang): SheetContent {
  const n = indicatorRowCount(run);
  const note = indicatorCsvNote(run, lang, n);
  if (note !== null) {
    return {
      blocks: [
        {
          columns: [
            { header: lang === 'id' ? 'Catatan' : 'Note', type: 'general', width: 100 },
            { header: lang === 'id' ? 'Berkas' : 'File', type: 'general', width: 28 },
            { header: lang === 'id' ? 'Jumlah Baris' : 'Rows', type: 'integer', width: 12 },
          ],
          rows: [[note, indicatorCsvFileName(run.period.id), n]],
        },
      ],
    };
  }
  return { blocks: [{ columns: indicatorColumns(lang), rows: indicatorRows(run, lang) }] };
}

export const indikatorSheet: SheetBuilder = { name: 'Indikator', build: buildIndikator };
