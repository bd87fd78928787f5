import type { Regime } from '../config/schema.js';
import { formatNumber } from '../domain/exact.js';
import type { Lang, Text } from '../domain/i18n.js';
import type { BehaviourResult } from '../engine/behaviour.js';
import {
  biayaValue,
  kualitasValue,
  kuantitasValue,
  LegacyInputError,
  nilaiPrestasiKerjaPp46,
  sebutanPp46,
  sebutanPp46Label,
  tugasTambahanPoints,
  waktuValue,
} from '../engine/legacy/pp46.js';
import { nilaiKinerjaPp30, pp30PredikatLabel, predikatPp30 } from '../engine/legacy/pp30.js';
import type { EmployeeResult, ExplanationStep, Indicator, LegacyResult } from '../engine/types.js';
import { behaviourDetail } from './appraisal-stage.js';

/**
 * Legacy regimes (SPEC §3.8) on a workspace of the current format. The mapping, stated in the
 * README and the Metodologi sheet:
 *
 * Perilaku. Both regulations score behaviour on their own numeric scale, the workspace rates the
 * seven BerAKHLAK values Di Atas 3 / Sesuai 2 / Di Bawah 1. The score is the mean m of the seven
 * weighted value means, placed linearly on the regime's scale with Di Atas at its top and 20 per
 * point: pp-30-2019 (0–120) 120 − 20·(3 − m), so Di Atas 120, Sesuai 100, Di Bawah 80; pp-46-2011
 * (0–100) 100 − 20·(3 − m), so Di Atas 100, Sesuai 80, Di Bawah 60. This is our conversion, not
 * the regulation's: neither regulation rates BerAKHLAK.
 *
 * pp-30-2019: nilai SKP = the work score (nilai hasil kerja, 0–120 with the default capaianCap);
 * weighting 60/40 when a peer or a subordinate rated the employee, else 70/30; the innovation that
 * Sangat Baik needs is not in the workspace format, so 110–120 is Baik and the explanation says so.
 *
 * pp-46-2011: each indicator row is one activity measured on the one aspect its Satuan names:
 * waktu (hari, jam, menit, minggu, bulan) and biaya (Rp, rupiah) by the efficiency formulas, which
 * need Arah turun; other rows kuantitas (or kualitas for `%`) = R/T × 100, which needs Arah naik.
 * A row that fits none of these (a range target, a zero target, a turun count, a naik duration)
 * has no PP 46 formula and leaves the employee pending with the reason. Utama rows are the
 * activities; each tambahan row with a realisasi above 0 counts as one tugas tambahan; kreativitas
 * is not in the workspace format and counts 0; aspect weights and Bobot play no part (PP 46 takes
 * plain means); the kepuasan masyarakat aspect is not part of the PP 46 SKP.
 */

export const LEGACY_BEHAVIOUR_STEP = 20;

export function legacyBehaviourScale(regime: 'pp-30-2019' | 'pp-46-2011'): number {
  return regime === 'pp-30-2019' ? 120 : 100;
}

/** Mean of points m (1..3) → the regime's perilaku score: max − 20·(3 − m). */
export function legacyPerilaku(regime: 'pp-30-2019' | 'pp-46-2011', meanPoints: number): number {
  if (!(meanPoints >= 1 && meanPoints <= 3)) throw new RangeError(`legacyPerilaku: mean of points must be 1..3, got ${meanPoints}`);
  return legacyBehaviourScale(regime) - LEGACY_BEHAVIOUR_STEP * (3 - meanPoints);
}

export type Pp46Aspect = 'kuantitas' | 'kualitas' | 'waktu' | 'biaya';

const WAKTU_UNITS = new Set(['hari', 'harikerja', 'jam', 'menit', 'detik', 'minggu', 'pekan', 'bulan', 'day', 'days', 'hour', 'hours', 'minute', 'minutes', 'week', 'weeks', 'month', 'months']);
const BIAYA_UNITS = new Set(['rp', 'rupiah', 'idr', 'ribuanrupiah', 'jutarupiah', 'rpjuta', 'rpribu']);

/** The PP 46 aspect an indicator row measures, from its Satuan. */
export function pp46AspectOf(ind: Indicator): Pp46Aspect {
  const u = (ind.unitLabel ?? '').toLowerCase().replace(/[^a-z%]/g, '');
  if (WAKTU_UNITS.has(u)) return 'waktu';
  if (BIAYA_UNITS.has(u)) return 'biaya';
  return u === '%' ? 'kualitas' : 'kuantitas';
}

export interface Pp46IndicatorValue {
  code: string;
  aspect: Pp46Aspect | null;
  value: number | null;
  /** Why there is no value, in the run's language. */
  note: string | null;
}

