import { writeFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { writeCsv } from '../reports/csv.js';
import { stableZip } from '../workspace/template.js';

/**
 * Writes converted tables as the workspace reads them: csv (UTF-8 with BOM, formulas neutralised,
 * via reports/csv.ts) or xlsx (one sheet per table, NIP columns as Text so Excel keeps 18 digits,
 * dates as dates). Same tables → same bytes (fixed workbook dates, stable zip times).
 */
export type OutColumnKind = 'text' | 'nip' | 'number' | 'date';

export interface OutColumn {
  header: string;
  kind: OutColumnKind;
  width?: number;
}

export interface OutTable {
  sheet: string;
  columns: OutColumn[];
  rows: (string | number | Date | null)[][];
}

const FIXED_DATE = new Date(Date.UTC(2025, 0, 1));

export type OutFormat = 'csv' | 'xlsx';

export function formatOfPath(path: string): OutFormat | null {
  const p = path.toLowerCase();
  return p.endsWith('.csv') ? 'csv' : p.endsWith('.xlsx') ? 'xlsx' : null;
}

export async function writeCsvTable(path: string, t: OutTable): Promise<void> {
  await writeCsv(path, t.columns.map((c) => c.header), t.rows);
}

export async function writeXlsxTables(path: string, tables: OutTable[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'appraise';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  for (const t of tables) {
    const ws = wb.addWorksheet(t.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = t.columns.map((c) => ({
      header: c.header,
      width: c.width ?? (c.kind === 'nip' ? 21 : c.kind === 'text' ? 24 : 12),
      ...(c.kind === 'nip' ? { style: { numFmt: '@' } } : c.kind === 'date' ? { style: { numFmt: 'yyyy-mm-dd' } } : {}),
    }));
    ws.getRow(1).font = { bold: true };
    for (const row of t.rows) ws.addRow(row);
    if (t.rows.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: t.columns.length } };
  }
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  await writeFile(path, stableZip(buf));
}
