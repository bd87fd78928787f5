import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { InputKind } from '../config/schema.js';
import { BERAKHLAK_VALUES, COLUMNS } from '../ingest/columns.js';

/**
 * Synthetic workspace for the performance benchmark (SPEC §9): N employees over 60 units, 8
 * indicators and one behaviour row each, 5 survey responses per employee (× a multiplier for the
 * memory test). Everything is a pure function of (seed, row index), so the files stream out row by
 * row without any whole-file or whole-roster state, and two runs with the same seed are
 * byte-identical.
 */

export const BENCH_PERIOD = '2025-Q1';
export const INDICATORS_PER_EMPLOYEE = 8;
export const RESPONSES_PER_EMPLOYEE = 5;
/** Bumped whenever the generated content changes, so a stamped workspace is not wrongly reused. */
export const GENERATOR_VERSION = 1;

export interface GenerateOptions {
  employees: number;
  seed?: number;
  /** 1 for the normal workload; 20 for the memory test (20× the survey rows). */
  surveyMultiplier?: number;
}

export interface GenerateResult {
  /** Absolute paths of every file written. */
  files: string[];
  /** Data rows (header excluded) per file, keyed by the workspace-relative path with '/'. */
  rows: Record<string, number>;
}

export const FILES = {
  config: 'appraise.config.yaml',
  roster: 'data/pegawai.csv',
  catalogue: 'data/katalog-pelatihan.csv',
  indicators: `data/${BENCH_PERIOD}/indikator.csv`,
  behaviour: `data/${BENCH_PERIOD}/perilaku.csv`,
  units: `data/${BENCH_PERIOD}/unit.csv`,
  survey: `data/${BENCH_PERIOD}/umpan-balik/survei.csv`,
} as const;

// ---------------------------------------------------------------------------------------------
// Deterministic randomness: a 32-bit hash of (seed, stream, index) seeds a mulberry32 per record,
// so any file can regenerate employee i without having kept it.

function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

export type Rng = () => number;

/** mulberry32: small, fast, good enough for synthetic data; returns floats in [0, 1). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STREAM = { unitWeights: 1, employee: 2, indicators: 3, behaviour: 4, units: 5, survey: 6 } as const;

function rngFor(seed: number, stream: number, index: number): Rng {
  return mulberry32(mix32(mix32(mix32(seed >>> 0) ^ Math.imul(stream, 0x9e3779b9)) + (index >>> 0)));
}

const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
/** Approximately normal (Irwin–Hall of 4): enough for a realistic spread, no Math.log. */
const normal = (rng: Rng, mean: number, sd: number): number => mean + sd * ((rng() + rng() + rng() + rng() - 2) * Math.sqrt(3));

// ---------------------------------------------------------------------------------------------
// NIPs, unique by construction. Index i is mapped by a bijection of [0, NIP_CAPACITY) (multiply by
// a prime coprime to the capacity) onto j, and j is decoded in mixed radix into (birth day, TMT
// year offset, sequence). Distinct i → distinct j → distinct (birth date, TMT year, sequence), so
// the NIPs differ whatever the month of TMT and the sex digit are.

const DAY_MS = 86_400_000;
const BIRTH_START = Date.UTC(1965, 0, 1);
/** Birth dates 1965-01-01 … 1999-12-31. */
export const BIRTH_DAYS = (Date.UTC(2000, 0, 1) - BIRTH_START) / DAY_MS; // 12,784
/** TMT CPNS 20–25 years after the birth year: at most 2024 for someone born in 1999. */
const TMT_OFFSETS = 6;
const TMT_MIN_AGE = 20;
const SEQUENCES = 999;
export const NIP_CAPACITY = BIRTH_DAYS * TMT_OFFSETS * SEQUENCES; // 76,627,296
/** Prime, and NIP_CAPACITY = 2^5·3^4·17·37·47 has no factor 7919: multiplication mod capacity is a bijection. */
export const NIP_MULTIPLIER = 7919;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function nipParts(i: number): { birth: Date; tmtYear: number; sequence: number } {
  if (!Number.isInteger(i) || i < 0 || i >= NIP_CAPACITY) throw new RangeError(`employee index ${i} outside 0..${NIP_CAPACITY - 1}`);
  const j = (i * NIP_MULTIPLIER) % NIP_CAPACITY; // i·7919 < 2^53 for every i < capacity
  const day = j % BIRTH_DAYS;
  const r = Math.floor(j / BIRTH_DAYS);
  const birth = new Date(BIRTH_START + day * DAY_MS);
  return { birth, tmtYear: birth.getUTCFullYear() + TMT_MIN_AGE + (r % TMT_OFFSETS), sequence: Math.floor(r / TMT_OFFSETS) + 1 };
}

