import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import type { IssueSink } from '../domain/issues.js';
import type { CellPlace } from '../domain/place.js';
import { columnLetter } from '../domain/place.js';
import type { Text } from '../domain/i18n.js';
import type { CellValue, ColumnSpec, RawRow, SourceInfo, TableRow } from './types.js';
import { IoError, fileError } from './errors.js';
import { probeCsv, readCsvBatches, readCsvRows } from './csv.js';
import type { CsvProbe } from './csv.js';
import type { XlsxSheet } from './xlsx.js';
import { cellText, isBlank } from './values.js';

/**
 * xlsx.ts loads ExcelJS (~0.13 s of CPU): imported when a workbook is first read, so that a worker
 * thread reading csv files (pipeline/survey-read.ts) does not load it.
 */
async function* readXlsxSheets(path: string, displayName: string): AsyncGenerator<XlsxSheet> {
  const xlsx = await import('./xlsx.js');
  yield* xlsx.readXlsxSheets(path, displayName);
}

/**
 * Opens a csv or xlsx input as a table of canonical columns (SPEC §2 "Headers"): finds the header
 * row below any title rows, maps headers to canonical keys, and streams the data rows with the
 * place of every cell. Only the header search rows are buffered.
 */

export interface OpenTableOptions {
  path: string;
  displayName: string;
  columns: ColumnSpec[];
  /** Foreign header → canonical key; matched like aliases, and wins over them. */
  mapping?: Record<string, string>;
  sheet?: string;
  sink: IssueSink;
  /** How many rows from the top may precede and include the header row (default 30). */
  headerSearchRows?: number;
}

export interface OpenedTable {
  info: SourceInfo;
  /** csv: computed while reading; xlsx: of the file bytes. */
  sha256: string | null;
  /** The recognised columns, in sheet order. */
  columns: { key: string; header: string; column: string }[];
  /**
   * Data rows after the header; completely blank rows are skipped. The first call continues the
   * stream opened by openTable; later calls read the file again. A read error mid-file becomes an
   * error issue in the sink and ends the rows.
   */
  rows(): AsyncIterable<TableRow>;
  /** Releases the open file when rows() will not be read to the end (safe to call any time). */
  close(): Promise<void>;
}

/** Rows that can also be read a chunk at a time (what OpenedTable.rows() of a file gives). */
interface BatchedRows extends AsyncIterable<TableRow> {
  batches(): AsyncIterable<TableRow[]>;
}

/**
 * The rows of `rows` (an OpenedTable's rows()) in arrays: a file's rows come one array per read
 * chunk, saving an async step per row over millions of rows; any other iterable of rows (a replayed
 * table) comes as it is, one row per array.
 */
export async function* rowBatches(rows: AsyncIterable<TableRow>): AsyncGenerator<readonly TableRow[]> {
  if (typeof (rows as Partial<BatchedRows>).batches === 'function') {
    yield* (rows as BatchedRows).batches();
    return;
  }
  for await (const row of rows) yield [row];
}

