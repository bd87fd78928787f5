import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { parsePeriod } from '../../src/domain/period.js';
import type { EmployeeResult } from '../../src/engine/types.js';
import { computeRun } from '../../src/pipeline/run.js';
import type { RunResult } from '../../src/pipeline/types.js';
import { buildResultsDocument, serializeResults, writeResultsJson } from '../../src/reports/results-json.js';
import { writeReportWorkbook } from '../../src/reports/workbook.js';
import { fixtureRun } from './reports-fixture.js';

/**
 * Large-run writers (SPEC §9): the streamed hasil JSON is byte-identical to the in-memory one, and
 * the streamed workbook holds the same cells, styles, widths, frozen header and filters as the
 * in-memory workbook.
 */

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'appraise-stream-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The fixture's employees copied under new NIPs: more than the JSON writer's batch of 500. */
function bigRun(n: number): RunResult {
  const run = fixtureRun();
  const employees: EmployeeResult[] = [];
  for (let i = 0; i < n; i++) {
    const e = run.employees[i % run.employees.length]!;
    const nip = `${e.employee.nip.slice(0, 15)}${String(i % 1000).padStart(3, '0')}`;
    employees.push({ ...e, employee: { ...e.employee, nip, name: `${e.employee.name} ${i}` } });
  }
  return { ...run, employees };
}

describe('writeResultsJson', () => {
  it.each([0, 1, 3, 1234])('is byte-identical to serializeResults with %i employees', async (n) => {
    const run = n === 3 ? fixtureRun() : bigRun(n);
    const path = join(dir, `hasil-${n}.json`);
    await writeResultsJson(run, path);
    expect(await readFile(path, 'utf8')).toBe(serializeResults(buildResultsDocument(run)));
  });

  it('writes the feedback officers and employees as they are made, the same bytes (Sinabang)', async () => {
    const ws = resolve(__dirname, '../../examples/sinabang');
    const run = await computeRun({ workspace: ws, loaded: loadConfig(ws, 'id'), period: parsePeriod('2025-Q1')!, lang: 'id' });
    const doc = buildResultsDocument(run);
    expect(doc.feedback!.officers.length).toBeGreaterThan(0);
    expect(doc.feedback!.employees.length).toBeGreaterThan(0);
    const path = join(dir, 'hasil-sinabang.json');
    await writeResultsJson(run, path);
    expect(await readFile(path, 'utf8')).toBe(serializeResults(doc));
  });
});

/** Every cell's value and look, row by row, plus the sheet's views, filter and widths. */
async function dump(path: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb.worksheets.map((ws) => {
    const rows: string[] = [];
    ws.eachRow({ includeEmpty: true }, (row) => {
      const cells: unknown[] = [];
      // A fill is compared by its colour: ExcelJS reads 'no fill' back as null or as pattern none.
      row.eachCell({ includeEmpty: false }, (c, col) => cells.push([col, c.value, c.numFmt ?? '', (c.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb ?? null, c.font?.bold ?? false]));
      rows.push(JSON.stringify([row.number, cells]));
    });
    return [JSON.stringify({ name: ws.name, views: ws.views, filter: ws.autoFilter, widths: ws.columns?.map((c) => c.width) }), ...rows];
  }).flat();
}

describe('writeReportWorkbook: streamed = in memory', () => {
  it('writes the same sheets either way, and says which way it took', async () => {
    const run = bigRun(60);
    const mem = await writeReportWorkbook(run, join(dir, 'mem.xlsx'), 'id', { streamAboveRows: 1_000_000 });
    const str = await writeReportWorkbook(run, join(dir, 'str.xlsx'), 'id', { streamAboveRows: 10 });
    expect(mem.mode).toBe('memory');
    expect(str.mode).toBe('stream');
    const a = await dump(join(dir, 'mem.xlsx'));
    const b = await dump(join(dir, 'str.xlsx'));
    const names = (d: string[]) => d.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line).name);
    expect(names(b)).toEqual(names(a));
    expect(names(b).slice(0, 3)).toEqual(['Ringkasan', 'Pegawai', 'Indikator']);
    // The streamed Ringkasan ends with a note naming the chart file instead of the picture.
    const at = (d: string[], name: string) => d.findIndex((line) => line.startsWith('{') && JSON.parse(line).name === name);
    const extra = b.slice(at(b, 'Ringkasan'), at(b, 'Pegawai')).slice(at(a, 'Pegawai') - at(a, 'Ringkasan'));
    expect(extra.join('\n')).toContain('laporan-kinerja-2025-Q1-grafik-predikat.png');
    const withoutNote = [...b.slice(0, at(b, 'Pegawai') - extra.length), ...b.slice(at(b, 'Pegawai'))];
    expect(withoutNote.length).toBe(a.length);
    // The note's text also widens Ringkasan's first columns; every other width is the same.
    const r = at(a, 'Ringkasan');
    const noWidths = (line: string) => JSON.stringify({ ...JSON.parse(line), widths: null });
    expect(noWidths(withoutNote[r]!)).toBe(noWidths(a[r]!));
    for (let i = 0; i < a.length; i++) if (i !== r) expect(withoutNote[i]).toBe(a[i]);
  });

  it('writes a sheet image beside a streamed workbook, with a note on the sheet', async () => {
    const sub = await mkdtemp(join(dir, 'img-'));
    const { SHEETS } = await import('../../src/reports/sheets/index.js');
    const ringkasan = SHEETS[0]!;
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const original = ringkasan.build;
    (ringkasan as { build: typeof original }).build = (r, lang) => ({
      ...original(r, lang),
      images: [{ name: 'grafik-predikat', png, col: 4, row: 1, width: 400, height: 300 }],
    });
    try {
      const result = await writeReportWorkbook(bigRun(60), join(sub, 'laporan-kinerja-2025-Q1.xlsx'), 'id', { streamAboveRows: 10 });
      expect(result.imageFiles).toEqual(['laporan-kinerja-2025-Q1-grafik-predikat.png']);
      expect((await readdir(sub)).sort()).toEqual(['laporan-kinerja-2025-Q1-grafik-predikat.png', 'laporan-kinerja-2025-Q1.xlsx']);
      expect([...(await readFile(join(sub, result.imageFiles[0]!)))]).toEqual([...png]);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(sub, 'laporan-kinerja-2025-Q1.xlsx'));
      const texts: string[] = [];
      wb.getWorksheet('Ringkasan')!.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
      expect(texts).toContain('laporan-kinerja-2025-Q1-grafik-predikat.png');
    } finally {
      (ringkasan as { build: typeof original }).build = original;
    }
  });
});
