import { describe, expect, it } from 'vitest';
import {
  LegacyInputError,
  activityValue,
  biayaValue,
  efisiensi,
  kualitasValue,
  kuantitasValue,
  nilaiCapaianSkpPp46,
  nilaiPrestasiKerjaPp46,
  perilakuPp46,
  sebutanPp46,
  sebutanPp46Label,
  tugasTambahanPoints,
  waktuValue,
  type Pp46Activity,
  type SebutanPp46,
} from '../../src/engine/legacy/pp46.ts';
import { roundHalfUp } from '../../src/domain/exact.ts';

const r2 = (x: number): number => roundHalfUp(x, 2);

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof LegacyInputError) return e.code;
    throw e;
  }
  return 'no error';
}

/** The worked example of the BKN guide (Perka BKN 1/2013): 12 laporan, mutu 100→90, 12 bulan. */
const BKN_EXAMPLE: Pp46Activity = {
  kuantitas: { target: 12, realisasi: 12 },
  kualitas: { target: 100, realisasi: 90 },
  waktu: { target: 12, realisasi: 12 },
  biaya: { target: '-', realisasi: '-' },
};

describe('pp-46-2011 aspects', () => {
  it('kuantitas and kualitas are R/T × 100', () => {
    expect(kuantitasValue(12, 12)).toBe(100);
    expect(kuantitasValue(5000, 4500)).toBe(90);
    expect(kualitasValue(100, 90)).toBe(90);
    expect(kuantitasValue(20, 25)).toBe(125);
  });

  const waktuRows: [number, number, number, number][] = [
    // target, realisasi, efisiensi (2 dp), value (2 dp)
    [12, 12, 0, 76],
    [12, 10, 16.67, 92.67], // e ≤ 24: (1.76×12 − 10)/12×100
    [12, 6, 50, 50], // e > 24: 76 − ((21.12 − 6)/12×100 − 100) = 76 − 26
    [25, 19, 24, 100], // e = 24 exactly takes the first formula
    [25, 18.99, 24.04, 75.96], // just over 24 drops to the second formula
    [100, 76, 24, 100],
    [12, 13, -8.33, 67.67], // late: (21.12 − 13)/12×100, no clamp
    [12, 0, 100, 0], // realisasi 0 gives 0
  ];
  it.each(waktuRows)('waktu T %d R %d: e %d → %d', (t, r, e, value) => {
    if (r !== 0) expect(r2(efisiensi(t, r))).toBe(e);
    expect(r2(waktuValue(t, r))).toBe(value);
  });

  it('the literal BKN formula and our form agree', () => {
    for (const [t, r] of [[12, 10], [12, 6], [25, 19], [7, 3], [30, 29]] as const) {
      const e = 100 - (r / t) * 100;
      const literal = e <= 24 ? ((1.76 * t - r) / t) * 100 : 76 - (((1.76 * t - r) / t) * 100 - 100);
      expect(waktuValue(t, r)).toBeCloseTo(literal, 9);
    }
  });

  it('biaya T 170.395.000 R 170.395.000 → 76; a 10% saving → 86', () => {
    expect(r2(biayaValue(170_395_000, 170_395_000))).toBe(76);
    expect(r2(biayaValue(1_000_000, 900_000))).toBe(86);
  });

  it('rejects a zero or negative target and a negative realisasi', () => {
    expect(codeOf(() => kuantitasValue(0, 5))).toBe('PP46_TARGET_INVALID');
    expect(codeOf(() => waktuValue(-12, 5))).toBe('PP46_TARGET_INVALID');
    expect(codeOf(() => kualitasValue(100, -1))).toBe('PP46_REALISASI_INVALID');
    expect(codeOf(() => kuantitasValue(12, Number.NaN))).toBe('PP46_REALISASI_INVALID');
    expect(codeOf(() => efisiensi(0, 5))).toBe('PP46_TARGET_INVALID');
  });
});