/** Header normal form: case, accents, spaces and punctuation ignored ('Biaya/Tarif' = 'biayatarif'). */
export function normalizeHeader(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

type Format = 'csv' | 'xlsx';

function formatOf(path: string): Format | null {
  const ext = extname(path).toLowerCase();
  return ext === '.csv' ? 'csv' : ext === '.xlsx' ? 'xlsx' : null;
}

function report(sink: IssueSink, err: unknown, displayName: string): void {
  const e = err instanceof IoError ? err : fileError(err, displayName);
  sink.error(e.code, e.place, e.text, e.hint);
}

interface Lookup {
  /** normalised header → key, from mappings (they win) */
  mapped: Map<string, string>;
  /** normalised header → key, from the column specs */
  aliases: Map<string, string>;
}

function buildLookup(opts: OpenTableOptions): Lookup {
  const keys = new Set(opts.columns.map((c) => c.key));
  const aliases = new Map<string, string>();
  for (const spec of opts.columns) {
    for (const h of [spec.key, ...spec.headers]) {
      const n = normalizeHeader(h);
      if (n !== '' && !aliases.has(n)) aliases.set(n, spec.key);
    }
  }
  const mapped = new Map<string, string>();
  for (const [foreign, key] of Object.entries(opts.mapping ?? {})) {
    if (!keys.has(key)) {
      opts.sink.error(
        'MAPPING_UNKNOWN_KEY',
        { file: opts.displayName },
        {
          id: `Pemetaan kolom "${foreign}" → "${key}" menunjuk kolom yang tidak dikenal untuk berkas ini.`,
          en: `Column mapping "${foreign}" → "${key}" names a column this file does not have.`,
        },
        {
          id: `Gunakan salah satu kunci: ${[...keys].join(', ')}.`,
          en: `Use one of the keys: ${[...keys].join(', ')}.`,
        },
      );
      continue;
    }
    const n = normalizeHeader(foreign);
    if (n !== '') mapped.set(n, key);
  }
  return { mapped, aliases };
}

interface HeaderCol {
  index: number;
  key: string;
  header: string;
  byMapping: boolean;
}

interface HeaderMatch {
  row: RawRow;
  cols: HeaderCol[];
  keys: Set<string>;
}

function matchHeader(row: RawRow, lookup: Lookup): HeaderMatch {
  const cols: HeaderCol[] = [];
  const keys = new Set<string>();
  row.cells.forEach((v, index) => {
    if (typeof v !== 'string' && typeof v !== 'number') return;
    const header = cellText(v);
    if (header === null) return;
    const n = normalizeHeader(header);
    const m = lookup.mapped.get(n);
    const key = m ?? lookup.aliases.get(n);
    if (key === undefined) return;
    cols.push({ index, key, header, byMapping: m !== undefined });
    keys.add(key);
  });
  return { row, cols, keys };
}

function qualifies(m: HeaderMatch, required: string[]): boolean {
  return m.keys.size > 0 && required.every((k) => m.keys.has(k));
}

interface Candidate {
  sheet?: string;
  match: HeaderMatch | null;
}

function headerNotFound(opts: OpenTableOptions, searchRows: number, best: Candidate, sheets: string[]): void {
  const required = opts.columns.filter((c) => c.required);
  const missing = required.filter((c) => !best.match?.keys.has(c.key));
  const shownMissing = missing.length > 0 ? missing : required;
  const names = (c: ColumnSpec): string => c.headers.map((h) => `"${h}"`).join(', ');
  const list = shownMissing.map((c) => `${c.headers[0] ?? c.key} (${names(c)})`).join('; ');
  const missingNames = shownMissing.map((c) => c.headers[0] ?? c.key).join(', ');
  const where: Text =
    sheets.length > 1
      ? { id: ` di lembar ${sheets.join(', ')}`, en: ` in sheets ${sheets.join(', ')}` }
      : { id: '', en: '' };
  const near: Text =
    best.match && best.match.keys.size > 0
      ? {
          id: ` Baris ${best.match.row.row} paling mendekati, tetapi kolom wajib ini tidak dikenali: ${missingNames}.`,
          en: ` Row ${best.match.row.row} comes closest, but these required columns are not recognised: ${missingNames}.`,
        }
      : { id: ` Kolom wajib: ${missingNames}.`, en: ` Required columns: ${missingNames}.` };
  opts.sink.error(
    'HEADER_NOT_FOUND',
    { file: opts.displayName, ...(best.sheet !== undefined ? { sheet: best.sheet } : {}) },
    {
      id: `Baris judul kolom tidak ditemukan dalam ${searchRows} baris pertama${where.id}.${near.id} Nama yang diterima: ${list}.`,
      en: `No header row found within the first ${searchRows} rows${where.en}.${near.en} Accepted names: ${list}.`,
    },
    {
      id: 'Tulis judul kolom tersebut pada satu baris di atas data (huruf besar/kecil dan tanda baca diabaikan), atau petakan judul kolom Anda ke kolom ini dengan "mapping" di appraise.config.yaml.',
      en: 'Put these column headers on one row above the data (case and punctuation are ignored), or map your own headers to these columns with "mapping" in appraise.config.yaml.',
    },
  );
}

/**
 * Resolves the recognised columns of a header row: a key claimed by a mapping wins over aliases
 * (the alias column is then kept as an extra column, with a warning); two columns of equal standing
 * for one key are an error, since either could hold the data.
 */
function resolveColumns(m: HeaderMatch, opts: OpenTableOptions, sheet: string | undefined): HeaderCol[] | null {
  const byKey = new Map<string, HeaderCol[]>();
  for (const c of m.cols) {
    const list = byKey.get(c.key) ?? [];
    list.push(c);
    byKey.set(c.key, list);
  }
  const place = (c: HeaderCol): CellPlace => ({
    file: opts.displayName,
    ...(sheet !== undefined ? { sheet } : {}),
    row: m.row.row,
    column: columnLetter(c.index),
  });
  const chosen: HeaderCol[] = [];
  let ok = true;
  for (const [key, list] of byKey) {
    const top = list.some((c) => c.byMapping) ? list.filter((c) => c.byMapping) : list;
    if (top.length > 1) {
      ok = false;
      const letters = top.map((c) => columnLetter(c.index)).join(', ');
      opts.sink.error(
        'HEADER_DUPLICATE',
        place(top[1]!),
        {
          id: `Kolom "${top[0]!.header}" muncul lebih dari sekali (kolom ${letters}).`,
          en: `Column "${top[0]!.header}" appears more than once (columns ${letters}).`,
        },
        {
          id: 'Hapus atau ganti nama salah satu kolom agar setiap kolom hanya ada satu kali.',
          en: 'Delete or rename one of the columns so that each column appears only once.',
        },
      );
      continue;
    }
    chosen.push(top[0]!);
    for (const c of list) {
      if (c === top[0]) continue;
      opts.sink.warning(
        'HEADER_SUPERSEDED',
        place(c),
        {
          id: `Kolom "${c.header}" diabaikan karena pemetaan kolom menetapkan "${top[0]!.header}" sebagai kolom "${key}".`,
          en: `Column "${c.header}" is ignored because the column mapping makes "${top[0]!.header}" the "${key}" column.`,
        },
        {
          id: 'Hapus salah satu kolom atau ubah pemetaan kolom di appraise.config.yaml.',
          en: 'Remove one of the columns or change the column mapping in appraise.config.yaml.',
        },
      );
    }
  }
  return ok ? chosen.sort((a, b) => a.index - b.index) : null;
}

/** Rows of one source (csv file or one sheet) with the rows read so far during the header search. */
interface Pending {
  buffered: RawRow[];
  iterator: AsyncIterator<RawRow[]>;
  /** Ends the whole underlying read (sheet iterator and workbook). */
  release(): Promise<void>;
}

/** Reads whole batches until past the header search rows (at most one batch more is held). */
async function fillBuffer(iterator: AsyncIterator<RawRow[]>, searchRows: number): Promise<RawRow[]> {
  const buffered: RawRow[] = [];
  for (;;) {
    const r = await iterator.next();
    if (r.done) break;
    for (const row of r.value) buffered.push(row);
    const last = r.value[r.value.length - 1];
    if (last && last.row >= searchRows) break;
  }
  return buffered;
}

function findHeader(buffered: RawRow[], searchRows: number, lookup: Lookup, required: string[]) {
  let best: HeaderMatch | null = null;
  for (const row of buffered) {
    if (row.row > searchRows) break;
    const m = matchHeader(row, lookup);
    if (qualifies(m, required)) return { found: m, best: m };
    if (m.keys.size > (best?.keys.size ?? 0)) best = m;
  }
  return { found: null, best };
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

export async function openTable(opts: OpenTableOptions): Promise<OpenedTable | null> {
  const { sink, displayName } = opts;
  const searchRows = opts.headerSearchRows ?? 30;
  const format = formatOf(opts.path);
  if (format === null) {
    sink.error(
      'UNSUPPORTED_FORMAT',
      { file: displayName },
      {
        id: `Jenis berkas "${extname(opts.path) || '(tanpa ekstensi)'}" tidak didukung.`,
        en: `File type "${extname(opts.path) || '(no extension)'}" is not supported.`,
      },
      {
        id: 'Simpan berkas sebagai .xlsx (Excel Workbook) atau .csv.',
        en: 'Save the file as .xlsx (Excel Workbook) or .csv.',
      },
    );
    return null;
  }
  const lookup = buildLookup(opts);
  const required = opts.columns.filter((c) => c.required).map((c) => c.key);

  let pending: Pending;
  let header: HeaderMatch;
  let sheet: string | undefined;
  let sha256: string;
  let probe: CsvProbe | undefined;

  if (format === 'csv') {
    try {
      probe = await probeCsv(opts.path, displayName);
      sha256 = probe.sha256;
      const gen = readCsvBatches(opts.path, displayName, probe);
      const buffered = await fillBuffer(gen, searchRows);
      const { found, best } = findHeader(buffered, searchRows, lookup, required);
      if (!found) {
        await gen.return(undefined);
        headerNotFound(opts, searchRows, { match: best }, []);
        return null;
      }
      header = found;
      pending = { buffered, iterator: gen, release: async () => void (await gen.return(undefined)) };
    } catch (err) {
      report(sink, err, displayName);
      return null;
    }
  } else {
    try {
      sha256 = await sha256File(opts.path);
      const sheets = readXlsxSheets(opts.path, displayName);
      const names: string[] = [];
      let best: Candidate = { match: null };
      let hit: { header: HeaderMatch; sheet: string; rows: AsyncGenerator<RawRow[]>; buffered: RawRow[] } | null =
        null;
      for (;;) {
        const next = await sheets.next();
        if (next.done) break;
        const s = next.value;
        names.push(s.name);
        if (opts.sheet !== undefined && s.name !== opts.sheet && s.name.trim().toLowerCase() !== opts.sheet.trim().toLowerCase()) {
          continue; // rows never started: the reader skips the sheet without parsing it
        }
        const rows = s.batches[Symbol.asyncIterator]() as AsyncGenerator<RawRow[]>;
        const buffered = await fillBuffer(rows, searchRows);
        const { found, best: b } = findHeader(buffered, searchRows, lookup, required);
        if (found) {
          hit = { header: found, sheet: s.name, rows, buffered };
          break;
        }
        if (b && b.keys.size > (best.match?.keys.size ?? 0)) best = { sheet: s.name, match: b };
        else if (best.sheet === undefined && opts.sheet !== undefined) best = { sheet: s.name, match: b };
        await rows.return(undefined);
        if (opts.sheet !== undefined) break;
      }
      if (!hit) {
        await sheets.return(undefined);
        if (opts.sheet !== undefined && best.sheet === undefined) {
          sink.error(
            'SHEET_NOT_FOUND',
            { file: displayName },
            {
              id: `Lembar "${opts.sheet}" tidak ada. Lembar yang ada: ${names.join(', ') || '(tidak ada)'}.`,
              en: `Sheet "${opts.sheet}" does not exist. Sheets present: ${names.join(', ') || '(none)'}.`,
            },
            {
              id: 'Periksa nama lembar pada pengaturan, atau ganti nama lembar di berkas.',
              en: 'Check the sheet name in the settings, or rename the sheet in the file.',
            },
          );
          return null;
        }
        if (names.length === 1 && best.sheet === undefined) best = { sheet: names[0]!, match: best.match };
        headerNotFound(opts, searchRows, best, opts.sheet !== undefined ? [] : names);
        return null;
      }
      header = hit.header;
      sheet = hit.sheet;
      const rows = hit.rows;
      pending = {
        buffered: hit.buffered,
        iterator: rows,
        release: async () => {
          await rows.return(undefined);
          await sheets.return(undefined);
        },
      };
    } catch (err) {
      report(sink, err, displayName);
      return null;
    }
  }

  const cols = resolveColumns(header, opts, sheet);
  if (cols === null) {
    await pending.release();
    return null;
  }

  const headerRow = header.row.row;
  const info: SourceInfo = {
    file: displayName,
    format,
    ...(probe ? { encoding: probe.encoding, delimiter: probe.delimiter } : {}),
    ...(sheet !== undefined ? { sheet } : {}),
    headerRow,
  };

  // Extra columns by their header text; a blank or repeated header text gets the column letter.
  const recognised = new Set(cols.map((c) => c.index));
  const extraNames = new Map<number, string>();
  const usedNames = new Set<string>();
  header.row.cells.forEach((v, index) => {
    if (recognised.has(index)) return;
    const t = cellText(v);
    const name = t === null || usedNames.has(t) ? `${t ?? ''}[${columnLetter(index)}]` : t;
    usedNames.add(name);
    extraNames.set(index, name);
  });
  const letters = cols.map((c) => columnLetter(c.index));
  const placeKeys = cols.map((c, i): [string, string] => [c.key, letters[i]!]);
  const headerWidth = header.row.cells.length;

  const toTableRow = (raw: RawRow): TableRow | null => {
    const cells = raw.cells;
    let blank = true;
    for (const v of cells) {
      if (!isBlank(v)) {
        blank = false;
        break;
      }
    }
    if (blank) return null;
    const row = raw.row;
    const base: CellPlace = sheet !== undefined ? { file: displayName, sheet, row } : { file: displayName, row };
    const values: Record<string, CellValue> = {};
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      values[c.key] = cells[c.index] ?? null;
    }
    const extra: Record<string, CellValue> = {};
    for (const [i, name] of extraNames) extra[name] = cells[i] ?? null;
    // Cells right of the header row's last cell: kept by column letter when not blank.
    for (let i = headerWidth; i < cells.length; i++) {
      const v = cells[i] ?? null;
      if (!isBlank(v)) extra[`[${columnLetter(i)}]`] = v;
    }
    return new PlacedRow(base, values, extra, placeKeys);
  };

  let first: Pending | null = pending;

  async function* reopen(): AsyncGenerator<RawRow[]> {
    if (format === 'csv') {
      yield* readCsvBatches(opts.path, displayName, probe);
      return;
    }
    for await (const s of readXlsxSheets(opts.path, displayName)) {
      if (s.name !== sheet) continue;
      yield* s.batches;
      return;
    }
  }

  // Rows are made a read chunk at a time: one async step per batch instead of one per row (the
  // indicator file has millions of rows).
  async function* batches(): AsyncGenerator<TableRow[]> {
    const p = first;
    first = null;
    const iterator: AsyncIterator<RawRow[]> = p ? p.iterator : reopen();
    const tableRows = (raws: readonly RawRow[]): TableRow[] => {
      const out: TableRow[] = [];
      for (const raw of raws) {
        if (raw.row <= headerRow) continue;
        const t = toTableRow(raw);
        if (t) out.push(t);
      }
      return out;
    };
    try {
      if (p) {
        const out = tableRows(p.buffered);
        if (out.length > 0) yield out;
      }
      for (;;) {
        const r = await iterator.next();
        if (r.done) break;
        const out = tableRows(r.value);
        if (out.length > 0) yield out;
      }
    } catch (err) {
      report(sink, err, displayName);
    } finally {
      if (p) await p.release();
      else await iterator.return?.(undefined);
    }
  }

  async function* rows(): AsyncGenerator<TableRow> {
    for await (const batch of batches()) yield* batch;
  }

  return {
    info,
    sha256,
    columns: cols.map((c, i) => ({ key: c.key, header: c.header, column: letters[i]! })),
    rows: () => ({ [Symbol.asyncIterator]: () => rows(), batches: () => batches() }),
    close: async () => {
      const p = first;
      first = null;
      if (p) await p.release();
    },
  };
}

/**
 * A TableRow whose `places` are made when first read (a row with a problem, a record that keeps a
 * cell's place), not for every cell of every row: most rows never need them.
 */
class PlacedRow implements TableRow {
  #places: Record<string, CellPlace> | null = null;
  readonly #keys: readonly [key: string, column: string][];

  constructor(
    readonly place: CellPlace,
    readonly values: Record<string, CellValue>,
    readonly extra: Record<string, CellValue>,
    keys: readonly [key: string, column: string][],
  ) {
    this.#keys = keys;
  }

  get places(): Record<string, CellPlace> {
    if (this.#places === null) {
      const { file, sheet, row } = this.place;
      const places: Record<string, CellPlace> = {};
      for (const [key, column] of this.#keys) {
        places[key] = sheet !== undefined ? { file, sheet, row: row!, column } : { file, row: row!, column };
      }
      this.#places = places;
    }
    return this.#places;
  }
}

/**
 * Every RawRow of every sheet (xlsx, with `sheet`) or every record of a csv, unfiltered, for the
 * legacy-form converter. Throws IoError for unsupported, missing or unreadable files.
 */
export async function* readRawRows(path: string, displayName: string): AsyncGenerator<RawRow> {
  const format = formatOf(path);
  if (format === 'csv') {
    yield* readCsvRows(path, displayName);
    return;
  }
  if (format === 'xlsx') {
    for await (const s of readXlsxSheets(path, displayName)) yield* s.rows;
    return;
  }
  throw new IoError(
    'UNSUPPORTED_FORMAT',
    { file: displayName },
    {
      id: `Jenis berkas "${extname(path) || '(tanpa ekstensi)'}" tidak didukung.`,
      en: `File type "${extname(path) || '(no extension)'}" is not supported.`,
    },
    { id: 'Simpan berkas sebagai .xlsx atau .csv.', en: 'Save the file as .xlsx or .csv.' },
  );
}
