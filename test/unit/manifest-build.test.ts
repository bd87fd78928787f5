import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parsePeriod } from '../../src/domain/period.js';
import type { Issue } from '../../src/domain/issues.js';
import type { EmployeeResult } from '../../src/engine/types.js';
import type { RunResult } from '../../src/pipeline/types.js';
import { buildManifest, hashFile, writeManifest } from '../../src/workspace/manifest.js';

const SHA_ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
const SHA_EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

let ws: string;
let out: string;
beforeEach(() => {
  ws = mkdtempSync(join(tmpdir(), 'appraise-manifest-'));
  out = join(ws, 'laporan', '2025-Q1');
  mkdirSync(out, { recursive: true });
});
afterEach(() => rmSync(ws, { recursive: true, force: true }));

function issue(severity: Issue['severity']): Issue {
  return { file: 'data/2025-Q1/indikator.xlsx', code: 'X', severity, message: 'm', hint: 'h' };
}

function fixtureRun(): RunResult {
  const emp = (status: 'complete' | 'pending') => ({ status }) as unknown as EmployeeResult;
  return {
    tool: { name: 'appraise', version: '0.1.0' },
    period: parsePeriod('2025-Q1')!,
    regime: 'permenpan-6-2022',
    config: {} as RunResult['config'],
    configHash: 'c'.repeat(64),
    configFile: join(ws, 'appraise.config.yaml'),
    workspaceDir: ws,
    lang: 'id',
    employees: [emp('complete'), emp('pending'), emp('complete')],
    units: [],
    issues: [issue('error'), issue('warning'), issue('warning'), issue('info'), issue('warning')],
    inputs: [
      { kind: 'pegawai', file: 'data/pegawai.csv', sha256: 'a'.repeat(64), format: 'csv', encoding: 'windows-1252', delimiter: ';', headerRow: 1, read: 3, accepted: 3, rejected: 0 },
      { kind: 'indikator', file: 'data/2025-Q1/indikator.xlsx', sha256: 'b'.repeat(64), format: 'xlsx', sheet: 'Indikator', headerRow: 3, read: 10, accepted: 8, rejected: 2 },
    ],
  };
}

describe('hashFile', () => {
  it('hashes known bytes and counts them', () => {
    writeFileSync(join(out, 'abc.txt'), 'abc');
    writeFileSync(join(out, 'empty.txt'), '');
    expect(hashFile(join(out, 'abc.txt'))).toEqual({ sha256: SHA_ABC, bytes: 3 });
    expect(hashFile(join(out, 'empty.txt'))).toEqual({ sha256: SHA_EMPTY, bytes: 0 });
  });

  it('reads a file larger than its 1 MiB chunk correctly', () => {
    const big = Buffer.alloc(3 * (1 << 20) + 17);
    for (let i = 0; i < big.length; i++) big[i] = (i * 31 + 7) & 0xff;
    writeFileSync(join(out, 'big.bin'), big);
    expect(hashFile(join(out, 'big.bin'))).toEqual({ sha256: createHash('sha256').update(big).digest('hex'), bytes: big.length });
  });
});

