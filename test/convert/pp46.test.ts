import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { IssueSink } from '../../src/domain/issues.ts';
import { convertPp46, type Pp46Conversion } from '../../src/convert/pp46.ts';
import { parsePeriodText, parseQuantity, splitValueAndSebutan } from '../../src/convert/grid.ts';
import { tempDir } from '../cli/helpers.ts';
import { BUDI, SITI, SITI_PRESTASI, addCapaianSheet, addPrestasiSheet, saveWorkbook, type FormSpec } from './fixtures.ts';

async function convert(forms: FormSpec[], withPrestasi = false): Promise<{ conv: Pp46Conversion; sink: IssueSink }> {
  const dir = tempDir();
  const wb = new ExcelJS.Workbook();
  for (const f of forms) addCapaianSheet(wb, f);
  if (withPrestasi) addPrestasiSheet(wb, SITI_PRESTASI);
  const path = join(dir, 'skp-2019.xlsx');
  await saveWorkbook(wb, path);
  const sink = new IssueSink('en');
  const conv = await convertPp46([{ path, display: 'skp-2019.xlsx' }], 'en', sink);
  return { conv, sink };
}

describe('cell readers of the PP 46 form', () => {
  it('reads quantities with units, rupiah, dashes', () => {
    expect(parseQuantity('12 bln')).toMatchObject({ ok: true, value: { value: 12, unit: 'bln' } });
    expect(parseQuantity('Rp 170.395.000')).toMatchObject({ ok: true, value: { value: 170_395_000, unit: 'Rp' } });
    expect(parseQuantity('Rp. 1.250.000,-')).toMatchObject({ ok: true, value: { value: 1_250_000, unit: 'Rp' } });
    expect(parseQuantity('-')).toMatchObject({ ok: true, value: { value: null, dash: true } });
    expect(parseQuantity('88,5 %')).toMatchObject({ ok: true, value: { value: 88.5, unit: '%' } });
    expect(parseQuantity('dua belas')).toMatchObject({ ok: false, code: 'NOT_A_NUMBER' });
  });
  it('splits a value and its sebutan', () => {
    expect(splitValueAndSebutan('88,67 (Baik)')).toMatchObject({ number: { ok: true, value: 88.67 }, sebutan: 'Baik' });
    expect(splitValueAndSebutan('(Sangat Baik)')).toEqual({ number: null, sebutan: 'Sangat Baik' });
    expect(splitValueAndSebutan(90.17)).toMatchObject({ number: { value: 90.17 }, sebutan: null });
  });
  it('reads the assessment period in words', () => {
    const p = parsePeriodText('Jangka Waktu Penilaian : 02 Januari s.d. 31 Desember 2019')!;
    expect(p.start.toISOString().slice(0, 10)).toBe('2019-01-02');
    expect(p.end.toISOString().slice(0, 10)).toBe('2019-12-31');
    expect(parsePeriodText('1 Juli 2020 s/d 31 Desember 2020')!.start.toISOString().slice(0, 10)).toBe('2020-07-01');
    expect(parsePeriodText('31 Februari s.d. 31 Desember 2019')).toBeNull();
  });
});

