import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeCsv } from '../../src/reports/csv.ts';
import { removeStaleTemporaries, temporaryPathFor } from '../../src/workspace/atomic.ts';

describe('temporary names of the writers', () => {
  it('are swept once their process is gone, and left alone while it lives', () => {
    const dir = mkdtempSync(join(tmpdir(), 'appraise-tmp-test-'));
    const mine = temporaryPathFor(join(dir, 'hasil.json'));
    writeFileSync(mine, 'x');
    // A file of a process that no longer exists (pid beyond any live one), named the same way.
    const dead = join(dir, basename(mine).replace(`-${process.pid}-`, '-2147483646-'));
    writeFileSync(dead, 'x');
    expect(removeStaleTemporaries(dir)).toEqual([basename(dead)]);
    expect(existsSync(mine)).toBe(true);
  });

  it("writeCsv writes under such a name: a failed write leaves nothing, a finished one only the file", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'appraise-tmp-test-'));
    const path = join(dir, 'indikator-2025-Q1.csv');
    let during: string[] = [];
    function* failing(): Iterable<unknown[]> {
      // Enough rows (~4 MB) that the writer has flushed to its file.
      for (let i = 0; i < 40_000; i++) yield ['a'.repeat(100), i];
      during = readdirSync(dir);
      throw new Error('row producer failed');
    }
    await expect(writeCsv(path, ['A', 'B'], failing())).rejects.toThrow('row producer failed');
    // While it wrote, the file was there under a name the stale sweep knows.
    expect(during).toEqual([basename(temporaryPathFor(path))]);
    expect(readdirSync(dir)).toEqual([]);
    await writeCsv(path, ['A', 'B'], [['a', 1]]);
    expect(readdirSync(dir)).toEqual(['indikator-2025-Q1.csv']);
  });
});
