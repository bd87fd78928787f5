import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDirectWorkbook } from '../../src/reports/xlsx-direct.js';
import type { CellData, SheetContent } from '../../src/reports/sheets/types.js';
import { inflateRawSync } from 'node:zlib';

/** The direct XML writer of large workbooks, read back by ExcelJS (the reports-stream test compares whole reports). */

/** The entries of a zip, by name (central directory walk; deflated or stored). */
function readZipEntries(zip: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    out.set(name, method === 8 ? inflateRawSync(data) : data);
    at += 46 + skip;
  }
  return out;
}

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

  it('shares repeated texts (xl/sharedStrings.xml) and keeps unique ones inline; both read back alike', async () => {
    const units = ['Dinas Pendidikan', 'Dinas Kesehatan', '  Sekretariat  ', 'Bappeda & <Litbang>'];
    const rows: CellData[][] = [];
    for (let i = 0; i < 600; i++) {
      rows.push([`1980010120050110${String(i).padStart(2, '0')}`, `Pegawai ${i}`, units[i % 4]!, i % 3 === 0 ? { value: 'Baik', fill: 'FFC6EFCE' } : 'Cukup', i]);
    }
    const sheet: SheetContent = {
      blocks: [
        {
          columns: [
            { header: 'NIP', type: 'text', width: 20 },
            { header: 'Nama', type: 'general', width: 20 },
            { header: 'Unit', type: 'general', width: 20 },
            { header: 'Rating', type: 'general', width: 10 },
            { header: 'No', type: 'integer', width: 6 },
          ],
          rows,
        },
      ],
    };
    const path = join(dir, 'shared.xlsx');
    await writeDirectWorkbook(path, [{ name: 'Pegawai', content: sheet }], new Date('2025-03-31T00:00:00Z'), 'id');
    const parts = readZipEntries(await readFile(path));
    const sst = parts.get('xl/sharedStrings.xml')!.toString('utf8');
    const xml = parts.get('xl/worksheets/sheet1.xml')!.toString('utf8');
    // Units and ratings are shared (once each in the table); names, past the sample, stay inline.
    expect(sst.match(/<si>/g)!.length).toBeLessThan(600);
    expect(sst).toContain('<si><t xml:space="preserve">  Sekretariat  </t></si>');
    expect(sst).toContain('<si><t>Bappeda &amp; &lt;Litbang&gt;</t></si>');
    expect(xml).toContain('t="inlineStr"><is><t>Pegawai 599</t>');
    expect(parts.get('[Content_Types].xml')!.toString()).toContain('/xl/sharedStrings.xml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet('Pegawai')!;
    for (let i = 0; i < 600; i++) {
      const row = ws.getRow(i + 2);
      expect(row.getCell(1).value).toBe(rows[i]![0]);
      expect(row.getCell(1).numFmt).toBe('@');
      expect(row.getCell(2).value).toBe(`Pegawai ${i}`);
      expect(row.getCell(3).value).toBe(units[i % 4]);
      expect(row.getCell(4).value).toBe(i % 3 === 0 ? 'Baik' : 'Cukup');
      expect((row.getCell(4).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb ?? null).toBe(i % 3 === 0 ? 'FFC6EFCE' : null);
      expect(row.getCell(5).value).toBe(i);
    }
    // openpyxl, when present, reads the shared and inline texts alike.
    let python = true;
    try {
      execFileSync('/usr/bin/python3', ['-c', 'import openpyxl']);
    } catch {
      python = false;
    }
    if (python) {
      const script = "import openpyxl,sys,json; ws=openpyxl.load_workbook(sys.argv[1], read_only=True)['Pegawai']; print(json.dumps([[c.value for c in r] for r in ws.iter_rows(min_row=2, max_row=5)]))";
      const out = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, path]).toString());
      expect(out).toEqual(rows.slice(0, 4).map((r) => r.map((c) => (typeof c === 'object' && c !== null ? c.value : c))));
    }
  });
});
