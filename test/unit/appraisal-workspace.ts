import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load.ts';
import { parsePeriod } from '../../src/domain/period.ts';
import { computeRun } from '../../src/pipeline/run.ts';
import type { RunResult } from '../../src/pipeline/types.ts';

/** Small csv workspaces for the appraisal tests (issue 4), written to a temp folder. */

export const BERAKHLAK_HEADERS = ['Berorientasi Pelayanan', 'Akuntabel', 'Kompeten', 'Harmonis', 'Loyal', 'Adaptif', 'Kolaboratif'];
export const PERILAKU_HEADERS = ['NIP', 'NIP Penilai', 'Peran Penilai', ...BERAKHLAK_HEADERS, 'Rating Hasil Kerja'];
export const INDIKATOR_HEADERS = ['NIP', 'Kode', 'Indikator', 'Aspek', 'Jenis', 'Target', 'Realisasi', 'Satuan', 'Arah', 'Bobot', 'Agregasi'];

/** A valid PNS NIP with sequence i (1..999). */
export function nip(i: number): string {
  return `198001012005011${String(i).padStart(3, '0')}`;
}

export type Cell = string | number | null;

export function csv(rows: Cell[][]): string {
  return rows.map((r) => r.map((v) => (v === null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))).join(',')).join('\n') + '\n';
}

export interface Person {
  i: number;
  unit: string;
  supervisor?: number | null;
}

export function makeWorkspace(opts: {
  config?: string;
  people: Person[];
  files: Record<string, Cell[][]>;
}): string {
  const dir = mkdtempSync(join(tmpdir(), 'appraise-appraisal-'));
  const config = opts.config ?? '';
  writeFileSync(join(dir, 'appraise.config.yaml'), `organisation: Uji\n${config}`);
  mkdirSync(join(dir, 'data'), { recursive: true });
  writeFileSync(
    join(dir, 'data', 'pegawai.csv'),
    csv([
      ['NIP', 'Nama', 'Jabatan', 'Unit Kerja', 'NIP Atasan'],
      ...opts.people.map((p): Cell[] => [nip(p.i), `Pegawai ${p.i}`, 'Pelaksana', p.unit, p.supervisor ? nip(p.supervisor) : null]),
    ]),
  );
  for (const [path, rows] of Object.entries(opts.files)) {
    const full = join(dir, 'data', path);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, csv(rows));
  }
  return dir;
}

export const ONE_ASPECT = `aspects:\n  - key: produktivitas\n    label: Produktivitas\n    weight: 1\n`;

export async function run(dir: string, period = '2025-Q1', lang: 'id' | 'en' = 'en'): Promise<RunResult> {
  return computeRun({ workspace: dir, loaded: loadConfig(dir, lang), period: parsePeriod(period)!, lang });
}

/** Seven behaviour cells: `a` Di Atas values first, then `b` Di Bawah, the rest Sesuai. */
export function values(a: number, b = 0): string[] {
  return BERAKHLAK_HEADERS.map((_, k) => (k < a ? 'Di Atas Ekspektasi' : k < a + b ? 'Di Bawah Ekspektasi' : 'Sesuai Ekspektasi'));
}

export function indicatorRow(i: number, code: string, target: number | string, actual: number | null, extra: Partial<{ aspect: string; kind: string; unit: string; arah: string; agg: string; weight: number }> = {}): Cell[] {
  return [nip(i), code, `Indikator ${code}`, extra.aspect ?? 'produktivitas', extra.kind ?? 'utama', target, actual, extra.unit ?? 'dokumen', extra.arah ?? 'naik', extra.weight ?? 1, extra.agg ?? 'jumlah'];
}
