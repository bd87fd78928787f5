import { writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import ExcelJS from 'exceljs';
import { stableZipFile } from '../io/zip.js';
import { OutputBatch } from '../workspace/atomic.js';
import type { Lang } from '../domain/i18n.js';
import type { RunResult } from '../pipeline/types.js';
import { indicatorCsvFileName, indicatorRowCount, indicatorsGoToCsv, workbookFileName } from './common.js';
import { writeCsv } from './csv.js';
import { indicatorColumns, indicatorRows } from './sheets/indikator.js';
import { SHEETS } from './sheets/index.js';
import { isStyled, type CellData, type ColumnDef, type SheetBlock, type SheetContent, type SheetImage } from './sheets/types.js';

/**
 * laporan-kinerja-<period>.xlsx (SPEC §6). Sheets come from the SHEETS registry as data; this file
 * is the only one that knows ExcelJS. Small runs use the in-memory Workbook (which can hold
 * images); large runs stream every sheet with ExcelJS's WorkbookWriter (see writeReportWorkbook).
 * Both go through the same writeSheet, so the two modes write the same cells, styles and widths.
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
  const styled = isStyled(data) ? data : undefined;
  let value = styled ? styled.value : (data as string | number | null);
  let numFmt: string | undefined;
  if (col.type === 'text') {
    // NIPs and hashes: a string in a Text-formatted cell, never a number Excel could round.
    if (value !== null) value = String(value);
    numFmt = '@';
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`appraise: cannot write a non-finite number (${value}) to a sheet`);
    numFmt = styled?.numFmt ?? NUM_FMT[col.type];
  }
  cell.style = sharedStyle(numFmt, styled?.fill, styled?.bold ?? false, value);
  // An empty text is a blank cell (the streaming writer drops empty strings; both modes agree).
  if (value !== null && value !== '') cell.value = value;
}

/** Excel's row limit (SPEC §9: a sheet never exceeds it). */
export const EXCEL_MAX_ROWS = 1_048_576;

/**
 * Row count above which the workbook is streamed (ExcelJS WorkbookWriter): 5–7× faster and a tenth
 * of the memory of the in-memory workbook at 100k rows (ARCHITECTURE), but it cannot hold images,
 * so a sheet's images go to PNG files beside the workbook, with a note on the sheet.
 */
export const STREAM_ABOVE_ROWS = 50_000;

/** The rows written per event-loop turn in streaming mode, so that the zip drains as rows are made. */
const ROWS_PER_TURN = 2_000;

interface PlannedBlock {
  block: SheetBlock;
  /** The first rows, already pulled for the width fit. */
  head: CellData[][];
  /** The rest of the rows, not yet pulled. */
  rest: Iterator<CellData[]>;
}

/**
 * Widths fitted to each block's header and first WIDTH_SAMPLE_ROWS rows. Those rows are pulled
 * here (the streaming writer needs the widths before the first row) and written from the plan.
 */
function planSheet(content: SheetContent): { widths: number[]; blocks: PlannedBlock[] } {
  const widths: number[] = [];
  const fit = (i: number, chars: number): void => {
    widths[i] = Math.max(widths[i] ?? 0, Math.min(MAX_WIDTH, chars));
  };
  const blocks = content.blocks.map((block): PlannedBlock => {
    block.columns.forEach((col, i) => fit(i, Math.max(col.width, col.header.length + 2)));
    const rest = block.rows[Symbol.iterator]();
    const head: CellData[][] = [];
    while (head.length < WIDTH_SAMPLE_ROWS) {
      const r = rest.next();
      if (r.done) break;
      checkRow(r.value, block);
      head.push(r.value);
      block.columns.forEach((col, i) => fit(i, cellText(r.value[i]!, col).length + 2));
    }
    return { block, head, rest };
  });
  return { widths, blocks };
}

function checkRow(data: CellData[], block: SheetBlock): void {
  if (data.length !== block.columns.length) {
    throw new Error(`appraise: a row of ${data.length} cells under ${block.columns.length} columns`);
  }
}

/** The text a cell shows, for the width fit. */
function cellText(data: CellData, col: ColumnDef): string {
  const value = isStyled(data) ? data.value : data;
  if (value === null) return '';
  return typeof value === 'number' && col.type === 'number' ? value.toFixed(2) : String(value);
}

function truncationNote(sheet: string, omitted: number, lang: Lang): string {
  return lang === 'id'
    ? `Lembar ${sheet} mencapai batas Excel (${EXCEL_MAX_ROWS} baris): ${omitted} baris tidak ditulis di sini; daftar lengkapnya ada di berkas hasil JSON.`
    : `Sheet ${sheet} reached Excel's limit (${EXCEL_MAX_ROWS} rows): ${omitted} rows are not written here; the full list is in the results JSON file.`;
}

/**
 * Writes a sheet's blocks into `ws` (an in-memory or a streaming worksheet: both have getRow and
 * the same cell API; `commit` is the streaming writer's row commit). Sets frozen header, filter and
 * widths. A sheet never passes EXCEL_MAX_ROWS: the last row then says how many rows were left out.
 * A generator: it yields every ROWS_PER_TURN rows in streaming mode, where the caller gives the
 * event loop a turn so that the zip drains; the in-memory caller runs it straight through.
 */
function* writeSheetRows(
  ws: ExcelJS.Worksheet,
  content: SheetContent,
  lang: Lang,
  commit: ((row: ExcelJS.Row) => void) | null,
): Generator<void, number, void> {
  const name = ws.name;
  const { widths, blocks } = planSheet(content);
  // Widths go first: the streaming writer writes <cols> before the first row.
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  let rowNo = 0;
  let sinceYield = 0;
  let filterTo: { row: number; column: number } | null = null;
  let omitted = 0;
  const done = (row: ExcelJS.Row): void => commit?.(row);
  for (let b = 0; b < blocks.length; b++) {
    const { block, head, rest } = blocks[b]!;
    // Title, header and one data row must fit below the limit, with the truncation note's row.
    if (omitted > 0 || rowNo + (b > 0 ? 1 : 0) + (block.title !== undefined ? 1 : 0) + 1 >= EXCEL_MAX_ROWS) {
      omitted += head.length;
      for (let r = rest.next(); !r.done; r = rest.next()) omitted++;
      continue;
    }
    if (b > 0) rowNo++; // an empty row between tables
    if (block.title !== undefined) {
      rowNo++;
      const row = ws.getRow(rowNo);
      const cell = row.getCell(1);
      cell.value = block.title;
      cell.font = { bold: true, size: 12 };
      done(row);
    }
    rowNo++;
    const header = ws.getRow(rowNo);
    block.columns.forEach((col, i) => {
      const cell = header.getCell(i + 1);
      cell.value = col.header;
      cell.font = { bold: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
      cell.alignment = { vertical: 'middle' };
    });
    done(header);
    let i = 0;
    for (;;) {
      let data: CellData[];
      if (i < head.length) data = head[i++]!;
      else {
        const r = rest.next();
        if (r.done) break;
        data = r.value;
        checkRow(data, block);
      }
      if (rowNo + 1 >= EXCEL_MAX_ROWS) {
        omitted++;
        continue;
      }
      rowNo++;
      const row = ws.getRow(rowNo);
      for (let c = 0; c < block.columns.length; c++) setCell(row.getCell(c + 1), data[c]!, block.columns[c]!);
      done(row);
      if (commit !== null && ++sinceYield >= ROWS_PER_TURN) {
        sinceYield = 0;
        yield;
      }
    }
    if (b === 0) filterTo = { row: rowNo, column: block.columns.length };
  }
  if (omitted > 0) {
    rowNo++;
    const row = ws.getRow(rowNo);
    const cell = row.getCell(1);
    cell.value = truncationNote(name, omitted, lang);
    cell.font = { bold: true };
    done(row);
  }
  if (filterTo !== null) ws.autoFilter = { from: { row: 1, column: 1 }, to: filterTo };
  return rowNo;
}

/** Writes a sheet's blocks into an in-memory worksheet and sets frozen header, filter and widths; returns the last row used. */
export function writeSheet(ws: ExcelJS.Worksheet, content: SheetContent, lang: Lang = 'id'): number {
  const steps = writeSheetRows(ws, content, lang, null);
  for (;;) {
    const step = steps.next(); // never yields without a commit function
    if (step.done) return step.value;
  }
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

/** Streams the workbook: rows are serialised and zipped as they are made, never all held. */
async function streamReportWorkbook(run: RunResult, path: string, lang: Lang, opts: WorkbookWriteOptions): Promise<string[]> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: true });
  stamp(wb, run);
  const imageFiles: string[] = [];
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
    const ws = wb.addWorksheet(sheet.name, { views: VIEWS });
    const blocks = files.length > 0 ? [...content.blocks, imageNote(files, lang)] : content.blocks;
    const steps = writeSheetRows(ws as unknown as ExcelJS.Worksheet, { blocks }, lang, (row) => row.commit());
    for (let s = steps.next(); !s.done; s = steps.next()) await new Promise<void>((resolve) => setImmediate(resolve));
    ws.commit();
  }
  await wb.commit();
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
  const csv = indicatorsGoToCsv(run) ? writeIndicatorCsv(run, lang, opts.indicatorCsvPath ?? indicatorCsvPath(run, path)) : null;
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
  // Zip entry times pinned: the same run gives the same bytes (SPEC §8). Patched in place, so a
  // large streamed workbook is never read whole.
  stableZipFile(path);
  return result;
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
  const dates = { creator: 'appraise', lastModifiedBy: 'appraise', created: fixedDate, modified: fixedDate };
  // Rows of array blocks; a generator block counts as large. Large workbooks are streamed.
  const rows = sheets.reduce((n, s) => n + s.content.blocks.reduce((m, b) => m + (Array.isArray(b.rows) ? b.rows.length : STREAM_ABOVE_ROWS + 1), 0), 0);
  if (rows > STREAM_ABOVE_ROWS) {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: true });
    Object.assign(wb, dates);
    for (const sheet of sheets) {
      const ws = wb.addWorksheet(sheet.name, { views: VIEWS });
      const steps = writeSheetRows(ws as unknown as ExcelJS.Worksheet, sheet.content, 'id', (row) => row.commit());
      for (let s = steps.next(); !s.done; s = steps.next()) await new Promise<void>((resolve) => setImmediate(resolve));
      ws.commit();
    }
    await wb.commit();
  } else {
    const wb = new ExcelJS.Workbook();
    Object.assign(wb, dates);
    for (const sheet of sheets) writeSheet(wb.addWorksheet(sheet.name, { views: VIEWS }), sheet.content);
    await wb.xlsx.writeFile(path);
  }
  stableZipFile(path);
}

/**
 * Writes a workbook of the given sheets (rekomendasi-pelatihan-<period>.xlsx) with the same
 * fixed document dates and sheet layout as the main report, so identical runs give identical parts.
 */
export async function writeSheetsWorkbook(run: RunResult, sheets: readonly { name: string; content: SheetContent }[], path: string): Promise<void> {
  await writeFixedDateWorkbook(path, sheets, new Date(run.period.end.getTime()));
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
