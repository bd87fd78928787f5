import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { pipeline } from 'node:stream';
import { CsvError, Parser } from 'csv-parse';
import type { Options as CsvParseOptions } from 'csv-parse';
import iconv from 'iconv-lite';
import type { RawRow } from './types.js';
import { IoError, fileError } from './errors.js';

/**
 * CSV reading (SPEC §2 "CSV files", ARCHITECTURE "csv-parse", "Encodings").
 *
 * Two streaming passes: `probeCsv` reads the bytes once to hash them, find a BOM, check strict
 * UTF-8 and keep a small sample for delimiter detection; `readCsvRows` then parses with csv-parse
 * to arrays (no `columns`, no `cast`: both are several times slower) and tags every record with the
 * 1-based line on which it starts.
 */

export type CsvEncoding = 'utf-8-bom' | 'utf-8' | 'windows-1252';
export type CsvDelimiter = ',' | ';' | '\t';

export interface CsvProbe {
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
  /** SHA-256 (hex) of the file's bytes, BOM included. */
  sha256: string;
  bytes: number;
  /** The file starts with Excel's `sep=;` line, which names the delimiter and is not data. */
  sepLine: boolean;
  /**
   * The file holds a double quote somewhere. A UTF-8 file is read by scanning its bytes
   * (readPlainBatches, several times faster than csv-parse) whether or not it has quotes; only a
   * quoted field spanning lines or closed irregularly sends it to csv-parse.
   */
  hasQuotes: boolean;
}

const SAMPLE_BYTES = 64 * 1024;
const SAMPLE_LINES = 50;

/**
 * Length of the prefix of `buf` that ends on a UTF-8 character boundary: a multi-byte sequence cut
 * by the chunk boundary is carried over to the next chunk.
 */
function completePrefix(buf: Buffer): number {
  const len = buf.length;
  for (let i = len - 1; i >= 0 && i >= len - 4; i--) {
    const b = buf[i]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return len - i < need ? i : len;
  }
  return len;
}

/** First pass: hash, BOM, strict UTF-8 check and delimiter sample, streaming. */
export async function probeCsv(path: string, displayName: string = path): Promise<CsvProbe> {
  const hash = createHash('sha256');
  let bytes = 0;
  let valid = true;
  let carry: Buffer | null = null;
  const sample: Buffer[] = [];
  let sampled = 0;
  let hasQuotes = false;
  try {
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      if (!hasQuotes && chunk.indexOf(0x22) !== -1) hasQuotes = true; // '"' in UTF-8 and Windows-1252 alike
      bytes += chunk.length;
      if (sampled < SAMPLE_BYTES) {
        const part = chunk.subarray(0, SAMPLE_BYTES - sampled);
        sample.push(part);
        sampled += part.length;
      }
      if (valid) {
        const buf: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
        const cut = completePrefix(buf);
        valid = isUtf8(buf.subarray(0, cut));
        carry = cut < buf.length ? Buffer.from(buf.subarray(cut)) : null;
      }
    }
  } catch (err) {
    throw fileError(err, displayName);
  }
  if (carry) valid = false; // file ends inside a multi-byte sequence
  const head = Buffer.concat(sample);
  const bom = head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  if (bom && !valid) {
    throw new IoError(
      'CSV_ENCODING',
      { file: displayName },
      {
        id: 'Berkas ditandai UTF-8 (BOM) tetapi berisi byte yang bukan UTF-8.',
        en: 'The file is marked as UTF-8 (BOM) but contains bytes that are not UTF-8.',
      },
      {
        id: 'Simpan ulang berkas dari Excel sebagai "CSV UTF-8 (Comma delimited)".',
        en: 'Save the file again from Excel as "CSV UTF-8 (Comma delimited)".',
      },
    );
  }
  const encoding: CsvEncoding = bom ? 'utf-8-bom' : valid ? 'utf-8' : 'windows-1252';
  const body = bom ? head.subarray(3) : head;
  const text = encoding === 'windows-1252' ? iconv.decode(body, 'win1252') : body.toString('utf8');
  const sep = /^sep=(.)\r?\n/i.exec(text);
  const sepChar = sep?.[1];
  const delimiter: CsvDelimiter =
    sepChar === ',' || sepChar === ';' || sepChar === '\t'
      ? sepChar
      : detectDelimiter(text, head.length < SAMPLE_BYTES || bytes <= SAMPLE_BYTES);
  return { encoding, delimiter, sha256: hash.digest('hex'), bytes, sepLine: sepChar !== undefined, hasQuotes };
}

