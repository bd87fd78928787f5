import type { Lang, Text } from '../../domain/i18n.js';
import { atLeast, formatNumber, roundHalfUp } from '../../domain/exact.js';

/**
 * SPEC §3.8, regime pp-46-2011: SKP scoring of PP 46/2011 with Perka BKN 1/2013 (SKP 2014–2021),
 * for old spreadsheets. The per-aspect functions are exported so a converter can compare them with
 * the numbers a workbook states. Values are kept at full precision; round half-up to 2 decimals is
 * for display and for the sebutan band (as the BKN forms print them).
 */

/** Bad input to a legacy formula; the caller reports it with the cell's place. Nothing is coerced. */
export class LegacyInputError extends Error {
  constructor(
    readonly code: string,
    readonly text: Text,
  ) {
    super(`${code}: ${text.en}`);
    this.name = 'LegacyInputError';
  }
}

function requireTarget(aspect: Text, target: number): void {
  if (typeof target !== 'number' || !Number.isFinite(target) || target <= 0) {
    throw new LegacyInputError('PP46_TARGET_INVALID', {
      id: `Target ${aspect.id} harus angka lebih dari 0, bukan ${String(target)}.`,
      en: `The ${aspect.en} target must be a number above 0, not ${String(target)}.`,
    });
  }
}

function requireRealisasi(aspect: Text, realisasi: number): void {
  if (typeof realisasi !== 'number' || !Number.isFinite(realisasi) || realisasi < 0) {
    throw new LegacyInputError('PP46_REALISASI_INVALID', {
      id: `Realisasi ${aspect.id} harus angka 0 atau lebih, bukan ${String(realisasi)}.`,
      en: `The ${aspect.en} realisation must be a number of 0 or more, not ${String(realisasi)}.`,
    });
  }
}

const KUANTITAS: Text = { id: 'kuantitas', en: 'quantity' };
const KUALITAS: Text = { id: 'kualitas', en: 'quality' };
const WAKTU: Text = { id: 'waktu', en: 'time' };
const BIAYA: Text = { id: 'biaya', en: 'cost' };
const WAKTU_OR_BIAYA: Text = { id: 'waktu/biaya', en: 'time/cost' };

/** Kuantitas = realisasi output / target output × 100. */
export function kuantitasValue(target: number, realisasi: number): number {
  requireTarget(KUANTITAS, target);
  requireRealisasi(KUANTITAS, realisasi);
  return (realisasi / target) * 100;
}

/** Kualitas = realisasi mutu / target mutu × 100. */
export function kualitasValue(target: number, realisasi: number): number {
  requireTarget(KUALITAS, target);
  requireRealisasi(KUALITAS, realisasi);
  return (realisasi / target) * 100;
}

/** Efficiency of time or cost: e = 100 − R/T × 100 (percent saved). */
export function efisiensi(target: number, realisasi: number): number {
  requireTarget(WAKTU_OR_BIAYA, target);
  requireRealisasi(WAKTU_OR_BIAYA, realisasi);
  return 100 - (realisasi / target) * 100;
}

/** Upper bound of the efficiency band that earns the "≤ 24%" formula (Perka BKN 1/2013). */
export const EFFICIENCY_LIMIT = 24;

/**
 * Waktu and biaya (Perka BKN 1/2013): with e = 100 − R/T × 100,
 *   e ≤ 24: (1.76·T − R)/T × 100
 *   e > 24: 76 − ((1.76·T − R)/T × 100 − 100)
 * and a realisasi of 0 gives 0. Algebraically (1.76·T − R)/T × 100 = 176 − 100·R/T, and the second
 * form reduces to 100·R/T; we compute those forms because they carry less rounding error, and
 * decide e ≤ 24 as 100·R ≥ 76·T on snapped values (e = 24 exactly takes the first formula, which
 * gives 100 there). No clamp: R above 1.76·T gives a negative value, as the BKN formula does.
 */
function efficiencyAspect(aspect: Text, target: number, realisasi: number): number {
  requireTarget(aspect, target);
  requireRealisasi(aspect, realisasi);
  if (realisasi === 0) return 0;
  const ratio100 = (100 * realisasi) / target;
  if (atLeast(100 * realisasi, (100 - EFFICIENCY_LIMIT) * target)) return 176 - ratio100;
  return ratio100;
}

