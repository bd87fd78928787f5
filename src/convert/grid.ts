import type { Text } from '../domain/i18n.js';
import type { IssueSink } from '../domain/issues.js';
import type { CellPlace } from '../domain/place.js';
import { columnLetter } from '../domain/place.js';
import { IoError, fileError } from '../io/errors.js';
import { normalizeHeader, readRawRows } from '../io/table.js';
import type { CellValue } from '../io/types.js';
import { isCellError } from '../io/types.js';
import { cellText, isBlank, parseNumber, type Parsed } from '../io/values.js';

/**
 * Legacy forms (SKP PP 46/2011) are laid out for printing, not as tables: labels and values sit in
 * cells that people moved about. A Grid holds one sheet in memory (legacy forms are small; a sheet
 * above MAX_FORM_ROWS is refused) so the converter can find things by their labels.
 *
 * The streaming reader does not report merged ranges; we do not need them: a merged cell's value is
 * in its top-left cell, and the spans of the two-row header are inferred from where the next label
 * starts (see pp46-form.ts). So the in-memory ExcelJS reader, which hung on whole-column data
 * validations (ARCHITECTURE.md), is not used.
 */
export const MAX_FORM_ROWS = 5_000;

export interface Grid {
  file: string;
  /** undefined for csv */
  sheet?: string;
  rows: Map<number, CellValue[]>;
  /** Row numbers that hold at least one stored cell, ascending. */
  rowNumbers: number[];
}

export function at(g: Grid, row: number, col: number): CellValue {
  return g.rows.get(row)?.[col] ?? null;
}

export function placeOf(g: Grid, row: number, col?: number): CellPlace {
  return {
    file: g.file,
    ...(g.sheet !== undefined ? { sheet: g.sheet } : {}),
    row,
    ...(col !== undefined ? { column: columnLetter(col) } : {}),
  };
}

/** Normal form of a label: case, accents, spaces and punctuation ignored ('Kuant/ Output' = 'kuantoutput'). */
export function norm(v: CellValue): string {
  if (isCellError(v)) return '';
  const s = cellText(v);
  return s === null ? '' : normalizeHeader(s);
}

/** Every sheet of a workbook (or the one table of a csv) as grids. */
export async function readGrids(path: string, displayName: string): Promise<Grid[]> {
  const grids = new Map<string, Grid>();
  try {
    for await (const raw of readRawRows(path, displayName)) {
      const key = raw.sheet ?? '';
      let g = grids.get(key);
      if (!g) {
        g = { file: displayName, ...(raw.sheet !== undefined ? { sheet: raw.sheet } : {}), rows: new Map(), rowNumbers: [] };
        grids.set(key, g);
      }
      if (g.rowNumbers.length >= MAX_FORM_ROWS) {
        throw new IoError('FORM_TOO_LARGE', placeOf(g, raw.row), {
          id: `Lembar ini berisi lebih dari ${MAX_FORM_ROWS} baris; itu bukan formulir SKP.`,
          en: `This sheet has more than ${MAX_FORM_ROWS} rows; that is not an SKP form.`,
        }, {
          id: 'Konversi hanya lembar formulir SKP; pindahkan data besar ke berkas lain, atau gunakan appraise import untuk tabel.',
          en: 'Convert only the SKP form sheets; move large data to another file, or use appraise import for tables.',
        });
      }
      if (raw.cells.some((c) => !isBlank(c))) {
        g.rows.set(raw.row, raw.cells);
        g.rowNumbers.push(raw.row);
      }
    }
  } catch (e) {
    throw e instanceof IoError ? e : fileError(e, displayName);
  }
  for (const g of grids.values()) g.rowNumbers.sort((a, b) => a - b);
  return [...grids.values()];
}

/** First cell (row-major) whose label satisfies `test`, within rows [from, to]. */
export function findCell(g: Grid, test: (n: string) => boolean, from = 0, to = Number.POSITIVE_INFINITY): { row: number; col: number } | null {
  for (const r of g.rowNumbers) {
    if (r < from || r > to) continue;
    const cells = g.rows.get(r)!;
    for (let c = 0; c < cells.length; c++) {
      const n = norm(cells[c] ?? null);
      if (n !== '' && test(n)) return { row: r, col: c };
    }
  }
  return null;
}

/** The first non-blank cell right of `col` in `row` (before `before`), skipping lone ':' cells. */
export function valueRightOf(g: Grid, row: number, col: number, before = Number.POSITIVE_INFINITY): { col: number; value: CellValue } | null {
  const cells = g.rows.get(row) ?? [];
  for (let c = col + 1; c < cells.length && c < before; c++) {
    const v = cells[c] ?? null;
    if (isBlank(v)) continue;
    if (typeof v === 'string' && /^\s*[:=]\s*$/.test(v)) continue;
    return { col: c, value: v };
  }
  return null;
}

/** Text with a leading ': ' removed (forms write "Nama : Budi" across cells). */
export function labelValueText(v: CellValue): string | null {
  const s = cellText(v);
  if (s === null) return null;
  const t = s.replace(/^[:=]\s*/, '').trim();
  return t === '' ? null : t;
}

/** A quantity cell of the form: a number with an optional unit (`12 bln`, `Rp 170.395.000`, `100 %`), `-` or blank. */
export interface Quantity {
  /** null: blank or '-' (no value, e.g. no budget). */
  value: number | null;
  dash: boolean;
  unit: string | null;
}

const NUMBER_THEN_UNIT = /^([+-]?\d[\d.,\s]*?)\s*([^\d\s.,][^\d]*)?$/u;

