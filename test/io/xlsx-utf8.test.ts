import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { readXlsxRows } from '../../src/io/xlsx.ts';

const dir = mkdtempSync(join(tmpdir(), 'appraise-xlsx-utf8-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * ExcelJS's streaming parser decodes each zip chunk on its own, so a multi-byte character that
 * straddles a chunk boundary became U+FFFD in large sheets. Names like Ja’far and Dhien – Kepala
 * are everyday data here: thousands of rows of them must come back exactly.
 */
describe('xlsx streaming reader and UTF-8 across chunk boundaries', () => {
  it('reads every multi-byte character back exactly, in shared strings and inline text', async () => {
    const names = Array.from({ length: 6000 }, (_, i) => `Teuku Ja’far – Cut Nyak Dhién ${i} ✓`);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Pegawai');
    ws.addRow(['Nama', 'Catatan']);
    for (const n of names) ws.addRow([n, `${n} ‘catatan’`]);
    const path = join(dir, 'big.xlsx');
    await wb.xlsx.writeFile(path);

    const got: string[] = [];
    for await (const row of readXlsxRows(path, 'big.xlsx')) if (row.row > 1) got.push(String(row.cells[0]), String(row.cells[1]));
    expect(got.filter((s) => s.includes('\uFFFD'))).toEqual([]);
    expect(got.length).toBe(names.length * 2);
    expect(got[0]).toBe(names[0]);
    expect(got[got.length - 1]).toBe(`${names[names.length - 1]} ‘catatan’`);
  });
});
