import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NotPlain, probeCsv, readCsvBatches, readCsvParseBatches, readPlainBatches, type CsvProbe } from '../../src/io/csv.ts';
import type { RawRow } from '../../src/io/types.ts';

/**
 * The quote-free fast path must give exactly what csv-parse gives (the path files with quotes
 * take): same records, cells and line numbers, whatever the chunking.
 */

const dir = mkdtempSync(join(tmpdir(), 'appraise-csv-plain-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function viaCsvParse(path: string): Promise<{ probe: CsvProbe; rows: RawRow[] }> {
  const probe = await probeCsv(path, 'x.csv');
  const rows: RawRow[] = [];
  for await (const batch of readCsvParseBatches(path, probe, 'x.csv')) rows.push(...batch);
  return { probe, rows };
}

async function viaPlain(bytes: Buffer, probe: CsvProbe, chunk: number): Promise<RawRow[] | 'not plain'> {
  const body = probe.encoding === 'utf-8-bom' ? bytes.subarray(3) : bytes;
  async function* chunks(): AsyncGenerator<Buffer> {
    for (let i = 0; i < body.length; i += chunk) yield body.subarray(i, i + chunk);
  }
  const rows: RawRow[] = [];
  try {
    for await (const batch of readPlainBatches(chunks(), probe, 'x.csv')) rows.push(...batch);
  } catch (err) {
    if (err instanceof NotPlain) return 'not plain';
    throw err;
  }
  return rows;
}

const cases: { name: string; bytes: Buffer }[] = [
  { name: 'plain, final line end', bytes: Buffer.from('NIP,Nama,Target\n1,Ani,10\n2,Budi,20\n') },
  { name: 'no final line end', bytes: Buffer.from('a,b\n1,2') },
  { name: 'mixed line endings', bytes: Buffer.from('a,b\r\n1,2\r3,4\n5,6\r\n\r\n7,8\r') },
  { name: 'blank lines and short rows', bytes: Buffer.from('a,b,c\n\n1\n,,\n2,3\n\n') },
  { name: 'trailing delimiters, spaces kept', bytes: Buffer.from('a;b;\n 1 ; 2 ;\n') },
  { name: 'tab, sep= line', bytes: Buffer.from('sep=\t\nx\ty\n1\t2\n') },
  { name: 'UTF-8 BOM and multi-byte characters', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Nama,Unit\nCut Nyak Dhien – Kepala,Dinas Ḥ\nÉlise,ü€😀\n')]) },
  { name: 'only a line end', bytes: Buffer.from('\n') },
  {
    // Repeated values come back from the per-column table of recent values: same-length values that
    // differ inside, non-ASCII values, long values and a value moving to another column.
    name: 'repeated, similar and non-ASCII values',
    bytes: Buffer.from(
      'k,v,w\n' +
        ['IKI-01,axb,é', 'IKI-01,ayb,é', 'IKI-02,axb,e', 'IKI-01,ayb,Ã©', 'axb,IKI-01,é', `${'x'.repeat(70)},${'x'.repeat(70)},é`, `${'x'.repeat(70)},${'x'.repeat(69)}y,ée`]
          .flatMap((l) => [l, l])
          .join('\n') +
        '\n',
    ),
  },
  { name: 'empty file', bytes: Buffer.from('') },
];

const quoted: { name: string; bytes: Buffer }[] = [
  { name: 'quoted fields', bytes: Buffer.from('a,b,c\n1,"x, y",z\n"",2,"3"\n"q ""r"" s","t"\n"last"') },
  { name: 'quoted, CRLF and a quote inside an unquoted field', bytes: Buffer.from('a,b\r\n"x",5" disk\r\n"y","z"\r\n\r\n"é–😀","""",\r\n') },
  { name: 'quoted field at the very end', bytes: Buffer.from('a,b\n1,"2"') },
  { name: 'sep= line then quoted', bytes: Buffer.from('sep=;\n"a";b\n"1;2";3\n') },
];

describe('readPlainBatches with quoted fields on one line = csv-parse', () => {
  it.each(quoted)('$name, at every chunk size', async ({ name, bytes }) => {
    const path = join(dir, `q-${name.replace(/\W+/g, '-')}.csv`);
    writeFileSync(path, bytes);
    const { probe, rows } = await viaCsvParse(path);
    expect(probe.hasQuotes).toBe(true);
    for (let chunk = 1; chunk <= bytes.length + 1; chunk++) {
      expect(await viaPlain(bytes, probe, chunk), `chunk ${chunk}`).toEqual(rows);
    }
    const direct: RawRow[] = [];
    for await (const batch of readCsvBatches(path, 'x.csv')) direct.push(...batch);
    expect(direct).toEqual(rows);
  });

  it.each([
    { name: 'a line end inside quotes', text: 'a,b\n1,2\n3,"x\ny"\n4,5\n' },
    { name: 'a closing quote followed by text', text: 'a,b\n1,2\n3,"x"y\n' },
    { name: 'an unclosed quote', text: 'a,b\n1,2\n3,"x\n' },
    { name: 'another delimiter after a closing quote', text: 'a,b\n1,2\n"q ""r"" s";"t"\n4,5\n' },
  ])('$name: csv-parse reads the file, with the same records and errors as csv-parse alone', async ({ name, text }) => {
    const path = join(dir, `f-${name.replace(/\W+/g, '-')}.csv`);
    writeFileSync(path, text);
    const probe = await probeCsv(path, 'x.csv');
    expect(await viaPlain(Buffer.from(text), probe, 4)).toBe('not plain');
    const read = async (it: AsyncGenerator<RawRow[]>) => {
      const rows: RawRow[] = [];
      try {
        for await (const batch of it) rows.push(...batch);
      } catch (err) {
        return { rows, error: String(err) };
      }
      return { rows, error: null };
    };
    const ref = await read(readCsvParseBatches(path, probe, 'x.csv'));
    const got = await read(readCsvBatches(path, 'x.csv'));
    expect(got).toEqual(ref);
    expect(ref.rows.length).toBeGreaterThan(0);
  });
});

describe('readPlainBatches (csv without quotes) = csv-parse', () => {
  it.each(cases)('$name, at every chunk size', async ({ name, bytes }) => {
    const path = join(dir, `${name.replace(/\W+/g, '-')}.csv`);
    writeFileSync(path, bytes);
    const { probe, rows } = await viaCsvParse(path);
    expect(probe.hasQuotes).toBe(false);
    for (let chunk = 1; chunk <= bytes.length + 1; chunk++) {
      expect(await viaPlain(bytes, probe, chunk), `chunk ${chunk}`).toEqual(rows);
    }
    // And through the public reader, which takes the fast path on its own.
    const direct: RawRow[] = [];
    for await (const batch of readCsvBatches(path, 'x.csv')) direct.push(...batch);
    expect(direct).toEqual(rows);
  });

  it('a Windows-1252 file is read by csv-parse (its bytes are decoded as a stream)', async () => {
    const path = join(dir, 'cp1252.csv');
    writeFileSync(path, Buffer.from([0x4e, 0x3b, 0x43, 0x0a, 0x4a, 0x6f, 0x73, 0xe9, 0x3b, 0x96, 0x0a]));
    const probe = await probeCsv(path, 'x.csv');
    expect(probe).toMatchObject({ encoding: 'windows-1252', hasQuotes: false });
    const rows: RawRow[] = [];
    for await (const batch of readCsvBatches(path, 'x.csv', probe)) rows.push(...batch);
    expect(rows.map((r) => r.cells)).toEqual([['N', 'C'], ['Jos\u00e9', '\u2013']]);
  });

  it('a file with a quoted field is read with its quotes removed', async () => {
    const path = join(dir, 'quoted.csv');
    writeFileSync(path, 'a,b\n1,"x, y"\n');
    const probe = await probeCsv(path, 'x.csv');
    expect(probe.hasQuotes).toBe(true);
    const rows: RawRow[] = [];
    for await (const batch of readCsvBatches(path, 'x.csv', probe)) rows.push(...batch);
    expect(rows.map((r) => r.cells)).toEqual([['a', 'b'], ['1', 'x, y']]);
  });
});
