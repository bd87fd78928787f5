import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appraise, PLANTED, SINABANG, tempDir } from './helpers.js';

/**
 * `indikator-<period>.csv` written by its own worker during compute (reports/indicator-csv.ts):
 * byte for byte the file of the main thread's path, in every regime; each fallback of
 * planIndicatorCsv keeps the main thread's path; a failure or a --strict stop leaves no file.
 * The workspaces are copies of the examples with a small reports.detailSheetMaxRows, so the csv is
 * written, and the encoding worker forced (APPRAISE_TEST_ENCODE_WORKER_ABOVE_ROWS=0), so that a
 * small run is not a 'small' fallback.
 */

const FORCE = { APPRAISE_TEST_ENCODE_WORKER_ABOVE_ROWS: '0' };
const OFF = { ...FORCE, APPRAISE_TEST_INDICATOR_CSV_WORKER: 'off' };
const outputs = (dir: string): string[] => readdirSync(dir).filter((n) => n !== 'manifest.json' && !n.endsWith('.log')).sort();

/** A copy of `example` with the csv threshold at `maxRows` (and another regime, if given). */
function workspace(example: string, maxRows: number, regime?: string): string {
  const dir = tempDir();
  cpSync(example, dir, { recursive: true });
  const file = join(dir, 'appraise.config.yaml');
  let text = readFileSync(file, 'utf8').replace(/detailSheetMaxRows: \d+/, `detailSheetMaxRows: ${maxRows}`);
  if (regime) text = text.replace(/^regime: .*$/m, `regime: ${regime}`);
  writeFileSync(file, text);
  return dir;
}

/** Runs the period with -v: the stage lines say whether the worker wrote the csv. */
function run(ws: string, env: Record<string, string>, args: string[] = [], period = '2025-Q1'): { out: string; usedWorker: boolean } {
  const out = tempDir();
  const r = appraise(['run', '--period', period, '-o', out, '-v', ...args], { cwd: ws, env });
  expect(r.code, r.stderr).toBe(0);
  expect(readdirSync(out)).toContain(`indikator-${period}.csv`);
  return { out, usedWorker: /indicatorCsv: \d+ ms/.test(r.stderr) };
}

function expectSameOutputs(a: string, b: string): void {
  expect(outputs(b)).toEqual(outputs(a));
  for (const n of outputs(a)) expect(readFileSync(join(b, n)).equals(readFileSync(join(a, n))), n).toBe(true);
}

describe('run: the indicator csv worker', () => {
  it('writes the same csv (and every other output) as the main thread, its digest in the manifest', () => {
    const ws = workspace(SINABANG, 10);
    const main = run(ws, OFF);
    const worker = run(ws, FORCE);
    expect(main.usedWorker).toBe(false);
    expect(worker.usedWorker).toBe(true);
    expectSameOutputs(main.out, worker.out);
    const csv = readFileSync(join(worker.out, 'indikator-2025-Q1.csv'), 'utf8');
    expect(csv.split('\r\n').length).toBeGreaterThan(100);
    const manifest = JSON.parse(readFileSync(join(worker.out, 'manifest.json'), 'utf8')) as { outputs: { file: string; sha256: string; bytes: number }[] };
    const entry = manifest.outputs.find((o) => o.file === 'indikator-2025-Q1.csv')!;
    const bytes = readFileSync(join(worker.out, entry.file));
    expect({ sha256: entry.sha256, bytes: entry.bytes }).toEqual({ sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length });
    // The same manifest outputs whichever path wrote the csv.
    expect(manifest.outputs).toEqual(JSON.parse(readFileSync(join(main.out, 'manifest.json'), 'utf8')).outputs);
  });

  it('English labels and formulas: the same bytes', () => {
    const ws = workspace(SINABANG, 10);
    expectSameOutputs(run(ws, OFF, ['--lang', 'en']).out, run(ws, FORCE, ['--lang', 'en']).out);
  });

  for (const regime of ['pp-30-2019', 'pp-46-2011']) {
    it(`regime ${regime}: the final indicator results are the work stage's, the same bytes`, () => {
      const ws = workspace(SINABANG, 10, regime);
      const main = run(ws, OFF);
      const worker = run(ws, FORCE);
      expect(worker.usedWorker).toBe(true);
      expectSameOutputs(main.out, worker.out);
    });
  }

  it('falls back to the main thread: small run, --anonymize, combined period', () => {
    const ws = workspace(SINABANG, 10);
    expect(run(ws, {}).usedWorker).toBe(false); // small: no encoding worker
    expect(run(ws, FORCE, ['--anonymize']).usedWorker).toBe(false);
    expect(run(ws, FORCE, [], '2025-S1').usedWorker).toBe(false);
  });

  it('a failure in the worker exits 1 naming the file; no temporary files, previous reports kept', () => {
    const ws = workspace(SINABANG, 10);
    const { out } = run(ws, FORCE);
    const before = Object.fromEntries(readdirSync(out).map((n) => [n, readFileSync(join(out, n))]));
    const r = appraise(['run', '--period', '2025-Q1', '-o', out, '--lang', 'en'], { cwd: ws, env: { ...FORCE, APPRAISE_TEST_INDICATOR_CSV_FAIL: '1' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('appraise: Could not write indikator-2025-Q1.csv: injected failure');
    expect(readdirSync(out).filter((n) => n.includes('tmp'))).toEqual([]);
    for (const [n, content] of Object.entries(before)) {
      if (n.endsWith('.log')) continue;
      expect(readFileSync(join(out, n)).equals(content), n).toBe(true);
    }
  });

  it('--strict with data errors: the worker started during compute is stopped, nothing is written', () => {
    const ws = workspace(PLANTED, 5);
    const out = tempDir();
    const r = appraise(['run', '--period', '2025-Q1', '-o', out, '--strict', '-v'], { cwd: ws, env: FORCE });
    expect(r.code).toBe(3);
    expect(readdirSync(out).filter((n) => !n.endsWith('.log'))).toEqual([]);
    // The same run without --strict writes the csv through the worker: it was started above too.
    expect(run(ws, FORCE).usedWorker).toBe(true);
  });
});
