import { describe, expect, it } from 'vitest';
import { behaviourDetail } from '../../src/pipeline/appraisal-stage.ts';
import { rateBehaviour, type BehaviourRow } from '../../src/engine/behaviour.ts';
import { TrainingItemIntern, TextIntern } from '../../src/pipeline/training.ts';
import type { TrainingItem } from '../../src/engine/types.ts';
import { indicatorRow, INDIKATOR_HEADERS, makeWorkspace, nip, ONE_ASPECT, PERILAKU_HEADERS, run, values } from './appraisal-workspace.ts';

/**
 * What a run keeps per employee outside the indicators (issue 8): values that many employees have
 * are one frozen object, and lists made from kept rows are made when read. The figures and the
 * explanations are the same as before.
 */

const W = { atasan: 60, rekan: 20, bawahan: 20, diri: 0 };
const row = (raterNip: string | null, raterRole: BehaviourRow['raterRole'], line: number, rating: 'DI_ATAS' | 'SESUAI' = 'SESUAI'): BehaviourRow => ({
  raterNip, raterRole, place: { file: 'perilaku.csv', row: line },
  values: { 'berorientasi-pelayanan': rating, akuntabel: 'SESUAI', kompeten: 'SESUAI', harmonis: 'SESUAI', loyal: 'SESUAI', adaptif: 'SESUAI', kolaboratif: 'DI_ATAS' },
});

describe('behaviour detail made from its rows', () => {
  const rows = [row(nip(9), 'atasan', 2), row(nip(7), 'bawahan', 3, 'DI_ATAS'), row(nip(8), 'bawahan', 4), row(null, 'diri', 5)];
  const b = rateBehaviour(rows, W, { words: false });

  it('the raters read from the rows equal the raters kept, keys in the same order', () => {
    const kept = behaviourDetail(b, '2025-Q1')!;
    const made = behaviourDetail(b, '2025-Q1', { rows, weights: W })!;
    expect(made).toEqual(kept);
    expect(JSON.stringify(made)).toBe(JSON.stringify(kept));
    expect(Object.keys(made)).toEqual(['values', 'overall', 'raters', 'fromPeriod']);
    expect(made.raters.map((r) => [r.raterNip, r.role, r.share])).toEqual([[nip(9), 'atasan', 0.75], [nip(7), 'bawahan', 0.125], [nip(8), 'bawahan', 0.125]]);
    // A copy of its entries (anonymize, a spread) has the raters as plain data.
    expect({ ...made }.raters).toEqual(kept.raters);
  });

  it('two employees rated the same share one frozen list of value results', () => {
    const again = rateBehaviour([row(nip(19), 'atasan', 12), row(nip(17), 'bawahan', 13, 'DI_ATAS'), row(nip(18), 'bawahan', 14)], W);
    expect(again.values).toBe(b.values);
    expect(Object.isFrozen(b.values)).toBe(true);
  });
});

describe('training items shared', () => {
  const item = (reason: string, also: string[] = []): TrainingItem => ({ code: 'P-1', reason, program: 'Program 1', kind: 'predikat', sasaran: 'predikat:kurang', gap: 'KURANG', priority: 1, also });

  it('equal items and lists are one frozen object; a different field is another', () => {
    const intern = new TrainingItemIntern();
    const a = intern.list([item('r'), item('s', ['aspek:x'])]);
    const b = intern.list([item('r'), item('s', ['aspek:x'])]);
    const c = intern.list([item('r')]);
    const d = intern.list([item('s', ['aspek:y'])]);
    expect(b).toBe(a);
    expect(c[0]).toBe(a[0]);
    expect(d[0]).not.toBe(a[1]);
    expect(d[0]!.also).toEqual(['aspek:y']);
    expect(Object.isFrozen(a) && Object.isFrozen(a[1]) && Object.isFrozen(a[1]!.also)).toBe(true);
    expect(intern.list([])).toBe(intern.list([]));
    expect(() => (a as TrainingItem[]).push(item('t'))).toThrow(TypeError);
  });

  it('a number gap and the same digits as text are different items', () => {
    const intern = new TrainingItemIntern();
    const n = intern.list([{ ...item('r'), gap: 5 }]);
    const s = intern.list([{ ...item('r'), gap: '5' }]);
    expect(n[0]!.gap).toBe(5);
    expect(s[0]!.gap).toBe('5');
  });

  it('TextIntern gives back the text unchanged, also one built by concatenation', () => {
    const texts = new TextIntern();
    let built = 'Unsur U8';
    for (let i = 0; i < 10; i++) built += ` bagian ${i} ✓`;
    const kept = texts.get(built);
    expect(kept).toBe(built);
    expect(texts.get('Unsur U8' + built.slice(8))).toBe(built);
    expect(texts.get('\ud800 lone')).toBe('\ud800 lone');
  });
});

describe('through a run', () => {
  it('shares work ratings, empty reasons, services lists, ratings objects and NIP strings; explanations unchanged', async () => {
    const dir = makeWorkspace({
      config: ONE_ASPECT,
      people: [{ i: 1, unit: 'U', supervisor: 3 }, { i: 2, unit: 'U', supervisor: 3 }, { i: 3, unit: 'U' }],
      files: {
        '2025-Q1/indikator.csv': [INDIKATOR_HEADERS, indicatorRow(1, 'K1', 100, 100), indicatorRow(2, 'K1', 100, 100), indicatorRow(3, 'K1', 100, 100)],
        '2025-Q1/perilaku.csv': [PERILAKU_HEADERS, [nip(1), nip(3), 'atasan', ...values(2), null], [nip(2), nip(3), 'atasan', ...values(2), null], [nip(3), null, 'atasan', ...values(2), null]],
      },
    });
    const r = await run(dir);
    const [a, b] = [1, 2].map((i) => r.employees.find((e) => e.employee.nip === nip(i))!);
    expect(a!.status).toBe('complete');
    expect(b!.workRating).toBe(a!.workRating);
    expect(Object.isFrozen(a!.workRating)).toBe(true);
    expect(b!.pendingReasons).toBe(a!.pendingReasons);
    expect(a!.pendingReasons).toEqual([]);
    expect(b!.employee.services).toBe(a!.employee.services);
    expect(a!.behaviour!.raters).toEqual([{ raterNip: nip(3), role: 'atasan', share: 1, place: { file: 'data/2025-Q1/perilaku.csv', row: 2 } }]);
    expect(a!.behaviour!.values).toBe(b!.behaviour!.values);
    // The explanation rates again from the rows the detail keeps.
    const steps = a!.explanation.filter((s) => s.step.startsWith('behaviour')).map((s) => s.step);
    expect(steps).toEqual(['behaviourWeights', ...Array(7).fill('behaviourValue'), 'behaviourOverall']);
    expect(a!.explanation.find((s) => s.step === 'behaviourWeights')!.sources).toEqual([{ file: 'data/2025-Q1/perilaku.csv', row: 2 }]);
  });
});
