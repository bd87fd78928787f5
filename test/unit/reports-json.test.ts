import { describe, expect, it } from 'vitest';
import { buildResultsDocument, serializeResults } from '../../src/reports/results-json.js';
import {
  DUKCAPIL,
  IND_FILE,
  KECAMATAN,
  NIP_AHMAD,
  NIP_RAHMAT,
  NIP_SITI,
  RAHMAT_REASON,
  ROSTER_FILE,
  fixtureRun,
} from './reports-fixture.js';

describe('hasil-<period>.json', () => {
  const doc = buildResultsDocument(fixtureRun());

  it('has the SPEC §6 top level, in order', () => {
    expect(Object.keys(doc)).toEqual(['period', 'regime', 'generatedBy', 'employees', 'units', 'issues', 'feedback', 'training', 'trend', 'ekinerja']);
    expect(doc.period).toBe('2025-Q1');
    expect(doc.regime).toBe('permenpan-6-2022');
    expect(doc.generatedBy).toBe('appraise 0.1.0');
  });

  it('sorts employees by unit, then NIP', () => {
    expect(doc.employees.map((e) => e.nip)).toEqual([NIP_AHMAD, NIP_SITI, NIP_RAHMAT]);
    expect(doc.employees.map((e) => e.unit)).toEqual([DUKCAPIL, DUKCAPIL, KECAMATAN]);
  });

  it('rounds scores half-up to 2 decimals', () => {
    const [ahmad, siti, rahmat] = doc.employees;
    expect(ahmad!.aspects).toEqual({ produktivitas: 95, 'kualitas-layanan': 100, 'kepuasan-masyarakat': 96.67 });
    expect(ahmad!.workScore).toBe(97);
    expect(ahmad!.satisfaction).toEqual({ ikm: 74.06, mutu: 'C', respondents: 42, basis: 'unit' });
    // 89.995 is stored as 89.99499…; half-up after snapping gives 90, not 89.99.
    expect(siti!.aspects.produktivitas).toBe(90);
    expect(siti!.aspects['kepuasan-masyarakat']).toBeNull();
    expect(siti!.workScore).toBe(102.85);
    expect(siti!.aspectDetails[0]!.weight).toBe(0.571429);
    expect(rahmat!.workScore).toBeNull();
    expect(doc.units.find((u) => u.unit === DUKCAPIL)!.meanWorkScore).toBe(99.93);
  });

  it('carries ratings, status, reasons, training and indicators', () => {
    const [ahmad, siti, rahmat] = doc.employees;
    expect(siti!.workRating).toEqual({ suggested: 'SESUAI', final: 'DI_ATAS' });
    expect(siti!.behaviourRating).toBe('SESUAI');
    expect(siti!.predikat).toBe('BAIK');
    expect(siti!.training).toEqual([{
      code: 'PLT-07', reason: 'Nilai aspek Kualitas Layanan 85,00 di bawah ambang 90,00 (selisih 5,00).',
      program: 'Pelayanan Prima', kind: 'aspect', sasaran: 'aspek:kualitas-layanan', gap: 5, priority: 3, also: [],
    }]);
    expect(ahmad!.training).toEqual([]);
    expect(rahmat!.training).toBeNull();
    expect(rahmat!.status).toBe('pending');
    expect(rahmat!.pendingReasons).toEqual([RAHMAT_REASON]);
    expect(rahmat!.predikat).toBeNull();
    expect(ahmad!.indicators[1]).toEqual({
      code: 'K-01',
      aspect: 'kualitas-layanan',
      kind: 'utama',
      target: { low: 80, high: 90 },
      actual: 85,
      capaian: 100,
      status: 'ok',
    });
    expect(siti!.indicators[0]!.capaian).toBe(90);
    expect(rahmat!.indicators[0]).toEqual({
      code: 'P-03',
      aspect: 'produktivitas',
      kind: 'utama',
      target: 10,
      actual: null,
      capaian: null,
      status: 'not-reported',
    });
  });

  it('lists units by name and issues by place, absent places as null', () => {
    expect(doc.units.map((u) => u.unit)).toEqual([DUKCAPIL, KECAMATAN]);
    expect(doc.units[1]).toEqual({
      unit: KECAMATAN,
      employees: 1,
      complete: 0,
      pending: 1,
      meanWorkScore: null,
      orgPredikat: null,
      counts: null,
      curve: null,
      ikm: null,
      mutu: null,
      respondents: null,
      leaderNip: null,
      population: null,
    });
    expect(doc.issues.map((i) => [i.file, i.row, i.column])).toEqual([
      [IND_FILE, 3, 'B'],
      [IND_FILE, 3, 'AA'],
      [IND_FILE, 6, 'G'],
      [ROSTER_FILE, 5, 'A'],
    ]);
    expect(doc.issues[3]!.sheet).toBeNull();
    expect(Object.keys(doc.issues[0]!)).toEqual(['file', 'sheet', 'row', 'column', 'code', 'severity', 'message', 'hint']);
  });

  it('serialises byte-identically, whatever the input order', () => {
    const a = serializeResults(buildResultsDocument(fixtureRun()));
    const shuffled = fixtureRun();
    shuffled.employees.reverse();
    shuffled.units.reverse();
    shuffled.issues.reverse();
    const b = serializeResults(buildResultsDocument(shuffled));
    expect(b).toBe(a);
    expect(a.endsWith('}\n')).toBe(true);
    expect(a.startsWith('{\n  "period": "2025-Q1",\n')).toBe(true);
    expect(a).not.toMatch(/\d{4}-\d{2}-\d{2}T/); // no timestamps
  });

  it('refuses a non-finite score instead of writing null', () => {
    const run = fixtureRun();
    run.employees[1]!.workScore = Number.NaN;
    expect(() => buildResultsDocument(run)).toThrow(/non-finite/);
  });
});
