import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { temporaryPathFor } from '../workspace/atomic.js';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { ByteWriter } from '../io/byte-writer.js';
import { WriteDigest, type FileDigest } from '../io/file-digest.js';
import type { StyledCell } from './sheets/types.js';

/**
 * A cell text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, and tab or carriage
 * return, which some spreadsheets strip before looking) gets a leading apostrophe (SPEC §6).
 * Applied to text only: numbers are written as numbers and are never neutralised.
 */
export function neutraliseFormula(value: string): string {
  return startsLikeFormula(value) ? `'${value}` : value;
}

function startsLikeFormula(text: string): boolean {
  const c = text.charCodeAt(0); // NaN for ''
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13; // = + - @ \t \r
}

/** What makes csv-stringify quote a field: a quote, a comma or a line break. */
const QUOTE_IF = new Uint8Array(128);
for (const c of '",\r\n') QUOTE_IF[c.charCodeAt(0)] = 1;

/**
 * One csv field: numbers plainly (`88.5`, never locale-formatted), text neutralised and quoted as
 * csv-stringify quotes it, null empty; a styled sheet cell ({ value, fill, … }) as its value.
 */
function writeField(w: ByteWriter, v: unknown): void {
  let text: string;
  if (typeof v === 'string') text = v;
  else if (v === null || v === undefined) return;
  else if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`appraise: cannot write a non-finite number (${v}) to csv`);
    w.number(v); // the digits of String(v); never quoted (no comma, quote or break in a number)
    return;
  } else if (typeof v === 'boolean') text = v ? 'true' : 'false';
  else if (v instanceof Date) text = v.toISOString().slice(0, 10);
  else if (typeof v === 'object' && 'value' in v && !Array.isArray(v)) return writeField(w, (v as StyledCell).value);
  else throw new Error(`appraise: cannot write a value of type ${typeof v} to csv`);
  // Written as it is checked; the rare field that needs quotes is written again, quoted.
  const start = w.length;
  const apostrophe = startsLikeFormula(text);
  if (apostrophe) w.byte(APOSTROPHE);
  if (!w.utf8Unless(text, QUOTE_IF)) {
    w.truncate(start);
    w.ascii(apostrophe ? '"\'' : '"');
    w.utf8(text.includes('"') ? text.replace(/"/g, '""') : text);
    w.byte(QUOTE);
  }
}
const APOSTROPHE = 39;
const QUOTE = 34;
const COMMA = 44;

function writeLine(w: ByteWriter, row: readonly unknown[]): void {
  for (let i = 0; i < row.length; i++) {
    if (i > 0) w.byte(COMMA);
    writeField(w, row[i]);
  }
  w.ascii('\r\n');
}

/**
 * The csv encoder on an open file: BOM and header at open, then line() per row, flush() when
 * full, close() at the end (or abort()). writeCsv drives it in process; the encoding worker
 * (encode-worker.ts) drives it with rows it receives in batches, so both write the same bytes.
 */
export class CsvWriter {
  private readonly out: WriteStream;
  private readonly failed: Promise<never>;
  private readonly w: ByteWriter;
  private readonly hash = new WriteDigest();
  /** The file's digest (io/file-digest.ts), once close() has returned. */
  digest: FileDigest | null = null;

  /** Starts `path` (written as given: the caller chooses a temporary name) with the BOM and the header line. */
  constructor(readonly path: string, header: readonly string[]) {
    // Room for a few chunks: the next lines are encoded while the file write of the last runs.
    const out = createWriteStream(path, { highWaterMark: 1 << 20 });
    this.out = out;
    this.failed = new Promise<never>((_, reject) => out.once('error', reject));
    this.failed.catch(() => {}); // observed through the races below
    const failed = this.failed;
    const hash = this.hash;
    this.w = new ByteWriter(async (chunk, release) => {
      hash.update(chunk);
      if (!out.write(chunk, () => release())) await Promise.race([once(out, 'drain'), failed]);
    });
    this.w.utf8('\uFEFF');
    writeLine(this.w, header);
  }

  line(row: readonly unknown[]): void {
    writeLine(this.w, row);
  }

  /** True when the encoded lines should be handed on (await flush()) before the next row. */
  get full(): boolean {
    return this.w.full;
  }

  flush(): Promise<void> {
    return this.w.flush();
  }

  async close(): Promise<void> {
    await this.w.flush();
    this.out.end();
    await Promise.race([finished(this.out), this.failed]);
    this.digest = this.hash.finish(this.path);
  }

  /** Closes the file after a failure and removes it. */
  async abort(): Promise<void> {
    // Closed before removing: a stream destroyed before it opened still creates the file.
    if (!this.out.closed) await new Promise<void>((resolve) => this.out.once('close', () => resolve()).destroy());
    await rm(this.path, { force: true });
  }
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
  // Named like the run's own temporaries, so a run killed mid-file leaves nothing the next run keeps.
  const tmp = temporaryPathFor(path);
  const csv = new CsvWriter(tmp, header);
  try {
    // A plain iterable is walked without an await per row (for await wraps each row in a promise).
    if (Symbol.asyncIterator in rows) {
      for await (const row of rows) {
        csv.line(row);
        if (csv.full) await csv.flush();
      }
    } else {
      for (const row of rows) {
        csv.line(row);
        if (csv.full) await csv.flush();
      }
    }
    await csv.close();
    await rename(tmp, path);
  } catch (err) {
    await csv.abort();
    throw err;
  }
}