describe('pp-46-2011 activity value', () => {
  it('reproduces the BKN worked example: 100 + 90 + 76 = 266, nilai capaian 88,67', () => {
    const a = activityValue(BKN_EXAMPLE);
    expect(a.kuantitas).toBe(100);
    expect(a.kualitas).toBe(90);
    expect(r2(a.waktu)).toBe(76);
    expect(a.biaya).toBeNull();
    expect(a.aspectsUsed).toBe(3);
    expect(r2(a.perhitungan)).toBe(266);
    expect(r2(a.nilaiCapaian)).toBe(88.67);
  });

  it('a 4-aspect activity: (100 + 90 + 76 + 86) / 4 = 88', () => {
    const a = activityValue({ ...BKN_EXAMPLE, biaya: { target: 1_000_000, realisasi: 900_000 } });
    expect(a.aspectsUsed).toBe(4);
    expect(r2(a.biaya!)).toBe(86);
    expect(r2(a.perhitungan)).toBe(352);
    expect(r2(a.nilaiCapaian)).toBe(88);
  });

  const untargeted: [string, Pp46Activity['biaya']][] = [
    ['absent', undefined],
    ['null', null],
    ["'-'", { target: '-', realisasi: '-' }],
    ['0', { target: 0, realisasi: 0 }],
    ['null target', { target: null, realisasi: null }],
  ];
  it.each(untargeted)('biaya %s is not used', (_, biaya) => {
    const a = activityValue({ ...BKN_EXAMPLE, biaya });
    expect(a.aspectsUsed).toBe(3);
    expect(r2(a.nilaiCapaian)).toBe(88.67);
  });

  it('targeted biaya without realisasi, or realisasi without target, is an error', () => {
    expect(codeOf(() => activityValue({ ...BKN_EXAMPLE, biaya: { target: 5_000_000, realisasi: null } }))).toBe('PP46_BIAYA_NOT_REPORTED');
    expect(codeOf(() => activityValue({ ...BKN_EXAMPLE, biaya: { target: '-', realisasi: 4_000_000 } }))).toBe('PP46_BIAYA_WITHOUT_TARGET');
  });
});

describe('pp-46-2011 tugas tambahan points', () => {
  const rows: [number, number][] = [[0, 0], [1, 1], [3, 1], [4, 2], [6, 2], [7, 3], [15, 3]];
  it.each(rows)('%d duties → %d', (n, p) => expect(tugasTambahanPoints(n)).toBe(p));
  it('rejects negative or fractional counts', () => {
    expect(codeOf(() => tugasTambahanPoints(-1))).toBe('PP46_TUGAS_TAMBAHAN_INVALID');
    expect(codeOf(() => tugasTambahanPoints(1.5))).toBe('PP46_TUGAS_TAMBAHAN_INVALID');
  });
});

describe('pp-46-2011 sebutan (gapless, on the 2-decimal half-up value)', () => {
  const rows: [number, SebutanPp46][] = [
    [120, 'SANGAT_BAIK'],
    [91, 'SANGAT_BAIK'],
    [90.995, 'SANGAT_BAIK'], // → 91.00
    [90.994, 'BAIK'], // → 90.99
    [90.5, 'BAIK'], // between the published 76–90 and 91+: no gap
    [76, 'BAIK'],
    [75.995, 'BAIK'],
    [75.99, 'CUKUP'],
    [61, 'CUKUP'],
    [60.99, 'KURANG'],
    [51, 'KURANG'],
    [50.99, 'BURUK'],
    [50.5, 'BURUK'],
    [0, 'BURUK'],
  ];
  it.each(rows)('%d → %s', (x, s) => expect(sebutanPp46(x)).toBe(s));
  it('labels', () => {
    expect(sebutanPp46Label('CUKUP', 'id')).toBe('Cukup');
    expect(sebutanPp46Label('BURUK', 'en')).toBe('Bad');
  });
});

