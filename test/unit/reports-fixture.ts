import { defaultConfig, type Config } from '../../src/config/schema.js';
import type { Issue } from '../../src/domain/issues.js';
import { parsePeriod } from '../../src/domain/period.js';
import type { CellPlace } from '../../src/domain/place.js';
import type {
  AspectResult,
  Employee,
  EmployeeResult,
  Indicator,
  IndicatorResult,
} from '../../src/engine/types.js';
import type { RunResult } from '../../src/pipeline/types.js';

/**
 * A small run built by hand for the report tests: 3 employees in 2 units (one pending), 5
 * indicator rows, 4 issues, 2 input files. Lists are deliberately out of order so that the tests
 * see the reporters sort them. Numbers are computed the way the engine would, unrounded.
 */

export const IND_FILE = 'data/2025-Q1/indikator.xlsx';
export const ROSTER_FILE = 'data/pegawai.csv';
export const DUKCAPIL = 'Dinas Kependudukan dan Pencatatan Sipil';
export const KECAMATAN = 'Kecamatan Simeulue Timur';

export const NIP_AHMAD = '198503152010011001';
export const NIP_SITI = '199001012015032002';
export const NIP_RAHMAT = '199505052020122003';

const xl = (row: number, column?: string): CellPlace => ({
  file: IND_FILE,
  sheet: 'Indikator',
  row,
  ...(column === undefined ? {} : { column }),
});

function employee(nip: string, name: string, unit: string, position: string, rosterRow: number): Employee {
  return {
    nip,
    name,
    position,
    positionType: 'pelaksana',
    unit,
    grade: null,
    status: 'PNS',
    supervisorNip: null,
    services: [],
    assignmentStart: null,
    assignmentEnd: null,
    place: { file: ROSTER_FILE, row: rosterRow },
  };
}

function indicator(
  nip: string,
  row: number,
  fields: Pick<Indicator, 'code' | 'text' | 'aspect' | 'target' | 'actual'> & Partial<Indicator>,
): Indicator {
  return {
    nip,
    kind: 'utama',
    unitLabel: 'dokumen',
    direction: 'naik',
    weight: 1,
    aggregation: 'jumlah',
    places: { row: xl(row), target: xl(row, 'F'), actual: xl(row, 'G') },
    ...fields,
  };
}

function result(ind: Indicator, capaian: number | null, uncapped: number | null, formula: string): IndicatorResult {
  return { indicator: ind, capaian, uncapped, status: capaian === null ? 'not-reported' : 'ok', formula };
}

function aspect(key: string, label: string, weight: number, score: number | null, source: AspectResult['source'], indicatorCount: number, note: string | null = null): AspectResult {
  return { key, label, weight, score, source, indicatorCount, note };
}

// Ahmad: all three aspects; satisfaction from the unit's IKM 74.0575 (mutu C).
const ikmAhmad = 74.0575;
export const AHMAD_KEPUASAN = (ikmAhmad / 76.61) * 100;
export const AHMAD_WORK = 0.4 * 95 + 0.3 * 100 + 0.3 * AHMAD_KEPUASAN;
const ahmad: EmployeeResult = {
  employee: employee(NIP_AHMAD, 'Ahmad Yani', DUKCAPIL, 'Analis Kependudukan', 2),
  indicators: [
    result(
      indicator(NIP_AHMAD, 3, { code: 'P-01', text: 'Akta kelahiran diterbitkan', aspect: 'produktivitas', target: { kind: 'value', value: 100 }, actual: 95 }),
      95,
      95,
      '95 / 100 × 100',
    ),
    result(
      indicator(NIP_AHMAD, 4, { code: 'K-01', text: 'Dokumen tanpa kesalahan (%)', aspect: 'kualitas-layanan', target: { kind: 'range', low: 80, high: 90 }, actual: 85, unitLabel: '%' }),
      100,
      100,
      '85 dalam rentang 80–90 → 100',
    ),
  ],
  aspects: [
    aspect('produktivitas', 'Produktivitas', 0.4, 95, 'indicators', 1),
    aspect('kualitas-layanan', 'Kualitas Layanan', 0.3, 100, 'indicators', 1),
    aspect('kepuasan-masyarakat', 'Kepuasan Masyarakat', 0.3, AHMAD_KEPUASAN, 'feedback', 0, 'IKM unit'),
  ],
  workScore: AHMAD_WORK,
  workRating: { suggested: 'SESUAI', final: 'SESUAI' },
  behaviourRating: 'DI_ATAS',
  predikat: 'BAIK',
  satisfaction: { ikm: ikmAhmad, mutu: 'C', respondents: 42, basis: 'unit' },
  training: [],
  status: 'complete',
  pendingReasons: [],
  explanation: [],
};

