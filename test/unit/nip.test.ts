import { describe, expect, it } from 'vitest';
import { parseNip } from '../../src/domain/nip.ts';

/** The birth-date check by the calendar, and the 18-digit fast path against separators removed. */
describe('parseNip', () => {
  it('accepts 18 digits and the same NIP written with spaces and dots', () => {
    expect(parseNip('196501011985052001')).toEqual({ ok: true, nip: '196501011985052001' });
    expect(parseNip('19650101 198505 2 001')).toEqual({ ok: true, nip: '196501011985052001' });
    expect(parseNip('19650101.198505.2.001')).toEqual({ ok: true, nip: '196501011985052001' });
  });

  it('decides the birth date by the Gregorian calendar (leap years, month lengths)', () => {
    const birth = (ymd: string) => parseNip(`${ymd}1985052001`);
    expect(birth('19640229').ok).toBe(true); // leap year
    expect(birth('20000229').ok).toBe(false); // born 2000: TMT 1985 is before age 15 → not a birth-date problem
    expect(birth('19650229')).toMatchObject({ ok: false, problem: 'NIP_BIRTH_DATE' });
    expect(birth('19000229')).toMatchObject({ ok: false, problem: 'NIP_BIRTH_DATE' }); // not leap, and before 1930
    expect(birth('19650431')).toMatchObject({ ok: false, problem: 'NIP_BIRTH_DATE' });
    expect(birth('19650430').ok).toBe(true);
    expect(birth('19651231').ok).toBe(true);
    expect(birth('19651301')).toMatchObject({ ok: false, problem: 'NIP_BIRTH_DATE' });
    expect(birth('19650100')).toMatchObject({ ok: false, problem: 'NIP_BIRTH_DATE' });
    expect(birth('00640229')).toMatchObject({ ok: false, problem: 'NIP_BIRTH_DATE' });
  });

  it('reports characters and length on the NIP with separators removed', () => {
    expect(parseNip('19650101198505200A')).toEqual({ ok: false, problem: 'NIP_CHARS', normalised: '19650101198505200A' });
    expect(parseNip('1965 0101 1985 0520 01 1')).toEqual({ ok: false, problem: 'NIP_LENGTH', normalised: '1965010119850520011' });
  });
});