export function waktuValue(target: number, realisasi: number): number {
  return efficiencyAspect(WAKTU, target, realisasi);
}

export function biayaValue(target: number, realisasi: number): number {
  return efficiencyAspect(BIAYA, target, realisasi);
}

export interface AspectPair {
  target: number;
  realisasi: number;
}

/** A biaya cell may be empty, 0 or '-' when the activity has no budget. */
export type BiayaCell = number | null | '-';

export interface Pp46Activity {
  kuantitas: AspectPair;
  kualitas: AspectPair;
  waktu: AspectPair;
  biaya?: { target: BiayaCell; realisasi: BiayaCell } | null;
}

export interface Pp46ActivityResult {
  kuantitas: number;
  kualitas: number;
  waktu: number;
  /** null when the activity has no biaya target. */
  biaya: number | null;
  aspectsUsed: 3 | 4;
  /** Sum of the aspects used. */
  perhitungan: number;
  /** perhitungan / aspectsUsed. */
  nilaiCapaian: number;
}

const notTargeted = (x: BiayaCell | undefined): boolean => x === undefined || x === null || x === '-' || x === 0;

/** Per activity: kuantitas, kualitas, waktu and, only when targeted, biaya; nilai capaian = sum / count. */
export function activityValue(a: Pp46Activity): Pp46ActivityResult {
  const kuantitas = kuantitasValue(a.kuantitas.target, a.kuantitas.realisasi);
  const kualitas = kualitasValue(a.kualitas.target, a.kualitas.realisasi);
  const waktu = waktuValue(a.waktu.target, a.waktu.realisasi);
  let biaya: number | null = null;
  if (a.biaya && !notTargeted(a.biaya.target)) {
    const r = a.biaya.realisasi;
    if (r === null || r === '-') {
      throw new LegacyInputError('PP46_BIAYA_NOT_REPORTED', {
        id: 'Biaya ditargetkan tetapi realisasinya kosong: isi realisasi biaya (0 bila tidak ada pengeluaran).',
        en: 'Cost is targeted but its realisation is empty: fill in the realised cost (0 when nothing was spent).',
      });
    }
    biaya = biayaValue(a.biaya.target as number, r);
  } else if (a.biaya && !notTargeted(a.biaya.realisasi)) {
    throw new LegacyInputError('PP46_BIAYA_WITHOUT_TARGET', {
      id: `Realisasi biaya ${String(a.biaya.realisasi)} tanpa target biaya: isi targetnya atau kosongkan realisasinya.`,
      en: `Realised cost ${String(a.biaya.realisasi)} without a cost target: fill in the target or clear the realisation.`,
    });
  }
  const aspectsUsed = biaya === null ? 3 : 4;
  const perhitungan = kuantitas + kualitas + waktu + (biaya ?? 0);
  return { kuantitas, kualitas, waktu, biaya, aspectsUsed, perhitungan, nilaiCapaian: perhitungan / aspectsUsed };
}

/** Tugas tambahan points (Perka BKN 1/2013): 0 duties → 0, 1–3 → 1, 4–6 → 2, 7 or more → 3. */
export function tugasTambahanPoints(count: number): 0 | 1 | 2 | 3 {
  if (!Number.isInteger(count) || count < 0) {
    throw new LegacyInputError('PP46_TUGAS_TAMBAHAN_INVALID', {
      id: `Jumlah tugas tambahan harus bilangan bulat 0 atau lebih, bukan ${String(count)}.`,
      en: `The number of additional duties must be a whole number of 0 or more, not ${String(count)}.`,
    });
  }
  if (count === 0) return 0;
  if (count <= 3) return 1;
  if (count <= 6) return 2;
  return 3;
}

export type SebutanPp46 = 'SANGAT_BAIK' | 'BAIK' | 'CUKUP' | 'KURANG' | 'BURUK';

const SEBUTAN_LABELS: Record<SebutanPp46, Text> = {
  SANGAT_BAIK: { id: 'Sangat Baik', en: 'Very Good' },
  BAIK: { id: 'Baik', en: 'Good' },
  CUKUP: { id: 'Cukup', en: 'Fair' },
  KURANG: { id: 'Kurang', en: 'Poor' },
  BURUK: { id: 'Buruk', en: 'Bad' },
};