/** One indicator under the PP 46 formulas, or the reason it has none. */
export function pp46IndicatorValue(ind: Indicator, lang: Lang): Pp46IndicatorValue {
  const L = (id: string, en: string): string => (lang === 'id' ? id : en);
  const aspect = pp46AspectOf(ind);
  const none = (id: string, en: string): Pp46IndicatorValue => ({ code: ind.code, aspect, value: null, note: L(id, en) });
  if (ind.actual === null) return none('realisasi tidak dilaporkan', 'realisasi not reported');
  if (ind.target.kind === 'range') return none('PP 46 tidak mengenal target rentang', 'PP 46 has no range targets');
  const T = ind.target.value;
  if (!(T > 0)) return none('PP 46 memerlukan target lebih dari 0', 'PP 46 needs a target above 0');
  const timeOrCost = aspect === 'waktu' || aspect === 'biaya';
  if (timeOrCost && ind.direction !== 'turun') {
    return none(`Satuan ${ind.unitLabel} (${aspect}) dengan Arah naik: rumus efisiensi PP 46 mengandaikan lebih kecil lebih baik`, `Satuan ${ind.unitLabel} (${aspect}) with Arah naik: the PP 46 efficiency formula assumes lower is better`);
  }
  if (!timeOrCost && ind.direction !== 'naik') {
    return none('Arah turun tanpa satuan waktu/biaya: PP 46 tidak memiliki rumusnya', 'Arah turun without a time/cost unit: PP 46 has no formula for it');
  }
  try {
    const R = ind.actual;
    const value = aspect === 'waktu' ? waktuValue(T, R) : aspect === 'biaya' ? biayaValue(T, R) : aspect === 'kualitas' ? kualitasValue(T, R) : kuantitasValue(T, R);
    return { code: ind.code, aspect, value, note: null };
  } catch (err) {
    if (err instanceof LegacyInputError) return { code: ind.code, aspect, value: null, note: err.text[lang] };
    throw err;
  }
}

export interface LegacyContext {
  behaviour: BehaviourResult | null;
  behaviourReason: Text | null;
  explanation: ExplanationStep[];
  fromPeriod: string | null;
  lang: Lang;
  regime: Regime;
}

function behaviourMean(b: BehaviourResult | null): number | null {
  if (b === null || b.status !== 'ok') return null;
  return b.values.reduce((s, v) => s + v.mean, 0) / b.values.length;
}

