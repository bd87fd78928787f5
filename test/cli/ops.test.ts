import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { acquireLock } from '../../src/workspace/lock.js';
import { appraise, BIN, SINABANG, tempDir } from './helpers.js';

/** A private copy of the example workspace, without any reports. */
function workspaceCopy(): string {
  const dir = join(tempDir('appraise-ops-'), 'ws');
  cpSync(SINABANG, dir, { recursive: true, filter: (src) => !src.includes(`${SINABANG}/laporan`) });
  return dir;
}

const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const temporaries = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).filter((n) => n.startsWith('.appraise-tmp-')) : []);

interface Paused {
  child: ReturnType<typeof spawn>;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts a run that pauses right before its renames, and resolves once it has paused. */
async function pausedRun(cwd: string): Promise<Paused> {
  const child = spawn(process.execPath, [BIN, 'run', '--period', '2025-Q1'], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', APPRAISE_TEST_PAUSE_BEFORE_COMMIT: '60000' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => child.on('exit', (code, signal) => res({ code, signal })));
  await new Promise<void>((res, rej) => {
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('paused before commit')) res();
    });
    void exit.then(() => rej(new Error(`run ended before pausing: ${err}`)));
  });
  return { child, stderr: () => err, exit };
}

describe('one run per workspace and period', () => {
  it('a second run exits 4 naming the holder, and runs once the lock is released', () => {
    const ws = workspaceCopy();
    const lock = acquireLock({ dir: join(ws, 'laporan'), period: '2025-Q1', command: 'appraise run --period 2025-Q1 (test holder)' });
    try {
      const r = appraise(['run', '--period', '2025-Q1', '--lang', 'en'], { cwd: ws });
      expect(r.code).toBe(4);
      expect(r.stderr).toContain(`pid ${process.pid}`);
      expect(r.stderr).toContain(hostname());
      expect(r.stderr).toContain('(test holder)');
      expect(existsSync(join(ws, 'laporan/2025-Q1/hasil-2025-Q1.json'))).toBe(false);
      // The refused run is in the log too, for whoever reads it after a nightly job.
      expect(readFileSync(join(ws, 'laporan/2025-Q1/appraise-2025-Q1.log'), 'utf8')).toMatch(/END\s+exit 4/);
      // Another period is not locked by it.
      expect(appraise(['run', '--period', '2025-Q2', '-q'], { cwd: ws }).code).toBe(0);
    } finally {
      lock.release();
    }
    const r = appraise(['run', '--period', '2025-Q1', '-q'], { cwd: ws });
    expect(r.code).toBe(0);
    expect(existsSync(join(ws, 'laporan/2025-Q1/hasil-2025-Q1.json'))).toBe(true);
    expect(existsSync(join(ws, 'laporan/.appraise-2025-Q1.lock'))).toBe(false);
  });

  it('-o elsewhere does not get around the lock', () => {
    const ws = workspaceCopy();
    const lock = acquireLock({ dir: join(ws, 'laporan'), period: '2025-Q1', command: 'holder' });
    try {
      expect(appraise(['run', '--period', '2025-Q1', '-o', tempDir()], { cwd: ws }).code).toBe(4);
      // Reading commands take no lock.
      expect(appraise(['run', '--period', '2025-Q1', '--dry-run', '-q'], { cwd: ws }).code).toBe(0);
    } finally {
      lock.release();
    }
  });

  it('a lock left by a process that is gone is taken over with a warning', () => {
    const ws = workspaceCopy();
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    const lockFile = join(ws, 'laporan', '.appraise-2025-Q1.lock');
    mkdirSync(join(ws, 'laporan'), { recursive: true });
    writeFileSync(lockFile, JSON.stringify({ pid: dead, host: hostname(), user: 'someone', command: 'appraise run (crashed)', startedAt: '2025-04-01T01:00:00.000Z', period: '2025-Q1' }));
    const r = appraise(['run', '--period', '2025-Q1', '--lang', 'en'], { cwd: ws });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`warning: took over the lock of period 2025-Q1 from a run that is gone \\(pid ${dead}, someone@`));
    expect(existsSync(lockFile)).toBe(false);
    expect(readFileSync(join(ws, 'laporan/2025-Q1/appraise-2025-Q1.log'), 'utf8')).toMatch(/WARN\s+took over the lock/);
  });

  it('two runs started at once: each exits 0 or 4, at least one writes, nothing is corrupt', async () => {
    const ws = workspaceCopy();
    const start = () =>
      new Promise<{ code: number | null; stderr: string }>((res) => {
        const c = spawn(process.execPath, [BIN, 'run', '--period', '2025-Q1', '-q', '--lang', 'en'], { cwd: ws, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
        let err = '';
        c.stderr.on('data', (d: Buffer) => (err += d.toString()));
        c.on('exit', (code) => res({ code, stderr: err }));
      });
    const results = await Promise.all([start(), start()]);
    for (const r of results) expect([0, 4]).toContain(r.code);
    expect(results.some((r) => r.code === 0)).toBe(true);
    for (const r of results.filter((x) => x.code === 4)) expect(r.stderr).toMatch(/being processed by another run: pid \d+/);
    const out = join(ws, 'laporan/2025-Q1');
    expect(JSON.parse(readFileSync(join(out, 'hasil-2025-Q1.json'), 'utf8')).employees).toHaveLength(75);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    for (const o of manifest.outputs) expect(sha(join(out, o.file))).toBe(o.sha256);
    expect(temporaries(out)).toEqual([]);
  });
});

