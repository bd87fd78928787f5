import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { parsePeriod } from '../../src/domain/period.js';
import type { EmployeeResult, IndicatorResult, TrainingItem } from '../../src/engine/types.js';
import { computeRun } from '../../src/pipeline/run.js';
import type { RunResult } from '../../src/pipeline/types.js';
import { ByteWriter } from '../../src/io/byte-writer.js';
import type { FeedbackOfficerReport } from '../../src/pipeline/feedback-stage.js';
import { LazyList, streamedFeedbackDocument } from '../../src/reports/feedback-json.js';
import { compact, JsonOut } from '../../src/reports/json-out.js';
import { buildResultsDocument, employeeLinesForTest } from '../../src/reports/results-json.js';
import { fixtureRun } from './reports-fixture.js';

/**
 * hasil-<period>.json writes each employee's line straight into bytes (results-json's
 * EMPLOYEE_FIELDS `write`), beside the document that buildResultsDocument (`--json`, diff) gives
 * from the fields' `value`. Here every line must equal compact(employeeDocument) on real runs and
 * on variants that reach every branch of the writers: a key added to the document without its
 * writer, or a writer that drifts from its value, fails here.
 */

const EXAMPLES = resolve(__dirname, '../../examples');

async function exampleRun(name: string): Promise<RunResult> {
  const ws = resolve(EXAMPLES, name);
  return computeRun({ workspace: ws, loaded: loadConfig(ws, 'id'), period: parsePeriod('2025-Q1')!, lang: 'id' });
}

function expectSameLines(run: RunResult): number {
  const lines = employeeLinesForTest(run);
  for (const l of lines) expect(l.written, l.nip).toBe(l.document);
  // The document's keys are the line's keys, in order.
  const doc = buildResultsDocument(run);
  expect(lines.map((l) => Object.keys(JSON.parse(l.written) as object))).toEqual(doc.employees.map((e) => Object.keys(e)));
  return lines.length;
}

/** Text that JSON.stringify escapes: quotes, backslash, controls, a lone surrogate, a pair, non-ASCII. */
const AWKWARD = 'a"b\\c\n\t\b\f\r\u0001\u001f\u007f é ≥ 😀 \ud800x \udc00';

/** Each employee of `run` again, changed so that together they reach the writers' other branches. */
function variants(run: RunResult): RunResult {
  const out: EmployeeResult[] = [];
  const item = (t: TrainingItem): TrainingItem => Object.freeze({ ...t, reason: `${t.reason} ${AWKWARD}`, gap: 1 / 3, also: Object.freeze(['x', AWKWARD]) as string[] });
  run.employees.forEach((e, i) => {
    const v = (nipEnd: string, changes: Partial<EmployeeResult>, indicators?: IndicatorResult[]): void => {
      const copy: EmployeeResult = Object.create(Object.getPrototypeOf(e) as object, Object.getOwnPropertyDescriptors(e));
      Object.defineProperty(copy, 'employee', { value: { ...e.employee, nip: `${e.employee.nip.slice(0, 14)}${nipEnd}${String(i % 100).padStart(2, '0')}` }, enumerable: true });
      for (const [k, val] of Object.entries(changes)) Object.defineProperty(copy, k, { value: val, enumerable: true, writable: true });
      if (indicators !== undefined) Object.defineProperty(copy, 'indicators', { get: () => indicators, enumerable: true });
      out.push(copy);
    };
    const inds = e.indicators;
    v('90', {
      employee: e.employee,
      pendingReasons: [AWKWARD, 'kedua'],
      status: 'pending',
      workScore: null,
      predikat: null,
      behaviourRating: null,
      workRating: { suggested: null, final: null },
      satisfaction: null,
      training: null,
      behaviour: null,
      workRatingSource: undefined,
      unitLeader: undefined,
      legacy: undefined,
    });
    v('91', {
      training: [],
      unitLeader: true,
      workRatingSource: 'leader',
      satisfaction: { ikm: 76.605, mutu: 'B', respondents: 0, basis: 'officer' },
      aspects: e.aspects.map((a, j) => ({ ...a, label: `${a.label}${AWKWARD}`, score: j === 0 ? null : 1e21, weight: 1 / 7, note: j === 0 ? AWKWARD : null, source: 'none' })),
      behaviour: e.behaviour ? { ...e.behaviour, fromPeriod: '2025-01', raters: [{ raterNip: null, role: 'diri', share: 1 / 3, place: { file: 'p.xlsx', sheet: 'S', row: 3, column: 'B' } }] } : null,
      legacy: { regime: 'pp-30-2019', skp: 105.125, perilaku: 100, weighting: '70/30', score: 103.5, band: 'BAIK', bandLabel: 'Baik' },
    }, inds.map((r, j) => ({
      ...r,
      capaian: j % 2 === 0 ? null : r.capaian,
      indicator: { ...r.indicator, code: `${r.indicator.code}${AWKWARD}`, actual: j % 3 === 0 ? null : j % 3 === 1 ? Number.NaN : -0, target: j % 2 === 0 ? { kind: 'range', low: 0.1 + 0.2, high: 1e-7 } : { kind: 'value', value: -5.5 } },
    })));
    v('92', {
      training: e.training === null ? null : e.training.map(item),
      legacy: { regime: 'pp-46-2011', skp: null, perilaku: null, weighting: null, score: null, band: null, bandLabel: null, indicatorValues: [{ code: 'A', aspect: 'waktu', value: 76, note: AWKWARD }, { code: 'B', aspect: null, value: null, note: null }] },
      // An aspect the config does not list takes aspectsMap's path.
      aspects: [...e.aspects, { key: 'lain', label: 'Lain', weight: 0, score: 50, source: 'none', indicatorCount: 0, note: null }],
    });
  });
  return { ...run, employees: [...run.employees, ...out] };
}

