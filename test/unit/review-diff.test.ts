import { describe, expect, it } from 'vitest';
import { diffResults, type DiffSide } from '../../src/reports/diff.js';
import { buildResultsDocument, type ResultsDocument } from '../../src/reports/results-json.js';
import { fixtureRun, NIP_AHMAD } from './reports-fixture.js';

const side = (label: string, doc: ResultsDocument): DiffSide => ({ label, doc, thresholds: { diAtas: 110, sesuai: 90 } });

/** Diff where Ahmad's first indicator goes from `from` to `to` capaian. */
function indicatorDelta(from: number, to: number): number | null {
  const a: ResultsDocument = buildResultsDocument(fixtureRun());
  const b: ResultsDocument = structuredClone(a);
  const x = a.employees.find((e) => e.nip === NIP_AHMAD)!.indicators[0]!;
  const y = b.employees.find((e) => e.nip === NIP_AHMAD)!.indicators[0]!;
  x.capaian = from;
  y.capaian = to;
  b.employees.find((e) => e.nip === NIP_AHMAD)!.predikat = 'BUTUH_PERBAIKAN'; // a change, so causes are listed
  const d = diffResults(side('a', a), side('b', b));
  const cause = d.employees[0]!.causes.find((c) => c.kind === 'indicator' && c.code === x.code);
  return cause && 'delta' in cause ? (cause.delta as number | null) : null;
}

describe('diff deltas round half-up like every other displayed number (SPEC §3)', () => {
  it('a fall of 0.125 shows as −0.13, the mirror of a rise of 0.125 (Math.round gave −0.12)', () => {
    expect(indicatorDelta(100, 100.125)).toBe(0.13);
    expect(indicatorDelta(100, 99.875)).toBe(-0.13);
  });
});
