import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { anonymizeRun, pseudonymFor } from '../../src/reports/anonymize.js';
import { diffResults, workBand, type DiffSide } from '../../src/reports/diff.js';
import { buildExplanation } from '../../src/reports/explain.js';
import { buildResultsDocument, type ResultsDocument } from '../../src/reports/results-json.js';
import { fixtureRun, IND_FILE, NIP_AHMAD, NIP_RAHMAT, NIP_SITI } from './reports-fixture.js';

const KEY = Buffer.from('11'.repeat(32), 'hex');

describe('anonymizeRun', () => {
  it('pseudonym = P- + first 8 hex digits of HMAC-SHA256(secret, NIP), upper case', () => {
    const expected = 'P-' + createHmac('sha256', KEY).update(NIP_AHMAD).digest('hex').slice(0, 8).toUpperCase();
    expect(pseudonymFor(KEY, NIP_AHMAD)).toBe(expected);
    expect(pseudonymFor(Buffer.from('22'.repeat(32), 'hex'), NIP_AHMAD)).not.toBe(expected);
  });

  it('replaces NIPs, names, supervisor NIPs and NIPs in texts; keeps places and numbers; leaves the input alone', () => {
    const run = fixtureRun();
    run.employees[0]!.employee.supervisorNip = NIP_SITI;
    run.employees[0]!.pendingReasons.push(`Atasan Siti Aminah (${NIP_SITI}) belum menilai; Siti Aminahwati bukan dia`);
    run.issues.push({ file: IND_FILE, sheet: 'Indikator', row: 9, column: 'A', code: 'NIP_UNKNOWN', severity: 'error', message: 'NIP 197001011990031001 tidak ada di daftar pegawai', hint: '' });
    const { run: anon, pseudonyms } = anonymizeRun(run, KEY);
    const p = (nip: string) => pseudonyms.nips.get(nip)!;
    expect(p(NIP_AHMAD)).toBe(pseudonymFor(KEY, NIP_AHMAD));
    const rahmat = anon.employees.find((e) => e.employee.name === p(NIP_RAHMAT))!;
    expect(rahmat.employee.nip).toBe(p(NIP_RAHMAT));
    expect(rahmat.employee.supervisorNip).toBe(p(NIP_SITI));
    expect(rahmat.pendingReasons.at(-1)).toBe(`Atasan ${p(NIP_SITI)} (${p(NIP_SITI)}) belum menilai; Siti Aminahwati bukan dia`);
    expect(rahmat.indicators.every((r) => r.indicator.nip === p(NIP_RAHMAT))).toBe(true);
    // A NIP that is not an employee's gets a pseudonym too.
    expect(anon.issues.at(-1)!.message).toBe(`NIP ${pseudonymFor(KEY, '197001011990031001')} tidak ada di daftar pegawai`);
    // Places, numbers and dates stay.
    expect(rahmat.indicators[0]!.indicator.places).toEqual(run.employees[0]!.indicators[0]!.indicator.places);
    expect(anon.employees.map((e) => e.workScore)).toEqual(run.employees.map((e) => e.workScore));
    expect(anon.period.end).toBeInstanceOf(Date);
    expect(run.employees[0]!.employee.nip).toBe(NIP_RAHMAT);
    expect(JSON.stringify(buildResultsDocument(anon))).not.toMatch(/\d{18}|Ahmad Yani|Siti Aminah"/);
  });
});

function side(label: string, doc: ResultsDocument): DiffSide {
  return { label, doc, thresholds: { diAtas: 110, sesuai: 90 } };
}

describe('diffResults', () => {
  const base = buildResultsDocument(fixtureRun());

  it('finds no change between a document and itself', () => {
    const d = diffResults(side('a', base), side('b', base));
    expect(d.counts).toEqual({ compared: 3, changed: 0, moved: 0, joined: 0, left: 0 });
    expect(d.employees).toEqual([]);
  });

  it('reports rating, band, predikat, unit, joined and left, with the indicators that moved most', () => {
    const after: ResultsDocument = structuredClone(base);
    const ahmad = after.employees.find((e) => e.nip === NIP_AHMAD)!;
    const before = base.employees.find((e) => e.nip === NIP_AHMAD)!;
    ahmad.workScore = 85.5;
    ahmad.workRating = { suggested: 'DI_BAWAH', final: 'DI_BAWAH' };
    ahmad.predikat = 'BUTUH_PERBAIKAN';
    ahmad.unit = 'Dinas Kesehatan';
    const first = ahmad.indicators[0]!;
    first.actual = (first.actual ?? 0) / 2;
    first.capaian = (before.indicators[0]!.capaian ?? 0) - 47.5;
    after.employees = after.employees.filter((e) => e.nip !== NIP_SITI);
    after.employees.push({ ...structuredClone(before), nip: '200001012022012001', name: 'Pegawai Baru' });

    const d = diffResults(side('2025-Q1', base), side('2025-Q2', after));
    expect(d.counts).toEqual({ compared: 2, changed: 1, moved: 1, joined: 1, left: 1 });
    const c = d.employees[0]!;
    expect(c.kind).toBe('changed');
    expect(c.nip).toBe(NIP_AHMAD);
    expect(c.changes).toEqual([
      { field: 'predikat', from: before.predikat, to: 'BUTUH_PERBAIKAN' },
      { field: 'workRating.final', from: before.workRating.final, to: 'DI_BAWAH' },
      { field: 'workRating.suggested', from: before.workRating.suggested, to: 'DI_BAWAH' },
      { field: 'workBand', from: workBand(before.workScore, { diAtas: 110, sesuai: 90 }), to: 'DI_BAWAH' },
      { field: 'unit', from: before.unit, to: 'Dinas Kesehatan' },
    ]);
    expect(c.causes[0]).toMatchObject({ kind: 'indicator', code: first.code, delta: -47.5, from: { actual: before.indicators[0]!.actual }, to: { actual: first.actual } });
    expect(d.employees.map((e) => [e.kind, e.nip])).toEqual([
      ['changed', NIP_AHMAD],
      ['joined', '200001012022012001'],
      ['left', NIP_SITI],
    ]);
  });

  it('a field that is still null on one side counts once it is filled', () => {
    const empty: ResultsDocument = structuredClone(base);
    for (const e of empty.employees) e.predikat = null;
    const d = diffResults(side('a', empty), side('b', base));
    const filled = base.employees.filter((e) => e.predikat !== null);
    expect(filled.length).toBeGreaterThan(0);
    expect(d.employees.map((e) => e.changes)).toEqual(filled.map((e) => [{ field: 'predikat', from: null, to: e.predikat }]));
  });

  it('bands are read on the 2-decimal score with the configured thresholds', () => {
    const t = { diAtas: 110, sesuai: 90 };
    expect([workBand(110, t), workBand(109.99, t), workBand(90, t), workBand(89.99, t), workBand(null, t)]).toEqual(['DI_ATAS', 'SESUAI', 'SESUAI', 'DI_BAWAH', null]);
  });
});

describe('buildExplanation', () => {
  it('lists roster row, input cells, policy, the engine steps in order, and the result', () => {
    const run = fixtureRun();
    const doc = buildExplanation(run, NIP_RAHMAT)!;
    const e = run.employees.find((x) => x.employee.nip === NIP_RAHMAT)!;
    expect(doc.steps.map((s) => s.no)).toEqual(doc.steps.map((_, i) => i + 1));
    expect(doc.steps[0]).toMatchObject({ section: 'employee', step: 'roster', value: NIP_RAHMAT });
    const computation = doc.steps.filter((s) => s.section === 'computation');
    expect(computation.map((s) => [s.step, s.text])).toEqual(e.explanation.map((s) => [s.step, s.text]));
    expect(doc.steps.filter((s) => s.section === 'input' && s.step === 'indicator')).toHaveLength(e.indicators.length);
    expect(doc.steps.some((s) => s.section === 'policy' && s.text === 'scoring.missing: pending')).toBe(true);
    // The pending indicator's warning on its row is listed with its place.
    expect(doc.issues.map((i) => i.code)).toContain('ACTUAL_MISSING');
    expect(doc.steps.find((s) => s.section === 'issue')!.sources).toEqual([`${IND_FILE}!Indikator!G6`]);
    expect(buildExplanation(run, '199912312020121999')).toBeNull();
  });
});