export function parseQuantity(v: CellValue): Parsed<Quantity> {
  if (isCellError(v)) {
    const p = parseNumber(v);
    return p.ok ? { ok: true, value: { value: p.value, dash: false, unit: null } } : p;
  }
  if (isBlank(v)) return { ok: true, value: { value: null, dash: false, unit: null } };
  if (typeof v === 'number') return { ok: true, value: { value: v, dash: false, unit: null } };
  if (typeof v !== 'string') {
    const p = parseNumber(v);
    return p.ok ? { ok: true, value: { value: p.value, dash: false, unit: null } } : p;
  }
  let s = v.replace(/[\u00a0\u2007\u202f]/g, ' ').trim();
  if (/^[-–—]+$/.test(s)) return { ok: true, value: { value: null, dash: true, unit: null } };
  let unit: string | null = null;
  const rp = /^rp\.?\s*/i.exec(s);
  if (rp) {
    unit = 'Rp';
    s = s.slice(rp[0].length).replace(/,-$/, '').trim();
    if (/^[-–—]+$/.test(s)) return { ok: true, value: { value: null, dash: true, unit } };
  }
  const m = NUMBER_THEN_UNIT.exec(s);
  if (!m) {
    const p = parseNumber(v);
    return p.ok ? { ok: true, value: { value: p.value, dash: false, unit } } : p;
  }
  const suffix = m[2]?.trim() ?? '';
  const p = parseNumber(suffix === '%' ? `${m[1]!.trim()}%` : m[1]!.trim());
  if (!p.ok) return { ...p, message: { id: `"${v.trim()}": ${p.message.id}`, en: `"${v.trim()}": ${p.message.en}` } };
  if (suffix !== '' && suffix !== '%') unit = unit ?? suffix;
  else if (suffix === '%') unit = unit ?? '%';
  return { ok: true, value: { value: p.value, dash: false, unit }, ...(p.warning ? { warning: p.warning } : {}) };
}

/** `88,67 (Baik)`, `88,67`, `(Baik)` or `Baik`: the number and the sebutan text, either may be absent. */
export function splitValueAndSebutan(v: CellValue): { number: Parsed<number> | null; sebutan: string | null } {
  if (typeof v === 'number') return { number: { ok: true, value: v }, sebutan: null };
  const s = cellText(v);
  if (s === null || isCellError(v)) return { number: isCellError(v) ? parseNumber(v) : null, sebutan: null };
  const m = /^([^()]*?)\s*\(\s*([^()]+?)\s*\)\s*$/.exec(s);
  if (m) {
    const num = m[1]!.trim();
    return { number: num === '' ? null : parseNumber(num), sebutan: m[2]! };
  }
  if (/^[\p{L}\s]+$/u.test(s)) return { number: null, sebutan: s };
  return { number: parseNumber(s), sebutan: null };
}

/** Reports a rejected cell value at its place. */
export function reportParsed(sink: IssueSink, place: CellPlace, label: Text, p: Parsed<unknown> & { ok: false }): void {
  sink.error(p.code, place, { id: `${label.id}: ${p.message.id}`, en: `${label.en}: ${p.message.en}` }, p.hint);
}

const MONTHS: Record<string, number> = {
  januari: 1, jan: 1, februari: 2, pebruari: 2, feb: 2, maret: 3, mar: 3, april: 4, apr: 4, mei: 5,
  juni: 6, jun: 6, juli: 7, jul: 7, agustus: 8, agu: 8, agt: 8, ags: 8, september: 9, sep: 9, sept: 9,
  oktober: 10, okt: 10, november: 11, nopember: 11, nov: 11, desember: 12, des: 12,
};

function utc(y: number, m: number, d: number): Date | null {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d ? dt : null;
}

/**
 * An assessment period written in words: `2 Januari s.d. 31 Desember 2014`, `02 Januari 2014 s/d
 * 31 Desember 2014`, `1 Juli – 31 Desember 2019`, or with numeric dates `02/01/2014 s.d. 31/12/2014`.
 */
export function parsePeriodText(text: string): { start: Date; end: Date } | null {
  const s = text.toLowerCase().replace(/\s+/g, ' ');
  const SEP = '\\s*(?:s\\.?\\s*[/.]?\\s*d\\.?|sampai dengan|sampai|hingga|[-–—])\\s*';
  const word = new RegExp(`(\\d{1,2}) ([a-z]+)\\.?(?: (\\d{4}))?${SEP}(\\d{1,2}) ([a-z]+)\\.? (\\d{4})`);
  let m = word.exec(s);
  if (m) {
    const m1 = MONTHS[m[2]!];
    const m2 = MONTHS[m[5]!];
    if (m1 === undefined || m2 === undefined) return null;
    const y2 = Number(m[6]);
    const y1 = m[3] ? Number(m[3]) : y2;
    const start = utc(y1, m1, Number(m[1]));
    const end = utc(y2, m2, Number(m[4]));
    return start && end && start <= end ? { start, end } : null;
  }
  const num = new RegExp(`(\\d{1,2})[/-](\\d{1,2})[/-](\\d{4})${SEP}(\\d{1,2})[/-](\\d{1,2})[/-](\\d{4})`);
  m = num.exec(s);
  if (m) {
    const start = utc(Number(m[3]), Number(m[2]), Number(m[1]));
    const end = utc(Number(m[6]), Number(m[5]), Number(m[4]));
    return start && end && start <= end ? { start, end } : null;
  }
  return null;
}
