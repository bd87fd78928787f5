import { defaultConfig, type AspectConfig, type Config } from '../../src/config/schema.ts';
import type { Employee, Indicator, SatisfactionSummary, Target } from '../../src/engine/types.ts';
import type { WorkInput } from '../../src/engine/work.ts';

/** Small builders for engine tests: an employee, indicators with cell places, a work input. */

export const NIP = '198503152010011001';
export const FILE = 'data/2025-Q1/indikator.xlsx';
export const SHEET = 'Indikator';

export function employee(over: Partial<Employee> = {}): Employee {
  return {
    nip: NIP,
    name: 'Cut Nurul Aini',
    position: 'Pengadministrasi Kependudukan',
    positionType: 'pelaksana',
    unit: 'Dinas Kependudukan dan Pencatatan Sipil',
    grade: 'II/c',
    status: 'PNS',
    supervisorNip: '197812102005012003',
    services: ['AKTA-LAHIR'],
    assignmentStart: null,
    assignmentEnd: null,
    place: { file: 'data/pegawai.xlsx', sheet: 'Pegawai', row: 5 },
    ...over,
  };
}

let nextRow = 5;

export interface IndicatorSpec extends Partial<Omit<Indicator, 'target'>> {
  /** A number, `[low, high]` for a range, or a full Target. */
  target?: number | [number, number] | Target;
}

export function indicator(spec: IndicatorSpec = {}): Indicator {
  const row = spec.places?.row.row ?? nextRow++;
  const t = spec.target ?? 100;
  const target: Target =
    typeof t === 'number' ? { kind: 'value', value: t } : Array.isArray(t) ? { kind: 'range', low: t[0], high: t[1] } : t;
  const { target: _ignored, ...rest } = spec;
  return {
    nip: NIP,
    code: `K-${row}`,
    text: `Indikator baris ${row}`,
    aspect: 'produktivitas',
    kind: 'utama',
    actual: 100,
    unitLabel: null,
    direction: 'naik',
    weight: 1,
    aggregation: 'jumlah',
    places: {
      row: { file: FILE, sheet: SHEET, row },
      target: { file: FILE, sheet: SHEET, row, column: 'F' },
      actual: { file: FILE, sheet: SHEET, row, column: 'G' },
    },
    ...rest,
    target,
  };
}

export function satisfaction(ikm: number, over: Partial<SatisfactionSummary> = {}): SatisfactionSummary {
  return { ikm, mutu: ikm >= 88.31 ? 'A' : ikm >= 76.61 ? 'B' : ikm >= 65 ? 'C' : 'D', respondents: 120, basis: 'service', ...over };
}

export function defaultAspects(): AspectConfig[] {
  return defaultConfig().aspects;
}

export function defaultScoring(over: Partial<Config['scoring']> = {}): Config['scoring'] {
  return { ...defaultConfig().scoring, ...over };
}

/** Aspects scored from indicators only, with the given weights. */
export function indicatorAspects(weights: Record<string, number>): AspectConfig[] {
  return Object.entries(weights).map(([key, weight]) => ({ key, label: key, weight, source: 'indicators' as const }));
}

export function workInput(over: Partial<WorkInput> = {}): WorkInput {
  return {
    employee: employee(),
    indicators: [],
    satisfaction: null,
    aspects: defaultAspects(),
    scoring: defaultScoring(),
    ikmTarget: 76.61,
    lang: 'id',
    ...over,
  };
}