describe('interrupted and killed runs', () => {
  it('SIGKILL while writing leaves the previous reports intact; the next run cleans up', async () => {
    const ws = workspaceCopy();
    expect(appraise(['run', '--period', '2025-Q1', '-q'], { cwd: ws }).code).toBe(0);
    const out = join(ws, 'laporan/2025-Q1');
    const before = Object.fromEntries(['hasil-2025-Q1.json', 'laporan-kinerja-2025-Q1.xlsx', 'manifest.json'].map((f) => [f, sha(join(out, f))]));

    const run = await pausedRun(ws);
    // Everything is written under temporary names, nothing renamed yet.
    expect(temporaries(out).length).toBe(5); // 4 reports + manifest
    run.child.kill('SIGKILL');
    expect((await run.exit).signal).toBe('SIGKILL');
    for (const [f, h] of Object.entries(before)) expect(sha(join(out, f))).toBe(h);
    expect(existsSync(join(ws, 'laporan/.appraise-2025-Q1.lock'))).toBe(true);

    // Same language as the first run: the reports must come back byte for byte.
    const next = appraise(['run', '--period', '2025-Q1'], { cwd: ws });
    expect(next.code).toBe(0);
    expect(next.stderr).toMatch(/kunci periode 2025-Q1 dari proses yang sudah berhenti diambil alih/);
    expect(temporaries(out)).toEqual([]);
    expect(existsSync(join(ws, 'laporan/.appraise-2025-Q1.lock'))).toBe(false);
    // The same inputs: the reports come back byte for byte.
    expect(sha(join(out, 'hasil-2025-Q1.json'))).toBe(before['hasil-2025-Q1.json']);
    expect(sha(join(out, 'laporan-kinerja-2025-Q1.xlsx'))).toBe(before['laporan-kinerja-2025-Q1.xlsx']);
  });

  it('SIGINT exits 130 with no partial files, the previous reports intact and the lock released', async () => {
    const ws = workspaceCopy();
    expect(appraise(['run', '--period', '2025-Q1', '-q'], { cwd: ws }).code).toBe(0);
    const out = join(ws, 'laporan/2025-Q1');
    const before = sha(join(out, 'laporan-kinerja-2025-Q1.xlsx'));
    const manifestBefore = readFileSync(join(out, 'manifest.json'), 'utf8');

    const run = await pausedRun(ws);
    run.child.kill('SIGINT');
    expect((await run.exit).code).toBe(130);
    expect(run.stderr()).toMatch(/interrupted/);
    expect(temporaries(out)).toEqual([]);
    expect(sha(join(out, 'laporan-kinerja-2025-Q1.xlsx'))).toBe(before);
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(manifestBefore);
    expect(existsSync(join(ws, 'laporan/.appraise-2025-Q1.lock'))).toBe(false);
    expect(readFileSync(join(out, 'appraise-2025-Q1.log'), 'utf8')).toMatch(/interrupted by SIGINT[^\n]*\n[^\n]*END\s+exit 130/);
  });
});

