import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { appraise, tempDir } from '../cli/helpers.ts';
import { BUDI, SITI, SITI_PRESTASI, addCapaianSheet, addPrestasiSheet, saveWorkbook, EK, MAPPING_YAML, buildEkinerjaExport, buildForeignIndicators, buildWorkspace } from './fixtures.ts';

/** End to end on the built bin: `npm run build` first (the suite's CLI tests all need it). */
describe('appraise convert --from pp46 (built bin)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = tempDir();
    mkdirSync(join(dir, 'arsip'));
    const a = new ExcelJS.Workbook();
    addCapaianSheet(a, BUDI);
    await saveWorkbook(a, join(dir, 'arsip', 'skp-budi-2019.xlsx'));
    const b = new ExcelJS.Workbook();
    addCapaianSheet(b, { ...SITI, activities: [{ ...SITI.activities[0]!, nilai: '86,67' }] });
    addPrestasiSheet(b, SITI_PRESTASI);
    await saveWorkbook(b, join(dir, 'arsip', 'skp-siti-2019.xlsx'));
    writeFileSync(join(dir, 'arsip', '~$skp-siti-2019.xlsx'), 'lock file of an open workbook');
  });

  it('converts a folder, writes indicators, roster, scores and the parity report, and names the wrong cell', () => {
    const r = appraise(['convert', 'arsip', '--from', 'pp46', '-o', 'out/indikator.csv', '--json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.files).toEqual(['arsip/skp-budi-2019.xlsx', 'arsip/skp-siti-2019.xlsx']);
    expect(doc.tolerance).toBe(0.01);
    expect(doc.parity.differences).toBe(1);
    const bad = doc.parity.items.filter((p: { agree: boolean }) => !p.agree);
    expect(bad).toMatchObject([{ place: 'arsip/skp-siti-2019.xlsx!Siti!U16', item: 'K1.nilai', stated: 86.67, computed: 88.67 }]);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['indikator-nilai.csv', 'indikator-paritas.csv', 'indikator-pegawai.csv', 'indikator.csv']);
    const paritas = readFileSync(join(dir, 'out', 'indikator-paritas.csv'), 'utf8');
    expect(paritas).toContain('arsip/skp-siti-2019.xlsx!Siti!U16');
    expect(paritas).toMatch(/BEDA/);
    const ind = readFileSync(join(dir, 'out', 'indikator.csv'), 'utf8').replace(/^\uFEFF/, '').split('\r\n');
    expect(ind[0]).toBe('NIP,Kode,Indikator,Aspek,Jenis,Target,Realisasi,Satuan,Arah,Bobot,Agregasi,Periode,Sumber');
    expect(ind).toContain(`${BUDI.nip},K2-BIAYA,Mengelola belanja pegawai (biaya),produktivitas,utama,170395000,170395000,Rp,turun,1,jumlah,2019,arsip/skp-budi-2019.xlsx!Budi!15`);
  });

  it('refuses to overwrite without --force, and --strict exits 3 writing nothing', () => {
    const again = appraise(['convert', 'arsip', '--from', 'pp46', '-o', 'out/indikator.csv'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exist|sudah ada/);
    const strict = appraise(['convert', 'arsip', '--from', 'pp46', '-o', 'strict/indikator.xlsx', '--strict', '--lang', 'en'], { cwd: dir });
    expect(strict.code).toBe(3);
    expect(strict.stdout).toContain('arsip/skp-siti-2019.xlsx!Siti!U16');
    expect(strict.stdout).toMatch(/DIFFERS/);
    expect(strict.stderr).toMatch(/--strict: 1 stated number/);
    expect(existsSync(join(dir, 'strict'))).toBe(false);
  });

  it('the converted files feed a pp-46 workspace: validate accepts them', () => {
    const out = appraise(['convert', join('arsip', 'skp-budi-2019.xlsx'), '--from', 'pp46', '-o', 'x/indikator.xlsx'], { cwd: dir });
    expect(out.code).toBe(0);
    const ws = tempDir('appraise-ws-');
    writeFileSync(join(ws, 'appraise.config.yaml'), 'organisation: Simeulue\nregime: pp-46-2011\nperiodType: year\n');
    mkdirSync(join(ws, 'data', '2019'), { recursive: true });
    copyFileSync(join(dir, 'x', 'indikator-pegawai.xlsx'), join(ws, 'data', 'pegawai.xlsx'));
    copyFileSync(join(dir, 'x', 'indikator.xlsx'), join(ws, 'data', '2019', 'indikator.xlsx'));
    const v = appraise(['validate', '--period', '2019', '--json'], { cwd: ws });
    const doc = JSON.parse(v.stdout);
    expect(doc.errors).toBe(0);
    expect(v.code).toBe(0);
    expect(doc.inputs.map((i: { file: string; accepted: number }) => [i.file, i.accepted])).toEqual([['data/pegawai.xlsx', 1], ['data/2019/indikator.xlsx', 7]]);
  });
});

describe('appraise convert --from ekinerja and appraise import (built bin)', () => {
  it('writes the roster and the predikat list into the workspace period folder', async () => {
    const ws = buildWorkspace();
    await buildEkinerjaExport(join(ws, 'laporan.xlsx'));
    const r = appraise(['convert', 'laporan.xlsx', '--from', 'ekinerja', '-o', 'ekinerja-pegawai.xlsx', '--period', '2024', '--json'], { cwd: ws });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.superseded).toBe(1);
    expect(doc.written.map((p: string) => p.slice(ws.length + 1)).sort()).toEqual(['data/2024/predikat-ekinerja.csv', 'ekinerja-pegawai.xlsx']);
    const csv = readFileSync(join(ws, 'data', '2024', 'predikat-ekinerja.csv'), 'utf8');
    expect(csv).toContain(`${EK.budi},Budi Santoso,Sangat Baik`);
    expect(csv).not.toContain(EK.cut);
  });

  it('imports a foreign indicator sheet through a mapping; validate accepts it; no overwrite without --force', async () => {
    const ws = buildWorkspace();
    await buildForeignIndicators(join(ws, 'iki.xlsx'));
    writeFileSync(join(ws, 'peta.yaml'), MAPPING_YAML);
    const r = appraise(['import', 'indikator', 'iki.xlsx', '--period', '2025-Q1', '--map', 'peta.yaml', '--json'], { cwd: ws });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ read: 2, accepted: 2, rejected: 0, headerRow: 3 });
    expect(existsSync(join(ws, 'data', '2025-Q1', 'indikator.xlsx'))).toBe(true);
    const v = appraise(['validate', '--period', '2025-Q1', '--json'], { cwd: ws });
    expect(JSON.parse(v.stdout).errors).toBe(0);
    const again = appraise(['import', 'indikator', 'iki.xlsx', '--period', '2025-Q1', '--map', 'peta.yaml'], { cwd: ws });
    expect(again.code).toBe(2);
    expect(appraise(['import', 'indikator', 'iki.xlsx', '--period', '2025-Q1', '--map', 'peta.yaml', '--force'], { cwd: ws }).code).toBe(0);
  });

  it('a sheet with errors is not written (exit 3), without a mapping the required columns are missing', async () => {
    const ws = buildWorkspace();
    await buildForeignIndicators(join(ws, 'iki.xlsx'));
    const r = appraise(['import', 'indikator', 'iki.xlsx', '--period', '2025-Q1', '--lang', 'en'], { cwd: ws });
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/HEADER_NOT_FOUND/);
    expect(existsSync(join(ws, 'data', '2025-Q1', 'indikator.xlsx'))).toBe(false);
  });
});
