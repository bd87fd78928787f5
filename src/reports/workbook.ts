import { writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import ExcelJS from 'exceljs';
import { stableZipFile } from '../io/zip.js';
import { OutputBatch } from '../workspace/atomic.js';
import type { Lang } from '../domain/i18n.js';
import type { RunResult } from '../pipeline/types.js';
import { indicatorCsvFileName, indicatorRowCount, indicatorsGoToCsv, workbookFileName } from './common.js';
import type { EncodeWorker } from './encoder.js';
import { writeCsv } from './csv.js';
import { indicatorCsvHeader, indicatorRows } from './sheets/indikator.js';
import { SHEETS } from './sheets/index.js';
import { type CellData, type ColumnDef, type SheetBlock, type SheetContent, type SheetImage } from './sheets/types.js';
import { cellOut, EXCEL_MAX_ROWS, layoutSheet } from './sheet-layout.js';
import { DirectWorkbookWriter, writeDirectWorkbook, writeSheets, type SheetsWriter } from './xlsx-direct.js';

/**
 * laporan-kinerja-<period>.xlsx (SPEC §6). Sheets come from the SHEETS registry as data; this file
 * is the only one that knows ExcelJS. Small runs use the in-memory Workbook (which can hold
 * images); large runs are written by the direct XML writer of xlsx-direct.ts (see writeReportWorkbook).
 * Both go through the same writeSheet, so the two modes write the same cells, styles and widths.
 */

export const HEADER_FILL = 'FFD9E1F2';

/**
 * Cells share one style object per look: ExcelJS serialises a style once per distinct object
 * (a WeakMap on the object), so a fresh object per cell cost more than the cell itself. A shared
 * object is assigned whole and never mutated through the cell's setters.
 */
const STYLES = new Map<string, Partial<ExcelJS.Style>>();
function sharedStyle(
  numFmt: string | undefined,
  fill: string | undefined,
  bold: boolean,
  value: string | number | null,
): Partial<ExcelJS.Style> {
  // ExcelJS caches the style id per object whatever the cell's type, and an unformatted number
  // gets 'General' while a string gets no format: so the value's type is part of the key.
  const key = `${numFmt ?? typeof value}|${fill ?? ''}|${bold ? 'b' : ''}`;
  let style = STYLES.get(key);
  if (style === undefined) {
    style = {};
    if (numFmt !== undefined) style.numFmt = numFmt;
    if (fill !== undefined) style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
    if (bold) style.font = { bold: true };
    STYLES.set(key, style);
  }
  return style;
}

function setCell(cell: ExcelJS.Cell, data: CellData, col: ColumnDef): void {
  const { value, numFmt, fill, bold } = cellOut(data, col);
  cell.style = sharedStyle(numFmt, fill, bold, value);
  // An empty text is a blank cell (the streaming writer drops empty strings; both modes agree).
  if (value !== null && value !== '') cell.value = value;
}

export { EXCEL_MAX_ROWS };

/**
 * Row count above which the workbook is written by the direct XML writer (xlsx-direct.ts): about
 * ten times faster than ExcelJS's streaming writer, but it holds no images, so a sheet's images go
 * to PNG files beside the workbook, with a note on the sheet.
 */
export const STREAM_ABOVE_ROWS = 50_000;

/**
 * Writes a sheet's blocks into an in-memory ExcelJS worksheet: frozen header (from the views),
 * filter and widths. A sheet never passes EXCEL_MAX_ROWS: the last row then says how many rows
 * were left out (see layoutSheet).
 */
function writeSheetRows(ws: ExcelJS.Worksheet, content: SheetContent, lang: Lang): number {
  const { widths, rows } = layoutSheet(content, ws.name, lang);
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  for (;;) {
    const step = rows.next();
    if (step.done) {
      const { filterTo, lastRow } = step.value;
      if (filterTo !== null) ws.autoFilter = { from: { row: 1, column: 1 }, to: filterTo };
      return lastRow;
    }
    const laid = step.value;
    const row = ws.getRow(laid.row);
    if (laid.kind === 'title') {
      const cell = row.getCell(1);
      cell.value = laid.text;
      cell.font = { bold: true, size: 12 };
    } else if (laid.kind === 'note') {
      const cell = row.getCell(1);
      cell.value = laid.text;
      cell.font = { bold: true };
    } else if (laid.kind === 'header') {
      laid.columns.forEach((col, i) => {
        const cell = row.getCell(i + 1);
        cell.value = col.header;
        cell.font = { bold: true };
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
        cell.alignment = { vertical: 'middle' };
      });
    } else {
      for (let c = 0; c < laid.columns.length; c++) setCell(row.getCell(c + 1), laid.cells[c]!, laid.columns[c]!);
    }
  }
}

/** Writes a sheet's blocks into an in-memory worksheet and sets frozen header, filter and widths; returns the last row used. */
export function writeSheet(ws: ExcelJS.Worksheet, content: SheetContent, lang: Lang = 'id'): number {
  return writeSheetRows(ws, content, lang);
}

/**
 * The Indikator rows as a csv (SPEC §9: used when they exceed config.reports.detailSheetMaxRows;
 * the sheet and Ringkasan then carry a note). Same columns and values as the sheet.
 */
export async function writeIndicatorCsv(run: RunResult, lang: Lang, csvPath: string, encoder?: EncodeWorker): Promise<void> {
  const header = indicatorCsvHeader(lang);
  const rows = indicatorRows(run, lang); // a styled cell is written as its value
  if (encoder) await encoder.csv(csvPath, header, rows, indicatorCsvFileName(run.period.id));
  else await writeCsv(csvPath, header, rows);
}

/** Where the Indikator csv goes for a workbook path: the same folder. */
export function indicatorCsvPath(run: RunResult, workbookPath: string): string {
  return join(dirname(workbookPath), indicatorCsvFileName(run.period.id));
}

/** SPEC §8: no run timestamps inside the report; the period's end date stands in for them. */
function stamp(wb: { creator: string; lastModifiedBy: string; created: Date; modified: Date }, run: RunResult): void {
  const fixed = new Date(run.period.end.getTime());
  wb.creator = 'appraise';
  wb.lastModifiedBy = 'appraise';
  wb.created = fixed;
  wb.modified = fixed;
}

const VIEWS: Partial<ExcelJS.WorksheetView>[] = [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }];