export function sebutanPp46Label(s: SebutanPp46, lang: Lang): string {
  return SEBUTAN_LABELS[s][lang];
}

/**
 * Sebutan with no gaps, on the value rounded half-up to 2 decimals (as printed on the form):
 * ≥ 91 Sangat Baik, ≥ 76 Baik, ≥ 61 Cukup, ≥ 51 Kurang, else Buruk. So 90.995 → 91.00 is Sangat
 * Baik and 90.5 (between the published "76–90" and "91 ke atas") is Baik.
 */
export function sebutanPp46(value: number): SebutanPp46 {
  if (!Number.isFinite(value)) throw new RangeError(`sebutanPp46: not a number: ${value}`);
  const v = roundHalfUp(value, 2);
  if (atLeast(v, 91)) return 'SANGAT_BAIK';
  if (atLeast(v, 76)) return 'BAIK';
  if (atLeast(v, 61)) return 'CUKUP';
  if (atLeast(v, 51)) return 'KURANG';
  return 'BURUK';
}

export interface Pp46SkpInput {
  activities: readonly Pp46Activity[];
  /** Number of tugas tambahan (additional duties) carried out. */
  tugasTambahan: number;
  /** Kreativitas points as awarded (a number ≥ 0, given by the form). */
  kreativitas: number;
}

export interface Pp46SkpResult {
  activities: Pp46ActivityResult[];
  meanActivities: number;
  tugasTambahanPoints: number;
  kreativitasPoints: number;
  nilaiCapaianSkp: number;
  sebutan: SebutanPp46;
  explanation: Text;
}

/** Nilai capaian SKP = mean of the activities' nilai capaian + tugas tambahan points + kreativitas points. */
export function nilaiCapaianSkpPp46(input: Pp46SkpInput): Pp46SkpResult {
  if (input.activities.length === 0) {
    throw new LegacyInputError('PP46_NO_ACTIVITIES', {
      id: 'SKP tanpa kegiatan tugas jabatan: nilai capaian tidak dapat dihitung.',
      en: 'SKP without job activities: the achievement value cannot be computed.',
    });
  }
  if (typeof input.kreativitas !== 'number' || !Number.isFinite(input.kreativitas) || input.kreativitas < 0) {
    throw new LegacyInputError('PP46_KREATIVITAS_INVALID', {
      id: `Nilai kreativitas harus angka 0 atau lebih, bukan ${String(input.kreativitas)}.`,
      en: `Creativity points must be a number of 0 or more, not ${String(input.kreativitas)}.`,
    });
  }
  const activities = input.activities.map(activityValue);
  const meanActivities = activities.reduce((s, a) => s + a.nilaiCapaian, 0) / activities.length;
  const tt = tugasTambahanPoints(input.tugasTambahan);
  const nilai = meanActivities + tt + input.kreativitas;
  const sebutan = sebutanPp46(nilai);
  const f = (x: number, lang: Lang): string => formatNumber(x, lang);
  const explanation: Text = {
    id: `Nilai capaian SKP = rata-rata ${activities.length} kegiatan ${f(meanActivities, 'id')} + tugas tambahan ${tt} + kreativitas ${f(input.kreativitas, 'id')} = ${f(nilai, 'id')} (${SEBUTAN_LABELS[sebutan].id})`,
    en: `SKP achievement = mean of ${activities.length} activities ${f(meanActivities, 'en')} + additional duties ${tt} + creativity ${f(input.kreativitas, 'en')} = ${f(nilai, 'en')} (${SEBUTAN_LABELS[sebutan].en})`,
  };
  return { activities, meanActivities, tugasTambahanPoints: tt, kreativitasPoints: input.kreativitas, nilaiCapaianSkp: nilai, sebutan, explanation };
}

export interface Pp46Perilaku {
  orientasiPelayanan: number;
  integritas: number;
  komitmen: number;
  disiplin: number;
  kerjaSama: number;
  /** Only for structural posts; null/absent otherwise. */
  kepemimpinan?: number | null;
}

export interface Pp46PerilakuResult {
  mean: number;
  count: 5 | 6;
  sebutan: SebutanPp46;
}

