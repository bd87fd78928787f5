import type { CellPlace } from '../domain/place.js';

/** A spreadsheet error value such as `#DIV/0!`, kept so that ingest can reject it with its place. */
export interface CellError {
  error: string;
}

/**
 * A cell as read: csv cells are strings (empty string = blank → null); xlsx cells keep their type.
 * Formula cells are replaced by their saved result; rich text is flattened; hyperlinks give text.
 */
export type CellValue = string | number | boolean | Date | CellError | null;

export function isCellError(v: CellValue): v is CellError {
  return typeof v === 'object' && v !== null && !(v instanceof Date) && 'error' in v;
}

/** One physical row of a sheet or csv file, with its 1-based row/line number. */
export interface RawRow {
  sheet?: string;
  row: number;
  cells: CellValue[];
}

/** How to recognise one column by its header (SPEC §2: case- and punctuation-insensitive). */
export interface ColumnSpec {
  /** Canonical key used in code, e.g. `nip`, `target`. */
  key: string;
  /** Indonesian header and its English and common variants. */
  headers: string[];
  required: boolean;
}

/** A data row mapped to canonical keys, with the place of every cell. */
export interface TableRow {
  /** Place of the row itself (no column). */
  place: CellPlace;
  values: Record<string, CellValue>;
  places: Record<string, CellPlace>;
  /** Columns not in the spec, by their header text; kept and ignored (SPEC §2). */
  extra: Record<string, CellValue>;
}

export interface SourceInfo {
  file: string;
  format: 'csv' | 'xlsx';
  /** csv only */
  encoding?: 'utf-8-bom' | 'utf-8' | 'windows-1252';
  delimiter?: ',' | ';' | '\t';
  sheet?: string;
  headerRow?: number;
}