/** Builds the workbook in memory (for tests and for callers that want the ExcelJS object). */
export function buildReportWorkbook(run: RunResult, lang: Lang): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  // Two runs on the same inputs give identical parts; time lives in manifest.json.
  stamp(wb, run);
  for (const sheet of SHEETS) {
    if (sheet.when && !sheet.when(run)) continue;
    const ws = wb.addWorksheet(sheet.name, { views: VIEWS });
    const content = sheet.build(run, lang);
    let lastRow = writeSheet(ws, content, lang);
    for (const image of content.images ?? []) {
      // Below the tables, one empty row apart; ExcelJS anchors are 0-based.
      const id = wb.addImage({ buffer: image.png as unknown as ExcelJS.Buffer, extension: 'png' });
      ws.addImage(id, { tl: { col: 0, row: lastRow + 1 }, ext: { width: image.width, height: image.height } });
      lastRow += Math.ceil(image.height / 20) + 2;
    }
  }
  return wb;
}

/**
 * The rows the workbook will hold, roughly (one per employee on Pegawai, the indicator rows when
 * they stay on their sheet, one per issue): decides between the in-memory and the streaming writer.
 */
export function workbookRowEstimate(run: RunResult): number {
  return run.employees.length + run.issues.length + (indicatorsGoToCsv(run) ? 0 : indicatorRowCount(run));
}

