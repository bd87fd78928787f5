import { createHash } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FileDigest } from '../../src/io/file-digest.js';
import type { RunResult } from '../../src/pipeline/types.js';
import { EncodeWorker } from '../../src/reports/encoder.js';
import { writeResultsJson } from '../../src/reports/results-json.js';
import { writeReportWorkbook } from '../../src/reports/workbook.js';
import { OutputBatch } from '../../src/workspace/atomic.js';
import { buildManifest } from '../../src/workspace/manifest.js';
import { fixtureRun } from './reports-fixture.js';

/**
 * The outputs' digests taken as they are written (io/file-digest.ts): the hasil JSON on this
 * thread, the workbook and csv files in the encoding worker (sent back with each file's 'done');
 * the manifest records them, and hashes by reading the file any output without one or changed
 * since its digest was taken. Every recorded sha256 and size must be the file's.
 */

const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'appraise-digest-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const fileDigest = (path: string): { sha256: string; bytes: number } => {
  const content = readFileSync(path);
  return { sha256: createHash('sha256').update(content).digest('hex'), bytes: content.length };
};
const T0 = new Date('2026-01-01T00:00:00Z');
/** The fixture with its indicator rows sent to the csv beside the workbook (written by the worker too). */
function csvRun(): RunResult {
  const run = fixtureRun();
  return { ...run, config: { ...run.config, reports: { ...run.config.reports, detailSheetMaxRows: 1 } } };
}

describe('digests taken as the outputs are written', () => {
  it('the hasil JSON: its digest is the file\'s', async () => {
    const path = join(tmp(), 'hasil.json');
    const d = await writeResultsJson(fixtureRun(), path);
    expect(d.bytes).toBeGreaterThan(1000);
    expect({ sha256: d.sha256, bytes: d.bytes }).toEqual(fileDigest(path));
    expect(d.mtimeMs).toBe(statSync(path).mtimeMs);
  });

  it('the encoding worker\'s workbook and csv: finish() returns their digests, equal to the files\'', async () => {
    const dir = tmp();
    const encoder = new EncodeWorker('id', {}, { batchCells: 64 });
    let digests: ReadonlyMap<string, FileDigest>;
    try {
      await writeReportWorkbook(csvRun(), join(dir, 'wb.xlsx'), 'id', {
        streamAboveRows: 0,
        indicatorCsvPath: join(dir, 'ind.csv'),
        imagePath: (n) => join(dir, n),
        encoder,
      });
      await encoder.csv(join(dir, 'extra.csv'), ['a', 'b'], [['1', 'ä'], ['2', '=x']], 'extra.csv');
      digests = await encoder.finish();
    } finally {
      await encoder.stop();
    }
    expect([...digests.keys()].sort()).toEqual([join(dir, 'extra.csv'), join(dir, 'ind.csv'), join(dir, 'wb.xlsx')]);
    for (const [path, d] of digests) expect({ sha256: d.sha256, bytes: d.bytes }, path).toEqual(fileDigest(path));
  });
});

describe('the manifest with known digests', () => {
  it('records each output\'s sha256 and size: written-with-digest (JSON, worker files) and by the fallback (no digest)', async () => {
    const dir = tmp();
    const run = csvRun();
    const batch = new OutputBatch(dir);
    try {
      const json = batch.reserve('hasil.json');
      batch.written(json.tmp, await writeResultsJson(run, json.tmp));
      const wb = batch.reserve('wb.xlsx');
      const csv = batch.reserve('ind.csv');
      const images: string[] = [];
      const encoder = new EncodeWorker('id');
      try {
        await writeReportWorkbook(run, wb.tmp, 'id', {
          streamAboveRows: 0,
          indicatorCsvPath: csv.tmp,
          imagePath: (n) => {
            const p = batch.reserve(n).tmp;
            images.push(p);
            return p;
          },
          encoder,
        });
        for (const [path, d] of await encoder.finish()) batch.written(path, d);
      } finally {
        await encoder.stop();
      }
      const note = batch.reserve('note.txt');
      writeFileSync(note.tmp, 'written in process, no digest\n');

      const known = batch.entries.filter((e) => e.digest !== undefined).map((e) => e.final);
      expect(known.sort()).toEqual([join(dir, 'hasil.json'), join(dir, 'ind.csv'), join(dir, 'wb.xlsx')]);
      const withoutDigest = batch.entries.filter((e) => e.digest === undefined).map((e) => e.tmp);
      expect(withoutDigest).toEqual([...images, note.tmp]); // the chart (if any) and the note: the fallback

      const outputs = batch.entries.map((e) => ({ path: e.tmp, file: e.final.slice(dir.length + 1), ...(e.digest ? { digest: e.digest } : {}) }));
      const m = buildManifest(run, outputs, {}, T0, T0, { outDir: dir, identity: false });
      expect(m.outputs.map((o) => o.file)).toEqual(batch.entries.map((e) => e.final.slice(dir.length + 1)).sort());
      for (const o of m.outputs) {
        const e = batch.entries.find((x) => x.final === join(dir, o.file))!;
        expect({ sha256: o.sha256, bytes: o.bytes }, o.file).toEqual(fileDigest(e.tmp));
      }
    } finally {
      batch.abort();
    }
  });

  it('uses a digest while the file is as it was, and hashes the file once it has changed', async () => {
    const dir = tmp();
    const path = join(dir, 'hasil.json');
    const d = await writeResultsJson(fixtureRun(), path);
    const manifestOf = (digest: FileDigest) => buildManifest(fixtureRun(), [{ path, file: 'hasil.json', digest }], {}, T0, T0, { outDir: dir, identity: false }).outputs[0]!;

    // The digest is taken as given while size and time match: the file is not read again.
    const marker = { ...d, sha256: 'f'.repeat(64) };
    expect(manifestOf(marker).sha256).toBe('f'.repeat(64));

    // Appended to after the digest: size differs, so the file is hashed.
    appendFileSync(path, ' ');
    expect(manifestOf(marker)).toEqual({ file: 'hasil.json', ...fileDigest(path) });

    // Rewritten with the same size: its modification time differs, so the file is hashed.
    const same = readFileSync(path);
    same[0] = 0x20;
    writeFileSync(path, same);
    utimesSync(path, new Date(d.mtimeMs + 5000), new Date(d.mtimeMs + 5000));
    const stale = { ...marker, bytes: same.length };
    expect(manifestOf(stale)).toEqual({ file: 'hasil.json', ...fileDigest(path) });
  });

  it('a digest for a file the batch did not reserve is an error', () => {
    const batch = new OutputBatch(tmp());
    try {
      expect(() => batch.written(join(batch.dir, 'other.json'), { sha256: '0'.repeat(64), bytes: 0, mtimeMs: 0 })).toThrow(/not an output of this batch/);
    } finally {
      batch.abort();
    }
  });
});
