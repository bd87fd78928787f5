import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { appraise, SINABANG, tempDir } from './helpers.js';

const DUKCAPIL = 'Dinas Kependudukan dan Pencatatan Sipil';

describe('appraise run on examples/sinabang: behaviour, predikat and the unit curve', () => {
  let out: string;
  let stdout: string;
  let code: number;
  beforeAll(() => {
    out = tempDir();
    ({ code, stdout } = appraise(['run', '--period', '2025-Q1', '--out', out, '--lang', 'en'], { cwd: SINABANG }));
  });

  it('shows the unit that breaks its curve on the terminal, with whom to review', () => {
    expect(code).toBe(0);
    // Only the planted unit: every other unit's predikat fit its curve.
    expect(stdout).toContain('1 unit(s) break the distribution curve');
    expect(stdout).toContain(`✗ ${DUKCAPIL} (Good): Good ≤ 70% × 12 (max 8); found 12`);
    expect(stdout).toMatch(/Predikat: Very Good \d+, Good \d+, Needs Improvement \d+, Poor\/Misconduct \d+, Very Poor \d+, pending 0/);
  });

  it('writes predikat, behaviour and units[].curve to the JSON, agreeing with the Unit sheet', async () => {
    const doc = JSON.parse(readFileSync(join(out, 'hasil-2025-Q1.json'), 'utf8'));
    expect(doc.employees.every((e: { predikat: string | null }) => e.predikat !== null)).toBe(true);
    const overridden = doc.employees.filter((e: { workRatingSource: string }) => e.workRatingSource === 'appraiser');
    expect(overridden.length).toBeGreaterThanOrEqual(2);
    expect(overridden.some((e: { workRating: { suggested: string; final: string } }) => e.workRating.suggested !== e.workRating.final)).toBe(true);
    expect(doc.employees.some((e: { behaviour: { raters: unknown[] } | null }) => e.behaviour !== null)).toBe(true);
    const dukcapil = doc.units.find((u: { unit: string }) => u.unit === DUKCAPIL);
    expect(dukcapil.orgPredikat).toBe('BAIK');
    expect(dukcapil.population).toBe(1450);
    expect(dukcapil.curve.ok).toBe(false);
    expect(dukcapil.curve.violations.map((v: { rule: string }) => v.rule)).toEqual(['BAIK_MAX_70_BAIK', 'BAIK_MIN_1_BUTUH_PERBAIKAN_OR_KURANG']);
    const broken = doc.units.filter((u: { curve: { violations: unknown[] } }) => u.curve.violations.length > 0).map((u: { unit: string }) => u.unit);
    expect(broken).toEqual([DUKCAPIL]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'laporan-kinerja-2025-Q1.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Ringkasan', 'Pegawai', 'Indikator', 'Perilaku', 'Unit', 'IKM', 'Pelatihan', 'Masalah Data', 'Metodologi']);
    const unit = wb.getWorksheet('Unit')!;
    let status: unknown = null;
    unit.eachRow((row) => {
      if (row.getCell(1).value === DUKCAPIL && status === null) status = row.getCell(14).value;
    });
    expect(status).toBe('Broken (2 rule(s))');
    // The predikat chart is embedded on Ringkasan as a PNG.
    const images = wb.getWorksheet('Ringkasan')!.getImages();
    expect(images).toHaveLength(1);
    const media = (wb as unknown as { model: { media: { buffer: Buffer; extension: string }[] } }).model.media;
    expect(media[0]!.extension).toBe('png');
    expect(media[0]!.buffer.subarray(1, 4).toString()).toBe('PNG');
  });

  it('runs a semester from its quarters with a Tren sheet', async () => {
    const dir = tempDir();
    const r = appraise(['run', '--period', '2025-S1', '--out', dir, '--json'], { cwd: SINABANG });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.trend.periods).toEqual(['2025-Q1', '2025-Q2']);
    // The semester keeps Q2's picture: only Teupah Barat (Butuh Perbaikan) has a Sangat Baik too many.
    const broken = doc.units.filter((u: { curve: { violations: unknown[] } }) => u.curve.violations.length > 0);
    expect(broken.map((u: { unit: string; curve: { violations: { rule: string }[] } }) => [u.unit, u.curve.violations.map((v) => v.rule)])).toEqual([
      ['Kecamatan Teupah Barat', ['BUTUH_PERBAIKAN_MAX_10_SANGAT_BAIK']],
    ]);
    // Both quarters' survey files pooled, and the population of both quarters' unit files summed.
    expect(doc.feedback.files).toHaveLength(10);
    const dukcapil = doc.feedback.units.find((u: { unit: string }) => u.unit === DUKCAPIL);
    expect([dukcapil.respondents, dukcapil.population]).toEqual([240, 2830]);
    expect(dukcapil.sample).toMatchObject({ required: 341, adequate: false, shortBy: 101 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'laporan-kinerja-2025-S1.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toContain('Tren');
  });
});
