import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { Readable, pipeline } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
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
 *
 * We do not let ExcelJS unzip the file (`reader.parse()`): its entry loop (utils/iterate-stream.js
 * over unzipper 0.10's Parse) loses entries. Parse emits a synthetic 'end' as soon as it has parsed
 * the whole zip, which for a small file happens while ExcelJS is still busy with an earlier entry
 * (copying a worksheet that precedes sharedStrings.xml to a temp file) and the remaining entries sit
 * unread in the paused stream; iterate-stream takes 'end' as the last entry and drops them. In
 * files whose workbook.xml comes last (ours, ExcelJS-written) that failed about 1 read in 300 with
 * "Cannot read properties of undefined (reading 'sheets')"; in other part orders it could drop
 * sharedStrings or styles, or whole sheets. Instead we read the zip's central directory and hand
 * ExcelJS's own part parsers the parts in the order they need them (relationships, workbook, styles,
 * shared strings, then each sheet as a stream), so nothing depends on timing and no sheet is copied
 * to a temp file.
 *
 * ExcelJS 4.4.0 also decodes every chunk on its own (utils/parse-sax.js), so a multi-byte UTF-8
 * character straddling a chunk boundary became U+FFFD ("Ja’far" → "Ja��far"): every part is
 * handed over as text decoded by the stream's own StringDecoder, which keeps split characters whole.
 */

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

// ---- zip container: central directory and part streams -----------------------------------------

interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  localOffset: number;
}

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CD_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;

class ZipFormatError extends Error {}

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await fh.read(buf, got, length - got, position + got);
    if (bytesRead === 0) throw new ZipFormatError('the file ends early (truncated zip)');
    got += bytesRead;
  }
  return buf;
}

function u64(buf: Buffer, at: number): number {
  const v = buf.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipFormatError('zip64 value out of range');
  return Number(v);
}