describe('convert --from pp46: a correct workbook with two employees and a Penilaian Prestasi Kerja sheet', () => {
  let conv: Pp46Conversion;
  let sink: IssueSink;
  beforeAll(async () => {
    ({ conv, sink } = await convert([BUDI, SITI], true));
  });

  it('finds both forms by their labels, although the second has extra rows and an extra column', () => {
    expect(sink.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(conv.employees.map((e) => [e.sheet, e.nip, e.name, e.period])).toEqual([
      ['Budi', '198503122010011004', 'Budi Santoso, S.E.', '2019'],
      ['Siti', '199001152015032001', 'Siti Aminah', '2019'],
    ]);
    const budi = conv.employees[0]!;
    expect(budi.appraiserNip).toBe('197002021995031002');
    expect(budi.position).toBe('Analis Kepegawaian');
    expect(budi.grade).toBe('Penata Muda, III/a');
    expect(budi.unit).toBe('BKPSDM Kabupaten Simeulue');
  });

  it('recomputes with pp-46-2011: the BKN example 88,67 and a biaya activity', () => {
    const [budi, siti] = conv.employees;
    expect(budi!.activities.map((a) => Math.round(a.result!.nilaiCapaian * 100) / 100)).toEqual([88.67, 89.67]);
    expect(budi!.activities[1]!.result!.biaya).toBe(76);
    expect(budi!.tugasTambahan).toBe(1);
    expect(Math.round(budi!.skp!.nilaiCapaianSkp * 100) / 100).toBe(90.17);
    expect(budi!.skp!.sebutan).toBe('BAIK');
    expect(Math.round(siti!.skp!.nilaiCapaianSkp * 100) / 100).toBe(88.67);
    // 60% × 88,67 + 40% × 77 = 53,20 + 30,80 = 84,00
    expect(siti!.perilaku).toEqual({ mean: 77, count: 5 });
    expect(Math.round(siti!.prestasi!.nilai * 100) / 100).toBe(84);
  });

  it('agrees with every number the workbook states', () => {
    expect(conv.parity.filter((p) => !p.agree)).toEqual([]);
    const items = conv.parity.map((p) => `${p.nip?.slice(-3)} ${p.item}`);
    expect(items).toEqual(expect.arrayContaining([
      '004 K1.perhitungan', '004 K1.nilai', '004 K2.perhitungan', '004 K2.nilai', '004 tugasTambahan', '004 nilaiCapaianSkp', '004 sebutan',
      '001 K1.nilai', '001 nilaiCapaianSkp', '001 sebutan', '001 ppk.skp', '001 ppk.skp60', '001 ppk.jumlah', '001 ppk.perilaku',
      '001 ppk.perilaku40', '001 ppk.nilai', '001 ppk.sebutan',
    ]));
    const final = conv.parity.find((p) => p.item === 'nilaiCapaianSkp' && p.nip === BUDI.nip)!;
    expect(final.place).toMatch(/^skp-2019\.xlsx!Budi!T\d+$/);
  });

  it('writes each aspect of each activity as one indicator row', () => {
    const budi = conv.indicators.filter((i) => i.nip === BUDI.nip);
    expect(budi.map((i) => [i.code, i.aspect, i.target, i.actual, i.unitLabel, i.direction])).toEqual([
      ['K1-KUANT', 'produktivitas', 12, 12, 'laporan', 'naik'],
      ['K1-KUAL', 'kualitas-layanan', 100, 90, null, 'naik'],
      ['K1-WAKTU', 'kualitas-layanan', 12, 12, 'bln', 'turun'],
      ['K2-KUANT', 'produktivitas', 5000, 4500, 'dokumen', 'naik'],
      ['K2-KUAL', 'kualitas-layanan', 100, 100, null, 'naik'],
      ['K2-WAKTU', 'kualitas-layanan', 12, 10, 'bln', 'turun'],
      ['K2-BIAYA', 'produktivitas', 170_395_000, 170_395_000, 'Rp', 'turun'],
    ]);
    expect(budi[0]!.text).toBe('Menyusun laporan bulanan kepegawaian (kuantitas/output)');
    expect(conv.roster.map((r) => r.nip)).toEqual([BUDI.nip, SITI.nip]);
  });
});

describe('convert --from pp46: a wrong formula in the source', () => {
  it('names the cell of a stated nilai capaian that does not match, and the final value built on it', async () => {
    const wrong: FormSpec = {
      ...BUDI,
      activities: [BUDI.activities[0]!, { ...BUDI.activities[1]!, nilai: '86,67' }],
      final: { value: '88,67', sebutan: 'Baik' },
    };
    const { conv } = await convert([wrong]);
    const differ = conv.parity.filter((p) => !p.agree);
    expect(differ.map((p) => [p.place, p.item, p.stated, p.computed, p.difference])).toEqual([
      ['skp-2019.xlsx!Budi!T15', 'K2.nilai', 86.67, 89.67, -3],
      ['skp-2019.xlsx!Budi!T21', 'nilaiCapaianSkp', 88.67, 90.17, -1.5],
    ]);
    expect(conv.employees[0]!.differences).toBe(2);
  });

  it('a stated sebutan that does not follow from the value differs; 0,01 off after rounding agrees', async () => {
    const f: FormSpec = { ...BUDI, final: { value: '90,16', sebutan: 'Sangat Baik', sameCell: true } };
    const { conv } = await convert([f]);
    const final = conv.parity.find((p) => p.item === 'nilaiCapaianSkp')!;
    expect(final).toMatchObject({ stated: 90.16, computed: 90.17, agree: true });
    const s = conv.parity.find((p) => p.item === 'sebutan')!;
    expect(s).toMatchObject({ stated: 'Sangat Baik', computed: 'Baik', agree: false });
  });

  it('reports an unreadable cell at its place and does not compute that form', async () => {
    const f: FormSpec = { ...BUDI, activities: [{ ...BUDI.activities[0]!, kuant: [12, 'dua belas', 'laporan'] }, BUDI.activities[1]!] };
    const { conv, sink } = await convert([f]);
    const err = sink.issues.find((i) => i.code === 'NOT_A_NUMBER')!;
    expect(`${err.file}!${err.sheet}!${err.column}${err.row}`).toBe('skp-2019.xlsx!Budi!L14');
    expect(conv.employees[0]!.skp).toBeNull();
    expect(sink.issues.some((i) => i.code === 'PP46_NOT_COMPUTED')).toBe(true);
  });
});
