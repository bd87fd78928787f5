import { describe, expect, it } from 'vitest';
import { cellText, isBlank, parseDate, parseNumber, parseText, plainNumber, FORMULA_NO_RESULT } from '../../src/io/values.ts';

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe('cellText / isBlank', () => {
  it.each([
    ['  Ali  ', 'Ali'],
    ['', null],
    ['   ', null],
    [null, null],
    [12.5, '12.5'],
    [true, 'true'],
    [utc(2025, 3, 31), '2025-03-31'],
  ] as const)('%j → %j', (v, out) => {
    expect(cellText(v)).toBe(out);
  });
  it('blank means null or whitespace only; errors and zero are not blank', () => {
    expect(isBlank(null)).toBe(true);
    expect(isBlank(' \t')).toBe(true);
    expect(isBlank(0)).toBe(false);
    expect(isBlank({ error: '#N/A' })).toBe(false);
  });
  it('parseText rejects error cells and blanks', () => {
    expect(parseText({ error: '#N/A' })).toMatchObject({ ok: false, code: 'ERROR_CELL' });
    expect(parseText('  ')).toMatchObject({ ok: false, code: 'BLANK' });
    expect(parseText(' Sinabang ')).toEqual({ ok: true, value: 'Sinabang' });
  });
});

describe('parseNumber', () => {
  it.each([
    [88.67, 88.67],
    ['88,67', 88.67],
    ['1.234,5', 1234.5],
    ['1.234.567', 1234567],
    ['1.234.567,89', 1234567.89],
    ['95%', 95],
    ['95 %', 95],
    ['-12,5', -12.5],
    ['−12,5', -12.5],
    ['+7', 7],
    [' 1 234,5 ', 1234.5],
    ['1\u00a0234', 1234],
    ['1,234.5', 1234.5],
    ['1,234,567', 1234567],
    ['12.5', 12.5],
    ['0.250', 0.25],
    ['1234.5', 1234.5],
    ['0', 0],
    ['-0', 0],
    ['100', 100],
  ] as const)('%j → %d', (input, expected) => {
    const r = parseNumber(input);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value).toBe(expected);
      expect(r.warning).toBeUndefined();
    }
  });

  it("'1.250' is Indonesian thousands, with a warning saying so", () => {
    const r = parseNumber('1.250');
    expect(r).toMatchObject({ ok: true, value: 1250 });
    if (r.ok) {
      expect(r.warning?.id).toContain('ribuan');
      expect(r.warning?.en).toContain('thousands');
      expect(r.warning?.en).toContain('1,250');
    }
  });

  it("'1,250' is an Indonesian decimal, with a warning saying so", () => {
    const r = parseNumber('1,250');
    expect(r).toMatchObject({ ok: true, value: 1.25 });
    if (r.ok) expect(r.warning?.en).toContain('decimal');
  });

  it.each(['abc', 'Rp 1.000', '12,5,3', '1.23,5', '1 23', '12a', '--5', '%', '1,2.3', '2025-01-01'])(
    '%j is NOT_A_NUMBER with a bilingual message quoting it',
    (input) => {
      const r = parseNumber(input);
      expect(r).toMatchObject({ ok: false, code: 'NOT_A_NUMBER' });
      if (!r.ok) {
        expect(r.message.id).toContain(input);
        expect(r.message.en).toContain(input);
        expect(r.hint.id).toContain('88,67');
      }
    },
  );

  it('error, blank, boolean, date and non-finite cells are rejected with their codes', () => {
    const e = parseNumber({ error: '#DIV/0!' });
    expect(e).toMatchObject({ ok: false, code: 'ERROR_CELL' });
    if (!e.ok) expect(e.message.en).toContain('#DIV/0!');
    expect(parseNumber(null)).toMatchObject({ ok: false, code: 'BLANK' });
    expect(parseNumber('  ')).toMatchObject({ ok: false, code: 'BLANK' });
    expect(parseNumber(true)).toMatchObject({ ok: false, code: 'NOT_A_NUMBER' });
    expect(parseNumber(utc(2025, 1, 1))).toMatchObject({ ok: false, code: 'NOT_A_NUMBER' });
    expect(parseNumber(Number.NaN)).toMatchObject({ ok: false, code: 'NOT_A_NUMBER' });
    const nr = parseNumber({ error: FORMULA_NO_RESULT });
    expect(nr).toMatchObject({ ok: false, code: 'ERROR_CELL' });
    if (!nr.ok) expect(nr.hint.en).toContain('save it again');
  });
});

