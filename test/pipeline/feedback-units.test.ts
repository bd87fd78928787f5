import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { parsePeriod } from '../../src/domain/period.ts';
import { computeRun } from '../../src/pipeline/run.ts';
import type { RunResult } from '../../src/pipeline/types.ts';
import { INDIKATOR_HEADERS, ONE_ASPECT, indicatorRow, makeWorkspace, nip, run, type Cell } from '../unit/appraisal-workspace.ts';

/**
 * The feedback stage takes the population served from the unit records the run already read
 * (one reading, one validation of the unit file), and a longer period pools its sub-periods'
 * survey files with the population summed over their unit files (SPEC §3.7, §4).
 */
const UNIT_HEADERS = ['Unit Kerja', 'Predikat Organisasi', 'NIP Pimpinan', 'Jumlah Penerima Layanan'];
const SURVEY_HEADERS = ['Tanggal', 'Unit Kerja', 'ID Responden', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'];

/** n distinct respondents (identical rows without an ID would count once). */
function responses(unit: string, n: number, date: string): Cell[][] {
  return Array.from({ length: n }, (_, k) => [date, unit, `${unit}-${date}-${k}`, 4, 3, 3, 4, 3, 3, 4, 3, 3]);
}

describe('feedback population from the run’s unit records', () => {
  it('reads the unit file once: one error per bad cell, the file recorded once, the sample at the population cell', async () => {
    const dir = makeWorkspace({
      config: ONE_ASPECT,
      people: [{ i: 1, unit: 'A' }, { i: 2, unit: 'B' }],
      files: {
        '2025-Q1/indikator.csv': [INDIKATOR_HEADERS, indicatorRow(1, 'K1', 100, 100), indicatorRow(2, 'K1', 100, 100)],
        '2025-Q1/unit.csv': [UNIT_HEADERS, ['A', 'Baik', nip(1), 200], ['B', 'Baik', nip(2), -5]],
        '2025-Q1/umpan-balik/loket.csv': [SURVEY_HEADERS, ...responses('A', 10, '2025-02-03'), ...responses('B', 4, '2025-02-04')],
      },
    });
    const r = await run(dir);
    // Before, the feedback stage read the unit file a second time and reported this cell twice.
    const invalid = r.issues.filter((i) => i.code === 'POPULATION_INVALID');
    expect(invalid.map((i) => `${i.file}@${i.row}${i.column}`)).toEqual(['data/2025-Q1/unit.csv@3D']);
    expect(r.inputs.filter((f) => f.kind === 'unit').map((f) => [f.file, f.read, f.accepted, f.rejected])).toEqual([['data/2025-Q1/unit.csv', 2, 1, 1]]);

    const a = r.feedback!.units.find((u) => u.key === 'A')!;
    expect(a.population).toBe(200);
    expect(a.populationPlace).toMatchObject({ file: 'data/2025-Q1/unit.csv', row: 2, column: 'D' });
    // Krejcie–Morgan: 200 served → 132 respondents needed.
    expect(a.sample).toEqual({ population: 200, respondents: 10, required: 132, adequate: false, shortBy: 122, tableRow: 200 });
    // B's population was rejected: no sample judgement rather than a guessed one.
    const b = r.feedback!.units.find((u) => u.key === 'B')!;
    expect([b.population, b.sample]).toEqual([null, null]);
    const sample = r.issues.filter((i) => i.code === 'SAMPLE_INADEQUATE');
    expect(sample.map((i) => [i.severity, i.file, i.row, i.column])).toEqual([['info', 'data/2025-Q1/unit.csv', 2, 'D']]);
    expect(sample[0]!.message).toContain('10 respondents for 200 citizens served');
    expect(r.feedback!.populationSource).toBe('data/2025-Q1/unit.csv');
  });

  it('a quarter without its own survey folder pools its months; the population is the sum of the months’ unit files', async () => {
    const dir = makeWorkspace({
      config: ONE_ASPECT,
      people: [{ i: 1, unit: 'A' }],
      files: {
        '2025-Q1/indikator.csv': [INDIKATOR_HEADERS, indicatorRow(1, 'K1', 100, 100)],
        '2025-01/unit.csv': [UNIT_HEADERS, ['A', 'Baik', nip(1), 30]],
        '2025-03/unit.csv': [UNIT_HEADERS, ['A', 'Baik', nip(1), 25]],
        '2025-01/umpan-balik/jan.csv': [SURVEY_HEADERS, ...responses('A', 20, '2025-01-10')],
        '2025-03/umpan-balik/mar.csv': [SURVEY_HEADERS, ...responses('A', 12, '2025-03-10')],
      },
    });
    const r = await run(dir);
    expect(r.feedback!.files).toEqual(['data/2025-01/umpan-balik/jan.csv', 'data/2025-03/umpan-balik/mar.csv']);
    const a = r.feedback!.units.find((u) => u.key === 'A')!;
    expect(a.result.respondents).toBe(32);
    expect(a.population).toBe(55);
    // 55 served → 48 needed; 32 is 16 short. Reported at the latest month's cell, naming both files.
    expect(a.sample).toMatchObject({ required: 48, adequate: false, shortBy: 16 });
    const sample = r.issues.find((i) => i.code === 'SAMPLE_INADEQUATE')!;
    expect([sample.file, sample.row, sample.column]).toEqual(['data/2025-03/unit.csv', 2, 'D']);
    expect(sample.message).toContain('(the sum of data/2025-01/unit.csv, data/2025-03/unit.csv)');
    expect(r.issues.filter((i) => i.code === 'PERIOD_COMBINED').map((i) => i.file)).toContain('data/2025-Q1/umpan-balik');
  });
});

describe('examples/sinabang 2025-S1: both quarters pooled, population summed', () => {
  const SINABANG = fileURLToPath(new URL('../../examples/sinabang/', import.meta.url)).replace(/\/$/, '');
  const DUKCAPIL = 'Dinas Kependudukan dan Pencatatan Sipil';
  const at = (period: string) => computeRun({ workspace: SINABANG, loaded: loadConfig(SINABANG, 'en'), period: parsePeriod(period)!, lang: 'en' });
  let s1: RunResult;
  let q1: RunResult;
  let q2: RunResult;
  beforeAll(async () => {
    [s1, q1, q2] = await Promise.all([at('2025-S1'), at('2025-Q1'), at('2025-Q2')]);
  }, 120_000);

  it('reads every survey file of Q1 and Q2', () => {
    expect(s1.feedback!.files).toEqual([...q1.feedback!.files, ...q2.feedback!.files]);
    expect(s1.feedback!.files).toHaveLength(10);
    expect(s1.feedback!.totals.read).toBe(q1.feedback!.totals.read + q2.feedback!.totals.read);
    expect(s1.inputs.filter((i) => i.kind === 'unit').map((i) => i.file)).toEqual(['data/2025-Q1/unit.xlsx', 'data/2025-Q2/unit.xlsx']);
  });

  it('Dukcapil: respondents of both quarters, population 1450 + Q2, Krejcie–Morgan on the sum', () => {
    const unit = (r: RunResult) => r.feedback!.units.find((u) => u.key === DUKCAPIL)!;
    expect(unit(q1).population).toBe(1450);
    expect(unit(s1).population).toBe(unit(q1).population! + unit(q2).population!);
    expect(unit(s1).population).toBe(2830);
    expect(unit(s1).result.respondents).toBe(unit(q1).result.respondents + unit(q2).result.respondents);
    expect(unit(s1).result.respondents).toBe(240);
    // N = 2830 → table row 3000 → 341 needed.
    expect(unit(s1).sample).toMatchObject({ required: 341, adequate: false, shortBy: 101, tableRow: 3000 });
    expect(s1.units.find((u) => u.unit === DUKCAPIL)!.population).toBe(2830);
    expect(s1.feedback!.populationSource).toBe('data/2025-Q1/unit.xlsx, data/2025-Q2/unit.xlsx');
  });
});
