import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateWorkspace } from '../../src/bench/generate.ts';
import { loadConfig } from '../../src/config/load.ts';
import { parsePeriod } from '../../src/domain/period.ts';
import { computeRun } from '../../src/pipeline/run.ts';
import type { RunResult } from '../../src/pipeline/types.ts';
import { sortedEmployees } from '../../src/reports/common.ts';
import { EmployeeLineWriter } from '../../src/reports/employee-line.ts';
import { employeeDocument } from '../../src/reports/results-json.ts';
import { indicatorRow, INDIKATOR_HEADERS, makeWorkspace, nip, PERILAKU_HEADERS, run, values } from './appraisal-workspace.ts';
import { fixtureRun } from './reports-fixture.ts';

/**
 * hasil-<period>.json writes each employee with EmployeeLineWriter instead of
 * JSON.stringify(employeeDocument(...)): the two must give the same text for every employee, under
 * every regime and input shape the product has (fixture, Sinabang, the bench's generator, legacy).
 */
function expectSameLines(r: RunResult): number {
  const lines = new EmployeeLineWriter(r);
  const employees = sortedEmployees(r);
  for (const e of employees) expect(lines.line(e)).toBe(JSON.stringify(employeeDocument(r, e)));
  // Twice: the second pass reads the texts cached by the first.
  for (const e of employees) expect(lines.line(e)).toBe(JSON.stringify(employeeDocument(r, e)));
  return employees.length;
}

const SINABANG = resolve(__dirname, '../../examples/sinabang');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const TWO_ASPECTS = `aspects:
  - key: produktivitas
    label: Produktivitas
    weight: 40
  - key: kualitas-layanan
    label: Kualitas Layanan
    weight: 30
`;

describe('EmployeeLineWriter = JSON.stringify(employeeDocument)', () => {
  it.each(['id', 'en'] as const)('on the report fixture (%s)', (lang) => {
    expect(expectSameLines(fixtureRun({ lang }))).toBe(3);
  });

  it.each(['2025-Q1', '2025-Q2'])('on Sinabang %s', async (period) => {
    const r = await computeRun({ workspace: SINABANG, loaded: loadConfig(SINABANG, 'id'), period: parsePeriod(period)!, lang: 'id' });
    expect(expectSameLines(r)).toBeGreaterThan(50);
  });

  it('on the bench generator workspace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'appraise-lines-'));
    dirs.push(dir);
    await generateWorkspace(dir, { employees: 400, seed: 7 });
    const r = await computeRun({ workspace: dir, loaded: loadConfig(dir, 'en'), period: parsePeriod('2025-Q1')!, lang: 'en' });
    expect(expectSameLines(r)).toBe(400);
  });

  it('under the legacy regimes, with pending employees and a peer rater', async () => {
    for (const regime of ['pp-30-2019', 'pp-46-2011']) {
      const dir = makeWorkspace({
        config: `regime: ${regime}\n${TWO_ASPECTS}`,
        people: [{ i: 1, unit: 'U' }, { i: 2, unit: 'U' }, { i: 3, unit: 'V' }],
        files: {
          '2025-Q1/indikator.csv': [
            INDIKATOR_HEADERS,
            indicatorRow(1, 'Q', 100, 90),
            indicatorRow(1, 'W', 10, 8, { aspect: 'kualitas-layanan', unit: 'hari', arah: 'turun' }),
            indicatorRow(2, 'Q', '85-95', null),
            indicatorRow(3, 'Z', 0, 0, { aspect: 'kualitas-layanan', unit: 'kasus', arah: 'turun' }),
          ],
          '2025-Q1/perilaku.csv': [PERILAKU_HEADERS, [nip(1), null, null, ...values(0), null], [nip(2), nip(1), 'rekan', ...values(7), null], [nip(3), null, null, ...values(0, 7), null]],
        },
      });
      dirs.push(dir);
      expect(expectSameLines(await run(dir))).toBe(3);
    }
  });
});
