import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import type { CellValue, RawRow } from './types.js';
import { FORMULA_ERROR_RESULT, FORMULA_NO_RESULT } from './values.js';
import { IoError, fileError } from './errors.js';

/**
 * xlsx reading with ExcelJS's streaming WorkbookReader (ARCHITECTURE "ExcelJS reading"): the
 * in-memory reader hung on templates with whole-column validations. ExcelJS stays behind this file.
 *
 * Known limits of the streaming reader (ExcelJS 4.4.0), handled here:
 * - a formula whose saved result is an error gives NaN, not the error text → `#ERROR`;
 * - a formula without a saved result (never calculated) gives no result → `#NO_RESULT`;
 * - formula results are never converted to dates → converted here from the cell's number format;
 * - merged-cell ranges are not reported (the reader skips `<mergeCell>`), so they are not exposed.
 */

/**
 * ExcelJS 4.4.0's streaming parser decodes every zip chunk on its own (utils/parse-sax.js), so a
 * multi-byte UTF-8 character that straddles a chunk boundary turns into U+FFFD: in a large roster
 * "Ja’far" became "Ja��far". We hand its sheet and shared-string parsers text decoded with one
 * StringDecoder per stream instead, which keeps split characters whole. Patching the prototype
 * works whenever ExcelJS was loaded; strings pass through its own decoder untouched.
 */
interface PatchableReader {
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: unknown): unknown;
  _parseSharedStrings(entry: { setEncoding?(enc: string): unknown }): unknown;
  __appraiseUtf8?: boolean;
}

async function* decodeUtf8(chunks: AsyncIterable<unknown>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

const readerProto = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as PatchableReader;
if (!readerProto.__appraiseUtf8) {
  const parseWorksheet = readerProto._parseWorksheet;
  const parseSharedStrings = readerProto._parseSharedStrings;
  readerProto._parseWorksheet = function (this: PatchableReader, iterator, sheetNo) {
    return parseWorksheet.call(this, decodeUtf8(iterator), sheetNo);
  };
  readerProto._parseSharedStrings = function (this: PatchableReader, entry) {
    entry.setEncoding?.('utf8'); // a stream's own StringDecoder joins split characters
    return parseSharedStrings.call(this, entry);
  };
  readerProto.__appraiseUtf8 = true;
}

export interface XlsxRow extends RawRow {
  sheet: string;
}

export interface XlsxSheet {
  name: string;
  /** 1-based position of the sheet as stored in the file. */
  index: number;
  /** Rows with at least one stored cell, in order. Must be consumed (or abandoned) before the next sheet. */
  rows: AsyncIterable<XlsxRow>;
  /** The same rows in batches (as parsed per read chunk); use either `rows` or `batches`, once. */
  batches: AsyncIterable<XlsxRow[]>;
}

const READER_OPTIONS = {
  sharedStrings: 'cache',
  styles: 'cache', // without it date cells come back as serial numbers
  hyperlinks: 'ignore', // a hyperlink cell's stored value is its text already
  worksheets: 'emit',
  entries: 'ignore',
} as const;

/** Same test ExcelJS applies to plain cells: date/time codes outside quotes and brackets. */
export function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  const f = numFmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]/.test(f) && !/^General$/i.test(f);
}

function serialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

function richTextOf(v: { richText: { text?: string | null }[] }): string {
  let s = '';
  for (const run of v.richText) s += run.text ?? '';
  return s;
}

/** A formula's saved result (number, string, boolean, date, error) as a CellValue. */
function formulaResult(result: unknown, numFmt: string | undefined, date1904: boolean): CellValue {
  if (result === undefined || result === null) return { error: FORMULA_NO_RESULT };
  if (typeof result === 'number') {
    if (Number.isNaN(result)) return { error: FORMULA_ERROR_RESULT }; // streaming reader: t="e"
    return isDateFormat(numFmt) ? serialToDate(result, date1904) : result;
  }
  return plainValue(result, numFmt, date1904);
}

function plainValue(v: unknown, numFmt: string | undefined, date1904: boolean): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number') return Number.isNaN(v) ? { error: FORMULA_ERROR_RESULT } : v;
  if (typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('error' in o) return { error: String(o.error) };
    if (Array.isArray(o.richText)) {
      const s = richTextOf(o as { richText: { text?: string | null }[] });
      return s === '' ? null : s;
    }
    if ('formula' in o || 'sharedFormula' in o) return formulaResult(o.result, numFmt, date1904);
    if ('hyperlink' in o || 'text' in o) {
      const t = o.text;
      if (t !== null && typeof t === 'object') return plainValue(t, numFmt, date1904); // rich text label
      return typeof t === 'string' && t !== '' ? t : null;
    }
  }
  throw new Error(`Unrecognised ExcelJS cell value: ${JSON.stringify(v)}`);
}

