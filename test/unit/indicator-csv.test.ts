import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { parsePeriod } from '../../src/domain/period.ts';
import type { Employee } from '../../src/engine/types.ts';
import { IndicatorRowsBuilder } from '../../src/ingest/indicator-rows.ts';
import { computeRun, type IndicatorsRead } from '../../src/pipeline/run.ts';
import { compareText, indicatorRowCount, sortedEmployees } from '../../src/reports/common.ts';
import { writeCsv } from '../../src/reports/csv.ts';
import { csvOrder, nameAt, nipAt, packEmployees } from '../../src/reports/indicator-csv-data.ts';
import {
  IndicatorCsvJob,
  INDICATOR_CSV_WORKER_ENV,
  planIndicatorCsv,
  REGIME_KEEPS_WORK_INDICATORS,
  type IndicatorCsvPlan,
} from '../../src/reports/indicator-csv.ts';
import { indicatorCsvHeader, indicatorRows } from '../../src/reports/sheets/indikator.ts';
import { tempDir } from '../cli/helpers.ts';

/**
 * The indicator csv worker's conditions (planIndicatorCsv), its employee order, and its job:
 * the file equals the main thread's, and a stopped job leaves no file. The worker runs from dist/
 * (npm test builds first).
 */

const SINABANG = resolve(import.meta.dirname, '../../examples/sinabang');
const FORCE = { APPRAISE_TEST_ENCODE_WORKER_ABOVE_ROWS: '0' };

/** Sinabang's run with a csv threshold of `maxRows`, and what it had read when its hook was called. */
async function sinabang(period = '2025-Q1', maxRows = 10) {
  const loaded = loadConfig(SINABANG, 'id');
  const config = { ...loaded.config, reports: { ...loaded.config.reports, detailSheetMaxRows: maxRows } };
  let read: IndicatorsRead | null = null;
  const run = await computeRun({
    workspace: SINABANG, loaded: { ...loaded, config }, period: parsePeriod(period)!, lang: 'id',
    onIndicatorsRead: (r) => (read = r),
  });
  return { run, read: read! as IndicatorsRead, config };
}

describe('planIndicatorCsv: when the worker writes the csv', () => {
  it('the worker when every condition holds, with the run\'s row count', async () => {
    const { run, read, config } = await sinabang();
    const plan = planIndicatorCsv(read, { config, anonymize: false, env: FORCE });
    expect(plan.kind).toBe('worker');
    expect(plan.rows).toBe(indicatorRowCount(run));
    expect(plan.rows).toBeGreaterThan(10);
  });

  it('no csv when the rows fit on the sheet', async () => {
    const { read, config } = await sinabang('2025-Q1', 200_000);
    expect(planIndicatorCsv(read, { config, anonymize: false, env: FORCE }).kind).toBe('none');
  });

  it('each fallback, by its reason', async () => {
    const { read, config } = await sinabang();
    const reason = (p: IndicatorCsvPlan) => (p.kind === 'main' ? p.reason : p.kind);
    expect(reason(planIndicatorCsv(read, { config, anonymize: false, env: { ...FORCE, [INDICATOR_CSV_WORKER_ENV]: 'off' } }))).toBe('disabled');
    expect(reason(planIndicatorCsv(read, { config, anonymize: true, env: FORCE }))).toBe('anonymize');
    // Without the forced encoding worker, Sinabang is a small run.
    expect(reason(planIndicatorCsv(read, { config, anonymize: false, env: {} }))).toBe('small');
    const regimes = REGIME_KEEPS_WORK_INDICATORS as Record<string, boolean>;
    regimes['permenpan-6-2022'] = false;
    try {
      expect(reason(planIndicatorCsv(read, { config, anonymize: false, env: FORCE }))).toBe('regime');
    } finally {
      regimes['permenpan-6-2022'] = true;
    }
    const combined = await sinabang('2025-S1');
    expect(reason(planIndicatorCsv(combined.read, { config: combined.config, anonymize: false, env: FORCE }))).toBe('combined');
  });
});

