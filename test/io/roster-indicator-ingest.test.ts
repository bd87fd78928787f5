import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/schema.ts';
import { IssueSink } from '../../src/domain/issues.ts';
import { formatPlace } from '../../src/domain/place.ts';
import { parsePeriod } from '../../src/domain/period.ts';
import { COLUMNS } from '../../src/ingest/columns.ts';
import { ingestIndicators } from '../../src/ingest/indicators.ts';
import { ingestRoster } from '../../src/ingest/roster.ts';
import { openTable } from '../../src/io/table.ts';

const dir = mkdtempSync(join(tmpdir(), 'appraise-ingest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const Q2 = parsePeriod('2025-Q2')!;

async function open(name: string, kind: 'pegawai' | 'indikator', sink: IssueSink) {
  const table = await openTable({ path: join(dir, name), displayName: name, columns: COLUMNS[kind], sink });
  expect(table).not.toBeNull();
  return table!;
}

const A = '198507222009012008'; // PNS, female
const B = '199001012015031002';
const PPPK = '198805122023211004'; // appointed 2023, code 21 instead of a month
const C = '197908192007032003';

describe('roster ingest', () => {
  it('accepts PPPK numbers only with Status PPPK, rejects a NIP typed as a number, resolves a transfer', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Pegawai');
    ws.addRow(['NIP', 'Nama', 'Jabatan', 'Jenis Jabatan', 'Unit Kerja', 'Status', 'NIP Atasan', 'Layanan', 'Mulai', 'Selesai']);
    ws.addRow([A, 'Maulidar', 'Analis', 'fungsional', 'BKPSDM', 'PNS', C, 'akta-lahir; KK', null, null]); // row 2
    ws.addRow([PPPK, 'Teuku Ja’far', 'Perawat', 'fungsional', 'RSUD', 'PPPK', C, '', null, null]); // row 3
    ws.addRow([PPPK.replace('1004', '1005'), 'Salah Status', 'Perawat', 'fungsional', 'RSUD', 'PNS', C, '', null, null]); // row 4: PPPK form, PNS status
    ws.addRow([199001012015031000 as unknown as string, 'Angka', 'Staf', 'pelaksana', 'RSUD', 'PNS', C, '', null, null]); // row 5: number cell
    ws.addRow([B, 'Pindah', 'Staf', 'pelaksana', 'Dinas Kesehatan', 'PNS', C, '', new Date(Date.UTC(2024, 0, 1)), new Date(Date.UTC(2025, 4, 14))]); // row 6
    ws.addRow([B, 'Pindah', 'Staf', 'pelaksana', 'RSUD', 'PNS', C, '', new Date(Date.UTC(2025, 4, 15)), null]); // row 7
    ws.addRow([C, 'Kepala', 'Kepala Badan', 'kepala', 'BKPSDM', 'PNS', '', '', null, null]); // row 8: bad Jenis Jabatan
    await wb.xlsx.writeFile(join(dir, 'pegawai.xlsx'));

    const sink = new IssueSink('en');
    const roster = await ingestRoster(await open('pegawai.xlsx', 'pegawai', sink), Q2, sink);
    expect(roster.counts).toEqual({ read: 7, accepted: 4, rejected: 3 });
    expect([...roster.employees.keys()].sort()).toEqual([B, PPPK, A].sort());
    expect(roster.employees.get(A)!.services).toEqual(['AKTA-LAHIR', 'KK']);
    expect(roster.employees.get(B)!.unit).toBe('RSUD'); // the assignment current at the end of Q2
    const byCode = Object.fromEntries(sink.issues.map((i) => [i.code, formatPlace(i)]));
    expect(byCode).toMatchObject({
      NIP_TMT: 'pegawai.xlsx!Pegawai!A4',
      NIP_NUMERIC: 'pegawai.xlsx!Pegawai!A5',
      VALUE_NOT_ALLOWED: 'pegawai.xlsx!Pegawai!D8',
      TRANSFER: 'pegawai.xlsx!Pegawai!6',
    });
    expect(sink.issues.find((i) => i.code === 'NIP_NUMERIC')!.hint).toMatch(/Text/);
  });

  it('overlapping rows of one NIP are duplicates: every row rejected, its indicators reported as excluded', async () => {
    writeFileSync(join(dir, 'dup.csv'), [
      'NIP;Nama;Jabatan;Unit Kerja',
      `${A};Satu;Staf;BKPSDM`,
      `${A};Dua;Staf;BKPSDM`,
      `${B};Tiga;Staf;BKPSDM`,
    ].join('\r\n'));
    const sink = new IssueSink('id');
    const roster = await ingestRoster(await open('dup.csv', 'pegawai', sink), Q2, sink);
    expect(roster.counts).toEqual({ read: 3, accepted: 1, rejected: 2 });
    expect(sink.issues.map((i) => `${i.code} ${formatPlace(i)}`)).toEqual(['NIP_DUPLICATE dup.csv:2:A', 'NIP_DUPLICATE dup.csv:3:A']);

    writeFileSync(join(dir, 'ind.csv'), [
      'NIP;Kode;Indikator;Aspek;Target;Realisasi;Arah',
      `${A};K1;Dokumen;produktivitas;10;9;naik`, // line 2: NIP rejected in the roster
      `${B};K1;Dokumen;Produktivitas;10;9;naik`, // line 3: ok (aspect by label)
      `${B};K2;Hari;kualitas-layanan;80-90;95;turun`, // line 4: ok, range
      `${B};k1;Lagi;produktivitas;10;9;naik`, // line 5: duplicate code (case-insensitive)
      `${B};K3;Kosong;produktivitas;0;;turun`, // line 6: ok, not reported
    ].join('\r\n'));
    const isink = new IssueSink('en');
    const result = await ingestIndicators(await open('ind.csv', 'indikator', isink), {
      roster: new Set(roster.employees.keys()),
      excluded: roster.rejectedNips,
      aspects: defaultConfig().aspects,
    }, isink);
    expect(result.counts).toEqual({ read: 5, accepted: 3, rejected: 2 });
    expect(isink.issues.map((i) => `${i.code} ${formatPlace(i)}`)).toEqual(['NIP_EXCLUDED_IN_ROSTER ind.csv:2:A', 'INDICATOR_DUPLICATE ind.csv:5:B']);
    const list = result.rows.indicators(result.groupOf.get(B)!);
    expect(list.map((i) => [i.code, i.aspect, i.target, i.actual, i.direction])).toEqual([
      ['K1', 'produktivitas', { kind: 'value', value: 10 }, 9, 'naik'],
      ['K2', 'kualitas-layanan', { kind: 'range', low: 80, high: 90 }, 95, 'turun'],
      ['K3', 'produktivitas', { kind: 'value', value: 0 }, null, 'turun'],
    ]);
    expect(formatPlace(list[1]!.places.actual)).toBe('ind.csv:4:F');
    // Places are made when read, equal to the cells' places; each read gives a fresh object.
    expect(list[1]!.places.row).toEqual({ file: 'ind.csv', row: 4 });
    expect(list[1]!.places.target).toEqual({ file: 'ind.csv', row: 4, column: 'E' });
    expect(list[2]!.places.actual).toEqual({ file: 'ind.csv', row: 6, column: 'F' });
    expect(list[1]!.places.target).not.toBe(list[1]!.places.target);
  });

  it('shares one Target object per distinct target of a table', async () => {
    writeFileSync(join(dir, 'peg2.csv'), ['NIP;Nama;Jabatan;Unit Kerja', `${B};Tiga;Staf;BKPSDM`].join('\r\n'));
    const sink = new IssueSink('id');
    const roster = await ingestRoster(await open('peg2.csv', 'pegawai', sink), Q2, sink);
    writeFileSync(join(dir, 'ind2.csv'), [
      'NIP;Kode;Indikator;Aspek;Target;Realisasi;Arah',
      `${B};K1;Satu;produktivitas;10;9;naik`,
      `${B};K2;Dua;produktivitas;10;8;naik`,
      `${B};K3;Tiga;produktivitas;80-90;85;naik`,
      `${B};K4;Empat;produktivitas;80 - 90;85;naik`,
      `${B};K5;Lima;produktivitas;11;9;naik`,
    ].join('\r\n'));
    const isink = new IssueSink('en');
    const result = await ingestIndicators(await open('ind2.csv', 'indikator', isink), {
      roster: new Set(roster.employees.keys()),
      excluded: roster.rejectedNips,
      aspects: defaultConfig().aspects,
    }, isink);
    const list = result.rows.indicators(result.groupOf.get(B)!);
    expect(list.map((i) => i.target)).toEqual([
      { kind: 'value', value: 10 }, { kind: 'value', value: 10 }, { kind: 'range', low: 80, high: 90 },
      { kind: 'range', low: 80, high: 90 }, { kind: 'value', value: 11 },
    ]);
    expect(list[1]!.target).toBe(list[0]!.target);
    expect(list[3]!.target).toBe(list[2]!.target);
    expect(list[4]!.target).not.toBe(list[0]!.target);
    expect(formatPlace(list[4]!.places.row)).toBe('ind2.csv:6');
  });
});
