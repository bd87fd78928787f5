import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INPUT_KINDS, type InputKind } from '../../src/config/schema.ts';
import { BERAKHLAK_VALUES, COLUMNS, ENUMS } from '../../src/ingest/columns.ts';
import { DATA_SHEET_NAMES, GUIDE_SHEET_NAME, TEMPLATE_LAST_ROW, writeTemplate } from '../../src/workspace/template.ts';

let dir: string;
const books = new Map<string, ExcelJS.Workbook>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'appraise-template-'));
  for (const kind of INPUT_KINDS) {
    const path = join(dir, `${kind}.xlsx`);
    await writeTemplate(kind, path, 'id');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    books.set(kind, wb);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Validation = { type: string; formulae?: unknown[]; errorStyle?: string };
function validations(ws: ExcelJS.Worksheet): Record<string, Validation> {
  return (ws as unknown as { dataValidations: { model: Record<string, Validation> } }).dataValidations.model;
}
function letterOf(kind: InputKind, key: string): string {
  const i = COLUMNS[kind].findIndex((c) => c.key === key);
  if (i < 0) throw new Error(`${kind} has no column ${key}`);
  return String.fromCharCode(65 + i);
}
function list(kind: InputKind, key: string, row = 2): string[] | undefined {
  const v = validations(books.get(kind)!.worksheets[0]!)[`${letterOf(kind, key)}${row}`];
  if (!v) return undefined;
  expect(v.type).toBe('list');
  return String(v.formulae![0]).replace(/^"|"$/g, '').split(',');
}

describe('writeTemplate', () => {
  it('writes the first header of every column, in order, on row 1 of the data sheet', () => {
    for (const kind of INPUT_KINDS) {
      const ws = books.get(kind)!.worksheets[0]!;
      expect(ws.name).toBe(DATA_SHEET_NAMES[kind]);
      const header = (ws.getRow(1).values as unknown[]).slice(1);
      expect(header, kind).toEqual(COLUMNS[kind].map((c) => c.headers[0]));
    }
  });

  it('marks required columns bold with a "wajib" note, and only those', () => {
    for (const kind of INPUT_KINDS) {
      const ws = books.get(kind)!.worksheets[0]!;
      COLUMNS[kind].forEach((col, i) => {
        const cell = ws.getRow(1).getCell(i + 1);
        expect(Boolean(cell.font?.bold), `${kind}.${col.key}`).toBe(col.required);
        const note = typeof cell.note === 'string' ? cell.note : cell.note?.texts?.map((t) => t.text).join('');
        if (col.required) expect(note).toMatch(/^wajib/);
        else expect(note).toBeUndefined();
      });
    }
  });

  it('freezes the header row', () => {
    const view = books.get('indikator')!.worksheets[0]!.views[0] as { state?: string; ySplit?: number };
    expect(view.state).toBe('frozen');
    expect(view.ySplit).toBe(1);
  });

  it('formats every NIP column as Text and date columns as dates', () => {
    const nipColumns: Array<[InputKind, string]> = [
      ['pegawai', 'nip'], ['pegawai', 'supervisorNip'], ['indikator', 'nip'], ['perilaku', 'nip'],
      ['perilaku', 'raterNip'], ['unit', 'leaderNip'], ['umpan-balik', 'officerNip'],
    ];
    for (const [kind, key] of nipColumns) {
      const ws = books.get(kind)!.worksheets[0]!;
      expect(ws.getColumn(letterOf(kind, key)).numFmt, `${kind}.${key}`).toBe('@');
    }
    expect(books.get('pegawai')!.worksheets[0]!.getColumn(letterOf('pegawai', 'name')).numFmt).toBeUndefined();
    for (const [kind, key] of [['pegawai', 'start'], ['pegawai', 'end'], ['umpan-balik', 'date']] as const) {
      expect(books.get(kind)!.worksheets[0]!.getColumn(letterOf(kind, key)).numFmt).toBe('dd/mm/yyyy');
    }
  });

  it('offers dropdowns for every enumeration, on rows 2 to the last template row only', () => {
    expect(list('indikator', 'aspect')).toEqual(['produktivitas', 'kualitas-layanan']);
    expect(list('indikator', 'kind')).toEqual([...ENUMS.kind]);
    expect(list('indikator', 'direction')).toEqual([...ENUMS.direction]);
    expect(list('indikator', 'aggregation')).toEqual([...ENUMS.aggregation]);
    expect(list('pegawai', 'positionType')).toEqual([...ENUMS.positionType]);
    expect(list('pegawai', 'status')).toEqual([...ENUMS.status]);
    expect(list('perilaku', 'raterRole')).toEqual([...ENUMS.raterRole]);
    for (const v of BERAKHLAK_VALUES) expect(list('perilaku', v.key)).toEqual([...ENUMS.rating]);
    expect(list('perilaku', 'workRating')).toEqual([...ENUMS.rating]);
    expect(list('unit', 'orgPredikat')).toEqual([...ENUMS.orgPredikat]);

    expect(list('indikator', 'direction', TEMPLATE_LAST_ROW)).toEqual([...ENUMS.direction]);
    expect(list('indikator', 'direction', 1)).toBeUndefined();
    expect(list('indikator', 'direction', TEMPLATE_LAST_ROW + 1)).toBeUndefined();
    // Free-text columns carry no validation.
    expect(list('indikator', 'text')).toBeUndefined();
    expect(list('pegawai', 'name')).toBeUndefined();
  });

  it('limits survey answers to whole numbers 1-4', () => {
    const v = validations(books.get('umpan-balik')!.worksheets[0]!)[`${letterOf('umpan-balik', 'U3')}2`]!;
    expect(v).toMatchObject({ type: 'whole', formulae: [1, 4], errorStyle: 'stop' });
  });

  it('offers the aspects of the workspace when given', async () => {
    const path = join(dir, 'custom.xlsx');
    await writeTemplate('indikator', path, 'en', {
      aspects: [
        { key: 'kinerja', label: 'Kinerja', weight: 1, source: 'indicators' },
        { key: 'ikm', label: 'IKM', weight: 1, source: 'feedback' },
      ],
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const v = validations(wb.worksheets[0]!)[`${letterOf('indikator', 'aspect')}2`]!;
    expect(v.formulae).toEqual(['"kinerja"']);
    // English guide.
    expect(wb.getWorksheet(GUIDE_SHEET_NAME)!.getRow(4).getCell(1).value).toBe('Column');
  });

  it('explains every column on the Petunjuk sheet', () => {
    for (const kind of INPUT_KINDS) {
      const guide = books.get(kind)!.getWorksheet(GUIDE_SHEET_NAME)!;
      expect(guide, kind).toBeDefined();
      expect(guide.getRow(4).getCell(1).value).toBe('Kolom');
      COLUMNS[kind].forEach((col, i) => {
        const row = guide.getRow(5 + i);
        expect(row.getCell(1).value).toBe(col.headers[0]);
        expect(row.getCell(2).value).toBe(col.required ? 'Ya' : 'Tidak');
        expect(String(row.getCell(3).value).length, `${kind}.${col.key}`).toBeGreaterThan(10);
      });
    }
    const aspectRow = books.get('indikator')!.getWorksheet(GUIDE_SHEET_NAME)!.getRow(5 + COLUMNS.indikator.findIndex((c) => c.key === 'aspect'));
    expect(String(aspectRow.getCell(3).value)).toContain('produktivitas, kualitas-layanan');
  });

  it('is deterministic: fixed properties and identical bytes on every write', async () => {
    const wb = books.get('pegawai')!;
    expect(wb.creator).toBe('appraise');
    expect(wb.created.toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(wb.modified.toISOString()).toBe('2025-01-01T00:00:00.000Z');
    const again = join(dir, 'again.xlsx');
    await new Promise((r) => setTimeout(r, 2100)); // zip times have a 2-second resolution
    await writeTemplate('pegawai', again, 'id');
    expect(readFileSync(again).equals(readFileSync(join(dir, 'pegawai.xlsx')))).toBe(true);
  });
});
