import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';

/**
 * A cell text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, and tab or carriage
 * return, which some spreadsheets strip before looking) gets a leading apostrophe (SPEC §6).
 * Applied to text only: numbers are written as numbers and are never neutralised.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One csv cell: numbers plainly (`88.5`, never locale-formatted), text neutralised, null empty. */
function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`appraise: cannot write a non-finite number (${v}) to csv`);
    return String(v);
  }
  if (typeof v === 'string') return neutraliseFormula(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  throw new Error(`appraise: cannot write a value of type ${typeof v} to csv`);
}

async function* csvRecords(
  header: string[],
  rows: AsyncIterable<unknown[]> | Iterable<unknown[]>,
): AsyncGenerator<string[]> {
  yield header.map(csvCell);
  for await (const row of rows) yield row.map(csvCell);
}

/**
 * Writes a csv with a UTF-8 BOM (so Excel reads it as UTF-8), comma-separated, CRLF line ends
 * (RFC 4180). Rows may be a generator, so a large detail table streams instead of being held.
 * The file is written under a temporary name and renamed when complete (SPEC §8), so an
 * interrupted run never leaves half a csv under the real name.
 */
export async function writeCsv(
  path: string,
  header: string[],
  rows: AsyncIterable<unknown[]> | Iterable<unknown[]>,
): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await pipeline(
      Readable.from(csvRecords(header, rows)),
      stringify({ bom: true, record_delimiter: 'windows' }),
      createWriteStream(tmp),
    );
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
