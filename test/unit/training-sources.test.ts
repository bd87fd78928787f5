import { describe, expect, it } from 'vitest';
import { rateBehaviour, type BehaviourRow } from '../../src/engine/behaviour.ts';
import { attributeFeedback } from '../../src/engine/feedback-attribution.ts';
import { groupIkm, type Answer } from '../../src/engine/ikm.ts';
import { recommendTraining, type TrainingProgram } from '../../src/engine/training.ts';
import { behaviourForTraining, unsurForTraining } from '../../src/pipeline/training.ts';
import { resp } from './ikm-fixtures.ts';

/**
 * The rules fed from the real behaviour and IKM engines (what the behaviour and feedback stages
 * hand to the training stage), not from hand-written inputs.
 */
const CATALOGUE: TrainingProgram[] = [
  { code: 'PL-01', name: 'Pelayanan Prima', targets: [{ kind: 'behaviour', key: 'berorientasi-pelayanan' }, { kind: 'unsur', key: 'U7' }], hours: 24, mode: 'klasikal', provider: 'BKPSDM' },
  { code: 'PL-02', name: 'Manajemen Waktu', targets: [{ kind: 'unsur', key: 'U3' }], hours: 16, mode: 'e-learning', provider: 'LAN' },
];
const T = { aspectThreshold: 90, indicatorThreshold: 80, maxProgramsPerEmployee: 3 };

describe('training inputs from the behaviour and IKM engines', () => {
  it('a value rated Di Bawah by rateBehaviour becomes a behaviour gap with its mean', () => {
    const values = { 'berorientasi-pelayanan': 'DI_BAWAH', akuntabel: 'SESUAI', kompeten: 'SESUAI', harmonis: 'SESUAI', loyal: 'SESUAI', adaptif: 'SESUAI', kolaboratif: 'DI_ATAS' } as const;
    const row: BehaviourRow = { raterNip: null, raterRole: 'atasan', values, place: { file: 'perilaku.csv', row: 2 } };
    const b = rateBehaviour([row], { atasan: 100, rekan: 0, bawahan: 0, diri: 0 });
    expect(b.status).toBe('ok');
    const r = recommendTraining({
      nip: '1', predikat: null, aspects: [], indicators: [], unsur: null,
      behaviour: behaviourForTraining(b.values!),
    }, CATALOGUE, T);
    expect(r.recommendations.map((x) => [x.code, x.gap.kind, x.gap.key])).toEqual([['PL-01', 'behaviour', 'berorientasi-pelayanan']]);
    expect(r.recommendations[0]!.gap.reason.id).toContain('(rerata 1,00 < 1,50)');
  });

  it('the unsur of the IKM the attribution used: U3 answered 2 (50, mutu D) before U7 answered 3 (75, mutu C: below 76,61); the rest 4 (mutu A) are no gaps', () => {
    const answers: Answer[] = [4, 4, 2, 4, 4, 4, 3, 4, 4];
    const responses = Array.from({ length: 5 }, () => resp(answers, { unit: 'Dinas A', service: 'AKTA' }));
    const groups = groupIkm(responses, { weight: 'exact' });
    const a = attributeFeedback({ nip: '1', unit: 'Dinas A', services: ['AKTA'] }, groups, { weight: 'exact', minRespondentsOfficer: 30 });
    const unsur = unsurForTraining(a)!;
    expect(unsur.scope).toEqual({ id: 'layanan AKTA', en: 'service AKTA' });
    expect(unsur.items.find((u) => u.key === 'U3')).toEqual({ key: 'U3', mutu: 'D', value: 50 });
    const r = recommendTraining({ nip: '1', predikat: null, behaviour: null, aspects: [], indicators: [], unsur }, CATALOGUE, T);
    expect(r.recommendations.map((x) => [x.code, x.gap.key, x.gap.gap])).toEqual([['PL-02', 'U3', 'D'], ['PL-01', 'U7', 'C']]);
    expect(r.gaps.length).toBe(2);
  });

  it('no survey for the employee: no unsur input, so no unsur gap', () => {
    const groups = groupIkm([], { weight: 'exact' });
    const a = attributeFeedback({ nip: '1', unit: 'Dinas A', services: [] }, groups, { weight: 'exact', minRespondentsOfficer: 30 });
    expect(unsurForTraining(a)).toBeNull();
  });
});
