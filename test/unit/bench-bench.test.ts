import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  STAMP_FILE, budgetFor, firstErrors, judge, launcherNodeOptions, measureFloor, parseBenchArgs, prepareWorkspace, renderTable, runAppraise,
  type Column, type RunMeasure,
} from '../../src/bench/bench.ts';
import { FILES } from '../../src/bench/generate.ts';

const root = mkdtempSync(join(tmpdir(), 'bench-cli-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('parseBenchArgs', () => {
  it('has defaults and reads every flag', () => {
    expect(parseBenchArgs([])).toEqual({ employees: 100_000, seed: 1, dir: null, keep: false, skipX20: false, help: false });
    expect(parseBenchArgs(['--employees', '1_000_000', '--seed', '9', '--dir', '/tmp/x', '--keep', '--skip-x20'])).toEqual({
      employees: 1_000_000, seed: 9, dir: '/tmp/x', keep: true, skipX20: true, help: false,
    });
  });

  it('rejects bad numbers and unknown flags', () => {
    expect(() => parseBenchArgs(['--employees', '59'])).toThrow(/at least 60/);
    expect(() => parseBenchArgs(['--employees', '1e5'])).toThrow(/whole number/);
    expect(() => parseBenchArgs(['--seed', '-1'])).toThrow();
    expect(() => parseBenchArgs(['--employes', '100'])).toThrow();
  });
});

describe('budget (SPEC §9)', () => {
  it('sets the budgets for 100k and 1M only', () => {
    expect(budgetFor(100_000)).toMatchObject({ ratioMax: 3, rssMaxMb: 1536 });
    expect(budgetFor(1_000_000)).toMatchObject({ ratioMax: null, rssMaxMb: 4096 });
    expect(budgetFor(2000)).toBeNull();
  });

  it('judges ratio, RSS and exit code', () => {
    expect(judge(100_000, { exitCode: 0, ratio: 2.99, peakRssMb: 1500 }).result).toBe('pass');
    expect(judge(100_000, { exitCode: 3, ratio: 3, peakRssMb: 1536 }).result).toBe('pass');
    expect(judge(100_000, { exitCode: 0, ratio: 3.01, peakRssMb: 900 })).toEqual({ result: 'fail', reasons: ['ratio 3.01 > 3'] });
    expect(judge(100_000, { exitCode: 0, ratio: 2, peakRssMb: 1537 })).toEqual({ result: 'fail', reasons: ['RSS 1537 MB > 1536 MB'] });
    expect(judge(100_000, { exitCode: 0, ratio: 2, peakRssMb: null }).result).toBe('fail');
    expect(judge(1_000_000, { exitCode: 0, ratio: 9, peakRssMb: 4000 }).result).toBe('pass');
    expect(judge(1_000_000, { exitCode: 0, ratio: 1, peakRssMb: 4097 }).result).toBe('fail');
    expect(judge(2000, { exitCode: 0, ratio: 50, peakRssMb: 9999 }).result).toBe('informational');
    expect(judge(2000, { exitCode: 1, ratio: 1, peakRssMb: 100 })).toEqual({ result: 'fail', reasons: ['run exited with 1'] });
    expect(judge(2000, { exitCode: null, ratio: 1, peakRssMb: 100 }).result).toBe('fail');
  });
});

describe('workspace stamp and floor', () => {
  const dir = join(root, 'ws');

  it('generates once, reuses a stamped workspace of the same N and seed, regenerates otherwise', async () => {
    const first = await prepareWorkspace(dir, { employees: 120, seed: 3, surveyMultiplier: 1 });
    expect(first.reused).toBe(false);
    expect(existsSync(join(dir, STAMP_FILE))).toBe(true);
    const again = await prepareWorkspace(dir, { employees: 120, seed: 3, surveyMultiplier: 1 });
    expect(again.reused).toBe(true);
    expect(again.rows).toEqual(first.rows);
    expect([...again.files].sort()).toEqual([...first.files].sort());

    const otherSeed = await prepareWorkspace(dir, { employees: 120, seed: 4, surveyMultiplier: 1 });
    expect(otherSeed.reused).toBe(false);
    // A file changed behind the stamp's back is not trusted.
    writeFileSync(join(dir, FILES.survey), 'Tanggal\n');
    const repaired = await prepareWorkspace(dir, { employees: 120, seed: 4, surveyMultiplier: 1 });
    expect(repaired.reused).toBe(false);
    expect(readFileSync(join(dir, FILES.survey), 'utf8').split('\n').length).toBe(5 * 120 + 2);
  });

  it('counts every csv record with csv-parse alone (header included)', async () => {
    const ws = await prepareWorkspace(dir, { employees: 120, seed: 4, surveyMultiplier: 1 });
    const floor = await measureFloor(dir, ws.files);
    expect(floor.seconds).toBeGreaterThan(0);
    const expected = Object.fromEntries(Object.entries(ws.rows).map(([rel, n]) => [rel, n + 1]));
    expect(floor.records).toEqual(expected);
  });
});

