import type { IssueSink } from '../domain/issues.js';
import type { Text } from '../domain/i18n.js';
import { parseNip } from '../domain/nip.js';
import type { NipProblem } from '../domain/nip.js';
import type { CellPlace } from '../domain/place.js';
import type { CellValue, TableRow } from '../io/types.js';
import { isCellError } from '../io/types.js';
import { cellText, parseDate, parseNumber, plainNumber } from '../io/values.js';

/**
 * Reads the cells of one table row into typed values, reporting every problem at its cell.
 * A row with any error is rejected whole (`ok` false) after all its problems are reported, so
 * the user fixes a row once, not one error per run.
 */
export class RowReader {
  ok = true;

  constructor(
    readonly row: TableRow,
    private readonly sink: IssueSink,
  ) {}

  place(key: string): CellPlace {
    return this.row.places[key] ?? this.row.place;
  }

  raw(key: string): CellValue {
    return this.row.values[key] ?? null;
  }

  error(key: string, code: string, message: Text, hint: Text): void {
    this.ok = false;
    this.sink.error(code, this.place(key), message, hint);
  }

  warning(key: string, code: string, message: Text, hint: Text): void {
    this.sink.warning(code, this.place(key), message, hint);
  }

  /** Reports an error cell (#DIV/0!, #N/A, …) and returns true when the cell is one. */
  private errorCell(key: string, label: string): boolean {
    const v = this.raw(key);
    if (!isCellError(v)) return false;
    this.error(
      key,
      'ERROR_CELL',
      { id: `${label}: sel berisi galat ${v.error}.`, en: `${label}: the cell holds the error ${v.error}.` },
      { id: 'Perbaiki rumus di sel ini atau ketik nilainya.', en: 'Fix the formula in this cell or type the value.' },
    );
    return true;
  }

  private missing(key: string, label: string): void {
    this.error(
      key,
      'REQUIRED_MISSING',
      { id: `${label} wajib diisi, tetapi kosong.`, en: `${label} is required but empty.` },
      { id: `Isi kolom ${label} pada baris ini.`, en: `Fill in ${label} on this row.` },
    );
  }

  text(key: string, label: string, required: true): string | undefined;
  text(key: string, label: string, required?: false): string | null;
  text(key: string, label: string, required = false): string | null | undefined {
    // The common cell, a non-blank string, first: the checks below would give the same text.
    const v = this.raw(key);
    if (typeof v === 'string') {
      const s = v.trim();
      if (s !== '') return s;
    }
    if (this.errorCell(key, label)) return undefined;
    const s = cellText(this.raw(key));
    if (s === null && required) {
      this.missing(key, label);
      return undefined;
    }
    return s;
  }

  /** A number; blank gives null (or an error when required). */
  number(key: string, label: string, required: boolean): number | null | undefined {
    const v = this.raw(key);
    if (typeof v === 'string') {
      const n = plainNumber(v); // the common cell (`240`, `87.9`), read as parseNumber reads it
      if (n !== null) return n;
    }
    if (this.errorCell(key, label)) return undefined;
    if (cellText(v) === null) {
      if (required) this.missing(key, label);
      return required ? undefined : null;
    }
    const parsed = parseNumber(v);
    if (!parsed.ok) {
      this.error(key, parsed.code, prefix(label, parsed.message), parsed.hint);
      return undefined;
    }
    if (parsed.warning) this.warning(key, 'NUMBER_READ_AS', prefix(label, parsed.warning), NO_HINT);
    return parsed.value;
  }

  date(key: string, label: string, required: boolean): Date | null | undefined {
    if (this.errorCell(key, label)) return undefined;
    const v = this.raw(key);
    if (cellText(v) === null) {
      if (required) this.missing(key, label);
      return required ? undefined : null;
    }
    const parsed = parseDate(v);
    if (!parsed.ok) {
      this.error(key, parsed.code, prefix(label, parsed.message), parsed.hint);
      return undefined;
    }
    return parsed.value;
  }

  /** One of a closed set of values, matched case- and punctuation-insensitively through `aliases`. */
  choice<T extends string>(key: string, label: string, aliases: Record<string, T>, fallback: T | null, shown: readonly string[]): T | null | undefined {
    const s = this.text(key, label);
    if (s === undefined) return undefined;
    if (s === null) return fallback;
    const found = aliases[normaliseKey(s)];
    if (found === undefined) {
      this.error(
        key,
        'VALUE_NOT_ALLOWED',
        { id: `${label} '${s}' tidak dikenal.`, en: `${label} '${s}' is not recognised.` },
        { id: `Gunakan salah satu: ${shown.join(', ')}.`, en: `Use one of: ${shown.join(', ')}.` },
      );
      return undefined;
    }
    return found;
  }

  /**
   * The row's employee must be an accepted roster employee. A NIP whose roster rows were rejected
   * (or whose assignment lies outside the period) gets its own message, so the user fixes the
   * roster first instead of hunting for a missing person.
   */
  requireInRoster(key: string, nip: string, roster: { has(nip: string): boolean }, excluded: ReadonlySet<string>): void {
    if (roster.has(nip)) return;
    if (excluded.has(nip)) {
      this.error(key, 'NIP_EXCLUDED_IN_ROSTER', {
        id: `NIP ${nip} tidak dinilai: barisnya di daftar pegawai ditolak atau penugasannya di luar periode.`,
        en: `NIP ${nip} is not appraised: its roster rows were rejected or its assignment lies outside the period.`,
      }, { id: 'Perbaiki baris pegawai ini di daftar pegawai terlebih dahulu.', en: 'Fix this employee’s roster rows first.' });
      return;
    }
    this.error(key, 'NIP_UNKNOWN', { id: `NIP ${nip} tidak ada di daftar pegawai.`, en: `NIP ${nip} is not in the roster.` },
      { id: 'Tambahkan pegawai ke daftar pegawai, atau perbaiki NIP pada baris ini.', en: 'Add the employee to the roster, or correct the NIP on this row.' });
  }

