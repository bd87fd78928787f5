import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { appraise, PLANTED, SINABANG, tempDir } from './helpers.js';

describe('appraise run on examples/sinabang', () => {
  let out: string;
  let stdout: string;
  let code: number;
  let stderr: string;

  beforeAll(() => {
    out = tempDir();
    ({ code, stdout, stderr } = appraise(['run', '--period', '2025-Q1', '--json', '--out', out], { cwd: SINABANG }));
  });

  it('exits 0 and prints exactly one JSON document', () => {
    expect(stderr).not.toMatch(/unexpected/i);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.period).toBe('2025-Q1');
    expect(doc.regime).toBe('permenpan-6-2022');
    expect(doc.employees.length).toBeGreaterThanOrEqual(60);
    expect(doc.outputs.map((p: string) => p.split('/').pop()).sort()).toEqual(
      expect.arrayContaining(['hasil-2025-Q1.json', 'laporan-kinerja-2025-Q1.xlsx']),
    );
  });

  it('writes hasil JSON equal to the document on stdout, with values that follow from the inputs', () => {
    const file = JSON.parse(readFileSync(join(out, 'hasil-2025-Q1.json'), 'utf8'));
    const doc = JSON.parse(stdout);
    delete doc.outputs;
    delete doc.dryRun;
    expect(file.employees).toEqual(doc.employees);
    for (const e of file.employees) {
      expect(e.nip).toMatch(/^\d{18}$/);
      if (e.status === 'complete') {
        expect(typeof e.workScore).toBe('number');
        // The suggested rating follows the score bands of SPEC §3.3.
        if (e.workScore < 90) expect(e.workRating.suggested).toBe('DI_BAWAH');
        if (e.workScore >= 90 && e.workScore < 110) expect(e.workRating.suggested).toBe('SESUAI');
      }
    }
    // Nothing is left under a temporary name.
    expect(readdirSync(out).filter((n) => n.startsWith('.appraise-tmp'))).toEqual([]);
  });

  it('writes a workbook whose Pegawai sheet agrees with the JSON', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'laporan-kinerja-2025-Q1.xlsx'));
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual(expect.arrayContaining(['Ringkasan', 'Pegawai', 'Indikator', 'Masalah Data', 'Metodologi']));
    const doc = JSON.parse(readFileSync(join(out, 'hasil-2025-Q1.json'), 'utf8'));
    const sheet = wb.getWorksheet('Pegawai')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const nipCol = header.indexOf('NIP') + 1;
    const scoreCol = header.findIndex((h) => /Nilai Hasil Kerja/i.test(h)) + 1;
    expect(nipCol).toBeGreaterThan(0);
    expect(scoreCol).toBeGreaterThan(0);
    const byNip = new Map<string, number | null>(doc.employees.map((e: { nip: string; workScore: number | null }) => [e.nip, e.workScore]));
    let rows = 0;
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const nip = row.getCell(nipCol).value;
      expect(typeof nip).toBe('string');
      expect(byNip.has(nip as string)).toBe(true);
      const score = row.getCell(scoreCol).value;
      expect(score ?? null).toBe(byNip.get(nip as string));
      rows++;
    });
    expect(rows).toBe(doc.employees.length);
  });
});

describe('planted errors', () => {
  const expected = readFileSync(join(PLANTED, 'EXPECTED.md'), 'utf8')
    .split('\n')
    .map((l) => /^\| `([^`]+)` \| ([A-Z_]+) \|/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ place: m[1]!, code: m[2]! }));

  it('lists at least the planted errors in EXPECTED.md', () => {
    expect(expected.length).toBeGreaterThanOrEqual(8);
  });

  it('validate reports each planted error at its exact cell and exits 3', () => {
    const r = appraise(['validate', '--period', '2025-Q1', '--json'], { cwd: PLANTED });
    expect(r.code).toBe(3);
    const doc = JSON.parse(r.stdout);
    const errors = doc.issues
      .filter((i: { severity: string }) => i.severity === 'error')
      .map((i: { file: string; row: number; column: string; code: string }) => ({ place: `${i.file}:${i.row}:${i.column}`, code: i.code }));
    expect(errors).toEqual(expect.arrayContaining(expected));
    expect(errors.length).toBe(expected.length);
    for (const f of doc.inputs) expect(f.read).toBe(f.accepted + f.rejected);
  });

  it('validate --quiet still prints the errors (on stderr) and nothing on stdout', () => {
    const r = appraise(['validate', '--period', '2025-Q1', '--quiet', '--lang', 'en'], { cwd: PLANTED });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    for (const { place } of expected) expect(r.stderr).toContain(place);
  });

  it('run --strict exits 3 and writes nothing', () => {
    const out = tempDir();
    const r = appraise(['run', '--period', '2025-Q1', '--strict', '--out', join(out, 'laporan')], { cwd: PLANTED });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/--strict/);
    expect(existsSync(join(out, 'laporan', 'hasil-2025-Q1.json'))).toBe(false);
  });

  it('run without --strict still scores every valid employee', () => {
    const out = tempDir();
    const r = appraise(['run', '--period', '2025-Q1', '--json', '--out', out], { cwd: PLANTED });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.employees.length).toBe(11);
    expect(doc.issues.filter((i: { severity: string }) => i.severity === 'error').length).toBe(expected.length);
    expect(doc.employees.filter((e: { workScore: number | null }) => e.workScore !== null).length).toBeGreaterThan(5);
  });
});
