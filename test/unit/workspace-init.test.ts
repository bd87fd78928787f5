import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { configSchema, defaultConfig } from '../../src/config/schema.ts';
import { COLUMNS } from '../../src/ingest/columns.ts';
import {
  CONFIG_TEMPLATE,
  currentPeriodId,
  initWorkspace,
  InitError,
  renderConfig,
  type InitAnswers,
} from '../../src/workspace/init.ts';

const answers: InitAnswers = {
  organisation: 'Pemerintah Kabupaten Simeulue',
  regime: 'permenpan-6-2022',
  periodType: 'quarter',
  language: 'id',
  period: '2025-Q1',
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'appraise-init-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function headerOf(path: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const values = wb.worksheets[0]!.getRow(1).values as unknown[];
  return values.slice(1).map(String);
}

describe('templates/appraise.config.yaml', () => {
  const text = readFileSync(CONFIG_TEMPLATE, 'utf8');

  it('spells out every key with its default value', () => {
    // Raw YAML, before zod fills defaults: a key missing from the template would fail here.
    expect(parseYaml(text)).toEqual(defaultConfig());
  });

  it('validates with the config schema', () => {
    expect(configSchema.safeParse(parseYaml(text)).success).toBe(true);
  });

  it('is commented in Indonesian, with the column mapping example commented out', () => {
    expect(text).toMatch(/^# Nama instansi/m);
    expect(text).toMatch(/^# columns:\n#   pegawai:\n#     "NIP Baru": nip$/m);
    // A comment on each policy key says what it does.
    for (const key of ['capaianCap', 'missing', 'ikmTarget', 'ikmWeight', 'minRespondentsOfficer', 'minimumRounding', 'aspectThreshold', 'detailSheetMaxRows']) {
      expect(text).toMatch(new RegExp(`^\\s+${key}: \\S+ # \\S`, 'm'));
    }
  });
});

describe('renderConfig', () => {
  const template = readFileSync(CONFIG_TEMPLATE, 'utf8');

  it('puts the answers in and keeps every comment line', () => {
    const out = renderConfig(template, { organisation: 'Pemkab Simeulue', regime: 'pp-30-2019', periodType: 'semester', language: 'en' });
    const config = configSchema.parse(parseYaml(out));
    expect(config).toEqual({ ...defaultConfig(), organisation: 'Pemkab Simeulue', regime: 'pp-30-2019', periodType: 'semester', language: 'en' });
    const comments = (s: string) => s.split('\n').filter((l) => l.trimStart().startsWith('#'));
    expect(comments(out)).toEqual(comments(template));
    expect(out).toMatch(/^organisation: Pemkab Simeulue$/m);
  });

  it('quotes names that YAML would misread', () => {
    for (const organisation of ['Dinas: Kesehatan # 1', '2025', 'true', "Pemkab 'Simeulue'", 'null', '-x']) {
      const out = renderConfig(template, { ...answers, organisation });
      expect(configSchema.parse(parseYaml(out)).organisation).toBe(organisation);
    }
  });
});

describe('currentPeriodId', () => {
  it('gives the period of each kind that contains the date', () => {
    const d = new Date(Date.UTC(2025, 4, 10));
    expect(currentPeriodId('quarter', d)).toBe('2025-Q2');
    expect(currentPeriodId('semester', d)).toBe('2025-S1');
    expect(currentPeriodId('year', d)).toBe('2025');
    expect(currentPeriodId('month', d)).toBe('2025-05');
    expect(currentPeriodId('quarter', new Date(Date.UTC(2025, 11, 31)))).toBe('2025-Q4');
    expect(currentPeriodId('semester', new Date(Date.UTC(2025, 6, 1)))).toBe('2025-S2');
  });
});

describe('initWorkspace', () => {
  it('writes the config, the folders and blank templates, and lists them', async () => {
    const written = await initWorkspace(dir, answers);
    expect(written).toEqual([
      'appraise.config.yaml',
      'data/',
      'data/2025-Q1/',
      'data/2025-Q1/umpan-balik/',
      'laporan/',
      'data/pegawai.xlsx',
      'data/2025-Q1/indikator.xlsx',
    ]);
    for (const p of written) expect(existsSync(join(dir, p)), p).toBe(true);

    const text = readFileSync(join(dir, 'appraise.config.yaml'), 'utf8');
    const config = configSchema.parse(parseYaml(text));
    expect(config.organisation).toBe('Pemerintah Kabupaten Simeulue');
    expect(config.regime).toBe('permenpan-6-2022');
    expect(text).toContain('# Survei Kepuasan Masyarakat');

    expect(await headerOf(join(dir, 'data/pegawai.xlsx'))).toEqual(COLUMNS.pegawai.map((c) => c.headers[0]));
    expect(await headerOf(join(dir, 'data/2025-Q1/indikator.xlsx'))).toEqual(COLUMNS.indikator.map((c) => c.headers[0]));
  });

  it('defaults the period to the one containing today, of the chosen type', async () => {
    const written = await initWorkspace(dir, { ...answers, period: undefined, periodType: 'month' }, { now: new Date(Date.UTC(2025, 7, 20)) });
    expect(written).toContain('data/2025-08/indikator.xlsx');
    const quarterDir = join(dir, 'q');
    const q = await initWorkspace(quarterDir, { ...answers, period: undefined }, { now: new Date(Date.UTC(2025, 7, 20)) });
    expect(q).toContain('data/2025-Q3/umpan-balik/');
    expect(configSchema.parse(parseYaml(readFileSync(join(dir, 'appraise.config.yaml'), 'utf8'))).periodType).toBe('month');
  });

  it('refuses to overwrite an existing config (yaml or json)', async () => {
    await initWorkspace(dir, answers);
    const before = readFileSync(join(dir, 'appraise.config.yaml'), 'utf8');
    const err = await initWorkspace(dir, { ...answers, organisation: 'Lain' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InitError);
    expect((err as InitError).code).toBe('WORKSPACE_EXISTS');
    expect((err as Error).message).toContain('already exists');
    expect(readFileSync(join(dir, 'appraise.config.yaml'), 'utf8')).toBe(before);

    const other = join(dir, 'json');
    mkdirSync(other);
    writeFileSync(join(other, 'appraise.config.json'), '{}');
    await expect(initWorkspace(other, answers)).rejects.toMatchObject({ code: 'WORKSPACE_EXISTS' });
    expect(existsSync(join(other, 'data'))).toBe(false);
  });

  it('keeps input files that are already there', async () => {
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data', 'pegawai.csv'), 'NIP;Nama\n');
    const written = await initWorkspace(dir, answers);
    expect(written).not.toContain('data/pegawai.xlsx');
    expect(written).not.toContain('data/');
    expect(existsSync(join(dir, 'data', 'pegawai.xlsx'))).toBe(false);
    expect(readFileSync(join(dir, 'data', 'pegawai.csv'), 'utf8')).toBe('NIP;Nama\n');
  });

  it('rejects an invalid period or answer without writing anything', async () => {
    await expect(initWorkspace(dir, { ...answers, period: '2025-Q5' })).rejects.toMatchObject({ code: 'INVALID_ANSWER' });
    await expect(initWorkspace(dir, { ...answers, organisation: '  ' })).rejects.toMatchObject({ code: 'INVALID_ANSWER' });
    await expect(initWorkspace(dir, { ...answers, regime: 'pp-53-2010' as never })).rejects.toMatchObject({ code: 'INVALID_ANSWER' });
    expect(existsSync(join(dir, 'appraise.config.yaml'))).toBe(false);
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });
});