// Siti: no feedback data, weights renormalised over produktivitas and kualitas-layanan. Her
// produktivitas 89.995 is a half-up case (the double is 89.99499…): it must show as 90.00.
const wP = 40 / 70;
const wK = 30 / 70;
export const SITI_PRODUKTIVITAS = (179.99 / 200) * 100;
export const SITI_WORK = wP * SITI_PRODUKTIVITAS + wK * 120;
const siti: EmployeeResult = {
  employee: employee(NIP_SITI, 'Siti Aminah', DUKCAPIL, 'Pengadministrasi Umum', 3),
  indicators: [
    result(
      indicator(NIP_SITI, 5, { code: 'P-02', text: 'KTP-el dicetak', aspect: 'produktivitas', target: { kind: 'value', value: 200 }, actual: 179.99, unitLabel: 'keping' }),
      SITI_PRODUKTIVITAS,
      SITI_PRODUKTIVITAS,
      '179.99 / 200 × 100',
    ),
    result(
      indicator(NIP_SITI, 7, { code: 'K-02', text: 'Hari penyelesaian akta', aspect: 'kualitas-layanan', target: { kind: 'value', value: 7 }, actual: 5, direction: 'turun', unitLabel: 'hari', kind: 'tambahan', weight: 2 }),
      120,
      (2 - 5 / 7) * 100,
      '(2 − 5 / 7) × 100',
    ),
  ],
  aspects: [
    aspect('produktivitas', 'Produktivitas', wP, SITI_PRODUKTIVITAS, 'indicators', 1),
    aspect('kualitas-layanan', 'Kualitas Layanan', wK, 120, 'indicators', 1),
    aspect('kepuasan-masyarakat', 'Kepuasan Masyarakat', 0, null, 'none', 0, 'Tidak ada data; bobot dinormalkan ulang'),
  ],
  workScore: SITI_WORK,
  workRating: { suggested: 'SESUAI', final: 'DI_ATAS' },
  behaviourRating: 'SESUAI',
  predikat: 'BAIK',
  satisfaction: null,
  training: [{ code: 'PLT-07', reason: 'Nilai aspek Kualitas Layanan 85,00 di bawah ambang 90,00 (selisih 5,00).', program: 'Pelayanan Prima', kind: 'aspect', sasaran: 'aspek:kualitas-layanan', gap: 5, priority: 3, also: [] }],
  status: 'complete',
  pendingReasons: [],
  explanation: [],
};

export const RAHMAT_REASON = `Realisasi indikator P-03 belum dilaporkan (${IND_FILE}!Indikator!G6)`;
const rahmat: EmployeeResult = {
  employee: employee(NIP_RAHMAT, 'Rahmat Hidayat', KECAMATAN, 'Pelaksana', 4),
  indicators: [
    result(
      indicator(NIP_RAHMAT, 6, { code: 'P-03', text: 'Surat pindah diproses', aspect: 'produktivitas', target: { kind: 'value', value: 10 }, actual: null }),
      null,
      null,
      '',
    ),
  ],
  aspects: [
    aspect('produktivitas', 'Produktivitas', 0.4, null, 'indicators', 1),
    aspect('kualitas-layanan', 'Kualitas Layanan', 0.3, null, 'none', 0),
    aspect('kepuasan-masyarakat', 'Kepuasan Masyarakat', 0.3, null, 'none', 0),
  ],
  workScore: null,
  workRating: { suggested: null, final: null },
  behaviourRating: null,
  predikat: null,
  satisfaction: null,
  training: null,
  status: 'pending',
  pendingReasons: [RAHMAT_REASON],
  explanation: [],
};

export const ISSUES: Issue[] = [
  {
    file: ROSTER_FILE,
    row: 5,
    column: 'A',
    code: 'NIP_NUMERIC',
    severity: 'error',
    message: 'NIP tersimpan sebagai angka dan sudah kehilangan digit',
    hint: 'Format kolom NIP sebagai Teks lalu ketik ulang NIP',
  },
  {
    file: IND_FILE,
    sheet: 'Indikator',
    row: 6,
    column: 'G',
    code: 'ACTUAL_MISSING',
    severity: 'warning',
    message: 'Realisasi kosong: indikator tidak dilaporkan',
    hint: 'Isi realisasi, atau biarkan pegawai tertunda',
  },
  {
    file: IND_FILE,
    sheet: 'Indikator',
    row: 3,
    column: 'AA',
    code: 'EXTRA_COLUMN',
    severity: 'info',
    message: 'Kolom tambahan diabaikan',
    hint: '',
  },
  {
    file: IND_FILE,
    sheet: 'Indikator',
    row: 3,
    column: 'B',
    code: 'CODE_SPACES',
    severity: 'warning',
    message: 'Kode indikator berisi spasi di tepi',
    hint: 'Hapus spasi',
  },
];

export function fixtureRun(overrides: { config?: Partial<Config>; lang?: 'id' | 'en' } = {}): RunResult {
  const config: Config = { ...defaultConfig(), organisation: 'Pemerintah Kabupaten Simeulue', ...overrides.config };
  return {
    tool: { name: 'appraise', version: '0.1.0' },
    period: parsePeriod('2025-Q1')!,
    regime: config.regime,
    config,
    configHash: 'a'.repeat(64),
    configFile: 'appraise.config.yaml',
    workspaceDir: '/tmp/ws',
    lang: overrides.lang ?? 'id',
    // Out of order on purpose: reporters sort by unit, then NIP.
    employees: [rahmat, siti, ahmad],
    units: [
      {
        unit: KECAMATAN,
        employees: 1,
        complete: 0,
        pending: 1,
        meanWorkScore: null,
        orgPredikat: null,
        counts: null,
        curve: null,
        ikm: null,
        mutu: null,
        respondents: null,
      },
      {
        unit: DUKCAPIL,
        employees: 2,
        complete: 2,
        pending: 0,
        meanWorkScore: (AHMAD_WORK + SITI_WORK) / 2,
        orgPredikat: null,
        counts: null,
        curve: null,
        ikm: null,
        mutu: null,
        respondents: null,
      },
    ],
    issues: ISSUES.map((i) => ({ ...i })),
    inputs: [
      {
        kind: 'pegawai',
        file: ROSTER_FILE,
        sha256: '1'.repeat(64),
        format: 'csv',
        encoding: 'utf-8-bom',
        delimiter: ';',
        read: 4,
        accepted: 3,
        rejected: 1,
      },
      {
        kind: 'indikator',
        file: IND_FILE,
        sha256: '2'.repeat(64),
        format: 'xlsx',
        sheet: 'Indikator',
        headerRow: 2,
        read: 5,
        accepted: 5,
        rejected: 0,
      },
    ],
  };
}