describe('hasil JSON: each employee line written straight = compact(employeeDocument)', () => {
  it('on the report fixture (pending, range targets, no feedback) and its variants', () => {
    const run = fixtureRun();
    expect(expectSameLines(run)).toBe(3);
    expect(expectSameLines(variants(run))).toBe(12);
  });

  it('on Sinabang (training, feedback bases, behaviour, leaders) and its variants', async () => {
    const run = await exampleRun('sinabang');
    const employees = run.employees;
    expect(employees.some((e) => e.unitLeader === true)).toBe(true);
    expect(employees.some((e) => (e.training?.length ?? 0) > 0)).toBe(true);
    expect(new Set(employees.map((e) => e.satisfaction?.basis ?? null)).size).toBeGreaterThan(1);
    expectSameLines(run);
    expectSameLines(variants(run));
  });

  it('on the planted errors (pending reasons, behaviour pending)', async () => {
    const run = await exampleRun('planted-errors');
    expect(run.employees.some((e) => e.pendingReasons.length > 0)).toBe(true);
    expectSameLines(run);
  });

  it('with config aspect keys JavaScript orders itself (integer-like) and repeated ones', () => {
    const run = fixtureRun();
    const aspects = [{ ...run.config.aspects[0]!, key: '10' }, ...run.config.aspects, { ...run.config.aspects[0]!, key: '2' }];
    expectSameLines({ ...run, config: { ...run.config, aspects } });
    expectSameLines({ ...run, config: { ...run.config, aspects: [...run.config.aspects, run.config.aspects[0]!] } });
    expectSameLines({ ...run, config: { ...run.config, aspects: [] } });
  });
});

/** Each element of a LazyList as its writer writes it, beside compact(element). */
function listLines<T, S>(list: LazyList<T, S>): { written: string; document: string }[] {
  const w = new ByteWriter(async (_chunk, release) => release());
  const out = new JsonOut(w);
  const docs = [...list].map((d) => compact(d));
  return [...list.sources()].map((s, i) => {
    const start = w.length;
    list.write(out, s);
    const written = w.copy(start).toString('utf8');
    w.truncate(start);
    return { written, document: docs[i]! };
  });
}

/** A copy of `o` with some keys changed (its getters kept). */
function changed<T extends object>(o: T, changes: Record<string, unknown>): T {
  const descriptors: PropertyDescriptorMap = Object.getOwnPropertyDescriptors(o);
  for (const [k, v] of Object.entries(changes)) descriptors[k] = { value: v, enumerable: true, writable: true, configurable: true };
  return Object.create(Object.getPrototypeOf(o) as object, descriptors) as T;
}

describe('hasil JSON: feedback officers and employees written straight = compact(element)', () => {
  it('on Sinabang, in both languages, and with officers changed to reach the other branches', async () => {
    const run = await exampleRun('sinabang');
    const f = run.feedback!;
    const officers: FeedbackOfficerReport[] = [...f.officers];
    for (const o of f.officers.slice(0, 5)) {
      const r = o.result;
      officers.push(changed(o, { key: `${o.key}${AWKWARD}`, name: null, unit: null, ownIkmUsed: !o.ownIkmUsed }));
      officers.push(changed(o, {
        name: AWKWARD,
        result: changed(r, {
          ikmRounded: null,
          mutu: null,
          weakest: null,
          missingUnsur: ['U1', 'U9'],
          unsur: r.unsur.map((u) => changed(u, { nrr: null, convertedRounded: null, mutu: null, label: { id: AWKWARD, en: 'x' } })),
          complaints: { total: 3, byCategory: [{ category: null, label: { id: AWKWARD, en: 'Other' }, count: 2 }, { category: 'a', label: { id: 'A', en: 'A' }, count: 1 }] },
        }),
      }));
    }
    for (const lang of ['id', 'en'] as const) {
      const doc = streamedFeedbackDocument({ ...f, officers }, lang);
      const o = listLines(doc.officers);
      const e = listLines(doc.employees);
      expect(o.length).toBe(officers.length);
      expect(e.length).toBe(f.employees.size);
      for (const l of [...o, ...e]) expect(l.written).toBe(l.document);
      expect(e.some((l) => l.document.includes('"services":[{'))).toBe(true);
    }
  });
});