  /** A NIP cell (SPEC §2). Numbers are rejected: Excel has already cut them to 15 digits. */
  nip(key: string, label: string, required: true, pppk?: boolean): string | undefined;
  nip(key: string, label: string, required: false, pppk?: boolean): string | null | undefined;
  nip(key: string, label: string, required: boolean, pppk?: boolean): string | null | undefined {
    if (this.errorCell(key, label)) return undefined;
    const v = this.raw(key);
    const s = cellText(v);
    if (s === null) {
      if (required) this.missing(key, label);
      return required ? undefined : null;
    }
    // Status decides PPPK for the employee's own NIP; for other people's NIPs either form is valid.
    const result = parseNip(typeof v === 'number' ? v : s, { pppk: pppk ?? false });
    const lenient = pppk === undefined && !result.ok && result.problem === 'NIP_TMT' ? parseNip(s, { pppk: true }) : result;
    if (lenient.ok) return lenient.nip;
    const problem = (result.ok ? lenient : result) as { problem: NipProblem; normalised: string };
    const m = NIP_MESSAGES[problem.problem];
    this.error(key, problem.problem, prefix(label, m.message(problem.normalised)), m.hint);
    return undefined;
  }
}

const NO_HINT: Text = { id: 'Periksa nilainya.', en: 'Check the value.' };

function prefix(label: string, t: Text): Text {
  return { id: `${label}: ${t.id}`, en: `${label}: ${t.en}` };
}

export function normaliseKey(s: string): string {
  // Enumeration cells repeat a handful of values over millions of rows: remembered, up to a bound.
  let n = normalised.get(s);
  if (n === undefined) {
    n = s.toLowerCase().replace(/[^a-z0-9]/g, '');
    if (normalised.size < 10_000) normalised.set(s, n);
  }
  return n;
}
const normalised = new Map<string, string>();

const NIP_MESSAGES: Record<NipProblem, { message: (n: string) => Text; hint: Text }> = {
  NIP_NUMERIC: {
    message: (n) => ({
      id: `NIP tersimpan sebagai angka (${n}); Excel hanya menyimpan 15 digit, sehingga digit terakhir sudah hilang.`,
      en: `The NIP is stored as a number (${n}); Excel keeps only 15 digits, so its last digits are already lost.`,
    }),
    hint: {
      id: 'Format kolom NIP sebagai Teks, lalu ketik ulang NIP lengkap 18 digit.',
      en: 'Format the NIP column as Text, then retype the full 18-digit NIP.',
    },
  },
  NIP_CHARS: {
    message: (n) => ({ id: `NIP '${n}' berisi karakter selain angka.`, en: `NIP '${n}' contains characters other than digits.` }),
    hint: { id: 'NIP hanya berisi 18 angka (spasi dan titik pemisah boleh).', en: 'A NIP is 18 digits (spaces and dots as separators are allowed).' },
  },
  NIP_LENGTH: {
    message: (n) => ({ id: `NIP '${n}' berisi ${n.length} digit, seharusnya 18.`, en: `NIP '${n}' has ${n.length} digits, not 18.` }),
    hint: { id: 'Salin NIP lengkap dari SK atau SIASN.', en: 'Copy the full NIP from the decree or SIASN.' },
  },
  NIP_BIRTH_DATE: {
    message: (n) => ({ id: `8 digit pertama NIP '${n}' bukan tanggal lahir yang valid (TTTTBBHH).`, en: `The first 8 digits of NIP '${n}' are not a valid birth date (YYYYMMDD).` }),
    hint: { id: 'Periksa NIP pada SK atau SIASN.', en: 'Check the NIP against the decree or SIASN.' },
  },
  NIP_TMT: {
    message: (n) => ({ id: `Digit 9–14 NIP '${n}' bukan TMT CPNS yang valid (TTTTBB).`, en: `Digits 9–14 of NIP '${n}' are not a valid TMT CPNS (YYYYMM).` }),
    hint: { id: 'Untuk PPPK, isi kolom Status dengan PPPK; jika PNS, periksa NIP pada SK.', en: 'For PPPK, set Status to PPPK; for PNS, check the NIP against the decree.' },
  },
  NIP_SEX: {
    message: (n) => ({ id: `Digit ke-15 NIP '${n}' harus 1 (pria) atau 2 (wanita).`, en: `Digit 15 of NIP '${n}' must be 1 (male) or 2 (female).` }),
    hint: { id: 'Periksa NIP pada SK atau SIASN.', en: 'Check the NIP against the decree or SIASN.' },
  },
  NIP_SEQUENCE: {
    message: (n) => ({ id: `Nomor urut NIP '${n}' tidak boleh 000.`, en: `The sequence number of NIP '${n}' cannot be 000.` }),
    hint: { id: 'Periksa NIP pada SK atau SIASN.', en: 'Check the NIP against the decree or SIASN.' },
  },
};
