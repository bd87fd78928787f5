import type { Lang } from '../domain/i18n.js';
import { isStyled, type CellData, type ColumnDef, type SheetBlock, type SheetContent } from './sheets/types.js';

/**
 * Where a sheet's rows go: fitted widths, the title, header and data rows of each block, the
 * truncation note at Excel's row limit and the filter range. Both workbook writers (ExcelJS for
 * small runs, the direct XML writer for large ones) lay sheets out through this one function, so
 * they write the same rows.
 */

/** Excel's row limit (SPEC §9: a sheet never exceeds it). */
export const EXCEL_MAX_ROWS = 1_048_576;
const MAX_WIDTH = 60;
/** Widths are fitted to the first rows of a block; beyond that the declared width holds. */
const WIDTH_SAMPLE_ROWS = 1000;

export type LaidRow =
  | { kind: 'title'; row: number; text: string }
  | { kind: 'header'; row: number; columns: ColumnDef[] }
  | { kind: 'data'; row: number; columns: ColumnDef[]; cells: CellData[] }
  | { kind: 'note'; row: number; text: string };

export interface SheetLayout {
  /** Column widths in characters, from column 1. */
  widths: number[];
  /** The rows in order; returns the filter range of the first block (null without one) and the last row. */
  rows: Generator<LaidRow, { filterTo: { row: number; column: number } | null; lastRow: number }, void>;
}

interface PlannedBlock {
  block: SheetBlock;
  /** The first rows, already pulled for the width fit. */
  head: CellData[][];
  /** The rest of the rows, not yet pulled. */
  rest: Iterator<CellData[]>;
}

/**
 * Widths fitted to each block's header and first WIDTH_SAMPLE_ROWS rows. Those rows are pulled
 * here (a streaming writer needs the widths before the first row) and written from the plan.
 */
export function layoutSheet(content: SheetContent, sheetName: string, lang: Lang): SheetLayout {
  const widths: number[] = [];
  const fit = (i: number, chars: number): void => {
    widths[i] = Math.max(widths[i] ?? 0, Math.min(MAX_WIDTH, chars));
  };
  const blocks = content.blocks.map((block): PlannedBlock => {
    block.columns.forEach((col, i) => fit(i, Math.max(col.width, col.header.length + 2)));
    const rest = block.rows[Symbol.iterator]();
    const head: CellData[][] = [];
    while (head.length < WIDTH_SAMPLE_ROWS) {
      const r = rest.next();
      if (r.done) break;
      checkRow(r.value, block);
      head.push(r.value);
      block.columns.forEach((col, i) => fit(i, cellText(r.value[i]!, col).length + 2));
    }
    return { block, head, rest };
  });
  return { widths, rows: laidRows(blocks, sheetName, lang) };
}

function* laidRows(
  blocks: PlannedBlock[],
  sheetName: string,
  lang: Lang,
): Generator<LaidRow, { filterTo: { row: number; column: number } | null; lastRow: number }, void> {
  let rowNo = 0;
  let filterTo: { row: number; column: number } | null = null;
  let omitted = 0;
  for (let b = 0; b < blocks.length; b++) {
    const { block, head, rest } = blocks[b]!;
    // Title, header and one data row must fit below the limit, with the truncation note's row.
    if (omitted > 0 || rowNo + (b > 0 ? 1 : 0) + (block.title !== undefined ? 1 : 0) + 1 >= EXCEL_MAX_ROWS) {
      omitted += head.length;
      for (let r = rest.next(); !r.done; r = rest.next()) omitted++;
      continue;
    }
    if (b > 0) rowNo++; // an empty row between tables
    if (block.title !== undefined) yield { kind: 'title', row: ++rowNo, text: block.title };
    yield { kind: 'header', row: ++rowNo, columns: block.columns };
    let i = 0;
    for (;;) {
      let cells: CellData[];
      if (i < head.length) cells = head[i++]!;
      else {
        const r = rest.next();
        if (r.done) break;
        cells = r.value;
        checkRow(cells, block);
      }
      if (rowNo + 1 >= EXCEL_MAX_ROWS) {
        omitted++;
        continue;
      }
      yield { kind: 'data', row: ++rowNo, columns: block.columns, cells };
    }
    if (b === 0) filterTo = { row: rowNo, column: block.columns.length };
  }
  if (omitted > 0) yield { kind: 'note', row: ++rowNo, text: truncationNote(sheetName, omitted, lang) };
  return { filterTo, lastRow: rowNo };
}

function checkRow(data: CellData[], block: SheetBlock): void {
  if (data.length !== block.columns.length) {
    throw new Error(`appraise: a row of ${data.length} cells under ${block.columns.length} columns`);
  }
}

/** The text a cell shows, for the width fit. */
function cellText(data: CellData, col: ColumnDef): string {
  const value = isStyled(data) ? data.value : data;
  if (value === null) return '';
  return typeof value === 'number' && col.type === 'number' ? value.toFixed(2) : String(value);
}

function truncationNote(sheet: string, omitted: number, lang: Lang): string {
  return lang === 'id'
    ? `Lembar ${sheet} mencapai batas Excel (${EXCEL_MAX_ROWS} baris): ${omitted} baris tidak ditulis di sini; daftar lengkapnya ada di berkas hasil JSON.`
    : `Sheet ${sheet} reached Excel's limit (${EXCEL_MAX_ROWS} rows): ${omitted} rows are not written here; the full list is in the results JSON file.`;
}

/** The written value and number format of a data cell (the rules of ColumnDef['type']). */
export interface CellOut {
  value: string | number | null;
  numFmt: string | undefined;
  fill: string | undefined;
  bold: boolean;
}

const NUM_FMT: Record<ColumnDef['type'], string | undefined> = {
  text: '@',
  number: '0.00',
  integer: '0',
  general: undefined,
};

export function cellOut(data: CellData, col: ColumnDef): CellOut {
  const styled = isStyled(data) ? data : undefined;
  let value = styled ? styled.value : (data as string | number | null);
  // NIPs and hashes: a string in a Text-formatted cell, never a number Excel could round.
  if (col.type === 'text' && value !== null) value = String(value);
  return { value, numFmt: cellNumFmt(value, col, styled?.numFmt), fill: styled?.fill, bold: styled?.bold ?? false };
}

/**
 * The number format of a cell holding `value` (after cellOut's text conversion) in `col`, given
 * the cell's own format if it is styled: Text for a text column, the column's format (or the
 * cell's) for a number, none otherwise. Checks that a number is finite.
 */
export function cellNumFmt(value: string | number | null, col: ColumnDef, own: string | undefined): string | undefined {
  if (col.type === 'text') return '@';
  if (typeof value !== 'number') return undefined;
  if (!Number.isFinite(value)) throw new Error(`appraise: cannot write a non-finite number (${value}) to a sheet`);
  return own ?? NUM_FMT[col.type];
}
