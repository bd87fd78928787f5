import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';

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

/** One csv field: quoted when it holds a quote, a comma or a line break (as csv-stringify does). */
function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
const NEEDS_QUOTES = /[",\r\n]/;

function csvLine(row: readonly unknown[]): string {
  let line = '';
  for (let i = 0; i < row.length; i++) line += (i === 0 ? '' : ',') + csvField(csvCell(row[i]));
  return `${line}\r\n`;
}

/** About 1 MB of text per write. */
const FLUSH_CHARS = 1 << 20;

/**
 * Writes a csv with a UTF-8 BOM (so Excel reads it as UTF-8), comma-separated, CRLF line ends
 * (RFC 4180), fields quoted as csv-stringify quotes them. Rows may be a generator, so a large
 * detail table streams instead of being held; lines are joined into ~1 MB writes (a stream step
 * per row cost more than the row at 800k rows). The file is written under a temporary name and
 * renamed when complete (SPEC §8), so an interrupted run never leaves half a csv under the real name.
 */
export async function writeCsv(
  path: string,
  header: string[],
  rows: AsyncIterable<unknown[]> | Iterable<unknown[]>,
): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const out = createWriteStream(tmp);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => {}); // observed through the races below
  try {
    let buffer = `\uFEFF${csvLine(header)}`;
    for await (const row of rows) {
      buffer += csvLine(row);
      if (buffer.length >= FLUSH_CHARS) {
        const ok = out.write(buffer);
        buffer = '';
        if (!ok) await Promise.race([once(out, 'drain'), failed]);
      }
    }
    out.end(buffer);
    await Promise.race([finished(out), failed]);
    await rename(tmp, path);
  } catch (err) {
    // Closed before removing: a stream destroyed before it opened still creates the file.
    if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()).destroy());
    await rm(tmp, { force: true });
    throw err;
  }
}