/** Per logical line (quoted newlines stay inside their line), the count of `d` outside quotes. */
function countOutsideQuotes(text: string, d: string, complete: boolean): number[] {
  const counts: number[] = [];
  let count = 0;
  let inQuotes = false;
  let fieldStart = true;
  let lineHasContent = false;
  for (let i = 0; i < text.length && counts.length < SAMPLE_LINES; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else inQuotes = false;
      }
      continue;
    }
    if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      if (lineHasContent) counts.push(count);
      count = 0;
      fieldStart = true;
      lineHasContent = false;
      continue;
    }
    lineHasContent = true;
    if (ch === d) {
      count++;
      fieldStart = true;
      continue;
    }
    // A quote opens a quoted field only at the start of a field, as csv-parse reads it.
    if (ch === '"' && fieldStart) inQuotes = true;
    fieldStart = false;
  }
  // The last line of a truncated sample may be cut short; a complete file's last line counts.
  if (complete && lineHasContent && counts.length < SAMPLE_LINES) counts.push(count);
  return counts;
}

/**
 * Picks `,`, `;` or tab: the delimiter whose count per line is the most consistent (the most lines
 * share its most common non-zero count), then the one giving more columns. Consistency beats raw
 * counts because decimal commas (`88,67`) and `;`-separated lists inside a field vary by row.
 */
export function detectDelimiter(sample: string, complete = true): CsvDelimiter {
  let best: { d: CsvDelimiter; lines: number; mode: number } = { d: ',', lines: 0, mode: 0 };
  for (const d of [',', ';', '\t'] as const) {
    const counts = countOutsideQuotes(sample, d, complete);
    const freq = new Map<number, number>();
    for (const c of counts) if (c > 0) freq.set(c, (freq.get(c) ?? 0) + 1);
    let mode = 0;
    let lines = 0;
    for (const [c, n] of freq) {
      if (n > lines || (n === lines && c > mode)) {
        mode = c;
        lines = n;
      }
    }
    if (lines > best.lines || (lines === best.lines && lines > 0 && mode > best.mode)) best = { d, lines, mode };
  }
  return best.d;
}

/**
 * csv-parse's stream parser calls `this.push(record)` synchronously when a record ends, while its
 * `info.lines` is the record's last line. Reading it there costs far less than `info: true`, which
 * copies the whole info object for every record (≈50% slower on 200k rows here).
 */
class LineParser extends Parser {
  private lastEnd = 0;
  private skipFirst: boolean;
  constructor(options: CsvParseOptions, skipFirst: boolean) {
    super(options);
    this.skipFirst = skipFirst;
  }
  override push(chunk: unknown, encoding?: BufferEncoding): boolean {
    if (chunk === null) return super.push(null, encoding);
    const row = this.lastEnd + 1;
    this.lastEnd = this.info.lines;
    if (this.skipFirst) {
      this.skipFirst = false;
      return true;
    }
    const record = chunk as string[];
    const cells: (string | null)[] = new Array(record.length);
    for (let i = 0; i < record.length; i++) {
      const s = record[i]!;
      cells[i] = s === '' ? null : s;
    }
    const raw: RawRow = { row, cells };
    return super.push(raw);
  }
}

function csvError(err: CsvError, displayName: string): IoError {
  const line = (err as CsvError & { lines?: number }).lines;
  return new IoError(
    'CSV_MALFORMED',
    { file: displayName, ...(typeof line === 'number' ? { row: line } : {}) },
    {
      id: `Berkas CSV tidak dapat diurai: ${err.message}`,
      en: `The CSV file cannot be parsed: ${err.message}`,
    },
    {
      id: 'Periksa tanda kutip (") pada baris itu: setiap kutip pembuka harus ditutup. Simpan ulang dari Excel bila perlu.',
      en: 'Check the quotes (") on that line: every opening quote must be closed. Save the file again from Excel if needed.',
    },
    { cause: err },
  );
}

/**
 * Streams the records of a csv file in batches (all records parsed from one read chunk), which
 * saves one async step per record for callers that process millions of rows. Same rows and errors
 * as readCsvRows.
 */