/**
 * Unwraps every ExcelJS cell value kind into a CellValue: rich text → joined text; formula and
 * shared formula → saved result (which may be an error or, by number format, a date); hyperlink →
 * text; error → `{error}`; Date, number, boolean as they are; empty → null. Numbers stay numbers,
 * so a NIP typed as a number reaches ingest as `typeof 'number'` and is rejected there.
 */
export function cellValueOf(cell: ExcelJS.Cell, date1904 = false): CellValue {
  const v = cell.value as unknown;
  if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
    const o = v as Record<string, unknown>;
    if ('formula' in o || 'sharedFormula' in o) {
      // The streaming reader drops a NaN (error) result from `value`; the cell still has it.
      const result = 'result' in o ? o.result : (cell as unknown as { result?: unknown }).result;
      return formulaResult(result, cell.numFmt, date1904);
    }
  }
  return plainValue(v, cell.numFmt, date1904);
}

/** Converts one ExcelJS row to cells indexed by 0-based column. */
export function rowCells(row: ExcelJS.Row, date1904 = false): CellValue[] {
  const cells: CellValue[] = new Array<CellValue>(Math.max(0, row.cellCount)).fill(null);
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    cells[col - 1] = cellValueOf(cell, date1904);
  });
  return cells;
}

interface StreamingSheet extends AsyncIterable<ExcelJS.Row> {
  name: string;
  id: number | string;
  /** ExcelJS yields the parsed events of each read chunk together; rows are `{eventType:'row'}`. */
  parse(): AsyncIterable<{ eventType: string; value: unknown }[]>;
}

interface StreamingBook extends AsyncIterable<StreamingSheet> {
  properties?: { model?: { date1904?: boolean } };
}

function xlsxError(err: unknown, displayName: string): IoError {
  if (err instanceof IoError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return fileError(err, displayName);
  const detail = err instanceof Error ? err.message : String(err);
  return new IoError(
    'XLSX_UNREADABLE',
    { file: displayName },
    {
      id: `Berkas bukan buku kerja Excel (.xlsx) yang utuh: ${detail}`,
      en: `The file is not an intact Excel workbook (.xlsx): ${detail}`,
    },
    {
      id: 'Buka berkas di Excel dan simpan sebagai "Excel Workbook (.xlsx)"; berkas .xls lama harus disimpan ulang sebagai .xlsx.',
      en: 'Open the file in Excel and save it as "Excel Workbook (.xlsx)"; old .xls files must be saved again as .xlsx.',
    },
    { cause: err },
  );
}

/**
 * Streams the sheets of a workbook in file order. Each sheet's rows must be iterated (fully or
 * partly) before asking for the next sheet: the file is read once, front to back. Stopping early
 * (break) closes the file. Throws IoError for unreadable or corrupt files.
 */
export async function* readXlsxSheets(path: string, displayName: string = path): AsyncGenerator<XlsxSheet> {
  const source = createReadStream(path);
  // Surface open errors (ENOENT) as ours before ExcelJS sees the stream.
  await new Promise<void>((resolve, reject) => {
    source.once('open', () => resolve());
    source.once('error', (e) => reject(fileError(e, displayName)));
  });
  let sourceError: unknown = null;
  source.on('error', (e) => {
    sourceError = e;
  });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, READER_OPTIONS) as unknown as StreamingBook;
  let index = 0;
  try {
    for await (const ws of reader) {
      index++;
      const date1904 = reader.properties?.model?.date1904 === true;
      const name = ws.name;
      async function* batches(): AsyncGenerator<XlsxRow[]> {
        try {
          for await (const events of ws.parse()) {
            const batch: XlsxRow[] = [];
            for (const e of events) {
              if (e.eventType !== 'row') continue;
              const row = e.value as ExcelJS.Row;
              batch.push({ sheet: name, row: row.number, cells: rowCells(row, date1904) });
            }
            if (batch.length > 0) yield batch;
          }
        } catch (err) {
          throw xlsxError(sourceError ?? err, displayName);
        }
      }
      const b = batches();
      async function* rows(): AsyncGenerator<XlsxRow> {
        for await (const batch of b) yield* batch;
      }
      yield { name, index, rows: rows(), batches: b };
    }
  } catch (err) {
    throw xlsxError(sourceError ?? err, displayName);
  } finally {
    source.destroy();
  }
}

/** Every stored row of every sheet, in order. */
export async function* readXlsxRows(path: string, displayName: string = path): AsyncGenerator<XlsxRow> {
  for await (const sheet of readXlsxSheets(path, displayName)) {
    yield* sheet.rows;
  }
}