/** The NIP of employee i: birth YYYYMMDD, TMT YYYYMM, sex 1|2, sequence 001–999. */
export function nipAt(i: number, tmtMonth: number, sex: 1 | 2): string {
  const { birth, tmtYear, sequence } = nipParts(i);
  return `${birth.getUTCFullYear()}${pad(birth.getUTCMonth() + 1, 2)}${pad(birth.getUTCDate(), 2)}${tmtYear}${pad(tmtMonth, 2)}${sex}${pad(sequence, 3)}`;
}

/** Inverse of `nipAt` (ignoring TMT month and sex): the employee index a NIP was made from, or null. */
export function indexOfNip(nip: string): number | null {
  if (!/^\d{18}$/.test(nip)) return null;
  const birth = Date.UTC(Number(nip.slice(0, 4)), Number(nip.slice(4, 6)) - 1, Number(nip.slice(6, 8)));
  const day = (birth - BIRTH_START) / DAY_MS;
  const offset = Number(nip.slice(8, 12)) - Number(nip.slice(0, 4)) - TMT_MIN_AGE;
  const sequence = Number(nip.slice(15, 18));
  if (day < 0 || day >= BIRTH_DAYS || offset < 0 || offset >= TMT_OFFSETS || sequence < 1 || sequence > SEQUENCES) return null;
  const j = BigInt(day + BIRTH_DAYS * (offset + TMT_OFFSETS * (sequence - 1)));
  return Number((j * MULTIPLIER_INVERSE) % BigInt(NIP_CAPACITY));
}