export async function* readCsvBatches(
  path: string,
  displayName: string = path,
  probe?: CsvProbe,
): AsyncGenerator<RawRow[]> {
  const p = probe ?? (await probeCsv(path, displayName));
  if (p.encoding === 'windows-1252') {
    yield* readCsvParseBatches(path, p, displayName);
    return;
  }
  // UTF-8: scanned by bytes. A quoted field the scanner does not take (a line end inside quotes, a
  // closing quote followed by text, an unclosed quote) hands the file to csv-parse, which reads it
  // from the start and skips the records already given.
  let given = 0;
  try {
    for await (const batch of readPlainBatches(createReadStream(path, { ...(p.encoding === 'utf-8-bom' ? { start: 3 } : {}), highWaterMark: 1 << 20 }), p, displayName)) {
      given += batch.length;
      yield batch;
    }
    return;
  } catch (err) {
    if (!(err instanceof NotPlain)) throw err;
  }
  for await (const batch of readCsvParseBatches(path, p, displayName)) {
    if (given >= batch.length) {
      given -= batch.length;
      continue;
    }
    yield given > 0 ? batch.slice(given) : batch;
    given = 0;
  }
}

/** Fields up to this many bytes are looked up among their column's recent values (readPlainBatches). */
const MAX_REUSED = 64;
/** Recent values remembered per column (a power of two). */
const REUSE_SLOTS = 64;

/** Thrown by readPlainBatches at a quoted field it does not read itself (csv-parse reads the file then). */
export class NotPlain extends Error {}

/** Records by csv-parse (any encoding, any quoting); the reference the byte scanner is tested against. */
export async function* readCsvParseBatches(
  path: string,
  p: CsvProbe,
  displayName: string = path,
): AsyncGenerator<RawRow[]> {
  const parser = new LineParser(
    {
      delimiter: p.delimiter,
      // Mixed line endings (files joined together) must not glue two records into one field.
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true, // short rows are normal in spreadsheets saved as csv
      relax_quotes: true, // a quote inside an unquoted field (5" disk) is literal text
      skip_empty_lines: false, // keep line numbering exact
      bom: false,
    },
    p.sepLine,
  );
  const source = createReadStream(path, p.encoding === 'utf-8-bom' ? { start: 3 } : {});
  const stages: (NodeJS.ReadableStream | NodeJS.ReadWriteStream)[] = [source];
  if (p.encoding === 'windows-1252') stages.push(iconv.decodeStream('win1252'));
  stages.push(parser);
  let done = false;
  let error: unknown = null;
  let wake: (() => void) | null = null;
  const signal = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };
  // Errors of any stage reach the callback (and destroy the parser).
  pipeline(stages, (err) => {
    if (err) error ??= err;
    done = true;
    signal();
  });
  parser.on('readable', signal);
  parser.on('error', (err) => {
    error ??= err;
    signal();
  });
  parser.on('end', () => {
    done = true;
    signal();
  });
  try {
    for (;;) {
      const batch: RawRow[] = [];
      let r: RawRow | null;
      while ((r = parser.read() as RawRow | null) !== null) batch.push(r);
      if (batch.length > 0) {
        yield batch;
        continue;
      }
      if (error) throw error;
      if (done) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } catch (err) {
    if (err instanceof CsvError) throw csvError(err, displayName);
    throw fileError(err, displayName);
  } finally {
    parser.destroy();
    source.destroy();
  }
}

/**
 * Records of a UTF-8 csv file, read by scanning its bytes (quoted fields on one line included;
 * any other quoting throws NotPlain): the same
 * records, cells and line numbers as csv-parse with readCsvBatches' options gives for such a file
 * (records end at \r\n, \n or \r; an empty line is a record of one empty cell; no record after a
 * final line end; a `sep=` first line is skipped). Fields are decoded one by one, so each is a
 * string of its own (a slice of a large decoded chunk would keep the whole chunk alive). Delimiters
 * and line ends are ASCII, which never occurs inside a UTF-8 multi-byte character. Exported for the
 * equivalence tests.
 */
