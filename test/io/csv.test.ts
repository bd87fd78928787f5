import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectDelimiter, probeCsv, readCsvRows } from '../../src/io/csv.ts';
import { IoError } from '../../src/io/errors.ts';
import type { RawRow } from '../../src/io/types.ts';

const dir = mkdtempSync(join(tmpdir(), 'appraise-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

async function all(path: string): Promise<RawRow[]> {
  const out: RawRow[] = [];
  for await (const r of readCsvRows(path, 'x.csv')) out.push(r);
  return out;
}

/** Windows-1252 bytes written by hand: ’ is 0x92, – is 0x96, é is 0xE9 (not via iconv). */
function cp1252(s: string): Buffer {
  const map: Record<string, number> = { '’': 0x92, '–': 0x96, '“': 0x93, '”': 0x94 };
  return Buffer.from([...s].map((ch) => map[ch] ?? ch.charCodeAt(0)));
}

describe('probeCsv: encoding, delimiter, hash', () => {
  it('detects a UTF-8 BOM and strips it from the first cell', async () => {
    const p = file('bom.csv', '\ufeffNIP,Nama\r\n1,Teuku Muhammad Ja’far\r\n');
    const probe = await probeCsv(p);
    expect(probe.encoding).toBe('utf-8-bom');
    expect(probe.delimiter).toBe(',');
    expect(probe.sha256).toBe(createHash('sha256').update(readFileSync(p)).digest('hex'));
    const rows = await all(p);
    expect(rows[0]!.cells).toEqual(['NIP', 'Nama']);
    expect(rows[1]!.cells).toEqual(['1', 'Teuku Muhammad Ja’far']);
  });

  it('accepts strict UTF-8 without BOM', async () => {
    const p = file('utf8.csv', 'Nama;Unit\nJa’far;Dinas – Kependudukan\n');
    const probe = await probeCsv(p);
    expect(probe.encoding).toBe('utf-8');
    expect(probe.delimiter).toBe(';');
    expect((await all(p))[1]!.cells).toEqual(['Ja’far', 'Dinas – Kependudukan']);
  });

  it('decodes Windows-1252 with curly quotes and dashes intact', async () => {
    const p = file('w1252.csv', cp1252('Nama;Nilai\r\nTeuku Muhammad Ja’far;88,67\r\nCut Nyak Dhien – Kepala;“baik”\r\nAndré;1\r\n'));
    const probe = await probeCsv(p);
    expect(probe.encoding).toBe('windows-1252');
    expect(probe.delimiter).toBe(';');
    const rows = await all(p);
    expect(rows.map((r) => r.cells)).toEqual([
      ['Nama', 'Nilai'],
      ['Teuku Muhammad Ja’far', '88,67'],
      ['Cut Nyak Dhien – Kepala', '“baik”'],
      ['André', '1'],
    ]);
  });

  it('checks UTF-8 across chunk boundaries (a multi-byte character split between 64 KiB chunks)', async () => {
    // 'é' is 2 bytes; place it so that it straddles the 65536-byte boundary of the first chunk.
    const filler = 'a'.repeat(65535);
    const p = file('split.csv', `x\n${filler.slice(2)}é\n`);
    const probe = await probeCsv(p);
    expect(probe.encoding).toBe('utf-8');
    // The same file with one Latin-1 byte at the end is not UTF-8.
    const q = file('split-bad.csv', Buffer.concat([Buffer.from(`x\n${filler}`), Buffer.from([0xe9, 0x0a])]));
    expect((await probeCsv(q)).encoding).toBe('windows-1252');
  });

  it('a file ending in the middle of a UTF-8 sequence is not UTF-8', async () => {
    const p = file('trunc.csv', Buffer.concat([Buffer.from('a,b\n'), Buffer.from([0xe2, 0x80])]));
    expect((await probeCsv(p)).encoding).toBe('windows-1252');
  });

  it('rejects a BOM file with invalid UTF-8 bytes instead of guessing', async () => {
    const p = file('badbom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a,b\n'), Buffer.from([0x92, 0x0a])]));
    await expect(probeCsv(p, 'badbom.csv')).rejects.toMatchObject({ code: 'CSV_ENCODING' });
  });

  it('detects tab and honours an Excel "sep=" line', async () => {
    const t = file('tab.csv', 'NIP\tNama\tNilai\n1\tAli, S.Pd\t88,5\n');
    expect((await probeCsv(t)).delimiter).toBe('\t');
    expect((await all(t))[1]!.cells).toEqual(['1', 'Ali, S.Pd', '88,5']);
    const s = file('sep.csv', 'sep=;\r\nA;B\r\n1,5;2\r\n');
    const probe = await probeCsv(s);
    expect(probe).toMatchObject({ delimiter: ';', sepLine: true });
    const rows = await all(s);
    expect(rows).toEqual([
      { row: 2, cells: ['A', 'B'] },
      { row: 3, cells: ['1,5', '2'] },
    ]);
  });

  it('missing file → IoError FILE_NOT_FOUND', async () => {
    await expect(probeCsv(join(dir, 'nope.csv'), 'nope.csv')).rejects.toBeInstanceOf(IoError);
    await expect(probeCsv(join(dir, 'nope.csv'), 'nope.csv')).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });
});

