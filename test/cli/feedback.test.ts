import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { appraise, SINABANG, tempDir } from './helpers.js';

const DUKCAPIL = 'Dinas Kependudukan dan Pencatatan Sipil';

function rowsOf(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    out[n - 1] = (row.values as unknown[]).slice(1);
  });
  return out;
}

describe('appraise feedback on examples/sinabang', () => {
  let out: string;
  let text: { code: number; stdout: string; stderr: string };

  beforeAll(() => {
    out = tempDir();
    text = appraise(['feedback', '--period', '2025-Q1', '--out', out, '--lang', 'en'], { cwd: SINABANG });
  });

  it('prints the table per unit and service and writes the xlsx and json atomically', () => {
    expect(text.stderr).not.toMatch(/unexpected/i);
    expect(text.code).toBe(0);
    const line = text.stdout.split('\n').find((l) => l.includes('AKTA-LAHIR'))!;
    expect(line).toMatch(/│\s+48\s+│\s+71\.24\s+│\s+C Poor\s+│\s+U3\s+│\s+16\s+│/);
    expect(text.stdout).toContain('5 file(s), 274 rows read: 268 counted, 6 not counted (2 repeated, 1 outside the period, 3 with errors).');
    // Like `run`: its own manifest and the run log beside the reports, nothing under a temporary name.
    expect(readdirSync(out).sort()).toEqual(['appraise-2025-Q1.log', 'manifest-feedback.json', 'survei-kepuasan-2025-Q1.json', 'survei-kepuasan-2025-Q1.xlsx']);
  });

  it('the json holds the feedback document and only the survey files’ issues', () => {
    const doc = JSON.parse(readFileSync(join(out, 'survei-kepuasan-2025-Q1.json'), 'utf8'));
    expect(doc.period).toBe('2025-Q1');
    const akta = doc.feedback.units.find((u: { unit: string }) => u.unit === DUKCAPIL).services.find((s: { service: string }) => s.service === 'AKTA-LAHIR');
    expect(akta).toMatchObject({ respondents: 48, ikm: 71.24, mutu: 'C', weakestUnsur: 'U3' });
    expect(akta.unsur[2]).toEqual({ key: 'U3', label: 'Completion Time', respondents: 48, nrr: 1.4, converted: 34.9, mutu: 'D' });
    const places = doc.issues.filter((i: { severity: string }) => i.severity !== 'info').map((i: { file: string; sheet: string | null; row: number; column: string }) => `${i.file.split('/').pop()}${i.sheet ? '!' + i.sheet : ''}:${i.row}:${i.column}`);
    expect(places).toEqual([
      'kecamatan.xlsx!Survei:14:A', 'kecamatan.xlsx!Survei:32:B',
      'loket-dukcapil-01-jan.csv:10:H', 'loket-dukcapil-01-jan.csv:58:A',
      'loket-dukcapil-02-feb.csv:7:A', 'loket-dukcapil-02-feb.csv:22:M',
    ]);
  });

  it('the IKM sheet reads back: Dukcapil, its AKTA-LAHIR row with NRR and mutu per unsur', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'survei-kepuasan-2025-Q1.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['IKM', 'Masalah Data']);
    const rows = rowsOf(wb.getWorksheet('IKM')!);
    const header = rows[0]!.map(String);
    expect(header.slice(0, 8)).toEqual(['Work Unit', 'Service', 'Citizens Served', 'Minimum Sample', 'Sample Adequacy', 'Respondents', 'U1 NRR', 'U1 Mutu']);
    const col = (h: string) => header.indexOf(h);
    const unit = rows.find((r) => r[0] === DUKCAPIL && r[1] === '(whole unit)')!;
    expect(unit[col('Citizens Served')]).toBe(1450);
    expect(unit[col('Minimum Sample')]).toBe(306);
    expect(unit[col('Sample Adequacy')]).toBe('187 more needed');
    expect(unit[col('IKM')]).toBe(76.65);
    const akta = rows.find((r) => r[0] === DUKCAPIL && r[1] === 'AKTA-LAHIR')!;
    expect(akta[col('Respondents')]).toBe(48);
    expect(akta[col('U3 NRR')]).toBe(1.4);
    expect(akta[col('U3 Mutu')]).toBe('D');
    expect(akta[col('IKM')]).toBe(71.24);
    expect(akta[col('Quality')]).toBe('C (Poor)');
    expect(akta[col('Weakest Unsur')]).toBe('U3 Completion Time');
    expect(akta[col('Complaints')]).toBe(16);
    expect(String(akta[col('Complaints by Category')])).toMatch(/^Waktu Penyelesaian \d+/);
    // The officers block: NIPs are text.
    const officersTitle = rows.findIndex((r) => r?.[0] === 'Officers named by respondents (NIP Petugas)');
    expect(officersTitle).toBeGreaterThan(0);
    expect(typeof rows[officersTitle + 2]![0]).toBe('string');
  });

  it('--json prints one document; --dry-run writes nothing', () => {
    const dry = tempDir();
    const r = appraise(['feedback', '--period', '2025-Q1', '--json', '--dry-run', '--out', dry], { cwd: SINABANG });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.dryRun).toBe(true);
    expect(doc.outputs).toEqual([]);
    expect(doc.feedback.rows.accepted).toBe(268);
    expect(existsSync(join(dry, 'survei-kepuasan-2025-Q1.xlsx'))).toBe(false);
  });

  it('help shows examples', () => {
    const r = appraise(['feedback', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('appraise feedback --period 2025-Q1');
  });
});

describe('appraise run: IKM in the main workbook', () => {
  it('has an IKM sheet after Unit (SPEC §6 order), Pegawai IKM and Pengaduan columns, and the Ringkasan IKM block', async () => {
    const out = tempDir();
    const r = appraise(['run', '--period', '2025-Q1', '--out', out, '--lang', 'en', '--json'], { cwd: SINABANG });
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'laporan-kinerja-2025-Q1.xlsx'));
    const names = wb.worksheets.map((w) => w.name);
    // SPEC §6 order: … Indikator, Perilaku, Unit, IKM, Pelatihan …
    expect(names.indexOf('IKM')).toBe(names.indexOf('Unit') + 1);
    const pegawai = rowsOf(wb.getWorksheet('Pegawai')!);
    const h = pegawai[0]!.map(String);
    const verifikator = pegawai.find((row) => row[h.indexOf('Position')] === 'Verifikator Akta Kelahiran')!;
    expect(verifikator[h.indexOf('IKM')]).toBe(71.24);
    expect(verifikator[h.indexOf('Complaints')]).toBe(16);
    expect(verifikator[h.indexOf('Kepuasan Masyarakat')]).toBe(92.99);
    const ringkasan = rowsOf(wb.getWorksheet('Ringkasan')!);
    const title = ringkasan.findIndex((row) => row?.[0] === 'Community Satisfaction Index (IKM) per work unit');
    expect(title).toBeGreaterThan(0);
    expect(ringkasan.slice(title + 2).find((row) => row?.[0] === DUKCAPIL)!.slice(1, 3)).toEqual([119, 76.65]);
    const doc = JSON.parse(r.stdout);
    expect(doc.employees.find((e: { position: string }) => e.position === 'Verifikator Akta Kelahiran').satisfaction).toEqual({ ikm: 71.24, mutu: 'C', respondents: 48, basis: 'service' });
  });
});
