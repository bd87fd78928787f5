import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { neutraliseFormula, writeCsv } from '../../src/reports/csv.js';

describe('neutraliseFormula', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+62 812', "'+62 812"],
    ['-5', "'-5"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['Ahmad Yani', 'Ahmad Yani'],
    ['a=b', 'a=b'],
    ['', ''],
    ["'already", "'already"],
  ])('%j → %j', (input, expected) => {
    expect(neutraliseFormula(input)).toBe(expected);
  });
});

describe('writeCsv', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'appraise-csv-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a BOM, plain numbers, neutralised text and empty nulls', async () => {
    const path = join(dir, 'out.csv');
    await writeCsv(path, ['NIP', 'Nama', 'Nilai', 'Catatan'], [
      ['198503152010011001', 'Ahmad, Yani', 102.85, '=HYPERLINK("x")'],
      ['199001012015032002', 'Siti', -3.5, null],
    ]);
    const buf = await readFile(path);
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(buf.subarray(3).toString('utf8')).toBe(
      'NIP,Nama,Nilai,Catatan\r\n' +
        '198503152010011001,"Ahmad, Yani",102.85,"\'=HYPERLINK(""x"")"\r\n' +
        '199001012015032002,Siti,-3.5,\r\n',
    );
    // No temporary file is left behind.
    expect(await readdir(dir)).toEqual(['out.csv']);
  });

  it('accepts an async generator of rows', async () => {
    const path = join(dir, 'gen.csv');
    async function* rows(): AsyncGenerator<unknown[]> {
      for (let i = 1; i <= 3; i++) yield [i, `r${i}`];
    }
    await writeCsv(path, ['n', 's'], rows());
    expect((await readFile(path, 'utf8')).replace(/^\uFEFF/, '')).toBe('n,s\r\n1,r1\r\n2,r2\r\n3,r3\r\n');
  });

  it('quotes a neutralised field when it must, writes a styled cell as its value, and streams many rows', async () => {
    const path = join(dir, 'mixed.csv');
    const rows: unknown[][] = [['=1,2', '\rx', '-"q"', { value: 'Baik', fill: 'FFC6EFCE' }, { value: 97.5 }, true, 'ünï — 𝄞']];
    for (let i = 0; i < 30_000; i++) rows.push([i, `baris ${i}, "kutip"`, i / 8, null]);
    await writeCsv(path, ['a', 'b', 'c', 'd', 'e', 'f', 'g'], rows);
    const lines = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[1]).toBe(`"'=1,2","'\rx","'-""q""",Baik,97.5,true,ünï — 𝄞`);
    expect(lines[2]).toBe('0,"baris 0, ""kutip""",0,');
    expect(lines[30_001]).toBe('29999,"baris 29999, ""kutip""",3749.875,');
    expect(lines.length).toBe(30_003); // header, rows, and the empty rest after the last CRLF
  });

  it('fails on a value it cannot write', async () => {
    await expect(writeCsv(join(dir, 'obj.csv'), ['x'], [[{ nope: 1 }]])).rejects.toThrow(/type object/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('fails on a non-finite number and leaves no file', async () => {
    const path = join(dir, 'bad.csv');
    await expect(writeCsv(path, ['x'], [[Number.POSITIVE_INFINITY]])).rejects.toThrow(/non-finite/);
    expect(await readdir(dir)).toEqual([]);
  });
});
