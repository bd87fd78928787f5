/**
 * Where a value came from. Every number the tool reports can be traced back to one of these.
 * xlsx places print as `file!sheet!C17`, csv places as `file:17:C` (SPEC §2).
 */
export interface CellPlace {
  /** File name as the user knows it (relative to the workspace when possible). */
  file: string;
  /** Worksheet name; absent for csv. */
  sheet?: string;
  /** 1-based row number in the sheet, or the 1-based line number of the record in a csv. */
  row?: number;
  /** Column letter(s), e.g. `C` or `AB`. */
  column?: string;
}

export function formatPlace(p: CellPlace): string {
  if (p.sheet !== undefined) {
    const cell = p.row === undefined ? '' : `!${p.column ?? ''}${p.row}`;
    return `${p.file}!${p.sheet}${cell}`;
  }
  let s = p.file;
  if (p.row !== undefined) s += `:${p.row}`;
  if (p.column !== undefined) s += `:${p.column}`;
  return s;
}

/** 0-based column index → spreadsheet letters (0 → A, 26 → AA). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
