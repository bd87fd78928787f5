import { dirname, join } from 'node:path';
import ExcelJS from 'exceljs';
import { stableZipFile } from '../io/zip.js';
import type { Lang } from '../domain/i18n.js';
import type { RunResult } from '../pipeline/types.js';
import { indicatorCsvFileName, indicatorsGoToCsv } from './common.js';
import { writeCsv } from './csv.js';
import { indicatorColumns, indicatorRows } from './sheets/indikator.js';
import { SHEETS } from './sheets/index.js';
import { isStyled, type CellData, type ColumnDef, type SheetContent } from './sheets/types.js';

/**
 * laporan-kinerja-<period>.xlsx (SPEC §6). Sheets come from the SHEETS registry as data; this file
 * is the only one that knows ExcelJS. The in-memory Workbook is used for now; the Indikator rows
 * are a generator and their csv spill-over is written in writeIndicatorCsv, so a later change can
 * stream that sheet with ExcelJS's WorkbookWriter in one place.
 */

const HEADER_FILL = 'FFD9E1F2';
const MAX_WIDTH = 60;
/** Widths are fitted to the first rows of a block; beyond that the declared width holds. */
const WIDTH_SAMPLE_ROWS = 1000;

const NUM_FMT: Record<ColumnDef['type'], string | undefined> = {
  text: '@',
  number: '0.00',
  integer: '0',
  general: undefined,
};

function setCell(cell: ExcelJS.Cell, data: CellData, col: ColumnDef): string {
  const styled = isStyled(data) ? data : undefined;
  let value = styled ? styled.value : (data as string | number | null);
  const fmt = styled?.numFmt ?? NUM_FMT[col.type];
  if (col.type === 'text') {
    // NIPs and hashes: a string in a Text-formatted cell, never a number Excel could round.
    if (value !== null) value = String(value);
    cell.numFmt = '@';
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`appraise: cannot write a non-finite number (${value}) to a sheet`);
    if (fmt !== undefined) cell.numFmt = fmt;
  }
  if (styled?.fill !== undefined) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: styled.fill } };
  if (styled?.bold) cell.font = { bold: true };
  if (value !== null) cell.value = value;
  return value === null ? '' : typeof value === 'number' && col.type === 'number' ? value.toFixed(2) : String(value);
}

