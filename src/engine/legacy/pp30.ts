import type { Lang, Text } from '../../domain/i18n.js';
import type { Predikat } from '../../domain/ratings.js';
import { atLeast, formatNumber, roundHalfUp } from '../../domain/exact.js';
import { LegacyInputError } from './pp46.js';

export { LegacyInputError };

/**
 * SPEC §3.8, regime pp-30-2019 (PP 30/2019, PermenPANRB 8/2021, SKP 2021–2022).
 *
 * Nilai kinerja = 70% SKP + 30% perilaku, or 60% / 40% when the behaviour rating comes from peers
 * and subordinates as well (360). Predikat on the value rounded half-up to 2 decimals:
 *   Sangat Baik: 110–120 AND an innovation (a new idea or way that benefits the organisation);
 *   Baik ≥ 90 (also 110–120 without an innovation); Butuh Perbaikan (called Cukup in PP 30) ≥ 70;
 *   Kurang ≥ 50; else Sangat Kurang.
 * The scale of PP 30/2019 ends at 120. A value above 120 (or below 0) is not capped: it is reported
 * as invalid (PP30_OUT_OF_SCALE), because it means the SKP or behaviour inputs are outside their
 * scale and capping would hide that.
 */
export const PP30_MAX = 120;

export type Pp30Weighting = '70/30' | '60/40';

export function pp30Weighting(behaviourUsesPeersAndSubordinates: boolean): Pp30Weighting {
  return behaviourUsesPeersAndSubordinates ? '60/40' : '70/30';
}

const WEIGHTS: Record<Pp30Weighting, { skp: number; perilaku: number }> = {
  '70/30': { skp: 70, perilaku: 30 },
  '60/40': { skp: 60, perilaku: 40 },
};

export interface Pp30NilaiResult {
  weighting: Pp30Weighting;
  skpPart: number;
  perilakuPart: number;
  nilaiKinerja: number;
  explanation: Text;
}

export function nilaiKinerjaPp30(skp: number, perilaku: number, behaviourUsesPeersAndSubordinates: boolean): Pp30NilaiResult {
  for (const [name, v] of [['SKP', skp], ['perilaku', perilaku]] as const) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new LegacyInputError('PP30_INPUT_INVALID', {
        id: `Nilai ${name} harus angka 0 atau lebih, bukan ${String(v)}.`,
        en: `The ${name} value must be a number of 0 or more, not ${String(v)}.`,
      });
    }
  }
  const weighting = pp30Weighting(behaviourUsesPeersAndSubordinates);
  const w = WEIGHTS[weighting];
  const skpPart = (skp * w.skp) / 100;
  const perilakuPart = (perilaku * w.perilaku) / 100;
  const nilai = skpPart + perilakuPart;
  const f = (x: number, lang: Lang): string => formatNumber(x, lang);
  const why: Text = behaviourUsesPeersAndSubordinates
    ? { id: 'perilaku dinilai juga oleh rekan dan bawahan', en: 'behaviour also rated by peers and subordinates' }
    : { id: 'perilaku dinilai atasan', en: 'behaviour rated by the supervisor' };
  return {
    weighting,
    skpPart,
    perilakuPart,
    nilaiKinerja: nilai,
    explanation: {
      id: `Nilai kinerja = ${w.skp}% × ${f(skp, 'id')} + ${w.perilaku}% × ${f(perilaku, 'id')} = ${f(nilai, 'id')} (${why.id})`,
      en: `Performance value = ${w.skp}% × ${f(skp, 'en')} + ${w.perilaku}% × ${f(perilaku, 'en')} = ${f(nilai, 'en')} (${why.en})`,
    },
  };
}

const PP30_LABELS: Record<Predikat, Text> = {
  SANGAT_BAIK: { id: 'Sangat Baik', en: 'Very Good' },
  BAIK: { id: 'Baik', en: 'Good' },
  BUTUH_PERBAIKAN: { id: 'Cukup', en: 'Fair' },
  KURANG: { id: 'Kurang', en: 'Poor' },
  SANGAT_KURANG: { id: 'Sangat Kurang', en: 'Very Poor' },
};

/** PP 30/2019 wording of the predikat (Butuh Perbaikan is "Cukup" there). */
export function pp30PredikatLabel(p: Predikat, lang: Lang): string {
  return PP30_LABELS[p][lang];
}

export interface Pp30PredikatResult {
  /** The value as classified: rounded half-up to 2 decimals. */
  rounded: number;
  predikat: Predikat;
  explanation: Text;
}

export function predikatPp30(nilaiKinerja: number, hasInnovation: boolean): Pp30PredikatResult {
  if (typeof nilaiKinerja !== 'number' || !Number.isFinite(nilaiKinerja)) {
    throw new LegacyInputError('PP30_INPUT_INVALID', {
      id: `Nilai kinerja bukan angka: ${String(nilaiKinerja)}.`,
      en: `The performance value is not a number: ${String(nilaiKinerja)}.`,
    });
  }
  const v = roundHalfUp(nilaiKinerja, 2);
  if (v < 0 || !atLeast(PP30_MAX, v)) {
    throw new LegacyInputError('PP30_OUT_OF_SCALE', {
      id: `Nilai kinerja ${formatNumber(v, 'id')} di luar skala PP 30/2019 (0–120): periksa nilai SKP dan perilaku; nilai tidak dipotong.`,
      en: `Performance value ${formatNumber(v, 'en')} is outside the PP 30/2019 scale (0–120): check the SKP and behaviour values; it is not capped.`,
    });
  }
  let predikat: Predikat;
  if (atLeast(v, 110)) predikat = hasInnovation ? 'SANGAT_BAIK' : 'BAIK';
  else if (atLeast(v, 90)) predikat = 'BAIK';
  else if (atLeast(v, 70)) predikat = 'BUTUH_PERBAIKAN';
  else if (atLeast(v, 50)) predikat = 'KURANG';
  else predikat = 'SANGAT_KURANG';
  const note: Text =
    atLeast(v, 110) && !hasInnovation
      ? { id: ' (110–120 tanpa inovasi → Baik)', en: ' (110–120 without an innovation → Good)' }
      : atLeast(v, 110)
        ? { id: ' (110–120 dengan inovasi)', en: ' (110–120 with an innovation)' }
        : { id: '', en: '' };
  return {
    rounded: v,
    predikat,
    explanation: {
      id: `Nilai kinerja ${formatNumber(v, 'id')} → ${PP30_LABELS[predikat].id}${note.id}`,
      en: `Performance value ${formatNumber(v, 'en')} → ${PP30_LABELS[predikat].en}${note.en}`,
    },
  };
}
