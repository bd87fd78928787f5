import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { parsePeriod } from '../../src/domain/period.ts';
import { computeRun } from '../../src/pipeline/run.ts';
import type { RunResult } from '../../src/pipeline/types.ts';
// @ts-expect-error: the example generators are plain .mjs without type declarations
import { buildRoster } from '../../examples/generate-sinabang.mjs';
// @ts-expect-error: as above
import { CURVES, inputsReadme } from '../../examples/gen/readme-inputs.mjs';

/**
 * examples/sinabang/README.md documents the perilaku files, the unit file, the units breaking
 * their curve and the training catalogue. Counts and rows are read back from the generated files;
 * the curve table is checked here against what `appraise run` reports, and the behaviour claims
 * against the run's results.
 */
const SINABANG = fileURLToPath(new URL('../../examples/sinabang/', import.meta.url)).replace(/\/$/, '');
const curves = CURVES as Record<string, Record<string, { counts: Record<string, number>; pending: number; broken: string[] }>>;

describe('examples/sinabang/README.md: appraisal inputs', () => {
  const runs: Record<string, RunResult> = {};
  beforeAll(async () => {
    for (const p of ['2025-Q1', '2025-Q2', '2025-S1']) {
      runs[p] = await computeRun({ workspace: SINABANG, loaded: loadConfig(SINABANG, 'en'), period: parsePeriod(p)!, lang: 'en' });
    }
  }, 120_000);

  it('the README holds the section the generator writes from the current files', async () => {
    const text: string = await inputsReadme({ dir: SINABANG, roster: buildRoster() });
    expect(readFileSync(join(SINABANG, 'README.md'), 'utf8')).toContain(text);
    expect(text).toContain('## Kurva distribusi / units breaking their curve');
  });

  it('the curve table is what the run reports, unit by unit', () => {
    expect(Object.keys(curves)).toEqual(['2025-Q1', '2025-Q2', '2025-S1']);
    for (const [period, byUnit] of Object.entries(curves)) {
      const got = Object.fromEntries(runs[period]!.units.map((u) => {
        const c = u.curveDetail!;
        const counts = Object.fromEntries(Object.entries(c.counts).filter(([, n]) => n > 0));
        return [u.unit, { counts, pending: c.pending.length, broken: c.violations.map((v) => v.rule) }];
      }));
      expect(got, period).toEqual(byUnit);
    }
    // The planted cases: Dukcapil breaks both rules of a Baik unit in Q1; in Q2 (and the semester)
    // only Teupah Barat breaks one; every other unit fits.
    const broken = (p: string) => Object.entries(curves[p]!).filter(([, c]) => c.broken.length > 0).map(([u, c]) => [u, c.broken.length]);
    expect(broken('2025-Q1')).toEqual([['Dinas Kependudukan dan Pencatatan Sipil', 2]]);
    expect(broken('2025-Q2')).toEqual([['Kecamatan Teupah Barat', 1]]);
    expect(broken('2025-S1')).toEqual([['Kecamatan Teupah Barat', 1]]);
  });

  it('appraiser overrides and the one weak value per quarter behave as the README says', () => {
    for (const period of ['2025-Q1', '2025-Q2']) {
      const r = runs[period]!;
      const overridden = r.employees.filter((e) => e.workRatingSource === 'appraiser').map((e) => e.employee.nip);
      const text = readFileSync(join(SINABANG, 'README.md'), 'utf8');
      const listed = [...text.matchAll(new RegExp(`^\\| ${period} \\| (\\d{18}) `, 'gm'))].map((m) => m[1]);
      expect(overridden.sort(), period).toEqual(listed.sort());
      const weak = [...text.matchAll(new RegExp(`^- ${period}: (\\d{18}) `, 'gm'))].map((m) => m[1]!);
      expect(weak, period).toHaveLength(1);
      const e = r.employees.find((x) => x.employee.nip === weak[0])!;
      expect([e.behaviourRating, e.predikat], period).toEqual(['DI_BAWAH', 'KURANG']);
    }
  });
});
