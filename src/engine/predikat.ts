import type { Lang, Text } from '../domain/i18n.js';
import type { Predikat, Rating } from '../domain/ratings.js';
import { predikatLabel, ratingLabel } from '../domain/ratings.js';

/**
 * SPEC §3.5: predikat kinerja pegawai from the rating of work results (hasil kerja, rows) and the
 * rating of behaviour (perilaku kerja, columns). This is law (PermenPANRB 6/2022), not policy, so
 * it is a constant table and not a config setting. All nine cells are spelled out.
 */
export const PREDIKAT_MATRIX: Readonly<Record<Rating, Readonly<Record<Rating, Predikat>>>> = {
  DI_ATAS: { DI_BAWAH: 'KURANG', SESUAI: 'BAIK', DI_ATAS: 'SANGAT_BAIK' },
  SESUAI: { DI_BAWAH: 'KURANG', SESUAI: 'BAIK', DI_ATAS: 'BAIK' },
  DI_BAWAH: { DI_BAWAH: 'SANGAT_KURANG', SESUAI: 'BUTUH_PERBAIKAN', DI_ATAS: 'BUTUH_PERBAIKAN' },
};

const RATING_SET: ReadonlySet<string> = new Set(['DI_ATAS', 'SESUAI', 'DI_BAWAH']);

/** The matrix cell for a work rating and a behaviour rating. Throws on a value that is not a Rating. */
export function predikatFor(work: Rating, behaviour: Rating): Predikat {
  if (!RATING_SET.has(work)) throw new RangeError(`predikatFor: unknown work rating ${String(work)}`);
  if (!RATING_SET.has(behaviour)) throw new RangeError(`predikatFor: unknown behaviour rating ${String(behaviour)}`);
  return PREDIKAT_MATRIX[work][behaviour];
}

/** One explanation line for the matrix lookup, in both languages. */
export function predikatExplanation(work: Rating, behaviour: Rating): Text {
  const p = predikatFor(work, behaviour);
  const line = (lang: Lang, hasil: string, perilaku: string): string =>
    `${hasil} ${ratingLabel(work, lang)} × ${perilaku} ${ratingLabel(behaviour, lang)} → ${predikatLabel(p, lang)}`;
  return {
    id: `Matriks predikat (PermenPANRB 6/2022): ${line('id', 'hasil kerja', 'perilaku kerja')}`,
    en: `Predikat matrix (PermenPANRB 6/2022): ${line('en', 'work results', 'behaviour')}`,
  };
}

/** Organisational predikat of a unit (SPEC §2 unit file, §3.6). */
export type OrgPredikat = 'ISTIMEWA' | 'BAIK' | 'BUTUH_PERBAIKAN' | 'KURANG' | 'SANGAT_KURANG';
export const ORG_PREDIKATS: readonly OrgPredikat[] = ['ISTIMEWA', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG', 'SANGAT_KURANG'];

const ORG_LABELS: Record<OrgPredikat, Text> = {
  ISTIMEWA: { id: 'Istimewa', en: 'Outstanding' },
  BAIK: { id: 'Baik', en: 'Good' },
  BUTUH_PERBAIKAN: { id: 'Butuh Perbaikan', en: 'Needs Improvement' },
  KURANG: { id: 'Kurang', en: 'Poor' },
  SANGAT_KURANG: { id: 'Sangat Kurang', en: 'Very Poor' },
};

export function orgPredikatLabel(p: OrgPredikat, lang: Lang): string {
  return ORG_LABELS[p][lang];
}

/**
 * Accepts `Istimewa`, `Baik`, `Butuh Perbaikan`, `Kurang`, `Sangat Kurang` ignoring case, spaces
 * and punctuation (`BUTUH_PERBAIKAN`, `butuh-perbaikan`), and the English labels. Null when
 * unknown: the caller reports the cell, nothing is guessed (e.g. `Sangat Baik` is not an org
 * predikat and stays null).
 */
export function parseOrgPredikat(text: string): OrgPredikat | null {
  const s = text.trim().toLowerCase().replace(/[^a-z]/g, '');
  const map: Record<string, OrgPredikat> = {
    istimewa: 'ISTIMEWA',
    outstanding: 'ISTIMEWA',
    baik: 'BAIK',
    good: 'BAIK',
    butuhperbaikan: 'BUTUH_PERBAIKAN',
    needsimprovement: 'BUTUH_PERBAIKAN',
    kurang: 'KURANG',
    poor: 'KURANG',
    sangatkurang: 'SANGAT_KURANG',
    verypoor: 'SANGAT_KURANG',
  };
  return map[s] ?? null;
}

/**
 * SPEC §3.6: the unit leader's work rating follows the organisation's result — Istimewa → Di Atas,
 * Baik → Sesuai, anything lower → Di Bawah. The leader's behaviour is rated as for anyone else.
 */
export function leaderWorkRating(org: OrgPredikat): Rating {
  switch (org) {
    case 'ISTIMEWA':
      return 'DI_ATAS';
    case 'BAIK':
      return 'SESUAI';
    case 'BUTUH_PERBAIKAN':
    case 'KURANG':
    case 'SANGAT_KURANG':
      return 'DI_BAWAH';
    default:
      throw new RangeError(`leaderWorkRating: unknown organisational predikat ${String(org)}`);
  }
}

export function leaderWorkRatingExplanation(org: OrgPredikat): Text {
  const r = leaderWorkRating(org);
  return {
    id: `Pimpinan unit: rating hasil kerja mengikuti predikat organisasi ${ORG_LABELS[org].id} → ${ratingLabel(r, 'id')}`,
    en: `Unit leader: work rating follows the organisational predikat ${ORG_LABELS[org].en} → ${ratingLabel(r, 'en')}`,
  };
}