describe('detectDelimiter', () => {
  it('prefers ; in an Indonesian-locale file full of decimal commas', () => {
    const s = 'NIP;Target;Realisasi;Capaian\n1;88,67;90,5;102,07\n2;1,5;2,25;150\n3;4,5;4,5;100,0\n';
    expect(detectDelimiter(s)).toBe(';');
  });
  it('prefers , when a field holds a ;-separated list', () => {
    const s = 'NIP,Nama,Layanan,Unit\n1,Ali,A01;A02;A03,Dinas\n2,Budi,A01,Dinas\n3,Cut,A02;A04,Dinas\n';
    expect(detectDelimiter(s)).toBe(',');
  });
  it('ignores delimiters inside quotes, including quoted newlines', () => {
    const s = 'a;b\n"x,y,z\nw,v,u";1\n"p,q,r";2\n';
    expect(detectDelimiter(s)).toBe(';');
  });
  it('falls back to , for a single column', () => {
    expect(detectDelimiter('NIP\n1\n2\n')).toBe(',');
  });
});

describe('readCsvRows: records and line numbers', () => {
  it('gives each record the line it starts on, with quoted newlines, blank lines and short rows', async () => {
    const p = file('lines.csv', 'a,b,c\r\n1,"two\nlines",3\r\n\r\n4,5\r\n6,,"q ""x"""\r\n');
    const rows = await all(p);
    expect(rows).toEqual([
      { row: 1, cells: ['a', 'b', 'c'] },
      { row: 2, cells: ['1', 'two\nlines', '3'] },
      { row: 4, cells: [null] },
      { row: 5, cells: ['4', '5'] },
      { row: 6, cells: ['6', null, 'q "x"'] },
    ]);
  });

  it('handles mixed line endings without gluing records together', async () => {
    const p = file('mixed.csv', 'a,b\r\n1,2\n3,4\r\n5,6');
    expect(await all(p)).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['1', '2'] },
      { row: 3, cells: ['3', '4'] },
      { row: 4, cells: ['5', '6'] },
    ]);
  });

  it('keeps a quote inside an unquoted field as text', async () => {
    const p = file('quote.csv', 'a,b\nlayar 5" LED,2\n');
    expect((await all(p))[1]!.cells).toEqual(['layar 5" LED', '2']);
  });

  it('an unclosed quote is an IoError CSV_MALFORMED with the line', async () => {
    const p = file('bad.csv', 'a,b\n1,2\n3,"open\n4,5\n');
    const seen: RawRow[] = [];
    let error: unknown;
    try {
      for await (const r of readCsvRows(p, 'bad.csv')) seen.push(r);
    } catch (e) {
      error = e;
    }
    expect(seen.map((r) => r.row)).toEqual([1, 2]);
    expect(error).toBeInstanceOf(IoError);
    expect(error).toMatchObject({ code: 'CSV_MALFORMED', place: { file: 'bad.csv' } });
  });
});