export async function* readPlainBatches(
  source: AsyncIterable<Buffer>,
  p: Pick<CsvProbe, 'delimiter' | 'sepLine'>,
  displayName: string,
): AsyncGenerator<RawRow[]> {
  const delimiter = p.delimiter.charCodeAt(0);
  let skip = p.sepLine;
  let line = 0;
  let carry: Buffer | null = null;
  // Most columns repeat a few values over thousands of rows (codes, units, enumerations, the NIP of
  // consecutive rows): per column, a small table of recent ASCII values, indexed by length and end
  // bytes, gives back the same string when the bytes match instead of decoding a new one.
  const recent: (string | undefined)[][] = [];
  const field = (buf: Buffer, start: number, end: number, column: number): string => {
    const len = end - start;
    if (len > MAX_REUSED) return buf.toString('utf8', start, end);
    const slots = (recent[column] ??= new Array<string | undefined>(REUSE_SLOTS));
    const slot = (len * 31 + buf[start]! * 7 + buf[end - 1]!) & (REUSE_SLOTS - 1);
    const known = slots[slot];
    if (known !== undefined && known.length === len) {
      let k = 0;
      // A match means the bytes are ASCII (the stored string is), so they decode to `known`.
      while (k < len && known.charCodeAt(k) === buf[start + k]) k++;
      if (k === len) return known;
    }
    const text = buf.toString('utf8', start, end);
    if (text.length === len) slots[slot] = text; // ASCII only: as many characters as bytes
    return text;
  };
  /** Records of every complete line of `buf`; returns where the unfinished rest starts. */
  const scan = (buf: Buffer, rows: RawRow[], final: boolean): number => {
    const len = buf.length;
    let start = 0;
    let fieldStart = 0;
    let cells: (string | null)[] = [];
    for (let i = 0; i < len; i++) {
      const b = buf[i]!;
      if (b === 34 && i === fieldStart) {
        // A quoted field (a quote at the start of a field, as csv-parse reads it): up to the closing
        // quote, `""` inside it is one quote; the closing quote must end the field.
        let j = i + 1;
        let escaped = false;
        let closed = -1;
        while (j < len) {
          const c = buf[j]!;
          if (c === 34) {
            if (buf[j + 1] === 34) {
              escaped = true;
              j += 2;
              continue;
            }
            if (j + 1 === len && !final) break; // the next chunk may hold the second quote of `""`
            closed = j;
            break;
          }
          if (c === 10 || c === 13) throw new NotPlain();
          j++;
        }
        if (closed < 0) {
          if (final) throw new NotPlain();
          break; // the line is not complete in this chunk
        }
        const after = closed + 1 < len ? buf[closed + 1]! : -1;
        if (after === -1 && !final) break;
        if (after !== -1 && after !== delimiter && after !== 10 && after !== 13) throw new NotPlain();
        if (closed === i + 1) {
          cells.push(null);
        } else {
          const text = buf.toString('utf8', i + 1, closed);
          cells.push(escaped ? text.replaceAll('""', '"') : text);
        }
        if (after === -1) {
          // The file ends just after the closing quote.
          line++;
          if (skip) skip = false;
          else rows.push({ row: line, cells });
          cells = [];
          return len;
        }
        i = closed + 1;
        if (after === delimiter) {
          fieldStart = i + 1;
          continue;
        }
        // A line end after the closing quote.
        let next = i + 1;
        if (after === 13) {
          if (next === len && !final) break;
          if (buf[next] === 10) next++;
        }
        line++;
        if (skip) skip = false;
        else rows.push({ row: line, cells });
        cells = [];
        start = fieldStart = next;
        i = next - 1;
        continue;
      }
      if (b === delimiter) {
        cells.push(i === fieldStart ? null : field(buf, fieldStart, i, cells.length));
        fieldStart = i + 1;
      } else if (b === 10 || b === 13) {
        let next = i + 1;
        if (b === 13) {
          // A \r at the end of a chunk may be the first half of \r\n: wait for the next chunk.
          if (next === len && !final) break;
          if (buf[next] === 10) next++;
        }
        cells.push(i === fieldStart ? null : field(buf, fieldStart, i, cells.length));
        line++;
        if (skip) skip = false;
        else rows.push({ row: line, cells });
        cells = [];
        start = fieldStart = next;
        i = next - 1;
      }
    }
    return start;
  };
  try {
    for await (const chunk of source) {
      const buf: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
      const rows: RawRow[] = [];
      const rest = scan(buf, rows, false);
      carry = rest < buf.length ? Buffer.from(buf.subarray(rest)) : null;
      if (rows.length > 0) yield rows;
    }
    if (carry) {
      const rows: RawRow[] = [];
      const rest = scan(carry, rows, true);
      // The last line has no line end.
      if (rest < carry.length) scan(Buffer.concat([carry.subarray(rest), Buffer.from('\n')]), rows, true);
      if (rows.length > 0) yield rows;
    }
  } catch (err) {
    if (err instanceof NotPlain) throw err;
    throw fileError(err, displayName);
  }
}

/**
 * Streams the records of a csv file as RawRow (cells as strings, '' → null, `row` = the 1-based
 * line on which the record starts). Lines inside quoted fields are counted as written; an empty
 * line yields a row with one null cell, so callers see it and decide (tables skip blank rows).
 * Throws IoError for unreadable files and malformed csv.
 */
export async function* readCsvRows(
  path: string,
  displayName: string = path,
  probe?: CsvProbe,
): AsyncGenerator<RawRow> {
  for await (const batch of readCsvBatches(path, displayName, probe)) yield* batch;
}
