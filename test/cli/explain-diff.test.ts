import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { appraise, SINABANG, tempDir } from './helpers.js';

const NIP = '198901052018021004';

/** Reads the value of a cell given as `file!sheet!G17` from the example workspace. */
async function cellAt(place: string): Promise<unknown> {
  const [file, sheet, cell] = place.split('!');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(SINABANG, file!));
  return wb.getWorksheet(sheet!)!.getCell(cell!).value;
}

describe('appraise explain', () => {
  it('explains every number of one employee from the cells it came from (2025-Q2)', async () => {
    const r = appraise(['explain', NIP, '--period', '2025-Q2', '--json'], { cwd: SINABANG });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.nip).toBe(NIP);
    expect(doc.indicators.map((i: { code: string }) => i.code)).toEqual(['BKP-51', 'BKP-52', 'BKP-44']);
    for (const i of doc.indicators) {
      // The places point at the very cells that hold the values used.
      expect(await cellAt(i.places.target)).toBe(i.target);
      expect(await cellAt(i.places.actual)).toBe(i.actual);
    }
    const [b51, b52, b44] = doc.indicators;
    expect(b51.capaian).toBeCloseTo((379 / 400) * 100, 10);
    expect(b52.capaian).toBeCloseTo((2 - 2.2 / 2) * 100, 10);
    expect(b44).toMatchObject({ target: 0, actual: 1, capaian: 0, direction: 'turun' });
    // Aspects: produktivitas 94.75, kualitas-layanan (90 + 0) / 2, kepuasan = IKM / 76.61 × 100 (capped at 120).
    const aspects = Object.fromEntries(doc.aspects.map((a: { key: string; score: number | null; weight: number }) => [a.key, a]));
    expect(aspects.produktivitas.score).toBeCloseTo(94.75, 10);
    expect(aspects['kualitas-layanan'].score).toBeCloseTo(45, 10);
    expect(doc.satisfaction).not.toBeNull();
    const kepuasan = Math.min((doc.satisfaction.ikm / 76.61) * 100, 120);
    expect(aspects['kepuasan-masyarakat'].score).toBeCloseTo(kepuasan, 10);
    expect(doc.workScore).toBeCloseTo((94.75 * 40 + 45 * 30 + kepuasan * 30) / 100, 10);
    expect(doc.workRating.final).toBe(doc.workScore < 90 ? 'DI_BAWAH' : doc.workScore < 110 ? 'SESUAI' : 'DI_ATAS');

    const steps = doc.steps as { section: string; step: string; text: string; sources: string[] }[];
    expect([...new Set(steps.map((s) => s.section))]).toEqual(['employee', 'input', 'policy', 'computation', 'result']);
    expect(steps[0]!.sources).toEqual([expect.stringMatching(/^data\/pegawai\.xlsx!Pegawai!\d+:\d+$/)]);
    const computation = steps.filter((s) => s.section === 'computation').map((s) => s.step);
    // Capaian of each indicator first, then every aspect, then the work score and its rating;
    // later stages (training) follow in the engine's order.
    expect(computation.slice(0, 3)).toEqual(['capaian', 'capaian', 'capaian']);
    expect(computation.filter((s) => s === 'aspect')).toHaveLength(3);
    expect(computation.lastIndexOf('aspect')).toBeLessThan(computation.indexOf('workScore'));
    expect(computation.indexOf('workScore') + 1).toBe(computation.indexOf('rating'));
    expect(steps.find((s) => s.step === 'capaian' && s.text.startsWith('BKP-52'))!.text).toContain('(2 − 2,2 / 2) × 100 = 90,00');
    expect(steps.find((s) => s.step === 'workScore')!.text).toMatch(/^Nilai hasil kerja = \(94,75 × 40 \+ 45,00 × 30 \+ \d+,\d\d × 30\) \/ 100 = \d+,\d\d$/);

    // It agrees with the report of the same inputs.
    const out = tempDir();
    expect(appraise(['run', '--period', '2025-Q2', '-q', '-o', out], { cwd: SINABANG }).code).toBe(0);
    const hasil = JSON.parse(readFileSync(join(out, 'hasil-2025-Q2.json'), 'utf8'));
    expect(hasil.employees.find((e: { nip: string }) => e.nip === NIP).workScore).toBe(Math.round(doc.workScore * 100) / 100);
  });

  it('prints the steps on the terminal and writes them to one sheet with -o', async () => {
    const dir = tempDir();
    const r = appraise(['explain', NIP, '--period', '2025-Q1', '--lang', 'en', '-o', join(dir, 'x.xlsx')], { cwd: SINABANG });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Input cells');
    expect(r.stdout).toContain('↳ data/2025-Q1/indikator.xlsx!Indikator!G');
    expect(r.stdout).toContain(`Written: ${join(dir, 'x.xlsx')}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'x.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Explanation']);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, 'No', 'Section', 'Step', 'Description', 'Value', 'Sources']);
    const json = JSON.parse(appraise(['explain', NIP, '--period', '2025-Q1', '--lang', 'en', '--json'], { cwd: SINABANG }).stdout);
    expect(ws.rowCount).toBe(json.steps.length + 1);
    expect(ws.getCell('E2').value).toBe(NIP); // a NIP stays text
  });

  it('an unknown NIP is a usage error (exit 2) naming the closest NIPs', () => {
    const r = appraise(['explain', '198901052018021005', '--period', '2025-Q1', '--lang', 'en'], { cwd: SINABANG });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('NIP 198901052018021005 is not among the 75 employees of period 2025-Q1.');
    expect(r.stderr).toContain(`Similar NIPs: ${NIP} Maimun Saleh`);
    const bad = appraise(['explain', '12345', '--period', '2025-Q1', '--lang', 'en'], { cwd: SINABANG });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("'12345' is not a NIP");
  });
});

describe('appraise diff', () => {
  let q1: string;
  let q2: string;
  beforeAll(() => {
    const out = tempDir();
    for (const p of ['2025-Q1', '2025-Q2']) expect(appraise(['run', '--period', p, '-q', '-o', join(out, p)], { cwd: SINABANG }).code).toBe(0);
    q1 = join(out, '2025-Q1/hasil-2025-Q1.json');
    q2 = join(out, '2025-Q2/hasil-2025-Q2.json');
  });

  it('2025-Q1 → 2025-Q2: who changed rating or band, with the indicators behind it', () => {
    const r = appraise(['diff', '--from', '2025-Q1', '--to', '2025-Q2', '--json'], { cwd: SINABANG });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.counts).toMatchObject({ compared: 75, moved: 0, joined: 0, left: 0 });
    expect(doc.counts.changed).toBe(doc.employees.length);
    const a = JSON.parse(readFileSync(q1, 'utf8'));
    const b = JSON.parse(readFileSync(q2, 'utf8'));
    // Exactly the employees whose predikat, a rating, the score band (110/90) or status differs between the two result files.
    type E = { nip: string; workScore: number | null; workRating: { suggested: string; final: string }; status: string; predikat: string | null; behaviourRating: string | null };
    const band = (x: number | null) => (x === null ? null : x >= 110 ? 3 : x >= 90 ? 2 : 1);
    const byNip = new Map<string, E>(a.employees.map((e: E) => [e.nip, e]));
    const expected = b.employees
      .filter((e: E) => {
        const x = byNip.get(e.nip)!;
        return x.workRating.suggested !== e.workRating.suggested || x.workRating.final !== e.workRating.final
          || x.status !== e.status || band(x.workScore) !== band(e.workScore)
          || x.predikat !== e.predikat || x.behaviourRating !== e.behaviourRating;
      })
      .map((e: { nip: string }) => e.nip)
      .sort();
    expect(doc.employees.map((e: { nip: string }) => e.nip).sort()).toEqual(expected);

    const m = doc.employees.find((e: { nip: string }) => e.nip === NIP);
    expect(m.workScore).toEqual({ from: a.employees.find((e: { nip: string }) => e.nip === NIP).workScore, to: b.employees.find((e: { nip: string }) => e.nip === NIP).workScore });
    expect(m.changes).toContainEqual({ field: 'workRating.final', from: 'SESUAI', to: 'DI_BAWAH' });
    expect(m.changes).toContainEqual({ field: 'workBand', from: 'SESUAI', to: 'DI_BAWAH' });
    expect(m.causes[0]).toEqual({
      kind: 'indicator',
      code: 'BKP-44',
      aspect: 'kualitas-layanan',
      from: { target: 0, actual: 0, capaian: 100, status: 'ok', place: 'data/2025-Q1/indikator.xlsx!Indikator!G242' },
      to: { target: 0, actual: 1, capaian: 0, status: 'ok', place: 'data/2025-Q2/indikator.xlsx!Indikator!G240' },
      delta: -100,
    });
    expect(m.causes).toContainEqual({ kind: 'aspect', key: 'kualitas-layanan', from: 97.5, to: 45, delta: -52.5 });
  });

  it('between two result files: moved, joined and left, the same changes as the periods otherwise', async () => {
    const b = JSON.parse(readFileSync(q2, 'utf8'));
    const [moved, gone] = [b.employees[0], b.employees[1]];
    moved.unit = 'Dinas Kesehatan';
    b.employees = b.employees.filter((e: { nip: string }) => e.nip !== gone.nip);
    b.employees.push({ ...structuredClone(moved), nip: '200001012022012001', name: 'Pegawai Baru' });
    const dir = tempDir();
    const edited = join(dir, 'b.json');
    writeFileSync(edited, JSON.stringify(b));
    const r = appraise(['diff', '--from-file', q1, '--to-file', edited, '--json', '-o', join(dir, 'd.xlsx')], { cwd: dir });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.counts.joined).toBe(1);
    expect(doc.counts.left).toBe(1);
    expect(doc.counts.moved).toBe(1);
    expect(doc.employees.find((e: { kind: string }) => e.kind === 'left').nip).toBe(gone.nip);
    expect(doc.employees.find((e: { kind: string }) => e.kind === 'joined').nip).toBe('200001012022012001');
    expect(doc.employees.find((e: { nip: string }) => e.nip === moved.nip).unit.to).toBe('Dinas Kesehatan');
    // Files carry no places; the indicator causes still name the values.
    const m = doc.employees.find((e: { nip: string }) => e.nip === NIP);
    expect(m.causes[0]).toMatchObject({ code: 'BKP-44', from: { actual: 0, place: null }, to: { actual: 1, place: null } });

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'd.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Perubahan', 'Penyebab']);
    expect(wb.worksheets[0]!.rowCount).toBe(doc.employees.length + 1);
  });

  it('usage errors: a missing side, an unreadable or foreign file', () => {
    expect(appraise(['diff', '--from', '2025-Q1'], { cwd: SINABANG }).code).toBe(2);
    expect(appraise(['diff', '--from', '2025-Q1', '--from-file', q1, '--to', '2025-Q2'], { cwd: SINABANG }).code).toBe(2);
    const dir = tempDir();
    writeFileSync(join(dir, 'x.json'), '{"hello": 1}');
    const r = appraise(['diff', '--from-file', join(dir, 'x.json'), '--to-file', q2, '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not an appraise results file');
  });
});