/**
 * Perilaku kerja = mean of orientasi pelayanan, integritas, komitmen, disiplin, kerja sama and,
 * for structural posts only, kepemimpinan. A structural post without kepemimpinan, or a
 * non-structural one with it, is an error: which divisor applies cannot be guessed.
 */
export function perilakuPp46(p: Pp46Perilaku, structural: boolean): Pp46PerilakuResult {
  const base: [string, number][] = [
    ['orientasiPelayanan', p.orientasiPelayanan],
    ['integritas', p.integritas],
    ['komitmen', p.komitmen],
    ['disiplin', p.disiplin],
    ['kerjaSama', p.kerjaSama],
  ];
  const hasLead = p.kepemimpinan !== undefined && p.kepemimpinan !== null;
  if (structural && !hasLead) {
    throw new LegacyInputError('PP46_KEPEMIMPINAN_MISSING', {
      id: 'Jabatan struktural tanpa nilai kepemimpinan: isi nilai kepemimpinan.',
      en: 'Structural post without a leadership score: fill in the leadership score.',
    });
  }
  if (!structural && hasLead) {
    throw new LegacyInputError('PP46_KEPEMIMPINAN_NOT_STRUCTURAL', {
      id: 'Nilai kepemimpinan hanya untuk jabatan struktural: kosongkan nilainya atau tandai jabatannya struktural.',
      en: 'The leadership score is only for structural posts: clear it or mark the post as structural.',
    });
  }
  if (structural) base.push(['kepemimpinan', p.kepemimpinan as number]);
  for (const [name, v] of base) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 100) {
      throw new LegacyInputError('PP46_PERILAKU_INVALID', {
        id: `Nilai perilaku ${name} harus 0–100, bukan ${String(v)}.`,
        en: `Behaviour score ${name} must be 0–100, not ${String(v)}.`,
      });
    }
  }
  const mean = base.reduce((s, [, v]) => s + v, 0) / base.length;
  return { mean, count: base.length as 5 | 6, sebutan: sebutanPp46(mean) };
}

export const PP46_SKP_WEIGHT = 60;
export const PP46_PERILAKU_WEIGHT = 40;

export interface Pp46PrestasiResult {
  skpPart: number;
  perilakuPart: number;
  nilaiPrestasiKerja: number;
  sebutan: SebutanPp46;
  explanation: Text;
}

/** Nilai prestasi kerja = 60% nilai capaian SKP + 40% nilai perilaku kerja. */
export function nilaiPrestasiKerjaPp46(nilaiCapaianSkp: number, nilaiPerilaku: number): Pp46PrestasiResult {
  for (const [name, v] of [['SKP', nilaiCapaianSkp], ['perilaku', nilaiPerilaku]] as const) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new LegacyInputError('PP46_PRESTASI_INPUT_INVALID', {
        id: `Nilai ${name} harus angka 0 atau lebih, bukan ${String(v)}.`,
        en: `The ${name} value must be a number of 0 or more, not ${String(v)}.`,
      });
    }
  }
  const skpPart = (nilaiCapaianSkp * PP46_SKP_WEIGHT) / 100;
  const perilakuPart = (nilaiPerilaku * PP46_PERILAKU_WEIGHT) / 100;
  const nilai = skpPart + perilakuPart;
  const sebutan = sebutanPp46(nilai);
  const f = (x: number, lang: Lang): string => formatNumber(x, lang);
  return {
    skpPart,
    perilakuPart,
    nilaiPrestasiKerja: nilai,
    sebutan,
    explanation: {
      id: `Nilai prestasi kerja = 60% × ${f(nilaiCapaianSkp, 'id')} + 40% × ${f(nilaiPerilaku, 'id')} = ${f(skpPart, 'id')} + ${f(perilakuPart, 'id')} = ${f(nilai, 'id')} (${SEBUTAN_LABELS[sebutan].id})`,
      en: `Work performance = 60% × ${f(nilaiCapaianSkp, 'en')} + 40% × ${f(nilaiPerilaku, 'en')} = ${f(skpPart, 'en')} + ${f(perilakuPart, 'en')} = ${f(nilai, 'en')} (${SEBUTAN_LABELS[sebutan].en})`,
    },
  };
}
