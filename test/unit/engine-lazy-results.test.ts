import { describe, expect, it } from 'vitest';
import { capaianWithPolicy, computeCapaian } from '../../src/engine/capaian.ts';
import type { EmployeeResult, ExplanationStep } from '../../src/engine/types.ts';
import { extendExplanation, indicatorCount, indicatorFigures, scoreWork, withChanges, type StageExplainer } from '../../src/engine/work.ts';
import { defaultAspects, defaultScoring, employee, indicator, satisfaction, workInput } from './engine-fixtures.ts';

/** A reported, a capped and a missing indicator (missing: zero). */
const INPUT = workInput({
  indicators: [indicator({ target: 80, actual: 60 }), indicator({ target: 10, actual: 20 }), indicator({ actual: null })],
  satisfaction: satisfaction(88.31),
  scoring: defaultScoring({ missing: 'zero' }),
});

function scored(): EmployeeResult {
  return scoreWork(INPUT);
}

/** The steps a stage adds: its name, and the work stage's status it was given as `before`. */
function stage(name: string): StageExplainer {
  return {
    explain(steps, result, before) {
      steps.push({ step: name, text: `${name}: ${result.employee.nip} ${result.status} after ${before.status}`, value: null });
    },
  };
}

describe('scoreWork: indicator results made when read', () => {
  it('gives the capaian, policy and formula of each indicator, equal on every read', () => {
    const r = scored();
    const first = r.indicators;
    expect(first.map((x) => [x.capaian, x.uncapped, x.status, x.missingPolicy])).toEqual([
      [75, 75, 'ok', undefined],
      [120, 200, 'ok', undefined],
      [0, 0, 'not-reported', 'zero'],
    ]);
    expect(first[1]!.formula).toBe('20 / 10 × 100 = 200,00 → batas 120');
    expect(first[2]!.formula).toBe('realisasi tidak dilaporkan → 0 (kebijakan: dihitung 0)');
    // A fresh array each time, with the same content.
    expect(r.indicators).not.toBe(first);
    expect(r.indicators.map((x) => x.formula)).toEqual(first.map((x) => x.formula));
    const policy = { capaianCap: 120, missing: 'zero' as const };
    expect(first.map((x) => x.capaian)).toEqual(first.map((x) => capaianWithPolicy(x.indicator, policy, 'id').capaian));
    expect(first[0]!.formula).toBe(computeCapaian(first[0]!.indicator, policy, 'id').formula);
  });

  it('a spread reads them, and assigned results replace them', () => {
    const r = scored();
    const copy = { ...r };
    expect(Array.isArray(copy.indicators)).toBe(true);
    expect(copy.indicators.map((x) => x.capaian)).toEqual([75, 120, 0]);
    const one = r.indicators.slice(0, 1);
    r.indicators = one;
    expect(r.indicators).toBe(one);
  });
});

describe('explanations: later stages write their steps when the explanation is read', () => {
  it('applies functions and stage explainers in the order they were added', () => {
    const r = scored();
    extendExplanation(r, (steps: ExplanationStep[]) => void steps.unshift({ step: 'first', text: 'first', value: null }));
    const changed = withChanges(r, { predikat: 'BAIK', status: 'pending' }, stage('appraisal'));
    extendExplanation(changed, stage('curve'));
    const steps = changed.explanation;
    expect(steps[0]!.step).toBe('first');
    expect(steps.slice(-2).map((s) => s.text)).toEqual([`appraisal: ${r.employee.nip} pending after complete`, `curve: ${r.employee.nip} pending after complete`]);
    expect(changed.predikat).toBe('BAIK');
    expect(r.predikat).toBeNull();
    // Written once, then kept: a caller may push onto it.
    expect(changed.explanation).toBe(steps);
    // The result it was made from keeps its own explanation (without the copy's stages).
    expect(r.explanation.map((s) => s.step)).not.toContain('appraisal');
  });

  it('gives the same steps when the explanation was already read before the stages ran', () => {
    const lazy = withChanges(scored(), { predikat: 'BAIK', status: 'pending' }, stage('appraisal'));
    extendExplanation(lazy, stage('curve'));
    const eager = scored();
    expect(eager.explanation.length).toBeGreaterThan(0);
    const eagerChanged = withChanges(eager, { predikat: 'BAIK', status: 'pending' }, stage('appraisal'));
    extendExplanation(eagerChanged, stage('curve'));
    expect(eagerChanged.explanation).toEqual(lazy.explanation);
    expect(eagerChanged.indicators.map((x) => x.capaian)).toEqual(lazy.indicators.map((x) => x.capaian));
  });
});