describe('deterministic outputs and manifest.json', () => {
  it('two runs give byte-identical JSON and xlsx, identical part for part; times only in the manifest', async () => {
    const ws = workspaceCopy();
    const [a, b] = [tempDir(), tempDir()];
    expect(appraise(['run', '--period', '2025-Q1', '-q', '-o', a], { cwd: ws }).code).toBe(0);
    await new Promise((r) => setTimeout(r, 1100)); // a different second: any timestamp would show
    expect(appraise(['run', '--period', '2025-Q1', '-q', '-o', b], { cwd: ws }).code).toBe(0);

    expect(readFileSync(join(a, 'hasil-2025-Q1.json'))).toEqual(readFileSync(join(b, 'hasil-2025-Q1.json')));
    const [za, zb] = await Promise.all([a, b].map((d) => JSZip.loadAsync(readFileSync(join(d, 'laporan-kinerja-2025-Q1.xlsx')))));
    const names = Object.keys(za!.files).filter((n) => !za!.files[n]!.dir).sort();
    expect(Object.keys(zb!.files).filter((n) => !zb!.files[n]!.dir).sort()).toEqual(names);
    expect(names).toContain('xl/worksheets/sheet1.xml');
    const year = String(new Date().getUTCFullYear());
    for (const n of names) {
      const [x, y] = await Promise.all([za!.file(n)!.async('string'), zb!.file(n)!.async('string')]);
      expect(y, n).toBe(x);
      expect(za!.files[n]!.date.getUTCFullYear(), n).toBe(1980);
    }
    const core = await za!.file('docProps/core.xml')!.async('string');
    expect(core).toContain('2025-03-31');
    if (year !== '2025') expect(core).not.toContain(year);
    expect(readFileSync(join(a, 'laporan-kinerja-2025-Q1.xlsx'))).toEqual(readFileSync(join(b, 'laporan-kinerja-2025-Q1.xlsx')));

    const m = JSON.parse(readFileSync(join(a, 'manifest.json'), 'utf8'));
    expect(m.tool.name).toBe('appraise');
    expect(m.period).toBe('2025-Q1');
    expect(m.config.sha256).toBe(sha(join(ws, 'appraise.config.yaml')));
    const files = m.inputs.map((i: { file: string }) => i.file);
    expect(files.slice(0, 2)).toEqual(['data/pegawai.xlsx', 'data/2025-Q1/indikator.xlsx']);
    for (const i of m.inputs) {
      expect(i.sha256).toBe(sha(join(ws, i.file)));
      expect(i.rows.read).toBe(i.rows.accepted + i.rows.rejected);
    }
    expect(m.inputs[0].rows).toEqual({ read: 75, accepted: 75, rejected: 0 });
    expect(m.inputs[1].rows).toEqual({ read: 254, accepted: 254, rejected: 0 });
    // The same counts as the run's own JSON report of its inputs.
    const doc = JSON.parse(appraise(['validate', '--period', '2025-Q1', '--json'], { cwd: ws }).stdout);
    expect(m.inputs.map((i: { file: string; rows: object }) => [i.file, i.rows])).toEqual(
      doc.inputs.map((i: { file: string; read: number; accepted: number; rejected: number }) => [i.file, { read: i.read, accepted: i.accepted, rejected: i.rejected }]));
    expect(m.outputs.map((o: { file: string }) => o.file)).toEqual(
      ['hasil-2025-Q1.json', 'laporan-kinerja-2025-Q1.xlsx', 'rekomendasi-pelatihan-2025-Q1.csv', 'rekomendasi-pelatihan-2025-Q1.xlsx']);
    expect(readdirSync(a).sort()).toEqual(['appraise-2025-Q1.log', 'manifest.json', ...m.outputs.map((o: { file: string }) => o.file)].sort());
    for (const o of m.outputs) expect(o.sha256).toBe(sha(join(a, o.file)));
    expect(Object.keys(m.timings)).toEqual(['compute', 'workbook', 'json', 'training']);
    // Every report, the training list included, is byte-identical between the two runs.
    for (const o of m.outputs) expect(sha(join(b, o.file)), o.file).toBe(o.sha256);
    expect(Date.parse(m.finishedAt) - Date.parse(m.startedAt)).toBe(m.durationMs);
    expect(m.anonymized).toBe(false);
  });
});

