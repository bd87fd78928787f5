import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appraise, SINABANG, tempDir } from './helpers.js';

/**
 * `appraise run` with the encoding worker forced on a small run (APPRAISE_TEST_ENCODE_WORKER_ABOVE_ROWS=0):
 * the same files, byte for byte, as the in-process run; and a failure in the worker ends the run
 * with exit 1 and the file's name, without temporary files, the previous reports kept.
 */

const FORCE = { APPRAISE_TEST_ENCODE_WORKER_ABOVE_ROWS: '0' };
const outputs = (dir: string): string[] => readdirSync(dir).filter((n) => n !== 'manifest.json' && !n.endsWith('.log')).sort();

describe('run with the encoding worker', () => {
  it('writes the same outputs as the in-process run', () => {
    const [a, b] = [tempDir(), tempDir()];
    expect(appraise(['run', '--period', '2025-Q1', '-q', '-o', a], { cwd: SINABANG }).code).toBe(0);
    const r = appraise(['run', '--period', '2025-Q1', '-q', '-o', b, '-v'], { cwd: SINABANG, env: FORCE });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/encode: \d+ ms/); // the worker was used: its stage ran
    expect(outputs(b)).toEqual(outputs(a));
    expect(outputs(a)).toContain('rekomendasi-pelatihan-2025-Q1.csv');
    for (const n of outputs(a)) expect(readFileSync(join(b, n)).equals(readFileSync(join(a, n))), n).toBe(true);
    const manifest = JSON.parse(readFileSync(join(b, 'manifest.json'), 'utf8')) as { outputs: { file: string; sha256: string; bytes: number }[] };
    expect(manifest.outputs.map((o) => o.file).sort()).toEqual(outputs(a));
    // The worker's files and the JSON carry the digests taken as written; each must be the file's.
    for (const o of manifest.outputs) {
      const content = readFileSync(join(b, o.file));
      expect({ sha256: o.sha256, bytes: o.bytes }, o.file).toEqual({ sha256: createHash('sha256').update(content).digest('hex'), bytes: content.length });
    }
    // The same outputs whichever path wrote them: the manifests' output lists are equal.
    expect(JSON.parse(readFileSync(join(a, 'manifest.json'), 'utf8')).outputs).toEqual(manifest.outputs);
  });

  it('a failure in the worker exits 1 naming the file; no temporary files, previous reports kept', () => {
    const out = tempDir();
    expect(appraise(['run', '--period', '2025-Q1', '-q', '-o', out], { cwd: SINABANG }).code).toBe(0);
    const before = Object.fromEntries(readdirSync(out).map((n) => [n, readFileSync(join(out, n))]));

    const r = appraise(['run', '--period', '2025-Q1', '-o', out, '--lang', 'en'], {
      cwd: SINABANG,
      env: { ...FORCE, APPRAISE_TEST_ENCODE_FAIL: 'rekomendasi-pelatihan-2025-Q1.csv' },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('appraise: Could not write rekomendasi-pelatihan-2025-Q1.csv: injected failure');
    expect(readdirSync(out).filter((n) => n.includes('tmp'))).toEqual([]);
    for (const [n, content] of Object.entries(before)) {
      if (n.endsWith('.log')) continue;
      expect(readFileSync(join(out, n)).equals(content), n).toBe(true);
    }
    expect(readFileSync(join(out, 'appraise-2025-Q1.log'), 'utf8')).toMatch(/Could not write rekomendasi-pelatihan-2025-Q1\.csv[^]*END\s+exit 1\s*$/);
  });
});
