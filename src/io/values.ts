import type { Text } from '../domain/i18n.js';
import type { CellValue } from './types.js';
import { isCellError } from './types.js';

/**
 * Pure parsers of one cell value (SPEC §2 "Values"). They never guess silently: a value is either
 * read (possibly with a warning saying how it was read) or rejected with a code, a message saying
 * what was found and a hint saying what to write instead.
 */
export type Parsed<T> =
  | { ok: true; value: T; warning?: Text }
  | { ok: false; code: string; message: Text; hint: Text };

/**
 * Error tokens the xlsx reader uses when ExcelJS does not give the real error text: a formula whose
 * saved result is an error (the streaming reader loses which error), and a formula that was never
 * calculated (written by a program, no saved result).
 */
export const FORMULA_ERROR_RESULT = '#ERROR';
export const FORMULA_NO_RESULT = '#NO_RESULT';

/** YYYY-MM-DD of the UTC calendar date (xlsx dates are built from serials as UTC). */
function isoDate(d: Date): string {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Short, quotable rendering of what was found in the cell, for messages. */
function shown(v: CellValue): string {
  if (v === null) return '';
  if (isCellError(v)) return v.error;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid Date' : isoDate(v);
  const s = String(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/** Text of a cell: trimmed, '' → null; number → String; Date → YYYY-MM-DD; error → its token. */
export function cellText(v: CellValue): string | null {
  if (v === null) return null;
  if (typeof v === 'string') {
    const s = v.trim();
    return s === '' ? null : s;
  }
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : isoDate(v);
  return v.error;
}

/** Blank: null, or a string of only whitespace. Error cells are not blank. */
export function isBlank(v: CellValue): boolean {
  return v === null || (typeof v === 'string' && v.trim() === '');
}

function blank(): Parsed<never> {
  return {
    ok: false,
    code: 'BLANK',
    message: { id: 'Sel kosong.', en: 'The cell is empty.' },
    hint: { id: 'Isi sel ini.', en: 'Fill in this cell.' },
  };
}

function errorCell(v: CellValue & { error: string }): Parsed<never> {
  if (v.error === FORMULA_NO_RESULT) {
    return {
      ok: false,
      code: 'ERROR_CELL',
      message: {
        id: 'Sel berisi rumus yang belum pernah dihitung (tidak ada hasil tersimpan).',
        en: 'The cell holds a formula that was never calculated (no saved result).',
      },
      hint: {
        id: 'Buka berkas di Excel atau LibreOffice lalu simpan kembali agar hasil rumus tersimpan, atau ketik nilainya.',
        en: 'Open the file in Excel or LibreOffice and save it again so the formula results are stored, or type the value.',
      },
    };
  }
  const what = v.error === FORMULA_ERROR_RESULT ? 'galat (error)' : v.error;
  const whatEn = v.error === FORMULA_ERROR_RESULT ? 'an error' : v.error;
  return {
    ok: false,
    code: 'ERROR_CELL',
    message: {
      id: `Sel berisi nilai galat ${what}, bukan data.`,
      en: `The cell holds the error value ${whatEn}, not data.`,
    },
    hint: {
      id: 'Perbaiki rumus atau data sumbernya di lembar kerja, atau ketik nilai yang benar.',
      en: 'Fix the formula or its source data in the sheet, or type the correct value.',
    },
  };
}

/** Text of any non-error, non-blank cell; errors and blanks are rejected. */
export function parseText(v: CellValue): Parsed<string> {
  if (isCellError(v)) return errorCell(v);
  const s = cellText(v);
  if (s === null) return blank();
  return { ok: true, value: s };
}

function notANumber(v: CellValue, why?: Text): Parsed<never> {
  const s = shown(v);
  return {
    ok: false,
    code: 'NOT_A_NUMBER',
    message: {
      id: `"${s}" bukan angka${why ? ` (${why.id})` : ''}.`,
      en: `"${s}" is not a number${why ? ` (${why.en})` : ''}.`,
    },
    hint: {
      id: 'Tulis angka saja, misalnya 88,67 atau 1.234,5 atau 95%; tanpa satuan atau teks lain.',
      en: 'Write only a number, e.g. 88,67 or 1.234,5 or 95% (Indonesian notation) or 1,234.5; no units or other text.',
    },
  };
}

// Digits grouped by thousands: 1–3 leading digits (not starting with 0), then groups of exactly 3.
const GROUPED = (sep: string): RegExp => new RegExp(`^[1-9]\\d{0,2}(?:\\${sep}\\d{3})+$`);
const GROUPED_DOT = GROUPED('.');
const GROUPED_COMMA = GROUPED(',');
const GROUPED_SPACE = /^[1-9]\d{0,2}(?: \d{3})+$/;
const DIGITS = /^\d+$/;

/**
 * A number from a number cell or from text in Indonesian notation (`88,67`, `1.234,5`, `95%`,
 * `-12,5`, `1 234,5`) or English notation when both separators appear (`1,234.5`).
 */
export function parseNumber(v: CellValue): Parsed<number> {
  if (isCellError(v)) return errorCell(v);
  if (isBlank(v)) return blank();
  if (typeof v === 'number') {
    return Number.isFinite(v) ? { ok: true, value: v } : notANumber(v);
  }
  if (typeof v === 'boolean') return notANumber(v, { id: 'nilai logika', en: 'a logical value' });
  if (v instanceof Date) {
    return notANumber(v, { id: 'sel berformat tanggal', en: 'a date-formatted cell' });
  }
  return parseNumberText(v as string, v);
}

const PLAIN_DIGITS = /^\d+$/;

/**
 * The value of the commonest number cells, without building a Parsed result: digits (`240`), or
 * digits, one dot, digits where the dot cannot be a thousands separator (`87.9`; `1.250` is
 * not taken). Returns null for anything else, which parseNumber then reads (or rejects) in full;
 * for what it takes it gives the value parseNumber gives, with no warning.
 */
export function plainNumber(s: string): number | null {
  const len = s.length;
  if (len === 0 || len > 15) return null; // longer digit strings may not be exact as a double
  let dot = -1;
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if (c === 46 && dot < 0) {
      dot = i;
      continue;
    }
    return null;
  }
  if (dot === 0 || dot === len - 1) return null;
  // `1.250`, `12.500`, `999.000`: Indonesian thousands (read with a warning by parseNumber).
  if (dot > 0 && len - dot - 1 === 3 && dot <= 3 && s.charCodeAt(0) !== 48) return null;
  return Number(s);
}

function parseNumberText(raw: string, original: CellValue): Parsed<number> {
  // Fast path for the common cell of plain digits: the same value the general path gives.
  if (PLAIN_DIGITS.test(raw)) {
    const value = Number(raw);
    if (Number.isFinite(value)) return { ok: true, value: value === 0 ? 0 : value };
  }
  // Non-breaking and thin spaces are common in copied figures.
  let s = raw.replace(/[\u00a0\u2007\u202f]/g, ' ').trim();
  let sign = 1;
  if (/^[-+\u2212]/.test(s)) {
    if (s[0] !== '+') sign = -1;
    s = s.slice(1).trim();
  }
  if (s.endsWith('%')) s = s.slice(0, -1).trim(); // 95% means 95 (a percentage column's value)
  if (s === '') return notANumber(original);

  // Split into the integer part and an optional decimal part.
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let intPart: string;
  let fracPart = '';
  let warning: Text | undefined;

  if (lastDot >= 0 && lastComma >= 0) {
    // Both separators: the last one is the decimal separator, the other groups thousands.
    const dec = lastDot > lastComma ? '.' : ',';
    const thou = dec === '.' ? ',' : '.';
    const at = Math.max(lastDot, lastComma);
    intPart = s.slice(0, at);
    fracPart = s.slice(at + 1);
    if (!(thou === '.' ? GROUPED_DOT : GROUPED_COMMA).test(intPart) || !DIGITS.test(fracPart)) {
      return notANumber(original);
    }
    intPart = intPart.split(thou).join('');
  } else if (lastComma >= 0) {
    const parts = s.split(',');
    if (parts.length === 2) {
      // Indonesian decimal comma.
      [intPart, fracPart] = parts as [string, string];
      if (intPart.includes(' ')) {
        if (!GROUPED_SPACE.test(intPart)) return notANumber(original);
        intPart = intPart.replace(/ /g, '');
      }
      if (!DIGITS.test(intPart) || !DIGITS.test(fracPart)) return notANumber(original);
      if (fracPart.length === 3 && intPart !== '0' && intPart.length <= 3) {
        warning = {
          id: `"${raw.trim()}" dibaca sebagai bilangan desimal (koma = pemisah desimal), bukan ribuan.`,
          en: `"${raw.trim()}" was read as a decimal number (comma = decimal separator), not as thousands.`,
        };
      }
    } else if (GROUPED_COMMA.test(s)) {
      intPart = s.split(',').join(''); // 1,234,567: English thousands
    } else {
      return notANumber(original);
    }
  } else if (lastDot >= 0) {
    const parts = s.split('.');
    if (GROUPED_DOT.test(s)) {
      // Indonesian thousands dots: 1.250 → 1250; a single group is ambiguous, so say so.
      intPart = parts.join('');
      if (parts.length === 2) {
        warning = {
          id: `"${raw.trim()}" dibaca sebagai ${intPart} (titik = pemisah ribuan). Jika maksudnya desimal, tulis dengan koma, misalnya ${parts[0]},${parts[1]}.`,
          en: `"${raw.trim()}" was read as ${intPart} (dot = thousands separator). If a decimal was meant, write it with a comma, e.g. ${parts[0]},${parts[1]}.`,
        };
      }
    } else if (parts.length === 2) {
      // A dot that cannot be a thousands separator (12.5, 0.250, 1234.5): decimal point.
      [intPart, fracPart] = parts as [string, string];
      if (!DIGITS.test(intPart) || !DIGITS.test(fracPart)) return notANumber(original);
    } else {
      return notANumber(original);
    }
  } else {
    intPart = s;
    if (intPart.includes(' ')) {
      if (!GROUPED_SPACE.test(intPart)) return notANumber(original);
      intPart = intPart.replace(/ /g, '');
    }
  }
  if (!DIGITS.test(intPart)) return notANumber(original);
  const value = sign * Number(fracPart === '' ? intPart : `${intPart}.${fracPart}`);
  if (!Number.isFinite(value)) return notANumber(original);
  return warning ? { ok: true, value: value === 0 ? 0 : value, warning } : { ok: true, value: value === 0 ? 0 : value };
}

function dateRejected(v: CellValue, why: Text): Parsed<never> {
  const s = shown(v);
  return {
    ok: false,
    code: 'NOT_A_DATE',
    message: { id: `"${s}" bukan tanggal yang sah (${why.id}).`, en: `"${s}" is not a valid date (${why.en}).` },
    hint: {
      id: 'Tulis tanggal sebagai YYYY-MM-DD (2025-03-31) atau DD/MM/YYYY (31/03/2025), atau gunakan sel berformat tanggal di Excel.',
      en: 'Write the date as YYYY-MM-DD (2025-03-31) or DD/MM/YYYY (31/03/2025), or use a date-formatted cell in Excel.',
    },
  };
}

function utcDate(y: number, m: number, d: number): Date | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  dt.setUTCFullYear(y); // Date.UTC maps years 0–99 to 1900–1999
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return dt;
}

const DAY_MS = 86_400_000;
// Serial of 2200-12-31: a larger number in a date column is not a date (e.g. 20250331 typed).
const MAX_SERIAL = 110_957;

/** Excel 1900-system serial → UTC midnight of its calendar day (time of day dropped). */
function fromSerial(n: number): Date | null {
  const day = Math.floor(n);
  if (day < 1 || day > MAX_SERIAL || day === 60) return null; // 60 is Excel's fictitious 1900-02-29
  // Serials after 60 count the fictitious leap day, so they start one day earlier.
  const base = day < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return new Date(base + day * DAY_MS);
}

/**
 * A calendar date from a date cell, an Excel serial number (1900 system), or text 'YYYY-MM-DD',
 * 'DD/MM/YYYY' or 'DD-MM-YYYY'. Always returns UTC midnight of the calendar date.
 */
export function parseDate(v: CellValue): Parsed<Date> {
  if (isCellError(v)) return errorCell(v);
  if (isBlank(v)) return blank();
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return dateRejected(v, { id: 'tanggal rusak', en: 'broken date' });
    return { ok: true, value: new Date(Date.UTC(v.getUTCFullYear(), v.getUTCMonth(), v.getUTCDate())) };
  }
  if (typeof v === 'number') {
    const d = Number.isFinite(v) ? fromSerial(v) : null;
    if (!d) {
      return dateRejected(v, {
        id: 'angka ini bukan nomor seri tanggal Excel antara 1900 dan 2200',
        en: 'this number is not an Excel date serial between 1900 and 2200',
      });
    }
    return { ok: true, value: d };
  }
  if (typeof v === 'boolean') return dateRejected(v, { id: 'nilai logika', en: 'a logical value' });
  const s = (v as string).trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  let y: number, mo: number, d: number;
  if (m) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else if ((m = /^(\d{1,2})([/-])(\d{1,2})\2(\d{4})$/.exec(s))) {
    [d, mo, y] = [Number(m[1]), Number(m[3]), Number(m[4])];
  } else if (/^\d{1,2}[/-]\d{1,2}[/-]\d{2}$/.test(s)) {
    return dateRejected(v, { id: 'tahun harus ditulis 4 angka', en: 'the year must have 4 digits' });
  } else {
    return dateRejected(v, { id: 'bentuk tidak dikenali', en: 'unrecognised form' });
  }
  const dt = utcDate(y, mo, d);
  if (!dt) {
    return dateRejected(v, { id: 'tanggal ini tidak ada di kalender', en: 'this day does not exist in the calendar' });
  }
  return { ok: true, value: dt };
}