/** The entries of the central directory, in directory order (the order the parts are stored). */
async function readZipDirectory(fh: FileHandle, fileSize: number): Promise<ZipEntry[]> {
  // The end record is 22 bytes plus a comment of at most 65535 bytes.
  const tailLen = Math.min(fileSize, 22 + 0xffff);
  const tailStart = fileSize - tailLen;
  const tail = await readAt(fh, tailStart, tailLen);
  let eocd = -1;
  for (let i = tailLen - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIG && i + 22 + tail.readUInt16LE(i + 20) === tailLen) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('not a zip file (no end of central directory)');
  let count = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || tail.readUInt32LE(loc) !== ZIP64_LOCATOR_SIG) throw new ZipFormatError('zip64 locator missing');
    const rec = await readAt(fh, u64(tail, loc + 8), 56);
    if (rec.readUInt32LE(0) !== ZIP64_EOCD_SIG) throw new ZipFormatError('zip64 end record missing');
    count = u64(rec, 32);
    cdSize = u64(rec, 40);
    cdOffset = u64(rec, 48);
  }
  if (cdOffset + cdSize > fileSize) throw new ZipFormatError('central directory outside the file');
  const cd = await readAt(fh, cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CD_SIG) throw new ZipFormatError('malformed central directory');
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    let compressedSize = cd.readUInt32LE(p + 20);
    const size = cd.readUInt32LE(p + 24);
    let localOffset = cd.readUInt32LE(p + 42);
    // zip64 extra field (0x0001): 8-byte values for exactly the fields stored as 0xffffffff, in order.
    if (size === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      const extra = cd.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen);
      for (let x = 0; x + 4 <= extra.length; x += 4 + extra.readUInt16LE(x + 2)) {
        if (extra.readUInt16LE(x) !== 0x0001) continue;
        let f = x + 4;
        if (size === 0xffffffff) f += 8;
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(extra, f);
          f += 8;
        }
        if (localOffset === 0xffffffff) localOffset = u64(extra, f);
        break;
      }
    }
    entries.push({
      name: cd.toString('utf8', p + 46, p + 46 + nameLen),
      flags: cd.readUInt16LE(p + 8),
      method: cd.readUInt16LE(p + 10),
      compressedSize,
      localOffset,
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Where an entry's stored bytes start: after its local header, whose name/extra lengths may differ from the directory's. */
async function entryDataStart(fh: FileHandle, fileSize: number, e: ZipEntry): Promise<number> {
  if (e.flags & 0x1) throw new ZipFormatError(`${e.name} is encrypted`);
  if (e.method !== 0 && e.method !== 8) throw new ZipFormatError(`${e.name} uses unsupported compression ${e.method}`);
  const head = await readAt(fh, e.localOffset, 30);
  if (head.readUInt32LE(0) !== LOCAL_SIG) throw new ZipFormatError(`malformed local header of ${e.name}`);
  const start = e.localOffset + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
  if (start + e.compressedSize > fileSize) throw new ZipFormatError(`${e.name} extends past the end of the file`);
  return start;
}

/** An entry's stored bytes in chunks, read at their offsets (no stream owns or closes the handle). */
async function* storedBytes(fh: FileHandle, start: number, length: number): AsyncGenerator<Buffer> {
  for (let pos = start, end = start + length; pos < end; ) {
    const n = Math.min(64 * 1024, end - pos);
    yield await readAt(fh, pos, n);
    pos += n;
  }
}

/** A part as a stream of UTF-8 text (see the header comment: split characters stay whole). */
function partStream(fh: FileHandle, start: number, e: ZipEntry): Readable {
  const raw = Readable.from(storedBytes(fh, start, e.compressedSize), { objectMode: false });
  // pipeline destroys both with the first error, so a damaged part errors its reader.
  const out = e.method === 8 ? pipeline(raw, createInflateRaw(), () => {}) : raw;
  out.setEncoding('utf8');
  return out;
}

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

/** The parts of ExcelJS's WorkbookReader we drive ourselves (see the header comment). */
interface PartReader {
  model?: unknown;
  properties?: { model?: { date1904?: boolean } };
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncIterable<unknown>;
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Iterable<{ eventType: string; value: unknown }>;
}

/** The sheet parts ExcelJS's reader recognises. */
const SHEET_PART = /^xl\/worksheets\/sheet(\d+)\.xml$/;

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
 * partly) before asking for the next sheet; a sheet whose rows are never started is not read.
 * Stopping early (break) closes the file. Throws IoError for unreadable or corrupt files.
 */
export async function* readXlsxSheets(path: string, displayName: string = path): AsyncGenerator<XlsxSheet> {
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    throw fileError(err, displayName);
  }
  const opened: Readable[] = [];
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, READER_OPTIONS) as unknown as PartReader;
    let sheetParts: { no: string; entry: ZipEntry }[];
    let fileSize: number;
    const openPart = async (entry: ZipEntry): Promise<Readable> => {
      const stream = partStream(fh, await entryDataStart(fh, fileSize, entry), entry);
      opened.push(stream);
      return stream;
    };
    try {
      fileSize = (await fh.stat()).size;
      const entries = await readZipDirectory(fh, fileSize);
      const byName = new Map(entries.map((e) => [e.name, e]));
      const workbook = byName.get('xl/workbook.xml');
      if (!workbook) throw new ZipFormatError('xl/workbook.xml is missing');
      // Everything a sheet's parser looks up comes before the first sheet, whatever the part order.
      const rels = byName.get('xl/_rels/workbook.xml.rels');
      if (rels) await reader._parseRels(await openPart(rels));
      await reader._parseWorkbook(await openPart(workbook));
      if (reader.model === undefined) throw new ZipFormatError('xl/workbook.xml holds no workbook');
      const styles = byName.get('xl/styles.xml');
      if (styles) await reader._parseStyles(await openPart(styles));
      const strings = byName.get('xl/sharedStrings.xml');
      if (strings) for await (const _ of reader._parseSharedStrings(await openPart(strings))); // 'cache': fills the reader
      sheetParts = [];
      for (const entry of entries) {
        const m = SHEET_PART.exec(entry.name);
        if (m) sheetParts.push({ no: m[1]!, entry });
      }
    } catch (err) {
      throw xlsxError(err, displayName);
    }
    const date1904 = reader.properties?.model?.date1904 === true;
    let index = 0;
    for (const part of sheetParts) {
      // Opened only when the sheet's rows are started, and closed when they stop.
      async function* text(): AsyncGenerator<string> {
        const stream = await openPart(part.entry);
        try {
          yield* stream as AsyncIterable<string>;
        } finally {
          stream.destroy();
        }
      }
      let ws: StreamingSheet | undefined;
      for (const e of reader._parseWorksheet(text(), part.no)) ws = e.value as StreamingSheet;
      if (!ws) continue;
      const sheet = ws;
      index++;
      const name = sheet.name;
      async function* batches(): AsyncGenerator<XlsxRow[]> {
        try {
          for await (const events of sheet.parse()) {
            const batch: XlsxRow[] = [];
            for (const e of events) {
              if (e.eventType !== 'row') continue;
              const row = e.value as ExcelJS.Row;
              batch.push({ sheet: name, row: row.number, cells: rowCells(row, date1904) });
            }
            if (batch.length > 0) yield batch;
          }
        } catch (err) {
          throw xlsxError(err, displayName);
        }
      }
      const b = batches();
      async function* rows(): AsyncGenerator<XlsxRow> {
        for await (const batch of b) yield* batch;
      }
      yield { name, index, rows: rows(), batches: b };
    }
  } finally {
    for (const s of opened) s.destroy();
    await fh.close(); // waits for reads still in flight
  }
}

/** Every stored row of every sheet, in order. */
export async function* readXlsxRows(path: string, displayName: string = path): AsyncGenerator<XlsxRow> {
  for await (const sheet of readXlsxSheets(path, displayName)) {
    yield* sheet.rows;
  }
}