describe('pp-46-2011 nilai capaian SKP', () => {
  it('mean of activities + tugas tambahan points + kreativitas', () => {
    const r = nilaiCapaianSkpPp46({
      activities: [BKN_EXAMPLE, { ...BKN_EXAMPLE, biaya: { target: 1_000_000, realisasi: 900_000 } }],
      tugasTambahan: 2,
      kreativitas: 3,
    });
    // (88.6667 + 88) / 2 = 88.3333; + 1 + 3 = 92.3333
    expect(r2(r.meanActivities)).toBe(88.33);
    expect(r.tugasTambahanPoints).toBe(1);
    expect(r2(r.nilaiCapaianSkp)).toBe(92.33);
    expect(r.sebutan).toBe('SANGAT_BAIK');
    expect(r.explanation.id).toBe('Nilai capaian SKP = rata-rata 2 kegiatan 88,33 + tugas tambahan 1 + kreativitas 3,00 = 92,33 (Sangat Baik)');
  });
  it('the BKN example alone is Baik', () => {
    const r = nilaiCapaianSkpPp46({ activities: [BKN_EXAMPLE], tugasTambahan: 0, kreativitas: 0 });
    expect(r2(r.nilaiCapaianSkp)).toBe(88.67);
    expect(r.sebutan).toBe('BAIK');
  });
  it('rejects an SKP without activities and negative kreativitas', () => {
    expect(codeOf(() => nilaiCapaianSkpPp46({ activities: [], tugasTambahan: 0, kreativitas: 0 }))).toBe('PP46_NO_ACTIVITIES');
    expect(codeOf(() => nilaiCapaianSkpPp46({ activities: [BKN_EXAMPLE], tugasTambahan: 0, kreativitas: -1 }))).toBe('PP46_KREATIVITAS_INVALID');
  });
});

describe('pp-46-2011 perilaku and nilai prestasi kerja', () => {
  const base = { orientasiPelayanan: 80, integritas: 85, komitmen: 90, disiplin: 75, kerjaSama: 80 };

  it('non-structural: mean of five', () => {
    const p = perilakuPp46(base, false);
    expect(p.count).toBe(5);
    expect(p.mean).toBe(82);
  });

  it('structural: kepemimpinan is the sixth', () => {
    const p = perilakuPp46({ ...base, kepemimpinan: 70 }, true);
    expect(p.count).toBe(6);
    expect(p.mean).toBe(80);
  });

  it('kepemimpinan missing for a structural post, or present for another, is an error', () => {
    expect(codeOf(() => perilakuPp46(base, true))).toBe('PP46_KEPEMIMPINAN_MISSING');
    expect(codeOf(() => perilakuPp46({ ...base, kepemimpinan: 70 }, false))).toBe('PP46_KEPEMIMPINAN_NOT_STRUCTURAL');
    expect(codeOf(() => perilakuPp46({ ...base, disiplin: 101 }, false))).toBe('PP46_PERILAKU_INVALID');
  });

  const prestasiRows: [string, number, number, number, number, SebutanPp46][] = [
    // label, SKP, perilaku, 60% part, total, sebutan
    ['without kepemimpinan', 266 / 3, 82, 53.2, 86, 'BAIK'],
    ['with kepemimpinan', 266 / 3, 80, 53.2, 85.2, 'BAIK'],
    ['band edge 91', 91, 91, 54.6, 91, 'SANGAT_BAIK'],
    ['just below 76', 75, 76.97, 45, 75.79, 'CUKUP'],
  ];
  it.each(prestasiRows)('%s: 60%% × %d + 40%% × %d', (_, skp, perilaku, skpPart, total, sebutan) => {
    const r = nilaiPrestasiKerjaPp46(skp, perilaku);
    expect(r2(r.skpPart)).toBe(skpPart);
    expect(r2(r.nilaiPrestasiKerja)).toBe(total);
    expect(r.sebutan).toBe(sebutan);
  });

  it('chains perilaku into prestasi with and without kepemimpinan', () => {
    const skp = nilaiCapaianSkpPp46({ activities: [BKN_EXAMPLE], tugasTambahan: 0, kreativitas: 0 }).nilaiCapaianSkp;
    const staff = nilaiPrestasiKerjaPp46(skp, perilakuPp46(base, false).mean);
    const head = nilaiPrestasiKerjaPp46(skp, perilakuPp46({ ...base, kepemimpinan: 70 }, true).mean);
    expect(r2(staff.nilaiPrestasiKerja)).toBe(86);
    expect(r2(head.nilaiPrestasiKerja)).toBe(85.2);
    expect(staff.explanation.en).toBe('Work performance = 60% × 88.67 + 40% × 82.00 = 53.20 + 32.80 = 86.00 (Good)');
  });
});
