import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { appraise, SINABANG, tempDir } from './helpers.js';

/**
 * convert → run on a copy of examples/sinabang: an e-Kinerja "Laporan Penilaian SKP" export for
 * 2025-Q1 naming three employees (one with the run's own predikat, one with another, one not yet
 * assessed) and a NIP that is not in the roster, converted with --period 2025-Q1, then compared by
 * `appraise run`.
 */
const LABEL: Record<string, string> = { SANGAT_BAIK: 'Sangat Baik', BAIK: 'Baik', BUTUH_PERBAIKAN: 'Butuh Perbaikan', KURANG: 'Kurang', SANGAT_KURANG: 'Sangat Kurang' };
const OTHER: Record<string, string> = { SANGAT_BAIK: 'Baik', BAIK: 'Sangat Baik', BUTUH_PERBAIKAN: 'Baik', KURANG: 'Baik', SANGAT_KURANG: 'Baik' };
const STRANGER = '197001011995031001';

describe('appraise run with an e-Kinerja predikat list (built bin)', () => {
  let ws: string;
  let before: { nip: string; name: string; unit: string; position: string; predikat: string }[];
  let stdout: string;
  let code: number;
  let out: string;

  beforeAll(() => {
    ws = tempDir('appraise-ekinerja-');
    cpSync(SINABANG, ws, { recursive: true, filter: (src) => !src.includes('laporan') });
    const first = appraise(['run', '--period', '2025-Q1', '--dry-run', '--json'], { cwd: ws });
    expect(first.code).toBe(0);
    before = JSON.parse(first.stdout).employees;
    const [a, b, c] = before;
    const row = (e: { nip: string; name: string; position: string; unit: string }, hasil: string) =>
      `${e.nip};${e.name};${e.position};${e.unit};01/01/2025;31/03/2025;${hasil}`;
    writeFileSync(join(ws, 'laporan-penilaian-skp.csv'), [
      'LAPORAN PENILAIAN SKP TRIWULAN I 2025',
      '',
      'nip;nama;jabatan;unit_kerja;periode_awal;periode_akhir;hasil_akhir',
      row(a!, LABEL[a!.predikat]!),
      row(b!, OTHER[b!.predikat]!),
      row(c!, '-'),
      `${STRANGER};Pegawai Pindahan;Analis;BKPSDM;01/01/2025;31/03/2025;Baik`,
    ].join('\n') + '\n');
    const conv = appraise(['convert', 'laporan-penilaian-skp.csv', '--from', 'ekinerja', '-o', 'ekinerja-pegawai.csv', '--period', '2025-Q1'], { cwd: ws });
    expect(conv.code).toBe(0);
    expect(existsSync(join(ws, 'data', '2025-Q1', 'predikat-ekinerja.csv'))).toBe(true);
    out = tempDir();
    ({ code, stdout } = appraise(['run', '--period', '2025-Q1', '--out', out, '--lang', 'en'], { cwd: ws }));
  });

  it('prints one comparison line', () => {
    expect(code).toBe(0);
    const n = before.length;
    expect(stdout).toContain(`Predikat compared with e-Kinerja (data/2025-Q1/predikat-ekinerja.csv): same 1, different 1, not in e-Kinerja ${n - 2}, not appraised in this run 1 (e-Kinerja sheet).`);
  });

  it('hasil JSON names the differing employee with both predikat', () => {
    const doc = JSON.parse(readFileSync(join(out, 'hasil-2025-Q1.json'), 'utf8'));
    const b = before[1]!;
    expect(doc.ekinerja).toMatchObject({ employees: before.length, same: 1, different: 1, missingInEkinerja: before.length - 2, missingInRun: 0, notAppraised: 1 });
    expect(doc.ekinerja.differences.map((d: { nip: string; predikat: string; ekinerjaPredikat: string; ekinerjaPeriod: string }) => [d.nip, d.predikat, d.ekinerjaPredikat, d.ekinerjaPeriod]))
      .toEqual([[b.nip, b.predikat, OTHER[b.predikat]!.toUpperCase().replace(' ', '_'), '2025-Q1']]);
    // Differences are information, not data problems.
    expect(doc.issues.filter((i: { file: string }) => i.file.includes('predikat-ekinerja'))).toEqual([]);
  });

  it('the workbook has the e-Kinerja sheet right after Unit, and Metodologi lists the list as an input', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'laporan-kinerja-2025-Q1.xlsx'));
    const names = wb.worksheets.map((w) => w.name);
    expect(names.slice(names.indexOf('Unit'), names.indexOf('Unit') + 2)).toEqual(['Unit', 'e-Kinerja']);
    const sheet = wb.getWorksheet('e-Kinerja')!;
    const found: string[] = [];
    sheet.eachRow((row) => {
      if (row.getCell(1).value === before[1]!.nip) found.push(String(row.getCell(6).value));
    });
    expect(found).toEqual(['Different']);
    let listed = false;
    wb.getWorksheet('Metodologi')!.eachRow((row) => {
      if ((row.values as unknown[]).some((v) => v === 'data/2025-Q1/predikat-ekinerja.csv')) listed = true;
    });
    expect(listed).toBe(true);
  });
});