describe('run --anonymize', () => {
  it('replaces NIPs and names consistently in JSON and workbook, stable across runs and periods', async () => {
    const ws = workspaceCopy();
    const [a, b] = [tempDir(), tempDir()];
    expect(appraise(['run', '--period', '2025-Q1', '-q', '--anonymize', '-o', a], { cwd: ws }).code).toBe(0);
    expect(appraise(['run', '--period', '2025-Q2', '-q', '--anonymize', '-o', b], { cwd: ws }).code).toBe(0);
    expect(readFileSync(join(ws, '.appraise-secret'), 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
    expect(readFileSync(join(ws, '.gitignore'), 'utf8')).toContain('.appraise-secret');

    const real = JSON.parse(appraise(['run', '--period', '2025-Q1', '--dry-run', '--json'], { cwd: ws }).stdout);
    const q1 = JSON.parse(readFileSync(join(a, 'hasil-2025-Q1.json'), 'utf8'));
    const q2 = JSON.parse(readFileSync(join(b, 'hasil-2025-Q2.json'), 'utf8'));
    const text = readFileSync(join(a, 'hasil-2025-Q1.json'), 'utf8');
    expect(text).not.toMatch(/\d{18}/);
    for (const e of real.employees.slice(0, 10)) expect(text).not.toContain(e.name);
    expect(q1.employees.every((e: { nip: string; name: string }) => /^P-[0-9A-F]{8}$/.test(e.nip) && e.name === e.nip)).toBe(true);
    expect(new Set(q1.employees.map((e: { nip: string }) => e.nip)).size).toBe(75);
    // The same people under the same pseudonyms in the next period (same scores where unchanged).
    expect(q2.employees.map((e: { nip: string }) => e.nip).sort()).toEqual(q1.employees.map((e: { nip: string }) => e.nip).sort());
    // Scores are untouched: the multiset of scores equals the real one.
    const scores = (d: { employees: { workScore: number | null }[] }) => d.employees.map((e) => e.workScore).sort();
    expect(scores(q1)).toEqual(scores(real));

    const zip = await JSZip.loadAsync(readFileSync(join(a, 'laporan-kinerja-2025-Q1.xlsx')));
    for (const n of Object.keys(zip.files).filter((f) => f.endsWith('.xml'))) {
      const xml = await zip.file(n)!.async('string');
      expect(xml, n).not.toMatch(/\d{18}/);
    }
    const strings = await zip.file('xl/sharedStrings.xml')!.async('string');
    expect(strings).toContain(q1.employees[0].nip);
    // Places stay: the indicator places still point into the real input files.
    expect(strings).toContain('data/2025-Q1/indikator.xlsx');
    expect(JSON.parse(readFileSync(join(a, 'manifest.json'), 'utf8')).anonymized).toBe(true);
  });
});
