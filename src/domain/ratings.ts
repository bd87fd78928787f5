import type { Lang } from './i18n.js';

/** Ratings of work results and behaviour (SPEC §3.3–3.5); JSON codes are fixed by SPEC §3.5. */
export type Rating = 'DI_ATAS' | 'SESUAI' | 'DI_BAWAH';
export const RATINGS: readonly Rating[] = ['DI_BAWAH', 'SESUAI', 'DI_ATAS'];

export type Predikat = 'SANGAT_BAIK' | 'BAIK' | 'BUTUH_PERBAIKAN' | 'KURANG' | 'SANGAT_KURANG';
export const PREDIKATS: readonly Predikat[] = ['SANGAT_BAIK', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG', 'SANGAT_KURANG'];

const RATING_LABELS: Record<Rating, Record<Lang, string>> = {
  DI_ATAS: { id: 'Di Atas Ekspektasi', en: 'Above Expectations' },
  SESUAI: { id: 'Sesuai Ekspektasi', en: 'Meets Expectations' },
  DI_BAWAH: { id: 'Di Bawah Ekspektasi', en: 'Below Expectations' },
};

const PREDIKAT_LABELS: Record<Predikat, Record<Lang, string>> = {
  SANGAT_BAIK: { id: 'Sangat Baik', en: 'Very Good' },
  BAIK: { id: 'Baik', en: 'Good' },
  BUTUH_PERBAIKAN: { id: 'Butuh Perbaikan', en: 'Needs Improvement' },
  KURANG: { id: 'Kurang/Misconduct', en: 'Poor/Misconduct' },
  SANGAT_KURANG: { id: 'Sangat Kurang', en: 'Very Poor' },
};

export function ratingLabel(r: Rating, lang: Lang): string {
  return RATING_LABELS[r][lang];
}

export function predikatLabel(p: Predikat, lang: Lang): string {
  return PREDIKAT_LABELS[p][lang];
}

/** Accepts `Di Atas Ekspektasi`, `atas`, `3`, `DI_ATAS` and the like (SPEC §2); null when unknown. */
export function parseRating(text: string | number): Rating | null {
  const s = String(text).trim().toLowerCase().replace(/[^a-z0-9]/g, '');
  if (s === '') return null;
  if (['3', 'diatas', 'diatasekspektasi', 'atas', 'aboveexpectations', 'above'].includes(s)) return 'DI_ATAS';
  if (['2', 'sesuai', 'sesuaiekspektasi', 'meetsexpectations', 'meets'].includes(s)) return 'SESUAI';
  if (['1', 'dibawah', 'dibawahekspektasi', 'bawah', 'belowexpectations', 'below'].includes(s)) return 'DI_BAWAH';
  return null;
}

/** Accepts `Sangat Baik`, `Butuh Perbaikan`, `Kurang/Misconduct`, `BAIK`, `Cukup`; null when unknown. */
export function parsePredikat(text: string): Predikat | null {
  const s = text.trim().toLowerCase().replace(/[^a-z]/g, '');
  const map: Record<string, Predikat> = {
    sangatbaik: 'SANGAT_BAIK', istimewa: 'SANGAT_BAIK',
    baik: 'BAIK',
    butuhperbaikan: 'BUTUH_PERBAIKAN', cukup: 'BUTUH_PERBAIKAN',
    kurang: 'KURANG', kurangmisconduct: 'KURANG', misconduct: 'KURANG',
    sangatkurang: 'SANGAT_KURANG',
  };
  return map[s] ?? null;
}
