import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/schema.ts';
import { IssueSink } from '../../src/domain/issues.ts';
import { formatPlace } from '../../src/domain/place.ts';
import type { Indicator } from '../../src/engine/types.ts';
import { COLUMNS } from '../../src/ingest/columns.ts';
import { IndicatorRowsBuilder, type AcceptedRow } from '../../src/ingest/indicator-rows.ts';
import { ingestIndicators } from '../../src/ingest/indicators.ts';
import { openTable } from '../../src/io/table.ts';

const dir = mkdtempSync(join(tmpdir(), 'appraise-indicator-rows-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const A = '198507222009012008';
const B = '199001012015031002';
const C = '197908192007032003';

/** The roster as run.ts gives it: employees by NIP, each with its own NIP string. */
function rosterOf(...nips: string[]): Map<string, { nip: string }> {
  return new Map(nips.map((nip) => [nip, { nip: nip.split('').join('') }]));
}

async function ingest(name: string, lines: string[], roster = rosterOf(A, B, C)) {
  writeFileSync(join(dir, name), lines.join('\r\n'));
  const sink = new IssueSink('en');
  const table = await openTable({ path: join(dir, name), displayName: name, columns: COLUMNS.indikator, sink });
  const result = await ingestIndicators(table!, { roster, excluded: new Set(), aspects: defaultConfig().aspects }, sink);
  const of = (nip: string): Indicator[] => {
    const g = result.groupOf.get(nip);
    return g === undefined ? [] : result.rows.indicators(g);
  };
  return { result, sink, of };
}

describe('indicator rows kept in columns, Indicators made when asked', () => {
  it('groups interleaved rows by NIP in file order, and finds duplicates across other NIPs’ rows', async () => {
    const roster = rosterOf(A, B, C);
    const { result, sink, of } = await ingest('mixed.csv', [
      'NIP;Kode;Indikator;Aspek;Jenis;Target;Realisasi;Satuan;Arah;Bobot;Agregasi',
      `${A};K1;Satu;produktivitas;utama;10;9;dokumen;naik;2;jumlah`, // 2
      `${B};K1;Satu;produktivitas;tambahan;80-90;;;turun;;rata-rata`, // 3: not reported, no unit, weight 1
      `${A};K2;Dua;kualitas-layanan;tambahan;5;0;hari;turun;0.5;terakhir`, // 4: realisasi 0 (reported)
      `${C};K9;Sembilan;produktivitas;utama;1;1;;naik;;jumlah`, // 5
      `${B};K2;Dua;produktivitas;utama;10;0;dokumen;naik;3;terakhir`, // 6
      `${A};k1;Lagi;produktivitas;utama;10;9;dokumen;naik;;jumlah`, // 7: duplicate of line 2
      `${A};K3;Tiga;produktivitas;utama;10;12;dokumen;naik;;jumlah`, // 8
    ], roster);
    expect(result.counts).toEqual({ read: 7, accepted: 6, rejected: 1 });
    expect(sink.issues.map((i) => `${i.code} ${formatPlace(i)} ${i.message}`)).toEqual([
      `INDICATOR_DUPLICATE mixed.csv:7:B Indicator k1 for NIP ${A} already appears at mixed.csv:2.`,
    ]);
    // Groups in the order their NIPs first appear.
    expect([...result.groupOf.keys()]).toEqual([A, B, C]);
    expect(result.rows.size).toBe(3);
    expect([0, 1, 2].map((g) => result.rows.count(g))).toEqual([3, 2, 1]);

    const a = of(A);
    expect(a.map((i) => [i.code, i.text, i.aspect, i.kind, i.actual, i.direction, i.aggregation, i.unitLabel, i.weight, formatPlace(i.places.row)])).toEqual([
      ['K1', 'Satu', 'produktivitas', 'utama', 9, 'naik', 'jumlah', 'dokumen', 2, 'mixed.csv:2'],
      ['K2', 'Dua', 'kualitas-layanan', 'tambahan', 0, 'turun', 'terakhir', 'hari', 0.5, 'mixed.csv:4'],
      ['K3', 'Tiga', 'produktivitas', 'utama', 12, 'naik', 'jumlah', 'dokumen', 1, 'mixed.csv:8'],
    ]);
    const b = of(B);
    expect(b.map((i) => [i.code, i.target, i.actual, i.unitLabel, i.weight, i.kind, i.aggregation])).toEqual([
      ['K1', { kind: 'range', low: 80, high: 90 }, null, null, 1, 'tambahan', 'rata-rata'],
      ['K2', { kind: 'value', value: 10 }, 0, 'dokumen', 3, 'utama', 'terakhir'],
    ]);
    expect(b[1]!.target).toBe(a[0]!.target); // one Target per distinct target
    expect(formatPlace(b[1]!.places.actual)).toBe('mixed.csv:6:G');
    // The same fields, in the same order, as the object ingest used to keep.
    expect(Object.keys(a[0]!)).toEqual(['nip', 'code', 'text', 'aspect', 'kind', 'target', 'actual', 'direction', 'aggregation', 'unitLabel', 'weight', 'places']);
    // The NIP is the roster's string (no copy kept per NIP); each call makes new objects.
    expect(a[0]!.nip).toBe(A);
    expect(a.every((i) => i.nip === roster.get(A)!.nip)).toBe(true);
    expect(of(A)[0]).not.toBe(a[0]);
    expect(of(A)).toEqual(a);
  });

  it('keeps the xlsx sheet in the places', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('IKI');
    ws.addRow(['NIP', 'Kode', 'Indikator', 'Aspek', 'Target', 'Realisasi']);
    ws.addRow([B, 'K1', 'Satu', 'produktivitas', 10, 9]);
    ws.addRow([A, 'K1', 'Satu', 'produktivitas', 10, 8]);
    ws.addRow([B, 'K2', 'Dua', 'produktivitas', 10, null]);
    await wb.xlsx.writeFile(join(dir, 'ind.xlsx'));
    const sink = new IssueSink('en');
    const table = await openTable({ path: join(dir, 'ind.xlsx'), displayName: 'ind.xlsx', columns: COLUMNS.indikator, sink });
    const result = await ingestIndicators(table!, { roster: new Set([A, B]), excluded: new Set(), aspects: defaultConfig().aspects }, sink);
    const b = result.rows.indicators(result.groupOf.get(B)!);
    expect(b.map((i) => [i.code, i.actual, i.places.row, i.places.target, i.places.actual])).toEqual([
      ['K1', 9, { file: 'ind.xlsx', sheet: 'IKI', row: 2 }, { file: 'ind.xlsx', sheet: 'IKI', row: 2, column: 'E' }, { file: 'ind.xlsx', sheet: 'IKI', row: 2, column: 'F' }],
      ['K2', null, { file: 'ind.xlsx', sheet: 'IKI', row: 4 }, { file: 'ind.xlsx', sheet: 'IKI', row: 4, column: 'E' }, { file: 'ind.xlsx', sheet: 'IKI', row: 4, column: 'F' }],
    ]);
  });
});

describe('IndicatorRowsBuilder', () => {
  const table = { file: 'x.csv', sheet: undefined, target: 'E', actual: 'F' };
  const row = (nip: string, code: string, i: number, over: Partial<AcceptedRow> = {}): AcceptedRow => ({
    nip, code, text: `Teks ${code}`, aspect: 'produktivitas', kind: 'utama', target: { kind: 'value', value: i + 1 }, actual: i,
    direction: 'naik', aggregation: 'jumlah', unitLabel: null, weight: 1 + i / 7, row: i + 2, ...over,
  });

  it('keeps every value when a column needs more than 255, then 65,535 distinct values', () => {
    const b = new IndicatorRowsBuilder(table, (nip) => nip);
    const n = 70_000;
    for (let i = 0; i < n; i++) b.add(row(i % 2 === 0 ? A : B, `K${i}`, i));
    expect(b.rowWithCode(A, 'k68000', 'K68000')).toBe(68_002);
    expect(b.rowWithCode(B, 'K68000', 'K68000')).toBe(-1);
    const { rows, groupOf } = b.finish();
    const a = rows.indicators(groupOf.get(A)!);
    const bs = rows.indicators(groupOf.get(B)!);
    expect(a).toHaveLength(n / 2);
    expect(bs).toHaveLength(n / 2);
    for (const [list, first] of [[a, 0], [bs, 1]] as const) {
      list.forEach((ind, k) => {
        const i = first + 2 * k;
        if (ind.code !== `K${i}` || ind.text !== `Teks K${i}` || ind.actual !== i || ind.weight !== 1 + i / 7
          || ind.target.kind !== 'value' || ind.target.value !== i + 1 || ind.places.row.row !== i + 2) {
          throw new Error(`row ${i} read back as ${JSON.stringify(ind)}`);
        }
      });
    }
  });

  it('tells codes apart that differ in length once upper-cased', () => {
    const b = new IndicatorRowsBuilder(table, (nip) => nip);
    b.add(row(A, 'straße', 0));
    expect(b.rowWithCode(A, 'STRASSE', 'STRASSE')).toBe(-1);
    expect(b.rowWithCode(A, 'STRAßE', 'STRASSE')).toBe(2);
  });

  it('keeps -0 apart from 0 (realisasi and target)', () => {
    const b = new IndicatorRowsBuilder(table, (nip) => nip);
    b.add(row(A, 'K1', 0, { actual: -0, target: { kind: 'value', value: 0 } }));
    b.add(row(A, 'K2', 1, { actual: 0, target: { kind: 'value', value: -0 } }));
    const { rows } = b.finish();
    const [k1, k2] = rows.indicators(0);
    expect(Object.is(k1!.actual, -0)).toBe(true);
    expect(Object.is(k2!.actual, 0)).toBe(true);
    expect(Object.is((k1!.target as { value: number }).value, 0)).toBe(true);
    expect(Object.is((k2!.target as { value: number }).value, -0)).toBe(true);
  });

  it('rejects what the columns cannot hold', () => {
    const b = new IndicatorRowsBuilder(table, (nip) => nip);
    expect(() => b.add(row(A, 'K1', 0, { actual: Number.NaN }))).toThrow(/finite/);
    expect(() => b.add(row(A, 'K1', 0, { row: -1 }))).toThrow(/row number/);
  });
});
