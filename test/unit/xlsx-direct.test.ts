import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDirectWorkbook } from '../../src/reports/xlsx-direct.js';
import type { SheetContent } from '../../src/reports/sheets/types.js';

/** The direct XML writer of large workbooks, read back by ExcelJS (the reports-stream test compares whole reports). */

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'appraise-xlsx-direct-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const content: SheetContent = {
  blocks: [
    {
      columns: [
        { header: 'NIP', type: 'text', width: 20 },
        { header: 'Nama <&> "kutip"', type: 'general', width: 10 },
        { header: 'Nilai', type: 'number', width: 8 },
        { header: 'Jumlah', type: 'integer', width: 8 },
      ],
      rows: [
        ['198001012005011001', '  spasi di depan', 97.315, 3],
        ['198001012005011002', 'kontrol\u0001dibuang & <tag>', { value: 'Baik', fill: 'FFC6EFCE', bold: true } as never, null],
      ],
    },
    { title: 'Blok kedua', columns: [{ header: 'Catatan', type: 'general', width: 12 }], rows: [['ünïcode — ok']] },
  ],
};

describe('writeDirectWorkbook', () => {
  it('writes a workbook ExcelJS reads back: text NIPs, escaped text, styles, frozen header, filter', async () => {
    const path = join(dir, 'a.xlsx');
    await writeDirectWorkbook(path, [{ name: "Pegawai's", content }], new Date('2025-03-31T00:00:00Z'), 'id');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet("Pegawai's")!;
    expect(ws.getCell('A2').value).toBe('198001012005011001');
    expect(ws.getCell('A2').numFmt).toBe('@');
    expect(ws.getCell('B1').value).toBe('Nama <&> "kutip"');
    expect(ws.getCell('B1').font?.bold).toBe(true);
    expect((ws.getCell('B1').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFD9E1F2');
    expect(ws.getCell('B2').value).toBe('  spasi di depan');
    expect(ws.getCell('C2').value).toBe(97.315);
    expect(ws.getCell('C2').numFmt).toBe('0.00');
    expect(ws.getCell('D2').numFmt).toBe('0');
    expect(ws.getCell('B3').value).toBe('kontroldibuang & <tag>');
    expect(ws.getCell('C3').value).toBe('Baik');
    expect((ws.getCell('C3').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFC6EFCE');
    expect(ws.getCell('D3').value).toBeNull();
    expect(ws.getCell('A5').value).toBe('Blok kedua');
    expect(ws.getCell('A5').font?.size).toBe(12);
    expect(ws.getCell('A7').value).toBe('ünïcode — ok');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, topLeftCell: 'A2' });
    expect(ws.autoFilter).toBe('A1:D3');
    expect(ws.getColumn(1).width).toBe(20);
    expect(wb.creator).toBe('appraise');
    expect(wb.created?.toISOString()).toBe('2025-03-31T00:00:00.000Z');
  });

  it('gives the same bytes for the same sheets', async () => {
    await writeDirectWorkbook(join(dir, 'b.xlsx'), [{ name: 'X', content }], new Date('2025-03-31T00:00:00Z'), 'id');
    await writeDirectWorkbook(join(dir, 'c.xlsx'), [{ name: 'X', content }], new Date('2025-03-31T00:00:00Z'), 'id');
    expect((await readFile(join(dir, 'b.xlsx'))).equals(await readFile(join(dir, 'c.xlsx')))).toBe(true);
  });
});