function modInverse(a: bigint, m: bigint): bigint {
  let [r0, r1] = [a % m, m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  if (r0 !== 1n) throw new Error('NIP multiplier is not coprime to the capacity');
  return ((s0 % m) + m) % m;
}
const MULTIPLIER_INVERSE = modInverse(BigInt(NIP_MULTIPLIER), BigInt(NIP_CAPACITY));

// ---------------------------------------------------------------------------------------------
// Units: 60 of a kabupaten in Aceh (Simeulue's ten kecamatan), each with 2–3 service codes.

const KECAMATAN = ['Teupah Selatan', 'Simeulue Timur', 'Teupah Barat', 'Teupah Tengah', 'Simeulue Tengah',
  'Teluk Dalam', 'Simeulue Cut', 'Salang', 'Simeulue Barat', 'Alafan'];

type UnitKind = 'dinas' | 'badan' | 'sekretariat' | 'kecamatan' | 'puskesmas';
interface UnitDef { name: string; kind: UnitKind; head: string }

const UNIT_DEFS: UnitDef[] = [
  ...['Pendidikan dan Kebudayaan', 'Kesehatan', 'Pekerjaan Umum dan Penataan Ruang', 'Perumahan Rakyat dan Kawasan Permukiman',
    'Sosial', 'Tenaga Kerja dan Transmigrasi', 'Pemberdayaan Perempuan dan Perlindungan Anak', 'Pangan', 'Lingkungan Hidup',
    'Kependudukan dan Pencatatan Sipil', 'Pemberdayaan Masyarakat dan Gampong', 'Pengendalian Penduduk dan Keluarga Berencana',
    'Perhubungan', 'Komunikasi Informatika dan Persandian', 'Koperasi Usaha Kecil dan Menengah',
    'Penanaman Modal dan Pelayanan Terpadu Satu Pintu', 'Kepemudaan dan Olahraga', 'Perpustakaan dan Kearsipan',
    'Kelautan dan Perikanan', 'Pertanian dan Peternakan', 'Pariwisata', 'Syariat Islam', 'Pendidikan Dayah']
    .map((n): UnitDef => ({ name: `Dinas ${n}`, kind: 'dinas', head: 'Kepala Dinas' })),
  ...['Perencanaan Pembangunan Daerah', 'Pengelolaan Keuangan Daerah', 'Pendapatan Daerah',
    'Kepegawaian dan Pengembangan Sumber Daya Manusia', 'Penanggulangan Bencana Daerah', 'Kesatuan Bangsa dan Politik']
    .map((n): UnitDef => ({ name: `Badan ${n}`, kind: 'badan', head: 'Kepala Badan' })),
  { name: 'Sekretariat Daerah', kind: 'sekretariat', head: 'Sekretaris Daerah' },
  { name: 'Sekretariat DPRK', kind: 'sekretariat', head: 'Sekretaris DPRK' },
  { name: 'Inspektorat', kind: 'sekretariat', head: 'Inspektur' },
  { name: 'Satuan Polisi Pamong Praja dan Wilayatul Hisbah', kind: 'badan', head: 'Kepala Satuan' },
  { name: 'Rumah Sakit Umum Daerah', kind: 'badan', head: 'Direktur' },
  { name: 'Sekretariat Baitul Mal', kind: 'sekretariat', head: 'Kepala Sekretariat' },
  { name: 'Sekretariat Majelis Adat Aceh', kind: 'sekretariat', head: 'Kepala Sekretariat' },
  { name: 'Sekretariat Majelis Permusyawaratan Ulama', kind: 'sekretariat', head: 'Kepala Sekretariat' },
  { name: 'Sekretariat Komisi Independen Pemilihan', kind: 'sekretariat', head: 'Kepala Sekretariat' },
  { name: 'Sekretariat KORPRI', kind: 'sekretariat', head: 'Kepala Sekretariat' },
  { name: 'Sekretariat Dewan Pendidikan', kind: 'sekretariat', head: 'Kepala Sekretariat' },
  ...KECAMATAN.map((k): UnitDef => ({ name: `Kecamatan ${k}`, kind: 'kecamatan', head: 'Camat' })),
  ...KECAMATAN.map((k): UnitDef => ({ name: `Puskesmas ${k}`, kind: 'puskesmas', head: 'Kepala Puskesmas' })),
];
export const UNIT_COUNT = 60;
if (UNIT_DEFS.length !== UNIT_COUNT) throw new Error(`bench: ${UNIT_DEFS.length} unit names, expected ${UNIT_COUNT}`);

export interface BenchUnit {
  index: number;
  name: string;
  head: string;
  services: string[];
  /** Relative size: employees are drawn with these weights (heads excepted). */
  weight: number;
}

/** The 60 units of a seed: names are fixed; sizes and the number of services vary with the seed. */
export function benchUnits(seed: number): BenchUnit[] {
  const rng = rngFor(seed, STREAM.unitWeights, 0);
  return UNIT_DEFS.map((def, index) => {
    const services = int(rng, 2, 3);
    const base = def.kind === 'puskesmas' || def.kind === 'kecamatan' ? 0.6 : def.kind === 'sekretariat' ? 0.8 : 1.4;
    return {
      index,
      name: def.name,
      head: def.head,
      services: Array.from({ length: services }, (_, k) => `L${pad(index + 1, 2)}${'ABC'[k]}`),
      weight: base * (0.4 + 1.6 * rng()),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Employees

const MALE = ['Muhammad', 'Ahmad', 'Teuku', 'Zulkifli', 'Fauzan', 'Rizki', 'Hendra', 'Irwansyah', 'Safrizal', 'Mukhlis',
  'Darmawan', 'Syahrul', 'Yusri', 'Nasrullah', 'Fadli', 'Azhari', 'Junaidi', 'Khairul', 'Marzuki', 'Rahmat'];
const FEMALE = ['Nurul', 'Cut', 'Siti', 'Rahmah', 'Nurhayati', 'Fitri', 'Yuliana', 'Maisarah', 'Rosmiati', 'Dewi',
  'Nurlaila', 'Suryani', 'Hasnah', 'Mardiah', 'Rina', 'Zahara', 'Salmiah', 'Fauziah', 'Intan', 'Wardani'];
const FAMILY = ['Abdullah', 'Hasan', 'Ibrahim', 'Ismail', 'Yusuf', 'Saputra', 'Syahputra', 'Harahap', 'Lubis', 'Nasution',
  'Sinaga', 'Amin', 'Rahman', 'Hidayat', 'Iskandar', 'Husein', 'Daud', 'Mahmud', 'Zainal', 'Ramli'];

type PositionType = 'jpt' | 'administrator' | 'pengawas' | 'fungsional' | 'pelaksana';
const POSITIONS: Record<Exclude<PositionType, 'jpt'>, readonly string[]> = {
  administrator: ['Sekretaris', 'Kepala Bidang Pelayanan', 'Kepala Bidang Program', 'Kepala Bagian Umum'],
  pengawas: ['Kepala Seksi Pelayanan', 'Kepala Subbagian Umum dan Kepegawaian', 'Kepala Subbagian Keuangan', 'Kepala Seksi Data dan Informasi'],
  fungsional: ['Analis Kebijakan Ahli Muda', 'Pranata Komputer Ahli Pertama', 'Perencana Ahli Muda', 'Perawat Ahli Pertama',
    'Auditor Ahli Pertama', 'Penyuluh Pertanian Ahli Muda', 'Arsiparis Terampil', 'Pranata Humas Ahli Pertama'],
  pelaksana: ['Pengadministrasi Umum', 'Pengelola Data', 'Operator Layanan Operasional', 'Pengadministrasi Keuangan',
    'Pengelola Layanan Kepegawaian', 'Petugas Pelayanan'],
};
const GRADES: Record<PositionType, readonly string[]> = {
  jpt: ['IV/c', 'IV/d'],
  administrator: ['IV/a', 'IV/b'],
  pengawas: ['III/c', 'III/d'],
  fungsional: ['III/a', 'III/b', 'III/c', 'IV/a'],
  pelaksana: ['II/a', 'II/b', 'II/c', 'II/d', 'III/a', 'III/b'],
};

export interface BenchEmployee {
  index: number;
  nip: string;
  name: string;
  unit: BenchUnit;
  isHead: boolean;
  position: string;
  positionType: PositionType;
  grade: string;
  services: string[];
  /** Performance factor around 1: drives realisasi, so scores spread realistically. */
  performance: number;
}

/**
 * Employee i of a seed. Employees 0..59 head units 0..59 (their NIP is what the others name as
 * NIP Atasan); the rest are spread over the units by the units' weights.
 */
export class EmployeeFactory {
  readonly units: BenchUnit[];
  private readonly cumulative: number[];
  private readonly headNips: string[];

  constructor(readonly seed: number) {
    this.units = benchUnits(seed);
    let sum = 0;
    this.cumulative = this.units.map((u) => (sum += u.weight));
    this.headNips = [];
    for (let u = 0; u < UNIT_COUNT; u++) this.headNips.push(this.at(u).nip);
  }

  headNip(unit: BenchUnit): string {
    return this.headNips[unit.index]!;
  }

  at(i: number): BenchEmployee {
    const rng = rngFor(this.seed, STREAM.employee, i);
    const sex: 1 | 2 = rng() < 0.52 ? 1 : 2;
    const nip = nipAt(i, int(rng, 1, 12), sex);
    const isHead = i < UNIT_COUNT;
    const unit = isHead ? this.units[i]! : this.units[this.unitIndex(rng() * this.cumulative[UNIT_COUNT - 1]!)]!;
    const first = pick(rng, sex === 1 ? MALE : FEMALE);
    const family = pick(rng, FAMILY);
    const name = rng() < 0.25 ? first : `${first} ${family}`;
    let positionType: PositionType;
    let position: string;
    if (isHead) {
      positionType = UNIT_DEFS[unit.index]!.kind === 'kecamatan' || UNIT_DEFS[unit.index]!.kind === 'puskesmas' ? 'administrator' : 'jpt';
      position = unit.head;
    } else {
      const x = rng();
      positionType = x < 0.03 ? 'administrator' : x < 0.12 ? 'pengawas' : x < 0.5 ? 'fungsional' : 'pelaksana';
      position = pick(rng, POSITIONS[positionType]);
    }
    const grade = pick(rng, GRADES[positionType]);
    // Front-line staff serve one or two of the unit's services; heads and a third of the rest none
    // (their satisfaction then comes from the unit's IKM).
    let services: string[] = [];
    if (!isHead && rng() < 0.67) {
      const a = pick(rng, unit.services);
      const b = pick(rng, unit.services);
      services = rng() < 0.3 && a !== b ? [a, b] : [a];
    }
    const band = rng();
    const performance = band < 0.1 ? 0.72 + 0.16 * rng() : band < 0.88 ? 0.94 + 0.14 * rng() : 1.1 + 0.12 * rng();
    return { index: i, nip, name, unit, isHead, position, positionType, grade, services, performance };
  }

  private unitIndex(x: number): number {
    let lo = 0;
    let hi = UNIT_COUNT - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

// ---------------------------------------------------------------------------------------------
// Streaming csv writer: lines collect into ~64 KiB chunks; a chunk waits for 'drain' when the
// stream's buffer is full, so memory stays flat whatever N is.

const CHUNK_CHARS = 64 * 1024;

function csvField(v: string | number): string {
  const s = typeof v === 'number' ? String(v) : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

class CsvWriter {
  private readonly stream: WriteStream;
  private chunk = '';
  rows = 0;

  constructor(readonly path: string, header: readonly string[]) {
    this.stream = createWriteStream(path);
    // Surface write errors through finished()/once('drain') instead of an unhandled 'error' event.
    this.stream.on('error', () => {});
    this.chunk = header.map(csvField).join(',') + '\n';
  }

  /** Appends one row; true when the chunk is full and `flush()` should be awaited. */
  row(fields: readonly (string | number)[]): boolean {
    let line = '';
    for (let k = 0; k < fields.length; k++) line += (k ? ',' : '') + csvField(fields[k]!);
    this.chunk += line + '\n';
    this.rows++;
    return this.chunk.length >= CHUNK_CHARS;
  }

  async flush(): Promise<void> {
    if (this.chunk === '') return;
    const ok = this.stream.write(this.chunk);
    this.chunk = '';
    if (!ok) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
  }
}

// ---------------------------------------------------------------------------------------------
// Files

const RATING = { atas: 'Di Atas Ekspektasi', sesuai: 'Sesuai Ekspektasi', bawah: 'Di Bawah Ekspektasi' } as const;
const BERAKHLAK_KEYS = BERAKHLAK_VALUES.map((v) => v.key);

/** The Indonesian (first) header of each column key, from the ingest's column specs: never drifts. */
export function headersOf(kind: InputKind, keys: readonly string[]): string[] {
  return keys.map((key) => {
    const spec = COLUMNS[kind].find((c) => c.key === key);
    if (!spec) throw new Error(`bench: no column '${key}' in ${kind}`);
    return spec.headers[0]!;
  });
}

const CONFIG_YAML = `# Synthetic workspace written by the appraise benchmark (npm run bench). Safe to delete.
organisation: Benchmark
regime: permenpan-6-2022
language: id
periodType: quarter
reports:
  detailSheetMaxRows: 200000
`;

const CATALOGUE: readonly (readonly string[])[] = [
  ['PLT-01', 'Coaching Peningkatan Kinerja', 'predikat:butuh-perbaikan;predikat:kurang;predikat:sangat-kurang', '20', 'coaching', 'BKPSDM'],
  ['PLT-02', 'Pelatihan Pelayanan Prima', 'aspek:kualitas-layanan;perilaku:berorientasi-pelayanan;unsur:U7', '24', 'klasikal', 'BPSDM Aceh'],
  ['PLT-03', 'Manajemen Waktu dan Penyelesaian Layanan', 'unsur:U3;indikator:IKI-06', '16', 'e-learning', 'LAN'],
  ['PLT-04', 'Penyusunan Rencana dan Laporan Kinerja', 'aspek:produktivitas;indikator:IKI-02', '24', 'klasikal', 'BKPSDM'],
  ['PLT-05', 'Integritas dan Akuntabilitas ASN', 'perilaku:akuntabel;perilaku:loyal', '12', 'e-learning', 'KemenPANRB'],
  ['PLT-06', 'Penanganan Pengaduan Masyarakat', 'unsur:U8;indikator:IKI-08', '16', 'klasikal', 'Ombudsman RI'],
  ['PLT-07', 'Kerja Sama Tim dan Komunikasi', 'perilaku:harmonis;perilaku:kolaboratif', '12', 'mentoring', 'BKPSDM'],
  ['PLT-08', 'Literasi Digital Layanan Publik', 'perilaku:adaptif;perilaku:kompeten;unsur:U2', '20', 'e-learning', 'Kominfo'],
];

/** Approximate bytes written for N employees (measured on generated files), for a disk-space check. */
export function estimateBytes(employees: number, surveyMultiplier = 1): number {
  // roster ~130, 8 indicator rows ~940, behaviour ~175, 5 survey rows ~425 per employee.
  return Math.ceil(employees * (1_250 + 425 * surveyMultiplier));
}

export async function generateWorkspace(dir: string, opts: GenerateOptions): Promise<GenerateResult> {
  const n = opts.employees;
  const seed = opts.seed ?? 1;
  const multiplier = opts.surveyMultiplier ?? 1;
  if (!Number.isInteger(n) || n < UNIT_COUNT || n >= NIP_CAPACITY) {
    throw new RangeError(`employees must be an integer from ${UNIT_COUNT} (one head per unit) to ${NIP_CAPACITY - 1}; got ${n}`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError(`seed must be an integer 0..4294967295; got ${seed}`);
  if (!Number.isInteger(multiplier) || multiplier < 1) throw new RangeError(`surveyMultiplier must be a positive integer; got ${multiplier}`);

  await mkdir(join(dir, `data/${BENCH_PERIOD}/umpan-balik`), { recursive: true });
  const factory = new EmployeeFactory(seed);
  const rows: Record<string, number> = {};
  const files: string[] = [];
  const done = async (rel: string, w: CsvWriter) => {
    await w.close();
    rows[rel] = w.rows;
    files.push(w.path);
  };

  await writeFile(join(dir, FILES.config), CONFIG_YAML);
  files.push(join(dir, FILES.config));

  const catalogue = new CsvWriter(join(dir, FILES.catalogue), headersOf('katalog-pelatihan', ['code', 'program', 'targets', 'hours', 'mode', 'provider']));
  for (const row of CATALOGUE) catalogue.row(row);
  await done(FILES.catalogue, catalogue);

  const unitSizes = await writeRoster(join(dir, FILES.roster), factory, n, done);
  await writeUnits(join(dir, FILES.units), factory, unitSizes, done);
  await writeIndicators(join(dir, FILES.indicators), factory, n, done);
  await writeBehaviour(join(dir, FILES.behaviour), factory, n, done);
  await writeSurvey(join(dir, FILES.survey), factory, n, multiplier, done);
  return { files, rows };
}

type Done = (rel: string, w: CsvWriter) => Promise<void>;

async function writeRoster(path: string, f: EmployeeFactory, n: number, done: Done): Promise<number[]> {
  const w = new CsvWriter(path, headersOf('pegawai', ['nip', 'name', 'position', 'positionType', 'unit', 'grade', 'status', 'supervisorNip', 'services']));
  const sizes = new Array<number>(UNIT_COUNT).fill(0);
  for (let i = 0; i < n; i++) {
    const e = f.at(i);
    sizes[e.unit.index]!++;
    const supervisor = e.isHead ? '' : f.headNip(e.unit);
    if (w.row([e.nip, e.name, e.position, e.positionType, e.unit.name, e.grade, 'PNS', supervisor, e.services.join(';')])) await w.flush();
  }
  await done(FILES.roster, w);
  return sizes;
}

async function writeUnits(path: string, f: EmployeeFactory, sizes: number[], done: Done): Promise<void> {
  const w = new CsvWriter(path, headersOf('unit', ['unit', 'orgPredikat', 'leaderNip', 'population']));
  for (const unit of f.units) {
    const rng = rngFor(f.seed, STREAM.units, unit.index);
    const x = rng();
    const predikat = x < 0.15 ? 'Istimewa' : x < 0.85 ? 'Baik' : x < 0.97 ? 'Butuh Perbaikan' : 'Kurang';
    // Citizens served in the quarter: a multiple of the survey sample, so that adequacy varies.
    const population = Math.max(50, Math.round(sizes[unit.index]! * RESPONSES_PER_EMPLOYEE * (4 + 40 * rng())));
    w.row([unit.name, predikat, f.headNip(unit), population]);
  }
  await done(FILES.units, w);
}

const fixed1 = (x: number): string => (Math.round(x * 10) / 10).toFixed(1);

async function writeIndicators(path: string, f: EmployeeFactory, n: number, done: Done): Promise<void> {
  const w = new CsvWriter(path, headersOf('indikator', ['nip', 'code', 'text', 'aspect', 'kind', 'target', 'actual', 'unitLabel', 'direction', 'weight', 'aggregation']));
  for (let i = 0; i < n; i++) {
    const e = f.at(i);
    const rng = rngFor(f.seed, STREAM.indicators, i);
    const p = e.performance;
    // naik: realisasi ≈ target × performance; turun: realisasi ≈ target × (2 − performance).
    const up = (target: number, sd = 0.06) => Math.max(0, Math.round(target * normal(rng, p, sd)));
    const rows: (string | number)[][] = [];
    const t1 = 10 * int(rng, 12, 60);
    rows.push(['IKI-01', 'Jumlah dokumen layanan yang diselesaikan', 'produktivitas', 'utama', t1, up(t1), 'dokumen', 'naik', 2, 'jumlah']);
    const t2 = int(rng, 3, 12);
    rows.push(['IKI-02', 'Jumlah laporan kegiatan yang disusun tepat waktu', 'produktivitas', 'utama', t2, Math.min(t2 + 2, up(t2, 0.1)), 'laporan', 'naik', 1, 'jumlah']);
    // A target range: inside it the capaian is 100.
    rows.push(['IKI-03', 'Persentase program kerja yang terlaksana', 'produktivitas', 'utama', '85-95',
      fixed1(Math.min(100, normal(rng, 90 * p, 3))), '%', 'naik', 1, 'rata-rata']);
    const t4 = int(rng, 4, 10);
    rows.push(['IKI-04', 'Jumlah kegiatan koordinasi yang diikuti', 'produktivitas', 'tambahan', t4, up(t4, 0.15), 'kegiatan', 'naik', 1, 'jumlah']);
    const t5 = int(rng, 5, 20);
    rows.push(['IKI-05', 'Jumlah berkas yang dikembalikan karena tidak lengkap', 'produktivitas', 'utama', t5,
      Math.max(0, Math.round(t5 * normal(rng, 2 - p, 0.08))), 'berkas', 'turun', 1, 'jumlah']);
    const t6 = int(rng, 3, 7);
    rows.push(['IKI-06', 'Rata-rata waktu penyelesaian layanan', 'kualitas-layanan', 'utama', t6,
      fixed1(Math.max(0.5, t6 * normal(rng, 2 - p, 0.06))), 'hari', 'turun', 2, 'rata-rata']);
    rows.push(['IKI-07', 'Persentase dokumen tanpa kesalahan', 'kualitas-layanan', 'utama', 95,
      fixed1(Math.min(100, normal(rng, 95 * p, 2))), '%', 'naik', 1, 'rata-rata']);
    // Target 0 with turun: "none allowed"; a proven complaint gives capaian 0 for this indicator.
    const complaints = rng() < 0.04 ? int(rng, 1, 3) : 0;
    rows.push(['IKI-08', 'Jumlah pengaduan masyarakat yang terbukti', 'kualitas-layanan', 'utama', 0, complaints, 'kasus', 'turun', 1, 'jumlah']);
    let full = false;
    for (const r of rows) full = w.row([e.nip, ...r]) || full;
    if (full) await w.flush();
  }
  await done(FILES.indicators, w);
}

async function writeBehaviour(path: string, f: EmployeeFactory, n: number, done: Done): Promise<void> {
  const w = new CsvWriter(path, headersOf('perilaku', ['nip', 'raterNip', 'raterRole', ...BERAKHLAK_KEYS, 'note']));
  for (let i = 0; i < n; i++) {
    const e = f.at(i);
    const rng = rngFor(f.seed, STREAM.behaviour, i);
    const x = rng();
    // 85% all Sesuai with an occasional Di Atas, 10% strong (mostly Di Atas), 5% one Di Bawah.
    const values: string[] = BERAKHLAK_KEYS.map(() => {
      if (x < 0.85) return rng() < 0.08 ? RATING.atas : RATING.sesuai;
      if (x < 0.95) return rng() < 0.75 ? RATING.atas : RATING.sesuai;
      return RATING.sesuai;
    });
    if (x >= 0.95) values[int(rng, 0, values.length - 1)] = RATING.bawah;
    // Heads are rated by the Sekda, who is not on this roster: NIP Penilai stays empty.
    const rater = e.isHead ? '' : f.headNip(e.unit);
    const note = x >= 0.95 ? 'Perlu pembinaan' : '';
    if (w.row([e.nip, rater, 'atasan', ...values, note])) await w.flush();
  }
  await done(FILES.behaviour, w);
}

const COMPLAINTS: readonly (readonly [string, string])[] = [
  ['Akta kelahiran terlalu lama selesai', 'waktu'],
  ['Petugas tidak ada di tempat saat jam layanan', 'perilaku'],
  ['Persyaratan berubah-ubah, harus bolak-balik', 'persyaratan'],
  ['Ruang tunggu panas dan sempit', 'sarana'],
  ['Diminta biaya tambahan yang tidak resmi', 'biaya'],
  ['Informasi "online" tidak sesuai dengan di loket', 'prosedur'],
];

async function writeSurvey(path: string, f: EmployeeFactory, n: number, multiplier: number, done: Done): Promise<void> {
  const header = headersOf('umpan-balik', ['date', 'unit', 'service', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9',
    'respondentId', 'officerNip', 'complaint', 'complaintCategory']);
  const w = new CsvWriter(path, header);
  const perEmployee = RESPONSES_PER_EMPLOYEE * multiplier;
  const q1Start = Date.UTC(2025, 0, 1);
  const q1Days = (Date.UTC(2025, 3, 1) - q1Start) / DAY_MS;
  const dates = Array.from({ length: q1Days }, (_, d) => new Date(q1Start + d * DAY_MS).toISOString().slice(0, 10));
  // Unit quality shifts the answers, so units differ in IKM and mutu.
  const unitShift = f.units.map((u) => (rngFor(f.seed, STREAM.units, 1000 + u.index)() - 0.5) * 0.5);
  let respondent = 0;
  for (let i = 0; i < n; i++) {
    const e = f.at(i);
    const rng = rngFor(f.seed, STREAM.survey, i);
    const shift = unitShift[e.unit.index]!;
    let full = false;
    for (let k = 0; k < perEmployee; k++) {
      respondent++;
      const service = e.services.length ? pick(rng, e.services) : pick(rng, e.unit.services);
      const answers: number[] = [];
      for (let u = 0; u < 9; u++) {
        // Mostly 3 (puas), some 4, fewer 2, rare 1; U4 (biaya) is usually free → 4.
        const x = rng() + shift;
        answers.push(u === 3 && x > 0.3 ? 4 : x < 0.02 ? 1 : x < 0.14 ? 2 : x < 0.72 ? 3 : 4);
      }
      const officer = e.services.length && rng() < 0.4 ? e.nip : '';
      const complaint = rng() < 0.03 ? pick(rng, COMPLAINTS) : null;
      full = w.row([dates[Math.floor(rng() * q1Days)]!, e.unit.name, service, ...answers, `R${pad(respondent, 9)}`, officer,
        complaint ? complaint[0] : '', complaint ? complaint[1] : '']) || full;
    }
    if (full) await w.flush();
  }
  await done(FILES.survey, w);
}