describe('buildManifest', () => {
  it('records tool, period, config, times, inputs, outputs and counts', () => {
    writeFileSync(join(out, 'laporan-kinerja-2025-Q1.xlsx'), 'abc');
    writeFileSync(join(out, 'hasil-2025-Q1.json'), '');
    const started = new Date('2025-04-01T01:00:00.000Z');
    const finished = new Date('2025-04-01T01:00:02.500Z');
    const m = buildManifest(
      fixtureRun(),
      [join(out, 'laporan-kinerja-2025-Q1.xlsx'), join(out, 'hasil-2025-Q1.json')],
      { read: 1200.4, score: 300.6, write: 999 },
      started,
      finished,
    );
    expect(m).toEqual({
      tool: { name: 'appraise', version: '0.1.0' },
      period: '2025-Q1',
      regime: 'permenpan-6-2022',
      workspace: ws,
      config: { file: 'appraise.config.yaml', sha256: 'c'.repeat(64) },
      startedAt: '2025-04-01T01:00:00.000Z',
      finishedAt: '2025-04-01T01:00:02.500Z',
      durationMs: 2500,
      timings: { read: 1200, score: 301, write: 999 },
      inputs: [
        { file: 'data/pegawai.csv', kind: 'pegawai', sha256: 'a'.repeat(64), format: 'csv', encoding: 'windows-1252', delimiter: ';', sheet: null, headerRow: 1, rows: { read: 3, accepted: 3, rejected: 0 } },
        { file: 'data/2025-Q1/indikator.xlsx', kind: 'indikator', sha256: 'b'.repeat(64), format: 'xlsx', encoding: null, delimiter: null, sheet: 'Indikator', headerRow: 3, rows: { read: 10, accepted: 8, rejected: 2 } },
      ],
      // Sorted by name, relative to the output folder.
      outputs: [
        { file: 'hasil-2025-Q1.json', sha256: SHA_EMPTY, bytes: 0 },
        { file: 'laporan-kinerja-2025-Q1.xlsx', sha256: SHA_ABC, bytes: 3 },
      ],
      counts: { employees: 3, complete: 2, pending: 1, issues: { error: 1, warning: 3, info: 1 } },
      host: hostname(),
      user: m.user,
    });
    expect(typeof m.user).toBe('string');
    expect(m.user!.length).toBeGreaterThan(0);
  });

  it('names outputs relative to the common output folder, also in sub-folders, and omits identity on request', () => {
    mkdirSync(join(out, 'csv'));
    writeFileSync(join(out, 'a.json'), 'abc');
    writeFileSync(join(out, 'csv', 'b.csv'), 'abc');
    const t = new Date('2025-04-01T00:00:00Z');
    const m = buildManifest(fixtureRun(), [join(out, 'csv', 'b.csv'), join(out, 'a.json')], {}, t, t, { identity: false });
    expect(m.outputs.map((o) => o.file)).toEqual(['a.json', 'csv/b.csv']);
    expect(m.host).toBeUndefined();
    expect(m.user).toBeUndefined();
    expect('host' in m).toBe(false);
  });

  it('hashes a temporary file under its final name, so the manifest can be committed with the reports', () => {
    writeFileSync(join(out, '.appraise-tmp-1-hasil-2025-Q1.json'), 'abc');
    const t = new Date('2025-04-01T00:00:00Z');
    const m = buildManifest(fixtureRun(), [{ path: join(out, '.appraise-tmp-1-hasil-2025-Q1.json'), file: 'hasil-2025-Q1.json' }], {}, t, t);
    expect(m.outputs).toEqual([{ file: 'hasil-2025-Q1.json', sha256: SHA_ABC, bytes: 3 }]);
  });

  it('keeps a config file outside the workspace as an absolute path', () => {
    const run = { ...fixtureRun(), configFile: '/etc/appraise/config.yaml' };
    const t = new Date('2025-04-01T00:00:00Z');
    expect(buildManifest(run, [], {}, t, t).config.file).toBe('/etc/appraise/config.yaml');
  });

  it('rejects a run that ends before it starts and a timing that is not a duration', () => {
    const a = new Date('2025-04-01T00:00:01Z');
    const b = new Date('2025-04-01T00:00:00Z');
    expect(() => buildManifest(fixtureRun(), [], {}, a, b)).toThrow(/before it started/);
    expect(() => buildManifest(fixtureRun(), [], { read: Number.NaN }, b, a)).toThrow(/"read"/);
    expect(() => buildManifest(fixtureRun(), [], { read: -1 }, b, a)).toThrow(/"read"/);
  });

  it('fails on a missing output file instead of recording a made-up hash', () => {
    const t = new Date('2025-04-01T00:00:00Z');
    expect(() => buildManifest(fixtureRun(), [join(out, 'missing.xlsx')], {}, t, t)).toThrow(/ENOENT/);
  });
});

describe('writeManifest', () => {
  it('writes 2-space JSON with a final newline, atomically, leaving no temporary file', () => {
    writeFileSync(join(out, 'hasil-2025-Q1.json'), 'abc');
    const t = new Date('2025-04-01T00:00:00Z');
    const m = buildManifest(fixtureRun(), [join(out, 'hasil-2025-Q1.json')], { read: 5 }, t, t, { identity: false });
    const path = join(out, 'manifest.json');
    writeFileSync(path, '{"old": true}\n');
    writeManifest(path, m);
    const text = readFileSync(path, 'utf8');
    expect(text).toBe(JSON.stringify(m, null, 2) + '\n');
    expect(JSON.parse(text).outputs).toEqual([{ file: 'hasil-2025-Q1.json', sha256: SHA_ABC, bytes: 3 }]);
    expect(readdirSync(out).sort()).toEqual(['hasil-2025-Q1.json', 'manifest.json']);
  });
});
