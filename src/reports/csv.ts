import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { ByteWriter } from '../io/byte-writer.js';

/**
 * A cell text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, and tab or carriage
 * return, which some spreadsheets strip before looking) gets a leading apostrophe (SPEC §6).
 * Applied to text only: numbers are written as numbers and are never neutralised.
 */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One csv field: numbers plainly (`88.5`, never locale-formatted), text neutralised, null empty. */
function writeField(w: ByteWriter, v: unknown): void {
  if (v === null || v === undefined) return;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`appraise: cannot write a non-finite number (${v}) to csv`);
    w.number(v); // the digits of String(v); never quoted (no comma, quote or break in a number)
    return;
  }
  let text: string;
  if (typeof v === 'string') text = v;
  else if (typeof v === 'boolean') text = v ? 'true' : 'false';
  else if (v instanceof Date) text = v.toISOString().slice(0, 10);
  else throw new Error(`appraise: cannot write a value of type ${typeof v} to csv`);
  // neutraliseFormula's apostrophe, then quoted when it holds a quote, a comma or a line break
  // (as csv-stringify quotes), written without making the neutralised or quoted string.
  const apostrophe = FORMULA_START.test(text);
  if (NEEDS_QUOTES.test(text)) {
    w.ascii(apostrophe ? '"\'' : '"');
    w.utf8(text.includes('"') ? text.replace(/"/g, '""') : text);
    w.ascii('"');
  } else {
    if (apostrophe) w.ascii("'");
    w.utf8(text);
  }
}
const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

function writeLine(w: ByteWriter, row: readonly unknown[]): void {
  for (let i = 0; i < row.length; i++) {
    if (i > 0) w.ascii(',');
    writeField(w, row[i]);
  }
  w.ascii('\r\n');
}

/**
 * Writes a csv with a UTF-8 BOM (so Excel reads it as UTF-8), comma-separated, CRLF line ends
 * (RFC 4180), fields quoted as csv-stringify quotes them. Rows may be a generator, so a large
 * detail table streams instead of being held; lines are encoded straight into reused byte chunks
 * (byte-writer.ts: no string per field or line). The file is written under a temporary name and
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
  const w = new ByteWriter(async (chunk, release) => {
    if (!out.write(chunk, () => release())) await Promise.race([once(out, 'drain'), failed]);
  });
  try {
    w.utf8('\uFEFF');
    writeLine(w, header);
    // A plain iterable is walked without an await per row (for await wraps each row in a promise).
    if (Symbol.asyncIterator in rows) {
      for await (const row of rows) {
        writeLine(w, row);
        if (w.full) await w.flush();
      }
    } else {
      for (const row of rows) {
        writeLine(w, row);
        if (w.full) await w.flush();
      }
    }
    await w.flush();
    out.end();
    await Promise.race([finished(out), failed]);
    await rename(tmp, path);
  } catch (err) {
    // Closed before removing: a stream destroyed before it opened still creates the file.
    if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()).destroy());
    await rm(tmp, { force: true });
    throw err;
  }
}