export interface WorkbookWriteOptions {
  /**
   * Where to write the indicator csv when the rows exceed the limit; default
   * `indikator-<period>.csv` beside `path`. A caller that writes outputs under temporary names
   * (SPEC §8) passes its temporary name here and renames it with the workbook.
   */
  indicatorCsvPath?: string;
  /** Stream the workbook above this many rows (default STREAM_ABOVE_ROWS). */
  streamAboveRows?: number;
  /**
   * Where an image file (`laporan-kinerja-<period>-<name>.png`) goes when the workbook is streamed;
   * default beside `path`. A caller with temporary names reserves the name and returns its
   * temporary path, as for indicatorCsvPath.
   */
  imagePath?: (fileName: string) => string;
  /**
   * The indicator csv is written by the caller (indicator-csv.ts, during compute): the workbook
   * only carries its note.
   */
  indicatorCsvWritten?: boolean;
  /**
   * The encoding worker of a large run (encoder.ts): the streamed workbook and the indicator csv
   * are then encoded and written by it, and complete only once `encoder.finish()` resolves.
   */
  encoder?: EncodeWorker;
}

export interface WorkbookWriteResult {
  /** in-memory workbook, or streamed (large runs: images written beside it as PNG files). */
  mode: 'memory' | 'stream';
  /** Image files written beside the workbook (streaming mode only), by their final file names. */
  imageFiles: string[];
}

/** The final file name of a sheet image written beside the workbook. */
export function imageFileName(run: RunResult, image: SheetImage, index: number): string {
  return `${basename(workbookFileName(run.period.id), '.xlsx')}-${image.name ?? `gambar-${index + 1}`}.png`;
}

function imageNote(files: string[], lang: Lang): SheetBlock {
  return {
    title: lang === 'id' ? 'Grafik' : 'Charts',
    columns: [
      { header: lang === 'id' ? 'Catatan' : 'Note', type: 'general', width: 60 },
      { header: lang === 'id' ? 'Berkas' : 'File', type: 'general', width: 36 },
    ],
    rows: files.map((f) => [
      lang === 'id'
        ? 'Laporan ini besar sehingga ditulis secara streaming, yang tidak dapat memuat gambar; grafik disimpan sebagai berkas terpisah di folder yang sama.'
        : 'This report is large, so it was streamed, which cannot hold images; the chart is saved as a separate file in the same folder.',
      f,
    ]),
  };
}

/** Writes the workbook with the direct XML writer: rows are serialised and zipped as they are made, never all held. */
async function streamReportWorkbook(run: RunResult, path: string, lang: Lang, opts: WorkbookWriteOptions): Promise<string[]> {
  const fixed = new Date(run.period.end.getTime());
  const wb: SheetsWriter = opts.encoder ? opts.encoder.workbook(path, fixed, workbookFileName(run.period.id)) : new DirectWorkbookWriter(path, fixed);
  const imageFiles: string[] = [];
  try {
    for (const sheet of SHEETS) {
      if (sheet.when && !sheet.when(run)) continue;
      const content = sheet.build(run, lang);
      const images = content.images ?? [];
      const files: string[] = [];
      for (const [i, image] of images.entries()) {
        const name = imageFileName(run, image, i);
        await writeFile(opts.imagePath?.(name) ?? join(dirname(path), name), image.png);
        files.push(name);
      }
      imageFiles.push(...files);
      const blocks = files.length > 0 ? [...content.blocks, imageNote(files, lang)] : content.blocks;
      await wb.addSheet(sheet.name, { blocks }, lang);
    }
    await wb.close();
  } catch (err) {
    await wb.abort();
    throw err;
  }
  return imageFiles;
}

/**
 * Writes laporan-kinerja-<period>.xlsx to `path` (the caller chooses a temporary name and renames
 * it, SPEC §8) and, when indicatorsGoToCsv(run), the indicator csv (see WorkbookWriteOptions).
 * Small runs get the in-memory workbook (images on their sheets); above streamAboveRows the
 * workbook is streamed and images go beside it (see WorkbookWriteResult).
 */