describe('the worker\'s employee order', () => {
  it('is sortedEmployees\' order: units and NIPs by code units, not by the collator', () => {
    const units = ['b', 'B', 'Á', 'a', 'a b', 'ab', ''];
    const list = Array.from({ length: 60 }, (_, k) => ({
      employee: { nip: `19${(k * 7919) % 97}${k % 3 === 0 ? '1' : ''}`.padEnd(10 + (k % 5), String(k % 10)), name: `Nama ${k} ’é`, unit: units[k % units.length]! } as Employee,
      group: k,
    }));
    const packed = packEmployees(list);
    const order = [...csvOrder(packed)].map((k) => nipAt(packed, k));
    const expected = [...list].sort((a, b) => compareText(a.employee.unit, b.employee.unit) || compareText(a.employee.nip, b.employee.nip)).map((e) => e.employee.nip);
    expect(order).toEqual(expected);
    expect(list.map((_, k) => nameAt(packed, k))).toEqual(list.map((e) => e.employee.name));
  });
});

describe('IndicatorCsvJob', () => {
  it('writes what the main thread writes, with its digest', async () => {
    const { run, read, config } = await sinabang();
    const plan = planIndicatorCsv(read, { config, anonymize: false, env: FORCE });
    if (plan.kind !== 'worker') throw new Error('expected the worker');
    const dir = tempDir();
    const job = new IndicatorCsvJob(plan, { config, lang: 'id', scoringLang: 'id', path: join(dir, 'w.csv'), label: 'w.csv' });
    const digest = await job.done();
    await job.stop();
    await writeCsv(join(dir, 'm.csv'), indicatorCsvHeader('id'), indicatorRows(run, 'id'));
    const written = readFileSync(join(dir, 'w.csv'));
    expect(written.equals(readFileSync(join(dir, 'm.csv')))).toBe(true);
    expect(digest.sha256).toBe(createHash('sha256').update(written).digest('hex'));
    expect(digest.bytes).toBe(written.length);
    // The run's employees are the order's: the first data line is the first sorted employee's.
    expect(written.toString('utf8').split('\r\n')[1]!.startsWith(sortedEmployees(run).find((e) => e.indicators.length > 0)!.employee.nip)).toBe(true);
  });

  it('stopped while writing: the file is closed and removed, done() rejects', async () => {
    // 300,000 rows: many chunks, so the stop arrives while it writes.
    const table = { file: 'indikator.csv', sheet: undefined, target: 'F', actual: 'G' };
    const builder = new IndicatorRowsBuilder(table, (nip) => nip);
    const employees: { employee: Employee; group: number }[] = [];
    for (let e = 0; e < 30_000; e++) {
      const nip = `1980010120050110${String(e).padStart(5, '0')}`;
      for (let i = 0; i < 10; i++) {
        builder.add({ nip, code: `K${i}`, text: `Indikator ${i}`, aspect: 'produktivitas', kind: 'utama', target: { kind: 'value', value: 100 }, actual: i * 11, direction: 'naik', aggregation: 'jumlah', unitLabel: '%', weight: 1, row: e * 10 + i + 2 });
      }
      employees.push({ employee: { nip, name: `Pegawai ${e}`, unit: `Unit ${e % 7}` } as Employee, group: e });
    }
    const { rows } = builder.finish();
    const { config } = await sinabang();
    const dir = tempDir();
    const path = join(dir, 'big.csv');
    const job = new IndicatorCsvJob({ kind: 'worker', rows: 300_000, columns: rows, employees }, { config, lang: 'id', scoringLang: 'id', path, label: 'big.csv' });
    // Wait for its first bytes, then stop it.
    for (let i = 0; i < 2000 && !existsSync(path); i++) await new Promise((r) => setTimeout(r, 5));
    await job.stop();
    await expect(job.done()).rejects.toThrow(/big\.csv/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('OutputBatch.reserve of a name reserved already', () => {
  it('keeps its temporary path and digest, and moves it to its usual place in the order', async () => {
    const { OutputBatch } = await import('../../src/workspace/atomic.ts');
    const batch = new OutputBatch(tempDir());
    const early = batch.reserve('indikator-2025-Q1.csv');
    batch.written(early.tmp, { sha256: 'x', bytes: 0, mtimeMs: 0 });
    batch.reserve('laporan-kinerja-2025-Q1.xlsx');
    expect(batch.reserve('indikator-2025-Q1.csv')).toEqual(early);
    batch.reserve('hasil-2025-Q1.json');
    expect(batch.entries.map((e) => e.final.split('/').pop())).toEqual(['laporan-kinerja-2025-Q1.xlsx', 'indikator-2025-Q1.csv', 'hasil-2025-Q1.json']);
    expect(batch.entries[1]!.digest?.sha256).toBe('x');
    batch.abort();
  });
});
