import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { parsePeriod } from '../../src/domain/period.ts';
import { withRunSession, type SessionContext } from '../../src/workspace/session.ts';

/** A run's outputs are written at once (stagesTogether): all start, each is timed, none is left running. */
function setup() {
  const workspace = mkdtempSync(join(tmpdir(), 'appraise-stages-'));
  writeFileSync(join(workspace, 'appraise.config.yaml'), 'organisation: Uji\n');
  const progress: string[] = [];
  const ctx: SessionContext = {
    lang: 'en', quiet: true, verbose: false,
    io: { stderr: new PassThrough(), env: {} },
    progress: (t) => progress.push(t), endProgress: () => {}, debug: () => {},
  };
  const opts = { ctx, workspace, config: loadConfig(workspace, 'en').config, period: parsePeriod('2025-Q1')!, outDir: join(workspace, 'out') };
  return { opts, progress, outDir: opts.outDir };
}

describe('RunSession.stagesTogether', () => {
  it('starts every stage before any ends, under one progress line, and times each', async () => {
    const { opts, progress } = setup();
    const timings = await withRunSession(opts, async (s) => {
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      // The first waits for the second: run one after the other, this would never end.
      await s.stagesTogether('Writing', {
        first: async () => released,
        second: async () => release(),
      });
      return s.timings;
    });
    // In the order given, though the second ended first: the manifest lists them so.
    expect(Object.keys(timings)).toEqual(['first', 'second']);
    expect(timings.first).toBeGreaterThanOrEqual(timings.second!);
    expect(progress).toEqual(['Writing']);
  });

  it('waits for the other stages to end before throwing the first failure, and keeps no output', async () => {
    const { opts, outDir } = setup();
    let otherEnded = false;
    await expect(withRunSession(opts, async (s) => {
      const out = s.reserve('hasil-2025-Q1.json');
      await s.stagesTogether('Writing', {
        failing: async () => {
          throw new Error('disk full');
        },
        other: async () => {
          await new Promise((r) => setTimeout(r, 50));
          writeFileSync(out.tmp, '{}');
          otherEnded = true;
        },
      });
      return s.commit({} as never);
    })).rejects.toThrow('disk full');
    expect(otherEnded).toBe(true);
    // The batch was aborted after the other stage wrote: its temporary file is gone, nothing committed.
    expect(existsSync(outDir) ? readdirSync(outDir).filter((f) => !f.endsWith('.log')) : []).toEqual([]);
  });
});
