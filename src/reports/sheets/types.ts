import type { Lang } from '../../domain/i18n.js';
import type { RunResult } from '../../pipeline/types.js';

/**
 * A sheet is described as data by a pure builder `(run, lang) → SheetContent`; workbook.ts is the
 * only code that touches ExcelJS. That keeps the builders testable without files and lets a later
 * change stream a large sheet with ExcelJS's WorkbookWriter without touching them.
 */

/**
 * How a column's cells are written:
 * - text: always a string cell with the Text format `@` (NIPs must never become numbers);
 * - number: a number with `0.00`;
 * - integer: a number with `0`;
 * - general: as given (mixed columns such as key/value tables, ranges written as text).
 */
export type ColumnType = 'text' | 'number' | 'integer' | 'general';

export interface ColumnDef {
  header: string;
  type: ColumnType;
  /** Minimum width in characters; widened to fit the content of array-backed blocks. */
  width: number;
}

export type CellData = string | number | null | StyledCell;

/** A cell with its own look, e.g. a predikat colour or a two-decimal number in a general column. */
export interface StyledCell {
  value: string | number | null;
  numFmt?: string;
  /** ARGB fill, e.g. `FFC6EFCE`. */
  fill?: string;
  bold?: boolean;
}

/**
 * One table. The first block of a sheet has no title: its header is row 1, frozen and filtered.
 * Later blocks follow after an empty row, each with a bold title row and its own header row.
 */
export interface SheetBlock {
  title?: string;
  columns: ColumnDef[];
  /** An array, or a generator for tables that may be large (Indikator). */
  rows: Iterable<CellData[]>;
}

export interface SheetContent {
  blocks: SheetBlock[];
  /**
   * PNG pictures placed below the last block (e.g. the predikat chart on Ringkasan). A streamed
   * workbook (large runs) cannot hold pictures: each is then written beside the workbook as
   * `laporan-kinerja-<period>-<name>.png`, and the sheet says so.
   */
  images?: SheetImage[];
}

export interface SheetImage {
  png: Buffer;
  /** Short file-name part for the PNG beside a streamed workbook, e.g. `grafik-predikat` (default `gambar-<n>`). */
  name?: string;
  /** Size in pixels as shown. */
  width: number;
  height: number;
}

export interface SheetBuilder {
  /** Sheet names are the product's and stay Indonesian in both languages. */
  name: string;
  build(run: RunResult, lang: Lang): SheetContent;
  /** When present and false for a run, the sheet is left out (e.g. Tren outside a combined period). */
  when?(run: RunResult): boolean;
}

export function isStyled(c: CellData): c is StyledCell {
  return typeof c === 'object' && c !== null;
}
