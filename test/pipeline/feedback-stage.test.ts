import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { parsePeriod } from '../../src/domain/period.ts';
import { computeRun } from '../../src/pipeline/run.ts';
import type { RunResult } from '../../src/pipeline/types.ts';
import { buildResultsDocument } from '../../src/reports/results-json.ts';

/**
 * The feedback stage on examples/sinabang 2025-Q1. The hand computation below was made from the
 * two Dukcapil counter files alone (loket-dukcapil-01-jan.csv, UTF-8; loket-dukcapil-02-feb.csv,
 * Windows-1252 ';'), keeping the AKTA-LAHIR rows and leaving out, as examples/sinabang/README.md
 * lists, the repeat of ID DKPQ1A-0209 at loket-dukcapil-02-feb.csv:22 (the other planted rows are
 * not AKTA-LAHIR rows).
 */
const SINABANG = fileURLToPath(new URL('../../examples/sinabang/', import.meta.url));
const DUKCAPIL = 'Dinas Kependudukan dan Pencatatan Sipil';

// AKTA-LAHIR in Dukcapil, 48 respondents, every unsur answered by all 48. Answer sums U1..U9:
const SUMS = [146, 115, 67, 185, 146, 154, 157, 118, 143];
const N = 48;
// IKM = Σ (sum/48) × 1/9 × 25 = 1231 × 25 / (48 × 9) = 30775 / 432 = 71.2384…
const IKM = (SUMS.reduce((a, b) => a + b, 0) * 25) / (N * 9);

describe('feedback stage on examples/sinabang 2025-Q1', () => {
  let run: RunResult;
  beforeAll(async () => {
    const loaded = loadConfig(SINABANG, 'en');
    run = await computeRun({ workspace: SINABANG.replace(/\/$/, ''), loaded, period: parsePeriod('2025-Q1')!, lang: 'en' });
  }, 60_000);

  it('the hand computation', () => {
    expect(SUMS.reduce((a, b) => a + b, 0)).toBe(1231);
    expect(IKM).toBeCloseTo(71.2384259, 6);
  });

  it('AKTA-LAHIR of Dukcapil: respondents, NRR of U3, IKM, mutu C, weakest U3, complaints', () => {
    const unit = run.feedback!.units.find((u) => u.key === DUKCAPIL)!;
    const akta = unit.services.find((s) => s.key === 'AKTA-LAHIR')!.result;
    expect(akta.respondents).toBe(N);
    expect(akta.unsur.map((u) => u.sum)).toEqual(SUMS);
    expect(akta.unsur.map((u) => u.n)).toEqual(Array(9).fill(N));
    expect(akta.unsur[2]!.nrr).toBeCloseTo(67 / 48, 12);
    expect(akta.unsur[2]!.mutu!.code).toBe('D'); // 67/48 × 25 = 34.90
    expect(akta.ikm).toBeCloseTo(IKM, 10);
    expect(akta.ikmRounded).toBe(71.24);
    expect(akta.mutu!.code).toBe('C');
    expect(akta.weakest).toBe('U3');
    expect(akta.complaints.total).toBe(16);
    expect(akta.complaints.byCategory[0]).toMatchObject({ category: 'Waktu Penyelesaian' });
  });

  it('the Verifikator Akta Kelahiran’s kepuasan-masyarakat aspect = IKM / 76.61 × 100, and the explanation names the source', () => {
    const e = run.employees.find((x) => x.employee.unit === DUKCAPIL && x.employee.position === 'Verifikator Akta Kelahiran')!;
    expect(e.employee.services).toEqual(['AKTA-LAHIR']);
    expect(e.satisfaction).toEqual({ ikm: IKM, mutu: 'C', respondents: N, basis: 'service' });
    const aspect = e.aspects.find((a) => a.key === 'kepuasan-masyarakat')!;
    expect(aspect.score).toBeCloseTo((IKM / 76.61) * 100, 10);
    expect(aspect.score).toBeCloseTo(92.9884, 4);
    const step = e.explanation.find((s) => s.step === 'satisfaction')!;
    expect(step.text).toContain('AKTA-LAHIR (48 respondents)');
    expect(step.text).toContain('IKM 71.24, mutu C (Poor)');
    expect(step.value).toBe(71.24);
    // The source step comes before the aspect steps.
    expect(e.explanation.indexOf(step)).toBeLessThan(e.explanation.findIndex((s) => s.step === 'aspect'));
  });

  it('one satisfaction step for each employee the report attributes feedback to, with its text and IKM; none for the others', () => {
    let attributed = 0;
    for (const e of run.employees) {
      const a = run.feedback!.employees.get(e.employee.nip);
      const steps = e.explanation.filter((s) => s.step === 'satisfaction');
      if (a === undefined) expect(steps).toEqual([]);
      else {
        attributed++;
        expect(steps).toEqual([{ step: 'satisfaction', text: a.explanation.en, value: a.ikmRounded }]);
      }
    }
    expect(attributed).toBeGreaterThan(0);
  });

  it('units carry IKM, mutu and respondents; hasil JSON has them and a feedback section', () => {
    const u = run.units.find((x) => x.unit === DUKCAPIL)!;
    expect(u.respondents).toBe(119);
    expect(u.mutu).toBe('B');
    const doc = buildResultsDocument(run);
    expect(doc.units.find((x) => x.unit === DUKCAPIL)).toMatchObject({ ikm: 76.65, mutu: 'B', respondents: 119 });
    expect(doc.units.find((x) => x.unit === 'Sekretariat Daerah')).toMatchObject({ ikm: null, mutu: null, respondents: null });
    const f = doc.feedback!;
    expect(f.rows).toEqual({ read: 274, accepted: 268, rejected: 6, duplicates: 2, outsidePeriod: 1 });
    const du = f.units.find((x) => x.unit === DUKCAPIL)!;
    expect(du.population).toBe(1450);
    expect(du.sample).toEqual({ required: 306, adequate: false, shortBy: 187, tableRow: 1500 });
    expect(du.services.find((s) => s.service === 'AKTA-LAHIR')).toMatchObject({ ikm: 71.24, mutu: 'C', weakestUnsur: 'U3', respondents: 48 });
  });

  it('an officer named by at least 30 respondents is scored on their own IKM', () => {
    const fo = run.employees.find((x) => x.employee.position === 'Petugas Pendaftaran Pasien')!;
    expect(fo.satisfaction!.basis).toBe('officer');
    expect(fo.satisfaction!.respondents).toBe(34);
    const officer = run.feedback!.officers.find((o) => o.key === fo.employee.nip)!;
    expect(officer.ownIkmUsed).toBe(true);
  });

  it('every feedback file is recorded with read = accepted + rejected', () => {
    const files = run.inputs.filter((i) => i.kind === 'umpan-balik');
    expect(files.map((f) => f.file.split('/').pop())).toEqual(['kecamatan.xlsx', 'layanan-lain.csv', 'loket-dukcapil-01-jan.csv', 'loket-dukcapil-02-feb.csv', 'rsud-rawat-jalan.xlsx']);
    for (const f of files) expect(f.read).toBe(f.accepted + f.rejected);
    expect(files.find((f) => f.file.endsWith('02-feb.csv'))).toMatchObject({ encoding: 'windows-1252', delimiter: ';' });
  });
});
