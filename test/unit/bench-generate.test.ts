import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BIRTH_DAYS, FILES, NIP_CAPACITY, UNIT_COUNT, benchUnits, estimateBytes, generateWorkspace, indexOfNip, nipAt,
} from '../../src/bench/generate.ts';
import { parseNip } from '../../src/domain/nip.ts';
import { COLUMNS } from '../../src/ingest/columns.ts';
import { parseNumber } from '../../src/io/values.ts';
import { configSchema } from '../../src/config/schema.ts';
import { parse as parseYaml } from 'yaml';

const N = 200;
const root = mkdtempSync(join(tmpdir(), 'bench-gen-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const read = (dir: string, rel: string): string[][] => parse(readFileSync(join(dir, rel)), { bom: true }) as string[][];
const hashes = (dir: string, rels: string[]) =>
  Object.fromEntries(rels.map((rel) => [rel, createHash('sha256').update(readFileSync(join(dir, rel))).digest('hex')]));
const ALL = Object.values(FILES);

describe('generateWorkspace', () => {
  let a: string;
  let rows: Record<string, number>;
  let files: string[];
  beforeAll(async () => {
    a = join(root, 'a');
    ({ rows, files } = await generateWorkspace(a, { employees: N, seed: 7 }));
  });

  it('is deterministic for a seed and differs for another seed', async () => {
    const b = join(root, 'b');
    const c = join(root, 'c');
    await generateWorkspace(b, { employees: N, seed: 7 });
    await generateWorkspace(c, { employees: N, seed: 8 });
    const ha = hashes(a, ALL);
    expect(hashes(b, ALL)).toEqual(ha);
    const hc = hashes(c, ALL);
    for (const rel of [FILES.roster, FILES.indicators, FILES.behaviour, FILES.units, FILES.survey]) {
      expect(hc[rel], rel).not.toBe(ha[rel]);
    }
  });

  it('reports its files and row counts, and the files hold exactly those rows', () => {
    expect(rows).toEqual({
      [FILES.catalogue]: 8,
      [FILES.roster]: N,
      [FILES.units]: UNIT_COUNT,
      [FILES.indicators]: 8 * N,
      [FILES.behaviour]: N,
      [FILES.survey]: 5 * N,
    });
    expect(files.map((f) => f.slice(a.length + 1)).sort()).toEqual([...ALL].sort());
    for (const [rel, n] of Object.entries(rows)) expect(read(a, rel).length, rel).toBe(n + 1);
  });

  it('writes about as many bytes as estimateBytes says (the disk-space check relies on it)', () => {
    const total = files.reduce((sum, f) => sum + statSync(f).size, 0);
    expect(total / estimateBytes(N)).toBeGreaterThan(0.8);
    expect(total / estimateBytes(N)).toBeLessThan(1.25);
  });

  it('writes a config the schema accepts, with the benchmark organisation and default detailSheetMaxRows', () => {
    const config = configSchema.parse(parseYaml(readFileSync(join(a, FILES.config), 'utf8')));
    expect(config.organisation).toBe('Benchmark');
    expect(config.reports.detailSheetMaxRows).toBe(200_000);
  });

  it('uses the first (Indonesian) header of each column spec', () => {
    const kinds = {
      [FILES.roster]: 'pegawai', [FILES.indicators]: 'indikator', [FILES.behaviour]: 'perilaku',
      [FILES.units]: 'unit', [FILES.survey]: 'umpan-balik', [FILES.catalogue]: 'katalog-pelatihan',
    } as const;
    for (const [rel, kind] of Object.entries(kinds)) {
      const firstHeaders = COLUMNS[kind].map((c) => c.headers[0]);
      const header = read(a, rel)[0]!;
      for (const h of header) expect(firstHeaders, `${rel}: ${h}`).toContain(h);
      for (const spec of COLUMNS[kind].filter((c) => c.required)) expect(header, rel).toContain(spec.headers[0]);
    }
  });

  it('writes valid, unique NIPs; supervisors and unit leaders are heads on the roster', () => {
    const [header, ...body] = read(a, FILES.roster);
    const col = (name: string) => header!.indexOf(name);
    const nips = body.map((r) => r[col('NIP')]!);
    for (const nip of nips) expect(parseNip(nip), nip).toEqual({ ok: true, nip });
    expect(new Set(nips).size).toBe(N);
    const unitOf = new Map(body.map((r) => [r[col('NIP')]!, r[col('Unit Kerja')]!]));
    expect(new Set(unitOf.values()).size).toBe(UNIT_COUNT);
    for (const r of body) {
      const sup = r[col('NIP Atasan')]!;
      if (sup === '') continue;
      expect(unitOf.get(sup), `supervisor of ${r[0]}`).toBe(r[col('Unit Kerja')]);
      expect(sup).not.toBe(r[col('NIP')]);
    }
    expect(body.filter((r) => r[col('NIP Atasan')] === '')).toHaveLength(UNIT_COUNT);

    const [uh, ...units] = read(a, FILES.units);
    const units0 = benchUnits(7);
    expect(units.map((u) => u[uh!.indexOf('Unit Kerja')])).toEqual(units0.map((u) => u.name));
    for (const u of units) {
      expect(unitOf.get(u[uh!.indexOf('NIP Pimpinan')]!)).toBe(u[uh!.indexOf('Unit Kerja')]);
      expect(['Istimewa', 'Baik', 'Butuh Perbaikan', 'Kurang', 'Sangat Kurang']).toContain(u[uh!.indexOf('Predikat Organisasi')]);
      expect(Number(u[uh!.indexOf('Jumlah Penerima Layanan')])).toBeGreaterThanOrEqual(50);
    }
  });

  it('gives every roster NIP 8 indicators with numbers read without warnings, and every indicator NIP is on the roster', () => {
    const roster = new Set(read(a, FILES.roster).slice(1).map((r) => r[0]!));
    const [header, ...body] = read(a, FILES.indicators);
    const at = (r: string[], name: string) => r[header!.indexOf(name)]!;
    const perNip = new Map<string, string[]>();
    for (const r of body) {
      expect(roster.has(at(r, 'NIP'))).toBe(true);
      perNip.set(at(r, 'NIP'), [...(perNip.get(at(r, 'NIP')) ?? []), at(r, 'Kode')]);
      expect(['produktivitas', 'kualitas-layanan']).toContain(at(r, 'Aspek'));
      expect(['naik', 'turun']).toContain(at(r, 'Arah'));
      for (const name of ['Realisasi', 'Bobot']) {
        const p = parseNumber(at(r, name));
        expect(p.ok && p.warning === undefined && p.value >= 0, `${name} ${at(r, name)}`).toBe(true);
      }
      const target = at(r, 'Target');
      if (target !== '85-95') {
        const p = parseNumber(target);
        expect(p.ok && p.warning === undefined, `Target ${target}`).toBe(true);
        if (at(r, 'Arah') === 'naik') expect(Number(target)).toBeGreaterThan(0);
      }
    }
    expect(perNip.size).toBe(N);
    for (const codes of perNip.values()) expect(codes).toEqual(['IKI-01', 'IKI-02', 'IKI-03', 'IKI-04', 'IKI-05', 'IKI-06', 'IKI-07', 'IKI-08']);
    // A realistic spread: not everyone at the target.
    const realisasi = body.filter((r) => at(r, 'Kode') === 'IKI-01').map((r) => Number(at(r, 'Realisasi')) / Number(at(r, 'Target')));
    expect(Math.min(...realisasi)).toBeLessThan(0.9);
    expect(Math.max(...realisasi)).toBeGreaterThan(1.1);
  });

  it('writes one behaviour row per employee, rated by the unit head, mostly Sesuai', () => {
    const [rosterHeader, ...roster] = read(a, FILES.roster);
    const supervisorCol = rosterHeader!.indexOf('NIP Atasan');
    const [header, ...body] = read(a, FILES.behaviour);
    expect(body.map((r) => r[0])).toEqual(roster.map((r) => r[0]));
    const ratings = body.flatMap((r) => r.slice(3, 10));
    for (const v of ratings) expect(['Di Atas Ekspektasi', 'Sesuai Ekspektasi', 'Di Bawah Ekspektasi']).toContain(v);
    expect(ratings.filter((v) => v === 'Sesuai Ekspektasi').length / ratings.length).toBeGreaterThan(0.6);
    for (let k = 0; k < body.length; k++) {
      expect(body[k]![header!.indexOf('NIP Penilai')]).toBe(roster[k]![supervisorCol]);
      expect(body[k]![header!.indexOf('Peran Penilai')]).toBe('atasan');
    }
  });

  it('writes 5 survey responses per employee with valid answers, unique respondents, Q1 dates and the unit’s services', () => {
    const roster = read(a, FILES.roster).slice(1);
    const servicesOfUnit = new Map(benchUnits(7).map((u) => [u.name, new Set(u.services)]));
    const nips = new Set(roster.map((r) => r[0]!));
    const [header, ...body] = read(a, FILES.survey);
    const at = (r: string[], name: string) => r[header!.indexOf(name)]!;
    expect(body).toHaveLength(5 * N);
    expect(new Set(body.map((r) => at(r, 'ID Responden'))).size).toBe(body.length);
    let officers = 0;
    let complaints = 0;
    for (const r of body) {
      expect(at(r, 'Tanggal') >= '2025-01-01' && at(r, 'Tanggal') <= '2025-03-31', at(r, 'Tanggal')).toBe(true);
      expect(servicesOfUnit.get(at(r, 'Unit Kerja'))?.has(at(r, 'Layanan'))).toBe(true);
      for (let u = 1; u <= 9; u++) expect(['1', '2', '3', '4']).toContain(at(r, `U${u}`));
      if (at(r, 'NIP Petugas')) {
        officers++;
        expect(nips.has(at(r, 'NIP Petugas'))).toBe(true);
      }
      if (at(r, 'Pengaduan')) complaints++;
    }
    expect(officers).toBeGreaterThan(0);
    expect(complaints).toBeGreaterThan(0);
  });

  it('multiplies only the survey rows with surveyMultiplier', async () => {
    const d = join(root, 'x20');
    const result = await generateWorkspace(d, { employees: N, seed: 7, surveyMultiplier: 20 });
    expect(result.rows[FILES.survey]).toBe(20 * 5 * N);
    expect(read(d, FILES.survey)).toHaveLength(20 * 5 * N + 1);
    expect(hashes(d, [FILES.roster, FILES.indicators])).toEqual(hashes(a, [FILES.roster, FILES.indicators]));
  });

  it('rejects too few employees and bad options instead of writing a broken workspace', async () => {
    await expect(generateWorkspace(join(root, 'bad'), { employees: 59 })).rejects.toThrow(RangeError);
    await expect(generateWorkspace(join(root, 'bad'), { employees: 100, surveyMultiplier: 0 })).rejects.toThrow(RangeError);
    await expect(generateWorkspace(join(root, 'bad'), { employees: 100, seed: -1 })).rejects.toThrow(RangeError);
  });
});

describe('NIP construction', () => {
  it('maps every index below 2,000,000 to a distinct NIP (nipAt is inverted by indexOfNip)', () => {
    // An inverse proves injectivity without holding 2M strings.
    for (let i = 0; i < 2_000_000; i++) {
      const nip = nipAt(i, 1 + (i % 12), i % 2 ? 1 : 2);
      if (indexOfNip(nip) !== i) expect.fail(`index ${i}: ${nip} → ${indexOfNip(nip)}`);
    }
  }, 120_000);

  it('keeps NIPs valid at the edges of the construction (1999 births, TMT 2024, sequence 999)', () => {
    const samples = [0, 1, BIRTH_DAYS - 1, 1_999_999, NIP_CAPACITY - 1, NIP_CAPACITY - 2, 12_345_678];
    for (const i of samples) {
      const nip = nipAt(i, 12, 2);
      expect(parseNip(nip), nip).toEqual({ ok: true, nip });
      expect(Number(nip.slice(8, 12))).toBeLessThanOrEqual(2024);
      expect(indexOfNip(nip)).toBe(i);
    }
    const sequences = new Set(samples.map((i) => nipAt(i, 1, 1).slice(15)));
    expect(sequences.has('000')).toBe(false);
    expect(() => nipAt(NIP_CAPACITY, 1, 1)).toThrow(RangeError);
  });
});
