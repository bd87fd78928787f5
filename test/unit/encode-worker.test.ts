import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import type { EmployeeResult } from '../../src/engine/types.js';
import type { RunResult } from '../../src/pipeline/types.js';
import { EncodeWorker, encoderFor, ENCODE_FAIL_ENV, ENCODE_WORKER_ABOVE_ROWS_ENV } from '../../src/reports/encoder.js';
import { writeTrainingOutputs } from '../../src/reports/training-files.js';
import { writeReportWorkbook } from '../../src/reports/workbook.js';
import { OutputBatch } from '../../src/workspace/atomic.js';
import { indicatorRowCount } from '../../src/reports/common.js';
import { fixtureRun } from './reports-fixture.js';

/**
 * The encoding worker of large runs (encoder.ts, encode-worker.ts; runs the build in dist/): the
 * files it writes are byte-identical to the in-process writers', a small batch size exercises the
 * batching and the bound on batches in flight, and a failure in the worker (injected, or a real
 * write error) reaches the caller as an error naming the file, with no file left behind.
 */

const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'appraise-encode-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The fixture's employees copied under new NIPs, with the indicator rows sent to the csv. */
function bigRun(n: number): RunResult {
  const run = fixtureRun();
  const employees: EmployeeResult[] = [];
  for (let i = 0; i < n; i++) {
    const e = run.employees[i % run.employees.length]!;
    const nip = `${e.employee.nip.slice(0, 14)}${String(i).padStart(4, '0')}`;
    employees.push({ ...e, employee: { ...e.employee, nip, name: `${e.employee.name} ${i}` } });
  }
  return { ...run, employees, config: { ...run.config, reports: { ...run.config.reports, detailSheetMaxRows: 10 } } };
}

const bytes = (path: string): Buffer => readFileSync(path);

describe('encoding worker', () => {
  it('writes the streamed workbook and the indicator csv byte for byte as the in-process writers', async () => {
    const run = bigRun(700);
    const [a, b] = [tmp(), tmp()];
    const opts = (d: string) => ({ streamAboveRows: 10, indicatorCsvPath: join(d, 'ind.csv'), imagePath: (n: string) => join(d, n) });
    const inProcess = await writeReportWorkbook(run, join(a, 'wb.xlsx'), 'id', opts(a));
    // 64 cells a batch: dozens of batches, so senders wait for the bound on batches in flight.
    const encoder = new EncodeWorker('id', {}, { batchCells: 64 });
    try {
      const viaWorker = await writeReportWorkbook(run, join(b, 'wb.xlsx'), 'id', { ...opts(b), encoder });
      await encoder.finish();
      expect(viaWorker).toEqual(inProcess);
    } finally {
      await encoder.stop();
    }
    expect(inProcess.mode).toBe('stream');
    expect(bytes(join(b, 'wb.xlsx')).equals(bytes(join(a, 'wb.xlsx')))).toBe(true);
    const csv = bytes(join(b, 'ind.csv'));
    expect(csv.equals(bytes(join(a, 'ind.csv')))).toBe(true);
    expect(csv.toString('utf8').split('\r\n').length).toBe(1 + indicatorRowCount(run) + 1); // header, rows, the last line's end
    expect(readdirSync(b).sort()).toEqual(readdirSync(a).sort());
  });

  it('writes the training workbook and csv as the in-process writers', async () => {
    const run = bigRun(300);
    const [a, b] = [tmp(), tmp()];
    const ba = new OutputBatch(a);
    await writeTrainingOutputs(run, ba, 'en', undefined, { streamAboveRows: 0 });
    ba.commit();
    const bb = new OutputBatch(b);
    const encoder = new EncodeWorker('en', {}, { batchCells: 50 });
    try {
      await writeTrainingOutputs(run, bb, 'en', encoder, { streamAboveRows: 0 });
      await encoder.finish();
    } finally {
      await encoder.stop();
    }
    bb.commit();
    const names = readdirSync(a).sort();
    expect(names).toEqual(['rekomendasi-pelatihan-2025-Q1.csv', 'rekomendasi-pelatihan-2025-Q1.xlsx']);
    expect(readdirSync(b).sort()).toEqual(names);
    for (const n of names) expect(bytes(join(b, n)).equals(bytes(join(a, n))), n).toBe(true);
  });

  it('a failure in the worker names the file, rejects finish() and leaves no file behind', async () => {
    const run = bigRun(200);
    const dir = tmp();
    const batch = new OutputBatch(dir);
    const wb = batch.reserve('laporan-kinerja-2025-Q1.xlsx');
    const csv = batch.reserve('indikator-2025-Q1.csv');
    const encoder = new EncodeWorker('en', { failOn: 'indikator-2025-Q1.csv' }, { batchCells: 64 });
    let caught: unknown;
    try {
      await writeReportWorkbook(run, wb.tmp, 'en', { streamAboveRows: 10, indicatorCsvPath: csv.tmp, imagePath: (n) => batch.reserve(n).tmp, encoder });
      await encoder.finish();
    } catch (e) {
      caught = e;
    } finally {
      await encoder.stop();
    }
    batch.abort();
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).exitCode).toBe(1);
    expect((caught as AppError).message).toBe('Could not write indikator-2025-Q1.csv: injected failure (APPRAISE_TEST_ENCODE_FAIL)');
    expect(readdirSync(dir)).toEqual([]);
    // Every later call reports the same failure.
    await expect(encoder.finish()).rejects.toBe(caught);
  });

  it('a write error in the worker (no such folder; disk full) reaches the caller with the file name and cause', async () => {
    const encoder = new EncodeWorker('id');
    const missing = join(tmp(), 'no-such-folder', 'x.csv');
    await encoder.csv(missing, ['a'], [['1'], ['2']], 'rekomendasi-pelatihan-2025-Q1.csv');
    await expect(encoder.finish()).rejects.toThrow(/^Gagal menulis rekomendasi-pelatihan-2025-Q1\.csv: ENOENT/);
    await encoder.stop();
    expect(existsSync(missing)).toBe(false);

    if (!existsSync('/dev/full')) return; // Linux: every write fails with ENOSPC
    const full = new EncodeWorker('en');
    const rows = Array.from({ length: 20_000 }, (_, i) => [`baris ${i}`, i]);
    let caught: unknown;
    try {
      await full.csv('/dev/full', ['a', 'b'], rows, 'indikator-2025-Q1.csv');
      await full.finish();
    } catch (e) {
      caught = e;
    } finally {
      await full.stop();
    }
    expect((caught as AppError).message).toMatch(/^Could not write indikator-2025-Q1\.csv: ENOSPC/);
    expect((caught as AppError).hint).toMatch(/disk space/);
  });

  it('is started for large runs only, unless the test threshold says otherwise', async () => {
    const small = fixtureRun();
    expect(encoderFor(small, 'id', {})).toBeNull();
    const forced = encoderFor(small, 'id', { [ENCODE_WORKER_ABOVE_ROWS_ENV]: '0', [ENCODE_FAIL_ENV]: '' });
    expect(forced).toBeInstanceOf(EncodeWorker);
    await forced!.finish(); // nothing handed to it: done at once
    await forced!.stop();
  });
});
