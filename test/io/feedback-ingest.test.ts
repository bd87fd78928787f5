import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IssueSink } from '../../src/domain/issues.ts';
import { formatPlace } from '../../src/domain/place.ts';
import { parsePeriod } from '../../src/domain/period.ts';
import { groupIkm } from '../../src/engine/ikm.ts';
import type { SurveyResponse } from '../../src/engine/ikm.ts';
import { COLUMNS } from '../../src/ingest/columns.ts';
import { FeedbackIngest } from '../../src/ingest/feedback.ts';
import type { FeedbackFileCounts } from '../../src/ingest/feedback.ts';
import { openTable } from '../../src/io/table.ts';

/**
 * Feedback ingest over several files of mixed formats: a UTF-8 csv with U1..U9 headers, a
 * Windows-1252 ';' csv with the unsur names as headers, and an xlsx with a title row.
 */
const dir = mkdtempSync(join(tmpdir(), 'appraise-feedback-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DUK = 'Dinas Kependudukan dan Pencatatan Sipil';
const KEC = 'Kecamatan Simeulue Timur';
const OFFICER = '198908082015012005';
const NAMES = ['Persyaratan', 'Sistem, Mekanisme, dan Prosedur', 'Waktu Penyelesaian', 'Biaya/Tarif', 'Produk Spesifikasi Jenis Pelayanan',
  'Kompetensi Pelaksana', 'Perilaku Pelaksana', 'Penanganan Pengaduan, Saran dan Masukan', 'Sarana dan Prasarana'];
const U = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'];

// a.csv (UTF-8, ','): header line 1; the columns are Tanggal A, Unit B, Layanan C, U1..U9 D..L,
// ID M, NIP Petugas N, Pengaduan O, Kategori P.
const A_CSV = [
  ['Tanggal', 'Unit Kerja', 'Layanan', ...U, 'ID Responden', 'NIP Petugas', 'Pengaduan', 'Kategori Pengaduan'],
  ['2025-01-06', DUK, 'AKTA-LAHIR', 3, 2, 1, 4, 3, 3, 3, 2, 3, 'R-1', OFFICER, 'Akta lama selesai', 'Waktu Penyelesaian'], // line 2
  ['2025-01-07', DUK, 'akta-lahir', 4, 3, 2, 4, 3, '', 4, 3, 3, 'R-2', '', '', ''], // line 3: U6 blank, code in lower case
  ['2025-01-08', DUK, 'AKTA-LAHIR', 3, 3, 5, 4, 3, 3, 3, 3, 3, 'R-3', '', '', ''], // line 4: U3 = 5
  ['2025-01-08', DUK, 'AKTA-LAHIR', 3, 3, 'x', 4, 0, 3, 3, 3, 3, 'R-4', '', '', ''], // line 5: U3 'x', U5 0
  ['', DUK, 'KK', 3, 3, 3, 3, 3, 3, 3, 3, 3, 'R-5', '', '', ''], // line 6: no date
  ['2025-01-09', '', '', 3, 3, 3, 3, 3, 3, 3, 3, 3, 'R-6', '', '', ''], // line 7: no unit nor service
  ['2024-12-31', DUK, 'KK', 3, 3, 3, 3, 3, 3, 3, 3, 3, 'R-7', '', '', ''], // line 8: outside the period
  ['2025-01-10', 'Dinas Tidak Ada', 'LAYANAN-X', 3, 3, 3, 3, 3, 3, 3, 3, 3, 'R-8', '', '', ''], // line 9: unknown unit and service
  ['2025-01-10', 'dinas kependudukan  dan pencatatan sipil', 'KK', 2, 2, 2, 2, 2, 2, 2, 2, 2, 'R-9', '', '', ''], // line 10: unit in other case
  ['2025-01-11', DUK, 'KK', '', '', '', '', '', '', '', '', '', 'R-10', '', '', ''], // line 11: no answers
  ['2025-01-11', DUK, 'KK', 4, 4, 4, 4, 4, 4, 4, 4, 4, 'r-1 ', '', '', ''], // line 12: ID R-1 again (case, space)
];

// b.csv (Windows-1252, ';', DD/MM/YYYY): unsur names as headers, in a shuffled order, no ID column.
const B_ORDER = [2, 0, 1, 3, 4, 5, 6, 7, 8]; // Waktu Penyelesaian first
const bRow = (date: string, unit: string, service: string, answers: number[], complaint = '') =>
  [date, unit, service, ...B_ORDER.map((i) => answers[i]), complaint];
const B_CSV = [
  ['Tanggal', 'Unit Kerja', 'Layanan', ...B_ORDER.map((i) => NAMES[i]), 'Pengaduan'],
  bRow('03/02/2025', KEC, 'SURAT-KETERANGAN', [4, 4, 1, 4, 4, 4, 4, 4, 4], 'Lama – “besok” terus'), // line 2
  bRow('04/02/2025', KEC, 'SURAT-KETERANGAN', [3, 3, 3, 3, 3, 3, 3, 3, 3]), // line 3
  bRow('04/02/2025', KEC, 'SURAT-KETERANGAN', [3, 3, 3, 3, 3, 3, 3, 3, 3]), // line 4: same full row as line 3
  bRow('05/02/2025', KEC, 'SURAT-KETERANGAN', [3, 3, 3, 3, 3, 3, 3, 3, 3]), // line 5: another date: not a repeat
];

function csvText(rows: (string | number)[][], delimiter: string): string {
  return rows.map((r) => r.map((v) => { const s = String(v); return s.includes(delimiter) || s.includes('"') ? `"${s.replace(/"/g, '""')}"` : s; }).join(delimiter)).join('\r\n') + '\r\n';
}

interface Outcome {
  sink: IssueSink;
  counts: FeedbackFileCounts[];
  responses: SurveyResponse[];
  ingest: FeedbackIngest;
}

async function ingestFiles(files: string[], period = '2025-Q1'): Promise<Outcome> {
  const sink = new IssueSink('en');
  const ingest = new FeedbackIngest({
    period: parsePeriod(period)!,
    units: [DUK, KEC],
    services: ['AKTA-LAHIR', 'KK', 'SURAT-KETERANGAN'],
    employees: new Set([OFFICER]),
  }, sink);
  const responses: SurveyResponse[] = [];
  const counts: FeedbackFileCounts[] = [];
  for (const name of files) {
    const table = await openTable({ path: join(dir, name), displayName: name, columns: COLUMNS['umpan-balik'], sink });
    expect(table, `${name} opens`).not.toBeNull();
    counts.push(await ingest.ingest(table!, (r) => responses.push(r)));
  }
  return { sink, counts, responses, ingest };
}

const at = (o: Outcome, code: string) => o.sink.issues.filter((i) => i.code === code).map((i) => formatPlace(i));

beforeAll(async () => {
  writeFileSync(join(dir, 'a.csv'), csvText(A_CSV, ','));
  writeFileSync(join(dir, 'b.csv'), iconv.encode(csvText(B_CSV, ';'), 'win1252'));
  // c.xlsx: a title row, then the header; row 3 repeats a.csv's R-2 (by ID), row 4 repeats b.csv line 5
  // (no ID, same values, an Excel date), row 5 is new.
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Survei');
  ws.getRow(1).getCell(1).value = 'REKAP SURVEI';
  const header = ['Tanggal', 'Unit Kerja', 'Layanan', ...U, 'ID Responden'];
  header.forEach((h, i) => { ws.getRow(2).getCell(i + 1).value = h; });
  const put = (r: number, values: (string | number | Date | null)[]) => values.forEach((v, i) => { if (v !== null) ws.getRow(r).getCell(i + 1).value = v; });
  put(3, [new Date(Date.UTC(2025, 2, 1)), DUK, 'KK', 1, 1, 1, 1, 1, 1, 1, 1, 1, 'R-2']);
  put(4, [new Date(Date.UTC(2025, 1, 5)), KEC, 'SURAT-KETERANGAN', 3, 3, 3, 3, 3, 3, 3, 3, 3, null]);
  put(5, [new Date(Date.UTC(2025, 2, 2)), DUK, 'KK', 4, 4, 4, 4, 4, 4, 4, 4, 4, 'R-11']);
  await wb.xlsx.writeFile(join(dir, 'c.xlsx'));
});

describe('feedback ingest: one csv', () => {
  it('rejects bad answers at their cells, keeps blanks, reports each bad row at its place', async () => {
    const o = await ingestFiles(['a.csv']);
    expect(at(o, 'ANSWER_OUT_OF_RANGE')).toEqual(['a.csv:4:F', 'a.csv:5:F', 'a.csv:5:H']);
    expect(at(o, 'REQUIRED_MISSING')).toEqual(['a.csv:6:A']);
    expect(at(o, 'FEEDBACK_NO_UNIT_OR_SERVICE')).toEqual(['a.csv:7:B']);
    expect(at(o, 'FEEDBACK_OUTSIDE_PERIOD')).toEqual(['a.csv:8:A']);
    expect(at(o, 'FEEDBACK_UNIT_SERVICE_UNKNOWN')).toEqual(['a.csv:9:B']);
    expect(at(o, 'FEEDBACK_NO_ANSWERS')).toEqual(['a.csv:11:D']);
    expect(at(o, 'FEEDBACK_DUPLICATE')).toEqual(['a.csv:12:M']);
    expect(o.sink.issues.find((i) => i.code === 'FEEDBACK_DUPLICATE')!.message).toContain('already appears at a.csv:2');
    expect(o.sink.issues.find((i) => i.code === 'FEEDBACK_OUTSIDE_PERIOD')!.severity).toBe('warning');
    // read = accepted + rejected: lines 2, 3, 10 accepted.
    expect(o.counts[0]).toEqual({ read: 11, accepted: 3, rejected: 8, duplicates: 1, outsidePeriod: 1 });
    expect(o.responses.map((r) => formatPlace(r.place))).toEqual(['a.csv:2', 'a.csv:3', 'a.csv:10']);
    // Blank U6 on line 3 is null (not counted for U6); the lower-case code and unit are matched.
    expect(o.responses[1]!.answers).toEqual([4, 3, 2, 4, 3, null, 4, 3, 3]);
    expect(o.responses[1]!.service).toBe('AKTA-LAHIR');
    expect(o.responses[2]!.unit).toBe(DUK);
    expect(o.responses[0]!.officerNip).toBe(OFFICER);
    // Group IKM of AKTA-LAHIR: U6 has one answer (3), the others two.
    const g = groupIkm(o.responses, { weight: 'exact' });
    const akta = g.byService.get('AKTA-LAHIR')!;
    expect(akta.respondents).toBe(2);
    expect(akta.unsur.map((u) => u.n)).toEqual([2, 2, 2, 2, 2, 1, 2, 2, 2]);
    // NRR: 3.5, 2.5, 1.5, 4, 3, 3, 3.5, 2.5, 3 → Σ = 26.5 → IKM = 26.5 × 25 / 9 = 73.6111… → 73.61 C
    expect(akta.ikmRounded).toBe(73.61);
    expect(akta.mutu!.code).toBe('C');
  });
});

describe('feedback ingest: three files, mixed formats and encodings', () => {
  let o: Outcome;
  beforeAll(async () => {
    o = await ingestFiles(['a.csv', 'b.csv', 'c.xlsx']);
  });

  it('reads answers by unsur name from a Windows-1252 ; csv (never by position)', () => {
    const b = o.responses.filter((r) => r.place.file === 'b.csv');
    expect(b.map((r) => r.place.row)).toEqual([2, 3, 5]);
    // Line 2: Waktu Penyelesaian (U3) = 1 although it is the first answer column.
    expect(b[0]!.answers).toEqual([4, 4, 1, 4, 4, 4, 4, 4, 4]);
    expect(b[0]!.complaint).toBe('Lama – “besok” terus');
    expect(b[0]!.date.toISOString().slice(0, 10)).toBe('2025-02-03');
  });

  it('counts the same respondent once across files: by ID and by the same full row', () => {
    expect(at(o, 'FEEDBACK_DUPLICATE')).toEqual(['a.csv:12:M', 'b.csv:4:A', 'c.xlsx!Survei!M3', 'c.xlsx!Survei!A4']);
    const msg = (p: string) => o.sink.issues.find((i) => i.code === 'FEEDBACK_DUPLICATE' && formatPlace(i) === p)!.message;
    expect(msg('b.csv:4:A')).toContain('identical to b.csv:3');
    expect(msg('c.xlsx!Survei!M3')).toContain("'R-2' already appears at a.csv:3");
    // An xlsx date cell and a DD/MM/YYYY csv text are the same date: the full rows match.
    expect(msg('c.xlsx!Survei!A4')).toContain('identical to b.csv:5');
  });

  it('row counts add up per file and in total', () => {
    expect(o.counts).toEqual([
      { read: 11, accepted: 3, rejected: 8, duplicates: 1, outsidePeriod: 1 },
      { read: 4, accepted: 3, rejected: 1, duplicates: 1, outsidePeriod: 0 },
      { read: 3, accepted: 1, rejected: 2, duplicates: 2, outsidePeriod: 0 },
    ]);
    expect(o.ingest.totals).toEqual({ files: 3, read: 18, accepted: 7, rejected: 11, duplicates: 4, outsidePeriod: 1 });
    expect(o.responses).toHaveLength(7);
  });

  it('dates outside the period are reported for another period too', async () => {
    const q2 = await ingestFiles(['c.xlsx'], '2025-Q2');
    expect(at(q2, 'FEEDBACK_OUTSIDE_PERIOD')).toEqual(['c.xlsx!Survei!A3', 'c.xlsx!Survei!A4', 'c.xlsx!Survei!A5']);
    expect(q2.responses).toHaveLength(0);
  });
});
