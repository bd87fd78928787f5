import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IssueSink } from '../../src/domain/issues.ts';
import { formatPlace } from '../../src/domain/place.ts';
import { COLUMNS } from '../../src/ingest/columns.ts';
import { normalizeHeader, openTable, readRawRows, rowBatches } from '../../src/io/table.ts';
import type { OpenTableOptions, OpenedTable } from '../../src/io/table.ts';
import type { ColumnSpec, RawRow, TableRow } from '../../src/io/types.ts';
import { FORMULA_ERROR_RESULT, parseNumber } from '../../src/io/values.ts';

const dir = mkdtempSync(join(tmpdir(), 'appraise-table-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SPEC: ColumnSpec[] = [
  { key: 'nip', headers: ['NIP', 'NIP Pegawai'], required: true },
  { key: 'name', headers: ['Nama', 'Name', 'Nama Lengkap'], required: true },
  { key: 'target', headers: ['Target'], required: true },
  { key: 'actual', headers: ['Realisasi', 'Actual'], required: true },
  { key: 'date', headers: ['Tanggal', 'Date'], required: false },
  { key: 'weight', headers: ['Bobot', 'Weight'], required: false },
];

function file(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

async function open(
  path: string,
  displayName: string,
  extra: Partial<OpenTableOptions> = {},
): Promise<{ t: OpenedTable | null; sink: IssueSink }> {
  const sink = extra.sink ?? new IssueSink('en');
  const t = await openTable({ path, displayName, columns: SPEC, sink, ...extra });
  return { t, sink };
}

async function collect(t: OpenedTable): Promise<TableRow[]> {
  const out: TableRow[] = [];
  for await (const r of t.rows()) out.push(r);
  return out;
}

describe('normalizeHeader', () => {
  it('ignores case, spaces, punctuation and accents', () => {
    expect(normalizeHeader('Biaya/Tarif')).toBe('biayatarif');
    expect(normalizeHeader(' NIP-ATASAN ')).toBe('nipatasan');
    expect(normalizeHeader('nip_atasan')).toBe('nipatasan');
    expect(normalizeHeader('Café')).toBe('cafe');
  });
});

describe('openTable on csv', () => {
  it('Windows-1252 ; csv with a title row: header, values, extras, places and hash', async () => {
    const text =
      'Daftar Realisasi Kinerja 2025;;;;\r\n' +
      'NIP;Nama;Target;Realisasi;Keterangan\r\n' +
      '199001012015011001;Teuku Muhammad Ja’far;88,67;1.234,5;"catatan; dengan titik koma"\r\n' +
      ';;;;\r\n' +
      '199202022016022002;Cut Nyak Dhien – Kepala;95%;-12,5;\r\n' +
      '199303032017031003;"Nama ""panjang""\nbaris dua";1;2;x\r\n' +
      '199404042018041004;Akhir;3;4\r\n';
    const bytes = Buffer.from([...text].map((ch) => (ch === '’' ? 0x92 : ch === '–' ? 0x96 : ch.charCodeAt(0))));
    const p = file('realisasi.csv', bytes);
    const { t, sink } = await open(p, 'data/realisasi.csv');
    expect(sink.issues).toEqual([]);
    expect(t).not.toBeNull();
    const table = t!;
    expect(table.info).toEqual({ file: 'data/realisasi.csv', format: 'csv', encoding: 'windows-1252', delimiter: ';', headerRow: 2 });
    expect(table.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(table.columns).toEqual([
      { key: 'nip', header: 'NIP', column: 'A' },
      { key: 'name', header: 'Nama', column: 'B' },
      { key: 'target', header: 'Target', column: 'C' },
      { key: 'actual', header: 'Realisasi', column: 'D' },
    ]);
    const rows = await collect(table);
    expect(rows.map((r) => r.place.row)).toEqual([3, 5, 6, 8]); // blank line 4 skipped; record 6 spans 2 lines
    expect(rows[0]!.values).toEqual({ nip: '199001012015011001', name: 'Teuku Muhammad Ja’far', target: '88,67', actual: '1.234,5' });
    expect(rows[0]!.extra).toEqual({ Keterangan: 'catatan; dengan titik koma' });
    expect(rows[1]!.values.name).toBe('Cut Nyak Dhien – Kepala');
    expect(rows[1]!.extra).toEqual({ Keterangan: null });
    expect(rows[2]!.values.name).toBe('Nama "panjang"\nbaris dua');
    expect(rows[3]!.extra).toEqual({ Keterangan: null }); // short row
    expect(parseNumber(rows[0]!.values.target!)).toEqual({ ok: true, value: 88.67 });
    expect(parseNumber(rows[0]!.values.actual!)).toEqual({ ok: true, value: 1234.5 });
    expect(parseNumber(rows[1]!.values.actual!)).toEqual({ ok: true, value: -12.5 });
    expect(formatPlace(rows[1]!.places.actual!)).toBe('data/realisasi.csv:5:D');
    expect(formatPlace(rows[3]!.places.nip!)).toBe('data/realisasi.csv:8:A');
    expect(formatPlace(rows[3]!.place)).toBe('data/realisasi.csv:8');

    // A second rows() reads the file again and gives the same rows.
    const again = await collect(table);
    expect(again).toEqual(rows);
  });

  it('UTF-8 BOM csv with English aliases; tab csv', async () => {
    const p = file('bom.csv', '\ufeffNIP Pegawai,Name,TARGET,actual,Weight\n1,Ali,10,9,"1,5"\n');
    const { t, sink } = await open(p, 'bom.csv');
    expect(sink.issues).toEqual([]);
    expect(t!.info.encoding).toBe('utf-8-bom');
    expect(t!.columns.map((c) => c.key)).toEqual(['nip', 'name', 'target', 'actual', 'weight']);
    const rows = await collect(t!);
    expect(rows[0]!.values).toEqual({ nip: '1', name: 'Ali', target: '10', actual: '9', weight: '1,5' });

    const q = file('tab.csv', 'NIP\tNama\tTarget\tRealisasi\n2\tBudi\t5\t6\n');
    const r = await open(q, 'tab.csv');
    expect(r.t!.info.delimiter).toBe('\t');
    expect((await collect(r.t!))[0]!.values).toEqual({ nip: '2', name: 'Budi', target: '5', actual: '6' });
  });

  it('a header found by mapping; mapping wins over an alias column', async () => {
    const p = file('foreign.csv', 'ID Pegawai,NIP,Nama Lengkap,Sasaran,Hasil\n19900101,999,Ali,10,9\n');
    const { t, sink } = await open(p, 'foreign.csv', {
      mapping: { 'id_pegawai': 'nip', SASARAN: 'target', 'hasil': 'actual' },
    });
    expect(t).not.toBeNull();
    expect(t!.columns).toEqual([
      { key: 'nip', header: 'ID Pegawai', column: 'A' },
      { key: 'name', header: 'Nama Lengkap', column: 'C' },
      { key: 'target', header: 'Sasaran', column: 'D' },
      { key: 'actual', header: 'Hasil', column: 'E' },
    ]);
    expect(sink.issues.map((i) => [i.code, i.severity, i.column])).toEqual([['HEADER_SUPERSEDED', 'warning', 'B']]);
    const rows = await collect(t!);
    expect(rows[0]!.values.nip).toBe('19900101');
    expect(rows[0]!.extra).toEqual({ NIP: '999' });
  });

  it('header missing → one HEADER_NOT_FOUND error naming the missing columns and accepted names', async () => {
    const p = file('nohead.csv', 'Daftar\nNIP,Nama,Sasaran\n1,Ali,3\n');
    const { t, sink } = await open(p, 'nohead.csv');
    expect(t).toBeNull();
    expect(sink.issues).toHaveLength(1);
    const i = sink.issues[0]!;
    expect(i).toMatchObject({ code: 'HEADER_NOT_FOUND', severity: 'error', file: 'nohead.csv' });
    expect(i.message).toContain('Row 2 comes closest');
    expect(i.message).toContain('Target, Realisasi');
    expect(i.message).toContain('"Actual"');
    expect(i.message).not.toContain('"NIP Pegawai"'); // NIP was recognised, so not listed
    expect(i.hint).toContain('mapping');
    const id = new IssueSink('id');
    await openTable({ path: p, displayName: 'nohead.csv', columns: SPEC, sink: id });
    expect(id.issues[0]!.message).toContain('Baris judul kolom tidak ditemukan dalam 30 baris pertama');
  });

  it('a header below headerSearchRows is not found', async () => {
    const p = file('deep.csv', 'x\n'.repeat(5) + 'NIP,Nama,Target,Realisasi\n1,A,1,1\n');
    expect((await open(p, 'deep.csv', { headerSearchRows: 5 })).t).toBeNull();
    const ok = await open(p, 'deep.csv', { headerSearchRows: 6 });
    expect(ok.t!.info.headerRow).toBe(6);
    expect((await collect(ok.t!)).map((r) => r.place.row)).toEqual([7]);
  });

  it('duplicated recognised column → HEADER_DUPLICATE error at the second one', async () => {
    const p = file('dup.csv', 'NIP,Nama,Target,Realisasi,Actual\n1,A,1,1,2\n');
    const { t, sink } = await open(p, 'dup.csv');
    expect(t).toBeNull();
    expect(sink.issues.map((i) => [i.code, formatPlace(i)])).toEqual([['HEADER_DUPLICATE', 'dup.csv:1:E']]);
  });

  it('unsupported extension and missing file are issues, not exceptions', async () => {
    const a = await open(file('x.xls', 'junk'), 'x.xls');
    expect(a.t).toBeNull();
    expect(a.sink.issues.map((i) => i.code)).toEqual(['UNSUPPORTED_FORMAT']);
    const b = await open(join(dir, 'missing.csv'), 'missing.csv');
    expect(b.t).toBeNull();
    expect(b.sink.issues.map((i) => i.code)).toEqual(['FILE_NOT_FOUND']);
  });

  it('malformed csv mid-file → CSV_MALFORMED issue and the rows end', async () => {
    const p = file('broken.csv', 'NIP,Nama,Target,Realisasi\n1,A,1,1\n2,"B,1,1\n');
    const { t, sink } = await open(p, 'broken.csv', { headerSearchRows: 1 });
    const rows = await collect(t!);
    expect(rows.map((r) => r.values.nip)).toEqual(['1']);
    expect(sink.issues.map((i) => i.code)).toEqual(['CSV_MALFORMED']);
    // Within the header search rows, the same error makes openTable fail with the issue.
    const early = await open(p, 'broken.csv');
    expect(early.t).toBeNull();
    expect(early.sink.issues.map((i) => i.code)).toEqual(['CSV_MALFORMED']);
  });

  it("real column specs: 'Biaya/Tarif' is recognised as U4 in umpan-balik", async () => {
    const p = file('survei.csv', 'Tanggal;Layanan;Biaya / Tarif;u1\n31/03/2025;KTP;4;3\n');
    const sink = new IssueSink('en');
    const t = await openTable({ path: p, displayName: 'survei.csv', columns: COLUMNS['umpan-balik'], sink });
    expect(t!.columns.map((c) => c.key)).toEqual(['date', 'service', 'U4', 'U1']);
  });
});

describe('xlsx', () => {
  let path: string;
  let bytes: Buffer;

  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const info = wb.addWorksheet('Petunjuk');
    info.addRow(['Isi lembar Data. Kolom NIP harus berformat Teks.']);
    const ws = wb.addWorksheet('Data');
    ws.getCell('A1').value = 'PEMERINTAH KABUPATEN SIMEULUE';
    ws.mergeCells('A1:H1');
    ws.getCell('A2').value = 'Realisasi Kinerja Triwulan I 2025';
    ws.mergeCells('A2:H2');
    ws.getRow(3).values = ['NIP', 'Nama', 'Target', 'Realisasi', 'Tanggal', 'Bobot', 'Tautan', 'Lulus'];
    ws.getRow(4).values = [
      199001012015011001, // a NIP typed as a number
      { richText: [{ text: 'Teuku Muhammad ' }, { font: { bold: true }, text: 'Ja’far' }] },
      { formula: 'F4*100', result: 100 },
      { error: '#DIV/0!' },
      new Date(Date.UTC(2025, 2, 31)),
      { formula: '1/0', result: { error: '#DIV/0!' } },
      { text: 'dokumen', hyperlink: 'https://example.org/doc' },
      true,
    ];
    ws.getCell('E4').numFmt = 'dd/mm/yyyy';
    ws.getRow(5).values = ['199202022016022002', 'Cut Nyak Dhien – Kepala', '  ', null, null, null, null, null];
    ws.getRow(6).values = [null, '   ']; // whitespace only: blank row, skipped
    ws.getRow(17).values = [
      '199303032017031003',
      { formula: 'B5&" (Plt)"', result: 'Cut Nyak Dhien – Kepala (Plt)' },
      { sharedFormula: 'C4', result: 250 },
      '88,67',
      { formula: 'E4+1', result: 45748 },
      { formula: 'G4' }, // never calculated: no saved result
      'lain',
      null,
      'kolom tanpa judul',
    ];
    ws.getCell('E17').numFmt = 'yyyy-mm-dd';
    path = join(dir, 'realisasi.xlsx');
    await wb.xlsx.writeFile(path);
    bytes = readFileSync(path);
  });

  it('finds the header below merged title rows on the first sheet that has it', async () => {
    const { t, sink } = await open(path, 'realisasi.xlsx');
    expect(sink.issues).toEqual([]);
    expect(t!.info).toEqual({ file: 'realisasi.xlsx', format: 'xlsx', sheet: 'Data', headerRow: 3 });
    expect(t!.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(t!.columns.map((c) => `${c.key}@${c.column}`)).toEqual([
      'nip@A',
      'name@B',
      'target@C',
      'actual@D',
      'date@E',
      'weight@F',
    ]);
  });

  it('unwraps every cell kind and keeps numbers as numbers', async () => {
    const { t } = await open(path, 'realisasi.xlsx');
    const rows = await collect(t!);
    expect(rows.map((r) => r.place.row)).toEqual([4, 5, 17]);
    const [r4, r5, r17] = rows as [TableRow, TableRow, TableRow];

    expect(typeof r4.values.nip).toBe('number'); // ingest must see the lost digits as a number
    expect(r4.values.name).toBe('Teuku Muhammad Ja’far'); // rich text joined
    expect(r4.values.target).toBe(100); // formula → saved result
    expect(r4.values.actual).toEqual({ error: '#DIV/0!' }); // error cell
    expect(r4.values.date).toEqual(new Date(Date.UTC(2025, 2, 31))); // date cell
    expect(r4.values.weight).toEqual({ error: FORMULA_ERROR_RESULT }); // formula whose result is an error
    expect(r4.extra).toEqual({ Tautan: 'dokumen', Lulus: true }); // hyperlink → text

    expect(r5.values).toEqual({ nip: '199202022016022002', name: 'Cut Nyak Dhien – Kepala', target: '  ', actual: null, date: null, weight: null });

    expect(r17.values.name).toBe('Cut Nyak Dhien – Kepala (Plt)'); // string formula result
    expect(r17.values.target).toBe(250); // shared formula result
    expect(r17.values.actual).toBe('88,67');
    expect(r17.values.date).toEqual(new Date(Date.UTC(2025, 3, 1))); // formula result in a date format
    expect(r17.values.weight).toEqual({ error: '#NO_RESULT' });
    expect(r17.extra).toEqual({ Tautan: 'lain', Lulus: null, '[I]': 'kolom tanpa judul' });

    expect(formatPlace(r17.places.target!)).toBe('realisasi.xlsx!Data!C17');
    expect(formatPlace(r4.places.actual!)).toBe('realisasi.xlsx!Data!D4');
    expect(formatPlace(r17.place)).toBe('realisasi.xlsx!Data!17');
    expect(r17.place).toEqual({ file: 'realisasi.xlsx', sheet: 'Data', row: 17 });
  });

  it('second rows() re-reads the workbook; close() without reading is safe', async () => {
    const { t } = await open(path, 'realisasi.xlsx');
    const a = await collect(t!);
    const b = await collect(t!);
    expect(b).toEqual(a);
    const c = await open(path, 'realisasi.xlsx');
    await c.t!.close();
    await c.t!.close();
  });

  it('a named sheet: missing sheet → SHEET_NOT_FOUND; header missing there → HEADER_NOT_FOUND at the sheet', async () => {
    const a = await open(path, 'realisasi.xlsx', { sheet: 'Rekap' });
    expect(a.t).toBeNull();
    expect(a.sink.issues.map((i) => i.code)).toEqual(['SHEET_NOT_FOUND']);
    expect(a.sink.issues[0]!.message).toContain('Petunjuk, Data');
    const b = await open(path, 'realisasi.xlsx', { sheet: 'Petunjuk' });
    expect(b.t).toBeNull();
    expect(b.sink.issues.map((i) => [i.code, formatPlace(i)])).toEqual([['HEADER_NOT_FOUND', 'realisasi.xlsx!Petunjuk']]);
    const c = await open(path, 'realisasi.xlsx', { sheet: 'data' });
    expect(c.t!.info.sheet).toBe('Data');
    await c.t!.close();
  });

  it('header not found in any sheet → one issue listing the sheets searched', async () => {
    const { t, sink } = await open(path, 'realisasi.xlsx', {
      columns: [{ key: 'code', headers: ['Kode'], required: true }],
    });
    expect(t).toBeNull();
    expect(sink.issues).toHaveLength(1);
    expect(sink.issues[0]!.code).toBe('HEADER_NOT_FOUND');
    expect(sink.issues[0]!.message).toContain('Petunjuk, Data');
    expect(sink.issues[0]!.message).toContain('"Kode"');
  });

  it('corrupt xlsx → XLSX_UNREADABLE issue', async () => {
    const p = file('corrupt.xlsx', 'this is not a zip file at all');
    const { t, sink } = await open(p, 'corrupt.xlsx');
    expect(t).toBeNull();
    expect(sink.issues.map((i) => i.code)).toEqual(['XLSX_UNREADABLE']);
  });

  it('readRawRows yields every row of every sheet with its sheet name', async () => {
    const rows: RawRow[] = [];
    for await (const r of readRawRows(path, 'realisasi.xlsx')) rows.push(r);
    expect(rows.map((r) => `${r.sheet}!${r.row}`)).toEqual([
      'Petunjuk!1',
      'Data!1',
      'Data!2',
      'Data!3',
      'Data!4',
      'Data!5',
      'Data!6',
      'Data!17',
    ]);
    expect(rows[1]!.cells[0]).toBe('PEMERINTAH KABUPATEN SIMEULUE');
    expect(rows[4]!.cells[0]).toBe(199001012015011001);
  });

  it('readRawRows on csv and on an unsupported file', async () => {
    const p = file('raw.csv', 'a;b\n1;2\n');
    const rows: RawRow[] = [];
    for await (const r of readRawRows(p, 'raw.csv')) rows.push(r);
    expect(rows).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['1', '2'] },
    ]);
    const it = readRawRows(join(dir, 'x.ods'), 'x.ods');
    await expect(it.next()).rejects.toMatchObject({ code: 'UNSUPPORTED_FORMAT' });
  });
});