export function applyLegacyRegime(e0: EmployeeResult, ctx: LegacyContext): EmployeeResult {
  const { lang } = ctx;
  const regime = ctx.regime as 'pp-30-2019' | 'pp-46-2011';
  const L = (id: string, en: string): string => (lang === 'id' ? id : en);
  const f = (x: number): string => formatNumber(x, lang);
  const explanation = ctx.explanation;
  const reasons: string[] = [];

  const m = behaviourMean(ctx.behaviour);
  let perilaku: number | null = null;
  if (m === null) reasons.push(ctx.behaviourReason ? ctx.behaviourReason[lang] : L('Tidak ada rating perilaku', 'No behaviour rating'));
  else {
    perilaku = legacyPerilaku(regime, m);
    const max = legacyBehaviourScale(regime);
    explanation.push({
      step: 'legacyPerilaku',
      text: L(
        `Nilai perilaku (${regime}) = ${max} − 20 × (3 − rerata poin BerAKHLAK ${f(m)}) = ${f(perilaku)} (konversi appraise: Di Atas ${max}, Sesuai ${max - 20}, Di Bawah ${max - 40})`,
        `Behaviour score (${regime}) = ${max} − 20 × (3 − mean BerAKHLAK points ${f(m)}) = ${f(perilaku)} (appraise conversion: Above ${max}, Meets ${max - 20}, Below ${max - 40})`,
      ),
      value: perilaku,
    });
  }

  let legacy: LegacyResult;
  if (regime === 'pp-30-2019') {
    const skp = e0.workScore;
    if (skp === null) reasons.unshift(...(e0.pendingReasons.length ? e0.pendingReasons : [L('Nilai SKP belum dapat dihitung', 'The SKP score cannot be computed yet')]));
    legacy = { regime, skp, perilaku, weighting: null, score: null, band: null, bandLabel: null };
    if (skp !== null && perilaku !== null && ctx.behaviour?.status === 'ok') {
      const uses360 = ctx.behaviour.raters.some((r) => r.role === 'rekan' || r.role === 'bawahan');
      try {
        const n = nilaiKinerjaPp30(skp, perilaku, uses360);
        const p = predikatPp30(n.nilaiKinerja, false);
        legacy = { ...legacy, weighting: n.weighting, score: n.nilaiKinerja, band: p.predikat, bandLabel: pp30PredikatLabel(p.predikat, lang) };
        explanation.push({ step: 'legacyScore', text: `${L('Nilai SKP = nilai hasil kerja', 'SKP score = work score')} ${f(skp)}. ${n.explanation[lang]}`, value: n.nilaiKinerja });
        const innovation = L(' Data inovasi tidak ada di format ruang kerja: Sangat Baik tidak dapat diberikan oleh alat ini.', ' Innovation is not in the workspace format: the tool cannot award Sangat Baik.');
        explanation.push({ step: 'legacyBand', text: p.explanation[lang] + innovation, value: p.predikat });
      } catch (err) {
        if (!(err instanceof LegacyInputError)) throw err;
        reasons.push(err.text[lang]);
      }
    }
  } else {
    const values = e0.indicators.map((r) => pp46IndicatorValue(r.indicator, lang));
    const utama = e0.indicators.map((r, i) => ({ ind: r.indicator, v: values[i]! })).filter((x) => x.ind.kind === 'utama');
    const tambahan = e0.indicators.filter((r) => r.indicator.kind === 'tambahan' && r.indicator.actual !== null && r.indicator.actual > 0).length;
    for (const x of utama.concat(e0.indicators.map((r, i) => ({ ind: r.indicator, v: values[i]! })).filter((x) => x.ind.kind === 'tambahan'))) {
      explanation.push({
        step: 'legacyIndicator',
        text: x.v.value === null
          ? `${x.ind.code} (PP 46, ${x.v.aspect}): ${x.v.note}`
          : `${x.ind.code} (PP 46, ${x.v.aspect}): ${f(x.v.value)}`,
        value: x.v.value,
        sources: [x.ind.places.target, x.ind.places.actual],
      });
    }
    let skp: number | null = null;
    const missing = utama.filter((x) => x.v.value === null);
    if (utama.length === 0) reasons.unshift(L('Tidak ada indikator utama (kegiatan tugas jabatan)', 'No utama indicator (job activity)'));
    else if (missing.length > 0) {
      reasons.unshift(L(`Nilai PP 46 tidak dapat dihitung untuk: ${missing.map((x) => `${x.ind.code} (${x.v.note})`).join(', ')}`, `No PP 46 value for: ${missing.map((x) => `${x.ind.code} (${x.v.note})`).join(', ')}`));
    } else {
      const mean = utama.reduce((s, x) => s + (x.v.value as number), 0) / utama.length;
      const tt = tugasTambahanPoints(tambahan);
      skp = mean + tt;
      explanation.push({
        step: 'legacySkp',
        text: L(
          `Nilai capaian SKP = rerata ${utama.length} kegiatan ${f(mean)} + tugas tambahan ${tt} (${tambahan} tugas) + kreativitas 0 (tidak ada di format ruang kerja) = ${f(skp)} (${sebutanPp46Label(sebutanPp46(skp), 'id')})`,
          `SKP achievement = mean of ${utama.length} activities ${f(mean)} + additional duties ${tt} (${tambahan} duties) + creativity 0 (not in the workspace format) = ${f(skp)} (${sebutanPp46Label(sebutanPp46(skp), 'en')})`,
        ),
        value: skp,
      });
    }
    legacy = { regime, skp, perilaku, weighting: '60/40', score: null, band: null, bandLabel: null, indicatorValues: values };
    if (skp !== null && perilaku !== null) {
      const p = nilaiPrestasiKerjaPp46(skp, perilaku);
      legacy = { ...legacy, score: p.nilaiPrestasiKerja, band: p.sebutan, bandLabel: sebutanPp46Label(p.sebutan, lang) };
      explanation.push({ step: 'legacyScore', text: p.explanation[lang], value: p.nilaiPrestasiKerja });
    }
  }

  const complete = legacy.score !== null;
  if (!complete) {
    explanation.push({ step: 'legacyScore', text: L(`Nilai ${regime} tertunda: ${reasons.join('; ')}`, `${regime} score pending: ${reasons.join('; ')}`), value: null });
  }
  return {
    ...e0,
    // The permenpan-6-2022 ratings do not exist under a legacy regime: the regime's own score and band replace them.
    workRating: { suggested: null, final: null },
    workRatingSource: null,
    behaviourRating: ctx.behaviour?.status === 'ok' ? ctx.behaviour.overall : null,
    behaviour: ctx.behaviour ? behaviourDetail(ctx.behaviour, ctx.fromPeriod) : null,
    predikat: regime === 'pp-30-2019' && legacy.band !== null ? (legacy.band as EmployeeResult['predikat']) : null,
    legacy,
    status: complete ? 'complete' : 'pending',
    pendingReasons: complete ? [] : reasons,
    explanation,
    unitLeader: false,
  };
}
