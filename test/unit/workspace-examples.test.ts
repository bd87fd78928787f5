import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { configSchema, defaultConfig } from '../../src/config/schema.ts';
import { parseNip } from '../../src/domain/nip.ts';
import { COLUMNS, ENUMS } from '../../src/ingest/columns.ts';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
const SINABANG = join(EXAMPLES, 'sinabang');
const PLANTED = join(EXAMPLES, 'planted-errors');
const headers = (kind: keyof typeof COLUMNS) => COLUMNS[kind].map((c) => c.headers[0]);

async function sheet(path: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb.worksheets[0]!;
}
function rowValues(ws: ExcelJS.Worksheet, n: number): unknown[] {
  return (ws.getRow(n).values as unknown[]).slice(1);
}

describe('examples/sinabang', () => {
  let roster: ExcelJS.Worksheet;
  let q1: ExcelJS.Worksheet;
  let q2: ExcelJS.Worksheet;
  beforeAll(async () => {
    roster = await sheet(join(SINABANG, 'data/pegawai.xlsx'));
    q1 = await sheet(join(SINABANG, 'data/2025-Q1/indikator.xlsx'));
    q2 = await sheet(join(SINABANG, 'data/2025-Q2/indikator.xlsx'));
  });

  const col = (kind: keyof typeof COLUMNS, key: string) => COLUMNS[kind].findIndex((c) => c.key === key) + 1;
  function records(ws: ExcelJS.Worksheet, headerRow: number) {
    const out: Array<{ row: number; cell: (kind: keyof typeof COLUMNS, key: string) => ExcelJS.Cell }> = [];
    for (let r = headerRow + 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      out.push({ row: r, cell: (kind, key) => row.getCell(col(kind, key)) });
    }
    return out;
  }

  it('has a valid config for Pemerintah Kabupaten Simeulue, defaults otherwise', () => {
    const config = configSchema.parse(parseYaml(readFileSync(join(SINABANG, 'appraise.config.yaml'), 'utf8')));
    expect(config).toEqual({ ...defaultConfig(), organisation: 'Pemerintah Kabupaten Simeulue' });
    expect(existsSync(join(SINABANG, 'README.md'))).toBe(true);
  });

  it('has the spec headers: roster and Q2 on row 1, Q1 below two title rows', () => {
    expect(rowValues(roster, 1)).toEqual(headers('pegawai'));
    expect(rowValues(q2, 1)).toEqual(headers('indikator'));
    expect(String(q1.getCell('A1').value)).toBe('DATA CAPAIAN INDIKATOR KINERJA INDIVIDU');
    expect(String(q1.getCell('A2').value)).toContain('Triwulan I 2025');
    expect(rowValues(q1, 3)).toEqual(headers('indikator'));
  });

  it('roster: unique 18-digit text NIPs, supervisors inside the roster, at least 66 people in 6+ units', () => {
    const rows = records(roster, 1);
    expect(rows.length).toBeGreaterThanOrEqual(66);
    const nips = new Set<string>();
    const statusOf = new Map<string, string>();
    for (const r of rows) {
      const cell = r.cell('pegawai', 'nip');
      expect(typeof cell.value, `row ${r.row}`).toBe('string');
      expect(cell.numFmt).toBe('@');
      const nip = cell.value as string;
      const status = String(r.cell('pegawai', 'status').value);
      expect(parseNip(nip, { pppk: status === 'PPPK' }), `row ${r.row}`).toEqual({ ok: true, nip });
      expect(nips.has(nip), `duplicate ${nip}`).toBe(false);
      nips.add(nip);
      statusOf.set(nip, status);
    }
    const heads: string[] = [];
    for (const r of rows) {
      const sup = r.cell('pegawai', 'supervisorNip').value;
      if (sup === null) {
        heads.push(String(r.cell('pegawai', 'position').value));
        continue;
      }
      expect(typeof sup).toBe('string');
      expect(nips.has(sup as string), `row ${r.row}: NIP Atasan ${String(sup)}`).toBe(true);
      expect(sup).not.toBe(r.cell('pegawai', 'nip').value);
    }
    expect(heads).toEqual(['Sekretaris Daerah']);
    // PPPK numbers carry the appointment year and a code that is not a month.
    const pppk = [...statusOf].filter(([, s]) => s === 'PPPK').map(([n]) => n);
    expect(pppk.length).toBeGreaterThanOrEqual(3);
    for (const n of pppk) expect(parseNip(n).ok).toBe(false);

    const units = new Map<string, number>();
    for (const r of rows) units.set(String(r.cell('pegawai', 'unit').value), (units.get(String(r.cell('pegawai', 'unit').value)) ?? 0) + 1);
    for (const u of ['Dinas Kependudukan dan Pencatatan Sipil', 'Dinas Kesehatan', 'Rumah Sakit Umum Daerah Simeulue',
      'Kecamatan Simeulue Timur', 'Kecamatan Teupah Barat', 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia']) {
      expect(units.get(u), u).toBeGreaterThanOrEqual(10);
    }
    for (const r of rows) {
      const type = r.cell('pegawai', 'positionType').value;
      expect(ENUMS.positionType).toContain(type);
    }
    const ended = rows.filter((r) => r.cell('pegawai', 'end').value !== null);
    expect(ended).toHaveLength(1);
    expect((ended[0]!.cell('pegawai', 'end').value as Date).toISOString()).toBe('2025-05-15T00:00:00.000Z');
  });

  it('indicators: every row names a roster NIP, a configured aspect and valid enums; Q2 has one blank Realisasi', () => {
    const nips = new Set(records(roster, 1).map((r) => r.cell('pegawai', 'nip').value as string));
    const aspects = defaultConfig().aspects.filter((a) => a.source === 'indicators').map((a) => a.key);
    for (const [ws, headerRow] of [[q1, 3], [q2, 1]] as const) {
      const rows = records(ws, headerRow);
      const perNip = new Map<string, number>();
      let blank = 0;
      for (const r of rows) {
        const nip = r.cell('indikator', 'nip').value as string;
        expect(nips.has(nip), `row ${r.row}`).toBe(true);
        perNip.set(nip, (perNip.get(nip) ?? 0) + 1);
        expect(aspects).toContain(r.cell('indikator', 'aspect').value);
        expect(ENUMS.direction).toContain(r.cell('indikator', 'direction').value);
        expect(ENUMS.aggregation).toContain(r.cell('indikator', 'aggregation').value);
        expect(ENUMS.kind).toContain(r.cell('indikator', 'kind').value);
        const target = r.cell('indikator', 'target').value;
        if (typeof target === 'string') expect(target).toMatch(/^\d+-\d+$/);
        else expect(typeof target).toBe('number');
        if (target === 0) expect(r.cell('indikator', 'direction').value).toBe('turun');
        const actual = r.cell('indikator', 'actual').value;
        if (actual === null) blank++;
        else expect(typeof actual).toBe('number');
      }
      expect(perNip.size).toBe(nips.size);
      for (const n of perNip.values()) expect(n).toBeGreaterThanOrEqual(3);
      expect(blank).toBe(ws === q2 ? 1 : 0);
    }
    const q1rows = records(q1, 3);
    expect(q1rows.some((r) => r.cell('indikator', 'direction').value === 'turun' && r.cell('indikator', 'target').value === 0)).toBe(true);
    expect(q1rows.some((r) => r.cell('indikator', 'target').value === '60-85')).toBe(true);
  });
});

describe('examples/planted-errors', () => {
  function readCsv(rel: string): string[][] {
    const bytes = readFileSync(join(PLANTED, rel));
    const text = iconv.decode(bytes, 'win1252');
    // Windows-1252, not UTF-8: the curly apostrophe is the single byte 0x92.
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(text).toContain('\r\n');
    return parseCsv(text, { delimiter: ';' }) as string[][];
  }
  const pegawai = () => readCsv('data/pegawai.csv');
  const indikator = () => readCsv('data/2025-Q1/indikator.csv');

  it('csv files have the spec headers and a name with a curly apostrophe', () => {
    expect(pegawai()[0]).toEqual(headers('pegawai'));
    expect(indikator()[0]).toEqual(headers('indikator'));
    expect(pegawai().some((r) => r[1]!.includes('’'))).toBe(true);
    expect(indikator().some((r) => /^\d+,\d+$/.test(r[6]!))).toBe(true);
  });

  it('has exactly the planted errors listed in EXPECTED.md, and valid rows elsewhere', () => {
    const md = readFileSync(join(PLANTED, 'EXPECTED.md'), 'utf8');
    const listed = [...md.matchAll(/^\| `([^:`]+):(\d+):([A-Z])` \| ([A-Z_]+) \|/gm)].map((m) => ({
      file: m[1]!, line: Number(m[2]), column: m[3]!, code: m[4]!,
    }));
    expect(listed.map((e) => `${e.file}:${e.line}:${e.column} ${e.code}`)).toEqual([
      'data/pegawai.csv:6:A NIP_BIRTH_DATE',
      'data/pegawai.csv:12:A NIP_DUPLICATE',
      'data/pegawai.csv:15:A NIP_DUPLICATE',
      'data/2025-Q1/indikator.csv:4:B REQUIRED_MISSING',
      'data/2025-Q1/indikator.csv:9:A NIP_LENGTH',
      'data/2025-Q1/indikator.csv:14:D VALUE_NOT_ALLOWED',
      'data/2025-Q1/indikator.csv:19:G NOT_A_NUMBER',
      'data/2025-Q1/indikator.csv:24:F TARGET_NOT_POSITIVE',
      'data/2025-Q1/indikator.csv:31:I VALUE_NOT_ALLOWED',
      'data/2025-Q1/indikator.csv:34:A NIP_UNKNOWN',
    ]);

    const files: Record<string, string[][]> = { 'data/pegawai.csv': pegawai(), 'data/2025-Q1/indikator.csv': indikator() };
    const at = (e: (typeof listed)[number]) => files[e.file]![e.line - 1]![e.column.charCodeAt(0) - 65]!;
    const bad = new Set(listed.map((e) => `${e.file}:${e.line}`));

    // Roster: every unplanted row is a valid, unique employee.
    const roster = files['data/pegawai.csv']!;
    const validNips = new Set<string>();
    roster.slice(1).forEach((r, i) => {
      if (bad.has(`data/pegawai.csv:${i + 2}`)) return;
      expect(parseNip(r[0]!, { pppk: r[6] === 'PPPK' }).ok, `pegawai line ${i + 2}`).toBe(true);
      validNips.add(r[0]!);
    });
    const aspects = defaultConfig().aspects.filter((a) => a.source === 'indicators').map((a) => a.key);
    const number = /^-?\d+(,\d+)?$/;
    files['data/2025-Q1/indikator.csv']!.slice(1).forEach((r, i) => {
      if (bad.has(`data/2025-Q1/indikator.csv:${i + 2}`)) return;
      const where = `indikator line ${i + 2}`;
      expect(validNips.has(r[0]!), where).toBe(true);
      expect(r[1], where).not.toBe('');
      expect(aspects, where).toContain(r[3]);
      expect(r[5], where).toMatch(/^\d+(,\d+)?(-\d+)?$/);
      expect(r[6], where).toMatch(number);
      expect(ENUMS.direction, where).toContain(r[8]);
      if (r[5] === '0') expect(r[8], where).toBe('turun');
    });

    // Each planted cell holds what its code says.
    for (const e of listed) {
      const v = at(e);
      const row = files[e.file]![e.line - 1]!;
      switch (e.code) {
        case 'NIP_BIRTH_DATE':
        case 'NIP_LENGTH':
          expect(parseNip(v)).toMatchObject({ ok: false, problem: e.code });
          break;
        case 'NIP_DUPLICATE':
          expect(roster.filter((r) => r[0] === v)).toHaveLength(2);
          expect(parseNip(v).ok).toBe(true);
          // No indicator rows for it, so nothing follows from the rejection.
          expect(files['data/2025-Q1/indikator.csv']!.some((r) => r[0] === v)).toBe(false);
          break;
        case 'REQUIRED_MISSING':
          expect(v).toBe('');
          break;
        case 'VALUE_NOT_ALLOWED':
          if (e.column === 'D') expect(aspects).not.toContain(v);
          else expect(ENUMS.direction).not.toContain(v as never);
          expect(v).not.toBe('');
          break;
        case 'NOT_A_NUMBER':
          expect(v).toBe('sepuluh');
          break;
        case 'TARGET_NOT_POSITIVE':
          expect(v).toBe('0');
          expect(row[8]).toBe('naik');
          break;
        case 'NIP_UNKNOWN':
          expect(parseNip(v).ok).toBe(true);
          expect(validNips.has(v)).toBe(false);
          expect(roster.some((r) => r[0] === v)).toBe(false);
          break;
        default:
          throw new Error(`unexpected code ${e.code}`);
      }
    }
  });
});