export async function writeReportWorkbook(
  run: RunResult,
  path: string,
  lang: Lang,
  opts: WorkbookWriteOptions = {},
): Promise<WorkbookWriteResult> {
  const stream = workbookRowEstimate(run) > (opts.streamAboveRows ?? STREAM_ABOVE_ROWS);
  // The csv and the workbook are written side by side: zlib's deflate runs off the main thread.
  const csv = !opts.indicatorCsvWritten && indicatorsGoToCsv(run) ? writeIndicatorCsv(run, lang, opts.indicatorCsvPath ?? indicatorCsvPath(run, path), opts.encoder) : null;
  let result: WorkbookWriteResult;
  try {
    if (stream) result = { mode: 'stream', imageFiles: await streamReportWorkbook(run, path, lang, opts) };
    else {
      await buildReportWorkbook(run, lang).xlsx.writeFile(path);
      result = { mode: 'memory', imageFiles: [] };
    }
  } finally {
    await csv;
  }
  // Zip entry times pinned: the same run gives the same bytes (SPEC §8). The direct writer
  // writes them pinned already.
  if (result.mode === 'memory') stableZipFile(path);
  return result;
}

export interface DirectOptions {
  /** Stream (direct writer) above this many rows (default STREAM_ABOVE_ROWS). */
  streamAboveRows?: number;
  /** The encoding worker of a large run (see WorkbookWriteOptions.encoder); `label` names the file in its errors. */
  encoder?: EncodeWorker;
  label?: string;
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
  opts: DirectOptions = {},
): Promise<void> {
  const dates = { creator: 'appraise', lastModifiedBy: 'appraise', created: fixedDate, modified: fixedDate };
  // Rows of array blocks; a generator block counts as large. Large workbooks are streamed.
  const rows = sheets.reduce((n, s) => n + s.content.blocks.reduce((m, b) => m + (Array.isArray(b.rows) ? b.rows.length : STREAM_ABOVE_ROWS + 1), 0), 0);
  if (rows > (opts.streamAboveRows ?? STREAM_ABOVE_ROWS)) {
    // Zip times already fixed. With an encoder the file is complete once encoder.finish() resolves.
    if (opts.encoder) await writeSheets(opts.encoder.workbook(path, fixedDate, opts.label ?? basename(path)), sheets, 'id');
    else await writeDirectWorkbook(path, sheets, fixedDate, 'id');
    return;
  }
  const wb = new ExcelJS.Workbook();
  Object.assign(wb, dates);
  for (const sheet of sheets) writeSheet(wb.addWorksheet(sheet.name, { views: VIEWS }), sheet.content);
  await wb.xlsx.writeFile(path);
  stableZipFile(path);
}

/**
 * Writes a workbook of the given sheets (rekomendasi-pelatihan-<period>.xlsx) with the same
 * fixed document dates and sheet layout as the main report, so identical runs give identical parts.
 */
export async function writeSheetsWorkbook(
  run: RunResult,
  sheets: readonly { name: string; content: SheetContent }[],
  path: string,
  opts: DirectOptions = {},
): Promise<void> {
  await writeFixedDateWorkbook(path, sheets, new Date(run.period.end.getTime()), opts);
}

/**
 * One small workbook at a user-chosen path (explain/diff `-o`), written under a temporary name and
 * renamed when complete, like every other output. Returns the final path.
 */
export async function writeWorkbookAtomically(
  path: string,
  sheets: readonly { name: string; content: SheetContent }[],
  fixedDate: Date,
): Promise<string> {
  const batch = new OutputBatch(dirname(path));
  try {
    const file = batch.reserve(basename(path));
    await writeFixedDateWorkbook(file.tmp, sheets, fixedDate);
    return batch.commit()[0]!;
  } catch (e) {
    batch.abort();
    throw e;
  }
}
