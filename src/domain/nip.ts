/**
 * NIP (Nomor Induk Pegawai), SPEC §2: 18 digits = birth date YYYYMMDD, TMT CPNS YYYYMM, sex (1|2),
 * sequence 001–999. PPPK numbers carry the year of appointment and a 2-digit code in place of
 * YYYYMM. Spaces and dots used for grouping are removed; anything else is an error, never fixed.
 */
export type NipProblem =
  | 'NIP_NUMERIC'
  | 'NIP_CHARS'
  | 'NIP_LENGTH'
  | 'NIP_BIRTH_DATE'
  | 'NIP_TMT'
  | 'NIP_SEX'
  | 'NIP_SEQUENCE';

export type NipResult = { ok: true; nip: string } | { ok: false; problem: NipProblem; normalised: string };

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A Gregorian calendar date (years below 100 too: callers reject them as birth years anyway). */
function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= MONTH_DAYS[m - 1]! + (leap ? 1 : 0);
}

/** 18 ASCII digits: the common NIP cell, which needs no separators removed. */
function isEighteenDigits(s: string): boolean {
  if (s.length !== 18) return false;
  for (let i = 0; i < 18; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Validates a NIP cell. `numericCell` is true when the spreadsheet stored the cell as a number:
 * Excel keeps 15 significant digits, so an 18-digit NIP typed as a number has already lost digits.
 */
export function parseNip(raw: string | number, opts: { numericCell?: boolean; pppk?: boolean } = {}): NipResult {
  // Consecutive rows of one employee carry the same NIP: the last answer is kept (results are
  // never mutated by callers).
  if (typeof raw === 'string' && !opts.numericCell && raw === last.raw && (opts.pppk ?? false) === last.pppk) return last.result;
  const result = parseNipUncached(raw, opts);
  if (typeof raw === 'string' && !opts.numericCell) {
    last.raw = raw;
    last.pppk = opts.pppk ?? false;
    last.result = result;
  }
  return result;
}

const last: { raw: string | null; pppk: boolean; result: NipResult } = { raw: null, pppk: false, result: { ok: false, problem: 'NIP_CHARS', normalised: '' } };

function parseNipUncached(raw: string | number, opts: { numericCell?: boolean; pppk?: boolean }): NipResult {
  if (typeof raw === 'number' || opts.numericCell) {
    const normalised = typeof raw === 'number' ? String(raw) : raw;
    return { ok: false, problem: 'NIP_NUMERIC', normalised };
  }
  const s = isEighteenDigits(raw) ? raw : raw.replace(/[\s.\u00a0]/g, '');
  if (!/^\d+$/.test(s)) return { ok: false, problem: 'NIP_CHARS', normalised: s };
  if (s.length !== 18) return { ok: false, problem: 'NIP_LENGTH', normalised: s };
  const by = Number(s.slice(0, 4));
  const bm = Number(s.slice(4, 6));
  const bd = Number(s.slice(6, 8));
  if (!validDate(by, bm, bd) || by < 1930) return { ok: false, problem: 'NIP_BIRTH_DATE', normalised: s };
  const ty = Number(s.slice(8, 12));
  const tm = Number(s.slice(12, 14));
  // PPPK: year of appointment + a 2-digit code (not a month); PNS: TMT CPNS year and month.
  if (ty < by + 15 || ty > 2100 || (!opts.pppk && (tm < 1 || tm > 12))) {
    return { ok: false, problem: 'NIP_TMT', normalised: s };
  }
  const sex = s[14];
  if (sex !== '1' && sex !== '2') return { ok: false, problem: 'NIP_SEX', normalised: s };
  if (s.slice(15) === '000') return { ok: false, problem: 'NIP_SEQUENCE', normalised: s };
  return { ok: true, nip: s };
}