/** Writes a sheet's blocks and sets frozen header, filter and widths; returns the last row used. */
export function writeSheet(ws: ExcelJS.Worksheet, content: SheetContent): number {
  const widths: number[] = [];
  const fit = (i: number, chars: number): void => {
    widths[i] = Math.max(widths[i] ?? 0, Math.min(MAX_WIDTH, chars));
  };
  let rowNo = 0;
  let filterTo: { row: number; column: number } | null = null;
  content.blocks.forEach((block, b) => {
    if (b > 0) rowNo++; // an empty row between tables
    if (block.title !== undefined) {
      rowNo++;
      const cell = ws.getRow(rowNo).getCell(1);
      cell.value = block.title;
      cell.font = { bold: true, size: 12 };
    }
    rowNo++;
    const header = ws.getRow(rowNo);
    block.columns.forEach((col, i) => {
      const cell = header.getCell(i + 1);
      cell.value = col.header;
      cell.font = { bold: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
      cell.alignment = { vertical: 'middle' };
      fit(i, Math.max(col.width, col.header.length + 2));
    });
    let n = 0;
    for (const data of block.rows) {
      if (data.length !== block.columns.length) {
        throw new Error(`appraise: a row of ${data.length} cells under ${block.columns.length} columns`);
      }
      rowNo++;
      n++;
      const row = ws.getRow(rowNo);
      block.columns.forEach((col, i) => {
        const text = setCell(row.getCell(i + 1), data[i]!, col);
        if (n <= WIDTH_SAMPLE_ROWS) fit(i, text.length + 2);
      });
    }
    if (b === 0) filterTo = { row: rowNo, column: block.columns.length };
  });
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  if (filterTo !== null) ws.autoFilter = { from: { row: 1, column: 1 }, to: filterTo };
  return rowNo;
}

/**
 * The Indikator rows as a csv (SPEC §9: used when they exceed config.reports.detailSheetMaxRows;
 * the sheet and Ringkasan then carry a note). Same columns and values as the sheet.
 */
export async function writeIndicatorCsv(run: RunResult, lang: Lang, csvPath: string): Promise<void> {
  const cells = function* (): Generator<unknown[]> {
    for (const row of indicatorRows(run, lang)) yield row.map((c) => (isStyled(c) ? c.value : c));
  };
  await writeCsv(
    csvPath,
    indicatorColumns(lang).map((c) => c.header),
    cells(),
  );
}

/** Where the Indikator csv goes for a workbook path: the same folder. */
export function indicatorCsvPath(run: RunResult, workbookPath: string): string {
  return join(dirname(workbookPath), indicatorCsvFileName(run.period.id));
}

/** Builds the workbook in memory (for tests and for callers that want the ExcelJS object). */
export function buildReportWorkbook(run: RunResult, lang: Lang): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  // SPEC §8: no run timestamps inside the report. The period's end date stands in for the
  // document dates, so two runs on the same inputs give identical parts; time lives in manifest.json.
  const fixed = new Date(run.period.end.getTime());
  wb.creator = 'appraise';
  wb.lastModifiedBy = 'appraise';
  wb.created = fixed;
  wb.modified = fixed;
  for (const sheet of SHEETS) {
    if (sheet.when && !sheet.when(run)) continue;
    const ws = wb.addWorksheet(sheet.name, {
      views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
    });
    const content = sheet.build(run, lang);
    let lastRow = writeSheet(ws, content);
    for (const image of content.images ?? []) {
      // Below the tables, one empty row apart; ExcelJS anchors are 0-based.
      const id = wb.addImage({ buffer: image.png as unknown as ExcelJS.Buffer, extension: 'png' });
      ws.addImage(id, { tl: { col: 0, row: lastRow + 1 }, ext: { width: image.width, height: image.height } });
      lastRow += Math.ceil(image.height / 20) + 2;
    }
  }
  return wb;
}

export interface WorkbookWriteOptions {
  /**
   * Where to write the indicator csv when the rows exceed the limit; default
   * `indikator-<period>.csv` beside `path`. A caller that writes outputs under temporary names
   * (SPEC §8) passes its temporary name here and renames it with the workbook.
   */
  indicatorCsvPath?: string;
}

/**
 * Writes laporan-kinerja-<period>.xlsx to `path` (the caller chooses a temporary name and renames
 * it, SPEC §8) and, when indicatorsGoToCsv(run), the indicator csv (see WorkbookWriteOptions).
 */
export async function writeReportWorkbook(
  run: RunResult,
  path: string,
  lang: Lang,
  opts: WorkbookWriteOptions = {},
): Promise<void> {
  const wb = buildReportWorkbook(run, lang);
  if (indicatorsGoToCsv(run)) await writeIndicatorCsv(run, lang, opts.indicatorCsvPath ?? indicatorCsvPath(run, path));
  await wb.xlsx.writeFile(path);
  // Zip entry times pinned: the same run gives the same bytes (SPEC §8).
  stableZipFile(path);
}

/**
 * A small workbook of the given sheets (explain, diff), with the same look as the report: frozen
 * filtered header, Text NIPs, fitted widths. `fixedDate` stands in for the document dates so the
 * file holds no run time (SPEC §8); zip entry times are pinned as well.
 */
export async function writeFixedDateWorkbook(
  path: string,
  sheets: readonly { name: string; content: SheetContent }[],
  fixedDate: Date,
): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'appraise';
  wb.lastModifiedBy = 'appraise';
  wb.created = fixedDate;
  wb.modified = fixedDate;
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name, {
      views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
    });
    writeSheet(ws, sheet.content);
  }
  await wb.xlsx.writeFile(path);
  stableZipFile(path);
}

/**
 * Writes a workbook of the given sheets (rekomendasi-pelatihan-<period>.xlsx) with the same
 * fixed document dates and sheet layout as the main report, so identical runs give identical parts.
 */
export async function writeSheetsWorkbook(run: RunResult, sheets: readonly { name: string; content: SheetContent }[], path: string): Promise<void> {
  await writeFixedDateWorkbook(path, sheets, new Date(run.period.end.getTime()));
}