describe('rowBatches', () => {
  it('gives a file table\'s rows a read chunk at a time, the same rows as rows(), on a first and a later read', async () => {
    const lines = ['NIP,Nama,Target,Realisasi'];
    for (let i = 0; i < 3000; i++) lines.push(`1990010120150110${String(i % 100).padStart(2, '0')},Nama ${i},${i},${i % 7}`);
    const p = file('batches.csv', Buffer.from(`${lines.join('\n')}\n`));
    const { t, sink } = await open(p, 'data/batches.csv');
    const batches: (readonly TableRow[])[] = [];
    for await (const b of rowBatches(t!.rows())) batches.push(b);
    const again = await collect(t!);
    expect(sink.issues).toEqual([]);
    expect(batches.length).toBeLessThan(3000); // not one array per row
    const flat = batches.flat();
    expect(flat.map((r) => [r.place.row, r.values['target'], r.places['actual']])).toEqual(
      again.map((r) => [r.place.row, r.values['target'], r.places['actual']]),
    );
    expect(flat).toHaveLength(3000);
    expect(flat[2999]!.place).toEqual({ file: 'data/batches.csv', row: 3001 });
  });

  it('gives any other iterable of rows (a replayed table) one row per array', async () => {
    const { t } = await open(file('one.csv', Buffer.from('NIP,Nama,Target,Realisasi\n199001012015011001,A,1,2\n199001012015011002,B,3,4\n')), 'one.csv');
    const rows = await collect(t!);
    async function* replay(): AsyncGenerator<TableRow> {
      yield* rows;
    }
    const batches: (readonly TableRow[])[] = [];
    for await (const b of rowBatches(replay())) batches.push(b);
    expect(batches).toEqual([[rows[0]], [rows[1]]]);
  });
});
