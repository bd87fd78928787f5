import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/schema.ts';
import { IssueSink } from '../../src/domain/issues.ts';
import { formatPlace } from '../../src/domain/place.ts';
import { ingestCatalogue } from '../../src/ingest/catalogue.ts';
import { COLUMNS } from '../../src/ingest/columns.ts';
import { openTable } from '../../src/io/table.ts';

const dir = mkdtempSync(join(tmpdir(), 'appraise-katalog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function ingest(csv: string) {
  const path = join(dir, `k${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(path, csv);
  const sink = new IssueSink('en');
  const table = await openTable({ path, displayName: 'data/katalog-pelatihan.csv', columns: COLUMNS['katalog-pelatihan'], sink });
  const result = await ingestCatalogue(table!, { aspects: defaultConfig().aspects }, sink);
  return { ...result, issues: sink.issues.map((i) => ({ place: formatPlace(i), code: i.code, severity: i.severity, message: i.message, hint: i.hint })) };
}

const HEADER = 'Kode,Program,Sasaran,JP,Moda,Penyelenggara\n';

describe('katalog-pelatihan ingest', () => {
  it('reads programs with one or several sasaran, by key or label, normalised', async () => {
    const r = await ingest(HEADER +
      'PL-01,Pelayanan Prima,"aspek:kualitas-layanan; perilaku:Berorientasi Pelayanan;unsur:u7",24,klasikal,BKPSDM Kabupaten Simeulue\n' +
      'PL-02,Coaching,predikat:butuh-perbaikan;predikat:Sangat Kurang,"8",coaching,\n' +
      'PL-03,Akta,indikator:dkp-22;aspek:Kualitas Layanan;unsur:Waktu Penyelesaian,"12,5",,\n');
    expect(r.issues).toEqual([]);
    expect(r.counts).toEqual({ read: 3, accepted: 3, rejected: 0 });
    expect(r.programs.map((p) => [p.code, p.targets, p.hours, p.mode, p.provider])).toEqual([
      ['PL-01', [{ kind: 'aspect', key: 'kualitas-layanan' }, { kind: 'behaviour', key: 'berorientasi-pelayanan' }, { kind: 'unsur', key: 'U7' }], 24, 'klasikal', 'BKPSDM Kabupaten Simeulue'],
      ['PL-02', [{ kind: 'predikat', key: 'butuh-perbaikan' }, { kind: 'predikat', key: 'sangat-kurang' }], 8, 'coaching', null],
      ['PL-03', [{ kind: 'indicator', key: 'DKP-22' }, { kind: 'aspect', key: 'kualitas-layanan' }, { kind: 'unsur', key: 'U3' }], 12.5, null, null],
    ]);
  });

  it('rejects an unknown sasaran at its cell and lists the valid ones', async () => {
    const r = await ingest(HEADER +
      'PL-01,Ok,unsur:U3,8,,\n' +
      'PL-02,Bad aspect,aspek:kedisiplinan;unsur:U3,8,,\n' +
      'PL-03,Bad kind,kompetensi:teknis,8,,\n' +
      'PL-04,Good predikat only,predikat:baik,8,,\n' +
      'PL-05,Bad unsur,unsur:U10,8,,\n');
    expect(r.counts).toEqual({ read: 5, accepted: 1, rejected: 4 });
    expect(r.issues.map((i) => [i.place, i.code])).toEqual([
      ['data/katalog-pelatihan.csv:3:C', 'SASARAN_UNKNOWN'],
      ['data/katalog-pelatihan.csv:4:C', 'SASARAN_UNKNOWN'],
      ['data/katalog-pelatihan.csv:5:C', 'SASARAN_UNKNOWN'],
      ['data/katalog-pelatihan.csv:6:C', 'SASARAN_UNKNOWN'],
    ]);
    expect(r.issues[0]!.message).toBe("Sasaran 'aspek:kedisiplinan' is not recognised: there is no aspek 'kedisiplinan'.");
    expect(r.issues[1]!.message).toContain('start it with predikat:, aspek:, perilaku:, unsur: or indikator:');
    expect(r.issues[0]!.hint).toBe(
      'Valid sasaran (separate with ;): predikat:butuh-perbaikan, predikat:kurang, predikat:sangat-kurang, aspek:produktivitas, aspek:kualitas-layanan, aspek:kepuasan-masyarakat, perilaku:berorientasi-pelayanan, perilaku:akuntabel, perilaku:kompeten, perilaku:harmonis, perilaku:loyal, perilaku:adaptif, perilaku:kolaboratif, unsur:U1..U9, indikator:<kode>.',
    );
  });

  it('rejects a duplicate Kode (case-insensitive) naming the first, JP that is not a positive number, and missing required cells', async () => {
    const r = await ingest(HEADER +
      'PL-01,First,unsur:U3,8,,\n' +
      'pl-01,Again,unsur:U3,8,,\n' +
      'PL-02,Zero hours,unsur:U3,0,,\n' +
      'PL-03,Text hours,unsur:U3,banyak,,\n' +
      'PL-04,,unsur:U3,8,,\n' +
      'PL-05,No sasaran,,8,,\n' +
      'PL-06,No hours,unsur:U3,,,\n');
    expect(r.counts).toEqual({ read: 7, accepted: 2, rejected: 5 });
    expect(r.programs.map((p) => [p.code, p.hours])).toEqual([['PL-01', 8], ['PL-06', null]]);
    expect(r.issues.map((i) => [i.place, i.code, i.severity])).toEqual([
      ['data/katalog-pelatihan.csv:3:A', 'PROGRAM_DUPLICATE', 'error'],
      ['data/katalog-pelatihan.csv:4:D', 'HOURS_NOT_POSITIVE', 'error'],
      ['data/katalog-pelatihan.csv:5:D', expect.stringMatching(/NUMBER/), 'error'],
      ['data/katalog-pelatihan.csv:6:B', 'REQUIRED_MISSING', 'error'],
      ['data/katalog-pelatihan.csv:7:C', 'REQUIRED_MISSING', 'error'],
      ['data/katalog-pelatihan.csv:8:D', 'HOURS_MISSING', 'warning'],
    ]);
    expect(r.issues[0]!.message).toBe('Programme code pl-01 already appears at data/katalog-pelatihan.csv:2:A.');
  });
});