describe('indicatorCount', () => {
  it('counts the results without making them, and follows an assignment', () => {
    const r = scored();
    expect(indicatorCount(r)).toBe(3);
    expect(indicatorCount(withChanges(r, { status: 'pending' }))).toBe(3);
    r.indicators = r.indicators.slice(0, 1);
    expect(indicatorCount(r)).toBe(1);
  });
});

describe('indicatorFigures', () => {
  it('gives each indicator\'s code, text and capaian as the results have them, and follows an assignment', () => {
    const r = scored();
    const made = r.indicators;
    const figures = indicatorFigures(r);
    expect(figures).toEqual(made.map((x) => ({ code: x.indicator.code, text: x.indicator.text, capaian: x.capaian })));
    expect(figures.map((x) => x.capaian)).toEqual([75, 120, 0]);
    expect(indicatorFigures(withChanges(r, { status: 'pending' }))).toEqual(figures);
    r.indicators = made.slice(0, 1);
    expect(indicatorFigures(r)).toEqual([figures[0]]);
  });
});

describe('aspect results shared by the employees they are equal for', () => {
  it('one object per satisfaction summary and per no-data aspect; indicator aspects each their own', () => {
    const aspects = defaultAspects();
    const shared = satisfaction(80);
    const score = (over: Parameters<typeof workInput>[0]) => scoreWork(workInput({ aspects, indicators: [indicator({ target: 80, actual: 60 })], ...over })).aspects;
    const [a, b, c, d] = [score({ satisfaction: shared }), score({ satisfaction: shared }), score({ satisfaction: satisfaction(80) }), score({ satisfaction: null })];
    expect(a[2]).toBe(b[2]); // the same summary (one per unit or service)
    expect(a[2]).toEqual(c[2]);
    expect(a[2]).not.toBe(c[2]); // another summary with the same numbers: kept apart
    expect(a[0]).not.toBe(b[0]);
    expect(a[0]).toEqual(b[0]);
    // No data: the same object for every employee without a survey, its note the policy's.
    const e = score({ satisfaction: null, employee: employee({ nip: '199001012015031002' }), indicators: [indicator({ nip: '199001012015031002', actual: 70 })] });
    expect(d[2]).toBe(e[2]);
    expect(d[2]).toEqual({ key: 'kepuasan-masyarakat', label: 'Kepuasan Masyarakat', weight: 0, score: null, source: 'none', indicatorCount: 0, note: 'tidak ada data kepuasan masyarakat; bobot dinormalisasi ulang atas aspek yang ada' });
    // A different weight (a different scoring policy) is a different result.
    const zero = score({ satisfaction: null, scoring: defaultScoring({ missingAspect: 'zero' }) });
    expect(zero[2]).not.toBe(d[2]);
    expect(zero[2]!.score).toBe(0);
    expect(a[2]!.score).toBeCloseTo((80 / 76.61) * 100, 10);
    // kualitas-layanan has no indicator: no data, shared too; the weights renormalised over the rest.
    expect(a[1]).toBe(b[1]);
    expect(a.map((x) => x.weight)).toEqual([40 / 70, 0, 30 / 70]);
  });
});