describe('report', () => {
  const run = (over: Partial<RunMeasure>): RunMeasure => ({
    exitCode: 0, signal: null, seconds: 12.5, peakRssMb: 812.4, outDir: '/x', stderrTail: '', ...over,
  });

  it('prints one plain table with every measure when not on a terminal', () => {
    const columns: Column[] = [
      { label: 'normal', rows: { 'data/pegawai.csv': 100_000 }, floorSeconds: 5, run: run({}), verdict: judge(100_000, { exitCode: 0, ratio: 2.5, peakRssMb: 812.4 }) },
      { label: 'x20 survey rows', rows: { 'data/pegawai.csv': 100_000 }, floorSeconds: null, run: run({ seconds: 40, peakRssMb: 900 }), verdict: { result: 'informational', reasons: [] } },
    ];
    const text = renderTable(100_000, columns, true);
    expect(text).not.toMatch(/\u001b\[/);
    expect(text).not.toMatch(/[┌─│]/);
    for (const s of ['100,000', 'pegawai.csv: 100,000', '5.00', '12.50', '2.50', '812', '900', 'ratio <= 3, RSS <= 1536 MB', 'pass', 'informational']) {
      expect(text).toContain(s);
    }
  });

  it('lists the first data errors of the hasil JSON', () => {
    const out = join(root, 'out');
    rmSync(out, { recursive: true, force: true });
    expect(firstErrors(out)).toEqual({ total: 0, lines: [] });
    const issues = [
      { file: 'data/pegawai.csv', row: 3, column: 'A', code: 'NIP_LENGTH', severity: 'error', message: 'NIP salah' },
      { file: 'data/pegawai.csv', row: 4, column: 'B', code: 'W', severity: 'warning', message: 'hanya peringatan' },
      { file: 'data/2025-Q1/indikator.csv', row: 9, column: 'F', code: 'NOT_A_NUMBER', severity: 'error', message: 'bukan angka' },
    ];
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'hasil-2025-Q1.json'), JSON.stringify({ issues }));
    expect(firstErrors(out)).toEqual({
      total: 2,
      lines: ['data/pegawai.csv:3:A NIP_LENGTH: NIP salah', 'data/2025-Q1/indikator.csv:9:F NOT_A_NUMBER: bukan angka'],
    });
  });
});

// The hook and the child-process measurement need the compiled hook (npm test builds first).
const hook = fileURLToPath(new URL('../../dist/bench/rss-hook.js', import.meta.url));
describe.skipIf(!existsSync(hook))('rss hook', () => {
  it('reports the peak RSS of a child that allocates ~200 MB, and the exit code', async () => {
    const script = join(root, 'alloc.mjs');
    writeFileSync(script, 'const b = Buffer.alloc(200 * 1024 * 1024, 1); if (b[5] !== 1) throw 0; process.exitCode = 3;\n');
    const dir = join(root, 'hook');
    mkdirSync(dir, { recursive: true });
    // runAppraise passes the appraise arguments; the script ignores them.
    const m = await runAppraise(dir, { bin: script, hookUrl: pathToFileURL(hook).href });
    expect(m.exitCode).toBe(3);
    expect(m.peakRssMb).not.toBeNull();
    expect(m.peakRssMb!).toBeGreaterThan(200);
    expect(m.peakRssMb!).toBeLessThan(1024);
  });
});

describe('launcherNodeOptions', () => {
  const write = (name: string, text: string): string => {
    const p = join(root, name);
    writeFileSync(p, text);
    return p;
  };
  it('reads the node options of an env -S shebang, and none from a plain one', () => {
    expect(launcherNodeOptions(write('a.js', '#!/usr/bin/env -S node --max-semi-space-size=64\nx\n'))).toEqual(['--max-semi-space-size=64']);
    expect(launcherNodeOptions(write('b.js', '#!/usr/bin/env -S node --a=1  --b\r\n'))).toEqual(['--a=1', '--b']);
    expect(launcherNodeOptions(write('c.js', '#!/usr/bin/env node\n'))).toEqual([]);
    expect(launcherNodeOptions(write('d.js', 'console.log(1)\n'))).toEqual([]);
  });
  it("is what the project's launcher asks for", () => {
    const bin = fileURLToPath(new URL('../../bin/appraise.js', import.meta.url));
    expect(launcherNodeOptions(bin)).toEqual(['--max-semi-space-size=64']);
  });
});