describe('parseDate', () => {
  it.each([
    ['2025-03-31', utc(2025, 3, 31)],
    ['31/03/2025', utc(2025, 3, 31)],
    ['31-03-2025', utc(2025, 3, 31)],
    ['1/2/2025', utc(2025, 2, 1)],
    ['2024-02-29', utc(2024, 2, 29)],
    [45747, utc(2025, 3, 31)],
    [45747.75, utc(2025, 3, 31)],
    [1, utc(1900, 1, 1)],
    [59, utc(1900, 2, 28)],
    [61, utc(1900, 3, 1)],
  ] as const)('%j → %s', (input, expected) => {
    const r = parseDate(input);
    expect(r).toEqual({ ok: true, value: expected });
  });

  it('a Date cell is normalised to UTC midnight of its calendar date', () => {
    const r = parseDate(new Date(Date.UTC(2025, 2, 31, 13, 45)));
    expect(r).toEqual({ ok: true, value: utc(2025, 3, 31) });
  });

  it.each(['31/02/2025', '2025-13-01', '29/02/2025', '00/01/2025', '31/04/2025'])(
    'impossible date %j is rejected',
    (input) => {
      const r = parseDate(input);
      expect(r).toMatchObject({ ok: false, code: 'NOT_A_DATE' });
      if (!r.ok) {
        expect(r.message.id).toContain(input);
        expect(r.message.en).toContain('does not exist');
        expect(r.hint.en).toContain('YYYY-MM-DD');
      }
    },
  );

  it('rejects two-digit years, other forms, out-of-range serials, the fictitious 1900-02-29, errors and blanks', () => {
    expect(parseDate('31/03/25')).toMatchObject({ ok: false, code: 'NOT_A_DATE' });
    expect(parseDate('Maret 2025')).toMatchObject({ ok: false, code: 'NOT_A_DATE' });
    expect(parseDate(20250331)).toMatchObject({ ok: false, code: 'NOT_A_DATE' });
    expect(parseDate(0)).toMatchObject({ ok: false, code: 'NOT_A_DATE' });
    expect(parseDate(60)).toMatchObject({ ok: false, code: 'NOT_A_DATE' });
    expect(parseDate({ error: '#VALUE!' })).toMatchObject({ ok: false, code: 'ERROR_CELL' });
    expect(parseDate(null)).toMatchObject({ ok: false, code: 'BLANK' });
    expect(parseDate(false)).toMatchObject({ ok: false, code: 'NOT_A_DATE' });
  });
});

describe('plainNumber (the fast path of RowReader.number)', () => {
  it('takes plain digits and a decimal dot, with the value parseNumber gives', () => {
    for (const s of ['0', '00', '240', '87.9', '0.5', '0.500', '01.250', '1234.500', '12.5', '999999999999999', '3.14159']) {
      const p = parseNumber(s);
      expect(p.ok && p.warning === undefined).toBe(true);
      expect(plainNumber(s)).toBe(p.ok ? p.value : NaN);
    }
  });

  it('leaves everything else to parseNumber (thousands dots, commas, signs, spaces, long digits)', () => {
    for (const s of ['1.250', '12.500', '999.000', '1.234.567', '88,67', '-5', '+5', ' 5', '5 ', '95%', '.5', '5.', '1..2', '', 'abc', '1234567890123456', '1e5']) {
      expect(plainNumber(s)).toBeNull();
    }
  });
});
