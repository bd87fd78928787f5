import { below, formatNumber, roundHalfUp, snap } from '../domain/exact.js';
import type { Lang, Text } from '../domain/i18n.js';
import type { CellPlace } from '../domain/place.js';
import { predikatLabel, ratingLabel, type Predikat, type Rating } from '../domain/ratings.js';
import { BERAKHLAK_KEYS, berakhlakLabel, SESUAI_MEAN, type BerakhlakKey, type BilingualStep } from './behaviour.js';
import { MUTU, MUTU_BANDS, UNSUR_KEYS, UNSUR_LABELS, type MutuCode, type UnsurKey } from './ikm.js';

/**
 * SPEC §5: training recommendations from the gaps the scoring found. Pure: the catalogue and the
 * measured values come in as records, recommendations and plans go out.
 *
 * Gap rules (in priority order, 1 = most urgent):
 *   1 predikat   the employee's predikat is Butuh Perbaikan, Kurang or Sangat Kurang;
 *   2 behaviour  a BerAKHLAK value rated Di Bawah Ekspektasi;
 *   3 aspect     an aspect score below `aspectThreshold` (default 90);
 *   4 indicator  an indicator's capaian below `indicatorThreshold` (default 80);
 *   5 unsur      an unsur of the IKM the employee's satisfaction is based on (service, unit or
 *                officer) with mutu C or D.
 * Scores are compared the way the rating is decided (src/engine/work.ts): rounded half-up to
 * 2 decimals first, so a capaian shown as 80,00 is not a gap and one shown as 79,99 is.
 *
 * A gap is only found where something was measured: no behaviour data → no behaviour gaps, an
 * indicator not reported → no indicator gap. The explanation says so; a gap is never invented.
 */

export type GapKind = 'predikat' | 'behaviour' | 'aspect' | 'indicator' | 'unsur';
/** Priority order of SPEC §5. */
export const GAP_KINDS: readonly GapKind[] = ['predikat', 'behaviour', 'aspect', 'indicator', 'unsur'];
export const GAP_PRIORITY: Readonly<Record<GapKind, number>> = { predikat: 1, behaviour: 2, aspect: 3, indicator: 4, unsur: 5 };

/** The low predikat that SPEC §5 treats as a gap, with their Sasaran keys. */
export const PREDIKAT_SASARAN: Readonly<Partial<Record<Predikat, string>>> = {
  BUTUH_PERBAIKAN: 'butuh-perbaikan',
  KURANG: 'kurang',
  SANGAT_KURANG: 'sangat-kurang',
};
const PREDIKAT_SEVERITY: Readonly<Partial<Record<Predikat, number>>> = { BUTUH_PERBAIKAN: 1, KURANG: 2, SANGAT_KURANG: 3 };

/** One `Sasaran` of a catalogue program: the kind of gap and its key (aspect key, value key, U3, indicator code). */
export interface Sasaran {
  kind: GapKind;
  /** predikat: butuh-perbaikan|kurang|sangat-kurang; behaviour: BerAKHLAK key; aspect: aspect key; unsur: U1..U9; indicator: code in upper case. */
  key: string;
}

export interface TrainingProgram {
  code: string;
  name: string;
  targets: Sasaran[];
  /** Jam pelajaran; null when the catalogue leaves it blank (the plan's JP total is then unknown). */
  hours: number | null;
  mode: string | null;
  provider: string | null;
  place?: CellPlace;
}

export interface TrainingThresholds {
  aspectThreshold: number;
  indicatorThreshold: number;
  maxProgramsPerEmployee: number;
}

/**
 * What the rules read for one employee. Each field maps onto a scoring result:
 * - predikat: EmployeeResult.predikat;
 * - behaviour: the per-value results of rateBehaviour (BehaviourOk.values); null = no behaviour data;
 * - aspects / indicators: EmployeeResult.aspects / .indicators (score, capaian);
 * - unsur: the unsur of the IkmResult behind EmployeeResult.satisfaction
 *   (FeedbackAttribution.result.unsur); null = no survey data for this employee.
 */
export interface TrainingInput {
  nip: string;
  predikat: Predikat | null;
  behaviour: readonly { readonly key: BerakhlakKey; readonly rating: Rating; readonly mean?: number | null }[] | null;
  aspects: readonly { key: string; label: string; score: number | null }[];
  indicators: readonly { code: string; text: string; capaian: number | null }[];
  /** Shared by the employees with the same survey result and scope: read-only. */
  unsur: {
    /** Whose survey it is, e.g. `layanan AKTA` / `service AKTA`, `unit Dinas …`. */
    readonly scope: Readonly<Text>;
    readonly items: readonly { readonly key: UnsurKey; readonly mutu: MutuCode | null; readonly value: number | null }[];
  } | null;
}

/** A gap found for an employee; survey gaps are shared by the employees of the same survey: read-only. */
export interface Gap {
  readonly kind: GapKind;
  readonly key: string;
  readonly priority: number;
  /** Short name of what is weak, e.g. `aspek Kualitas Layanan`. */
  readonly label: Text;
  /** The measured value: a score (2 dp), the predikat or rating code, or the mutu letter. */
  readonly measured: number | string;
  /** The threshold crossed, when there is a number. */
  readonly threshold: number | null;
  /** threshold − value for scores (2 dp); the predikat, rating or mutu otherwise (SPEC §5 "measured gap"). */
  readonly gap: number | string;
  /** Orders gaps of one kind: larger first. */
  readonly rank: readonly number[];
  readonly reason: Text;
}

export interface Recommendation {
  code: string;
  program: string;
  hours: number | null;
  mode: string | null;
  provider: string | null;
  /** The highest-priority gap the program answers for this employee. */
  gap: Gap;
  /** Other gaps of this employee the same program answers (listed once, SPEC §5). */
  also: Gap[];
}

export interface EmployeeTraining {
  nip: string;
  gaps: Gap[];
  /** At most maxProgramsPerEmployee, by priority. */
  recommendations: Recommendation[];
  /** Matching programs left out by the cap, in the same order. */
  beyondCap: Recommendation[];
  /** Gaps no catalogue program answers. */
  unmatched: Gap[];
  steps: BilingualStep[];
}

const fmt = (x: number): Text => ({ id: formatNumber(x, 'id'), en: formatNumber(x, 'en') });
const MUTU_B_MIN = MUTU_BANDS.find((b) => b.code === 'B')!.min;

function compareRank(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (b[i] ?? 0) - (a[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * `list` sorted in place by `compare`, stably: an insertion sort for the few items an employee has
 * (Array.prototype.sort, also stable, so the same order, copies its array on every call).
 */
function sortFew<T>(list: T[], compare: (a: T, b: T) => number): T[] {
  if (list.length > 16) return list.sort(compare);
  for (let i = 1; i < list.length; i++) {
    const item = list[i]!;
    let j = i - 1;
    while (j >= 0 && compare(list[j]!, item) > 0) {
      list[j + 1] = list[j]!;
      j--;
    }
    list[j + 1] = item;
  }
  return list;
}

/** Priority first, then the larger gap within the kind. */
export function compareGaps(a: Gap, b: Gap): number {
  return a.priority - b.priority || compareRank(a.rank, b.rank);
}

function compareCode(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function gapId(kind: GapKind, key: string): string {
  return `${kind}:${key}`;
}

type GapFields = Omit<Gap, 'label' | 'reason'>;
type LangText = (lang: Lang) => string;

/**
 * How the gaps of one kind are written: a label and a reason from the gap's fields and its
 * `detail` (what the texts need beyond the fields). One pair of functions per kind, shared by every
 * gap of the kind, instead of two closures per gap.
 */
interface GapWords {
  label(g: LazyGap, lang: Lang): string;
  reason(g: LazyGap, lang: Lang): string;
}

/** A gap whose label and reason are made when read, in the language asked for (a run needs one). */
class LazyGap implements Gap {
  readonly kind: GapKind;
  readonly key: string;
  readonly priority: number;
  readonly measured: number | string;
  readonly threshold: number | null;
  readonly gap: number | string;
  readonly rank: readonly number[];
  readonly words: GapWords;
  readonly detail: unknown;
  constructor(f: GapFields, words: GapWords, detail: unknown) {
    this.kind = f.kind;
    this.key = f.key;
    this.priority = f.priority;
    this.measured = f.measured;
    this.threshold = f.threshold;
    this.gap = f.gap;
    this.rank = f.rank;
    this.words = words;
    this.detail = detail;
  }
  labelIn(lang: Lang): string { return this.words.label(this, lang); }
  reasonIn(lang: Lang): string { return this.words.reason(this, lang); }
  get label(): Text { return { id: this.labelIn('id'), en: this.labelIn('en') }; }
  get reason(): Text { return { id: this.reasonIn('id'), en: this.reasonIn('en') }; }
  toJSON(): Gap {
    const { kind, key, priority, label, measured, threshold, gap, rank, reason } = this;
    return { kind, key, priority, label, measured, threshold, gap, rank, reason };
  }
}

function makeGap(fields: GapFields, words: GapWords, detail: unknown): Gap {
  return new LazyGap(fields, words, detail);
}

/** A gap with a predikat below Baik: its measured value is the predikat. */
const PREDIKAT_WORDS: GapWords = {
  label: (g, lang) => `predikat ${predikatLabel(g.measured as Predikat, lang)}`,
  reason: (g, lang) => lang === 'id'
    ? `Predikat kinerja ${predikatLabel(g.measured as Predikat, 'id')} (di bawah Baik).`
    : `Performance predikat ${predikatLabel(g.measured as Predikat, 'en')} (below Baik).`,
};

/** A BerAKHLAK value rated Di Bawah; detail: its mean (2 dp), or null. */
const BEHAVIOUR_WORDS: GapWords = {
  label: (g, lang) => lang === 'id' ? `perilaku ${berakhlakLabel(g.key as BerakhlakKey, 'id')}` : `behaviour ${berakhlakLabel(g.key as BerakhlakKey, 'en')}`,
  reason: (g, lang) => {
    const key = g.key as BerakhlakKey;
    const mean = g.detail as number | null;
    const meanText = (l: Lang): string =>
      mean === null ? '' : l === 'id'
        ? ` (rerata ${formatNumber(mean, 'id')} < ${formatNumber(SESUAI_MEAN, 'id')})`
        : ` (mean ${formatNumber(mean, 'en')} < ${formatNumber(SESUAI_MEAN, 'en')})`;
    return lang === 'id'
      ? `Nilai perilaku ${berakhlakLabel(key, 'id')} dinilai ${ratingLabel('DI_BAWAH', 'id')}${meanText('id')}.`
      : `Behaviour value ${berakhlakLabel(key, 'en')} rated ${ratingLabel('DI_BAWAH', 'en')}${meanText('en')}.`;
  },
};

/** An aspect below the threshold; detail: the aspect's label. measured, threshold, gap: the figures. */
const ASPECT_WORDS: GapWords = {
  label: (g, lang) => lang === 'id' ? `aspek ${g.detail as string}` : `aspect ${g.detail as string}`,
  reason: (g, lang) => {
    const label = g.detail as string;
    const value = g.measured as number, threshold = g.threshold!, gap = g.gap as number;
    return lang === 'id'
      ? `Nilai aspek ${label} ${fmt(value).id} di bawah ambang ${fmt(threshold).id} (selisih ${fmt(gap).id}).`
      : `Aspect ${label} score ${fmt(value).en} is below the threshold ${fmt(threshold).en} (gap ${fmt(gap).en}).`;
  },
};

/** An indicator below the threshold; detail: the indicator's code (as written) and text. */
const INDICATOR_WORDS: GapWords = {
  label: (g, lang) => {
    const { code, text } = g.detail as { code: string; text: string };
    return lang === 'id' ? `indikator ${code} (${text})` : `indicator ${code} (${text})`;
  },
  reason: (g, lang) => {
    const { code, text } = g.detail as { code: string; text: string };
    const value = g.measured as number, threshold = g.threshold!, gap = g.gap as number;
    return lang === 'id'
      ? `Capaian indikator ${code} (${text}) ${fmt(value).id}% di bawah ambang ${fmt(threshold).id}% (selisih ${fmt(gap).id}).`
      : `Achievement of indicator ${code} (${text}) ${fmt(value).en}% is below the threshold ${fmt(threshold).en}% (gap ${fmt(gap).en}).`;
  },
};

/** Texts given as functions (the survey gaps, shared and made once per language); detail: { label, reason }. */
const GIVEN_WORDS: GapWords = {
  label: (g, lang) => (g.detail as { label: LangText }).label(lang),
  reason: (g, lang) => (g.detail as { reason: LangText }).reason(lang),
};

/** A gap's label in one language (only that language's text is made). */
export function gapLabel(g: Gap, lang: Lang): string {
  return g instanceof LazyGap ? g.labelIn(lang) : g.label[lang];
}

/** A gap's reason in one language (only that language's text is made). */
export function gapReason(g: Gap, lang: Lang): string {
  return g instanceof LazyGap ? g.reasonIn(lang) : g.reason[lang];
}

/**
 * The value from which a score is certainly not below `threshold` after rounding half-up to 2
 * decimals: the threshold itself when it has at most 2 decimals (then x ≥ t ⇒ round(x) ≥ round(t)
 * = t), else +∞ (always decide exactly).
 */
function clearAbove(threshold: number): number {
  return roundHalfUp(threshold, 2) === threshold ? threshold : Infinity;
}

/** Finds the gaps of one employee, in priority order. Their label and reason are made when read. */
export function findGaps(input: TrainingInput, thresholds: TrainingThresholds): Gap[] {
  const gaps: Gap[] = [];

  const p = input.predikat;
  const pKey = p === null ? undefined : PREDIKAT_SASARAN[p];
  if (p !== null && pKey !== undefined) {
    gaps.push(makeGap(
      { kind: 'predikat', key: pKey, priority: GAP_PRIORITY.predikat, measured: p, threshold: null, gap: p, rank: [PREDIKAT_SEVERITY[p]!] },
      PREDIKAT_WORDS, null,
    ));
  }

  const behaviour = input.behaviour;
  for (let k = 0; behaviour !== null && k < behaviour.length; k++) {
    const v = behaviour[k]!;
    if (v.rating !== 'DI_BAWAH') continue;
    const mean = v.mean === undefined || v.mean === null ? null : roundHalfUp(v.mean, 2);
    const key = v.key;
    gaps.push(makeGap(
      {
        kind: 'behaviour', key, priority: GAP_PRIORITY.behaviour, measured: v.rating, threshold: null, gap: v.rating,
        rank: [mean === null ? 0 : snap(SESUAI_MEAN - mean), -BERAKHLAK_KEYS.indexOf(key)],
      },
      BEHAVIOUR_WORDS, mean,
    ));
  }

  // A score at or above a threshold that is its own 2-decimal rounding cannot round to below it
  // (half-up rounding is monotone): skip the exact rounding for the many scores that are no gap.
  const aspectClear = clearAbove(thresholds.aspectThreshold);
  const indicatorClear = clearAbove(thresholds.indicatorThreshold);
  for (let k = 0; k < input.aspects.length; k++) {
    const a = input.aspects[k]!;
    if (a.score === null || a.score >= aspectClear) continue;
    const value = roundHalfUp(a.score, 2);
    const threshold = thresholds.aspectThreshold;
    if (!below(value, threshold)) continue;
    const gap = roundHalfUp(threshold - value, 2);
    gaps.push(makeGap({ kind: 'aspect', key: a.key, priority: GAP_PRIORITY.aspect, measured: value, threshold, gap, rank: [gap] }, ASPECT_WORDS, a.label));
  }

  for (let k = 0; k < input.indicators.length; k++) {
    const i = input.indicators[k]!;
    if (i.capaian === null || i.capaian >= indicatorClear) continue;
    const value = roundHalfUp(i.capaian, 2);
    const threshold = thresholds.indicatorThreshold;
    if (!below(value, threshold)) continue;
    const gap = roundHalfUp(threshold - value, 2);
    // The item itself is the detail (its code and text are read): nothing more is made per gap.
    gaps.push(makeGap({ kind: 'indicator', key: i.code.toUpperCase(), priority: GAP_PRIORITY.indicator, measured: value, threshold, gap, rank: [gap] }, INDICATOR_WORDS, i));
  }

  if (input.unsur) for (const g of surveyGaps(input.unsur)) gaps.push(g);
  return sortFew(gaps, compareGaps);
}

type SurveyInput = NonNullable<TrainingInput['unsur']>;

/**
 * Survey gaps of a frozen survey input, made once. Such an input is shared by every employee of a
 * unit or of the same services (pipeline/training.ts UnsurInputCache), and so are its gaps, with
 * their texts made once per language: most recommendations of a run answer a survey unsur.
 */
const SURVEY_GAPS = new WeakMap<SurveyInput, readonly Gap[]>();

function surveyGaps(unsur: SurveyInput): readonly Gap[] {
  const shared = Object.isFrozen(unsur) && Object.isFrozen(unsur.items) && Object.isFrozen(unsur.scope);
  const known = shared ? SURVEY_GAPS.get(unsur) : undefined;
  if (known !== undefined) return known;
  const text = shared ? oncePerLang : (f: LangText) => f;
  const gaps: Gap[] = [];
  const scope = unsur.scope;
  for (const u of unsur.items) {
    if (u.mutu !== 'C' && u.mutu !== 'D') continue;
    const code = u.mutu;
    const mutu = MUTU[code];
    const key = u.key;
    const value = u.value === null ? null : roundHalfUp(u.value, 2);
    const valueText = (lang: Lang): string => (value === null ? '' : ` ${formatNumber(value, lang)}`);
    gaps.push(makeGap(
      {
        kind: 'unsur', key, priority: GAP_PRIORITY.unsur, measured: code, threshold: MUTU_B_MIN, gap: code,
        rank: [code === 'D' ? 2 : 1, value === null ? 0 : snap(MUTU_B_MIN - value), -UNSUR_KEYS.indexOf(key)],
      },
      GIVEN_WORDS,
      {
        label: text((lang) => `unsur ${key} ${UNSUR_LABELS[key][lang]}`),
        reason: text((lang) => lang === 'id'
          ? `Unsur ${key} ${UNSUR_LABELS[key].id} pada survei ${scope.id}: nilai${valueText('id')} mutu ${code} (${mutu.label.id}), di bawah mutu B (${formatNumber(MUTU_B_MIN, 'id')}).`
          : `Unsur ${key} ${UNSUR_LABELS[key].en} in the survey of ${scope.en}: value${valueText('en')} mutu ${code} (${mutu.label.en}), below mutu B (${formatNumber(MUTU_B_MIN, 'en')}).`),
      },
    ));
  }
  if (shared) SURVEY_GAPS.set(unsur, Object.freeze(gaps));
  return gaps;
}

/** A text made at its first reading in each language and kept (for gaps shared by many employees). */
function oncePerLang(f: LangText): LangText {
  let id: string | undefined;
  let en: string | undefined;
  return (lang) => (lang === 'id' ? (id ??= f('id')) : (en ??= f('en')));
}

/** Program codes answering each gap id, from the catalogue's Sasaran. */
export function indexCatalogue(catalogue: readonly TrainingProgram[]): Map<string, TrainingProgram[]> {
  const index = new Map<string, TrainingProgram[]>();
  for (const program of catalogue) {
    for (const s of program.targets) {
      const id = gapId(s.kind, s.kind === 'indicator' ? s.key.toUpperCase() : s.key);
      const list = index.get(id) ?? [];
      if (!list.includes(program)) list.push(program);
      index.set(id, list);
    }
  }
  return index;
}

function checkThresholds(t: TrainingThresholds): void {
  for (const k of ['aspectThreshold', 'indicatorThreshold'] as const) {
    if (!Number.isFinite(t[k]) || t[k] <= 0) throw new RangeError(`training.${k} must be a positive number, got ${t[k]}`);
  }
  if (!Number.isInteger(t.maxProgramsPerEmployee) || t.maxProgramsPerEmployee < 1) {
    throw new RangeError(`training.maxProgramsPerEmployee must be a positive integer, got ${t.maxProgramsPerEmployee}`);
  }
}

/**
 * Recommendations for one employee: each gap → the programs whose Sasaran names it; a program is
 * listed once, for its highest-priority gap (the others it answers go in `also`); ordered by that
 * gap's priority, then the larger gap, then program code; cut at maxProgramsPerEmployee.
 */
export function recommendTraining(
  input: TrainingInput,
  catalogue: readonly TrainingProgram[] | Map<string, TrainingProgram[]>,
  thresholds: TrainingThresholds,
): EmployeeTraining {
  checkThresholds(thresholds);
  const index = catalogue instanceof Map ? catalogue : indexCatalogue(catalogue);
  const gaps = findGaps(input, thresholds);
  const byProgram = new Map<string, Recommendation>();
  const unmatched: Gap[] = [];
  for (const gap of gaps) {
    const programs = index.get(gapId(gap.kind, gap.key)) ?? [];
    if (programs.length === 0) unmatched.push(gap);
    for (const program of programs) {
      const existing = byProgram.get(program.code);
      // Gaps arrive in priority order, so the first gap a program meets is its reason.
      if (existing) existing.also.push(gap);
      else byProgram.set(program.code, {
        code: program.code, program: program.name, hours: program.hours, mode: program.mode, provider: program.provider,
        gap, also: [],
      });
    }
  }
  const all = sortFew([...byProgram.values()], byGapThenCode);
  const recommendations = all.slice(0, thresholds.maxProgramsPerEmployee);
  const beyondCap = all.slice(thresholds.maxProgramsPerEmployee);
  // The explanation steps (both languages) are made when read: the run reads them only for the
  // employees whose explanation is shown.
  let steps: BilingualStep[] | null = null;
  return {
    nip: input.nip, gaps, recommendations, beyondCap, unmatched,
    get steps(): BilingualStep[] { return (steps ??= explain(input, thresholds, gaps, recommendations, beyondCap, unmatched)); },
  };
}

function byGapThenCode(a: Recommendation, b: Recommendation): number {
  return compareGaps(a.gap, b.gap) || compareCode(a.code, b.code);
}

/** The reason shown for a recommendation, in one language: its gap's reason, and the other gaps it also answers. */
export function recommendationReasonIn(r: Recommendation, lang: Lang): string {
  const reason = gapReason(r.gap, lang);
  if (r.also.length === 0) return reason;
  const also = r.also.map((g) => gapLabel(g, lang)).join(', ');
  return lang === 'id' ? `${reason} Juga menjawab: ${also}.` : `${reason} Also answers: ${also}.`;
}

/** The reason shown for a recommendation: its gap's reason, and the other gaps it also answers. */
export function recommendationReason(r: Recommendation): Text {
  return { id: recommendationReasonIn(r, 'id'), en: recommendationReasonIn(r, 'en') };
}

function explain(
  input: TrainingInput,
  t: TrainingThresholds,
  gaps: Gap[],
  recs: Recommendation[],
  beyond: Recommendation[],
  unmatched: Gap[],
): BilingualStep[] {
  const steps: BilingualStep[] = [];
  const notAssessed: Text[] = [];
  if (input.predikat === null) notAssessed.push({ id: 'predikat (belum ada)', en: 'predikat (none yet)' });
  if (input.behaviour === null) notAssessed.push({ id: 'perilaku (tidak ada data perilaku)', en: 'behaviour (no behaviour data)' });
  if (input.unsur === null) notAssessed.push({ id: 'unsur survei (tidak ada data survei)', en: 'survey unsur (no survey data)' });
  steps.push({
    step: 'trainingRules',
    text: {
      id: `Celah pelatihan dicari: predikat Butuh Perbaikan atau lebih rendah, nilai perilaku Di Bawah Ekspektasi, aspek < ${fmt(t.aspectThreshold).id}, capaian indikator < ${fmt(t.indicatorThreshold).id}, unsur survei bermutu C/D; paling banyak ${t.maxProgramsPerEmployee} program.` +
        (notAssessed.length ? ` Tidak dinilai: ${notAssessed.map((x) => x.id).join('; ')}, sehingga tidak ada celah dari sana.` : ''),
      en: `Training gaps looked for: predikat Butuh Perbaikan or lower, behaviour values Di Bawah Ekspektasi, aspects < ${fmt(t.aspectThreshold).en}, indicator achievement < ${fmt(t.indicatorThreshold).en}, survey unsur with mutu C/D; at most ${t.maxProgramsPerEmployee} programmes.` +
        (notAssessed.length ? ` Not assessed: ${notAssessed.map((x) => x.en).join('; ')}, so no gap comes from there.` : ''),
    },
    value: gaps.length,
  });
  if (gaps.length === 0) {
    steps.push({ step: 'trainingNone', text: { id: 'Tidak ada celah: tidak ada rekomendasi pelatihan.', en: 'No gaps: no training recommended.' }, value: 0 });
    return steps;
  }
  recs.forEach((r, i) => {
    const reason = recommendationReason(r);
    steps.push({
      step: 'training',
      text: {
        id: `Rekomendasi ${i + 1}: ${r.code} ${r.program} — ${reason.id}`,
        en: `Recommendation ${i + 1}: ${r.code} ${r.program} — ${reason.en}`,
      },
      value: r.code,
    });
  });
  if (beyond.length > 0) {
    steps.push({
      step: 'trainingCap',
      text: {
        id: `${beyond.length} program lain yang cocok tidak dicantumkan (batas ${t.maxProgramsPerEmployee} per pegawai): ${beyond.map((r) => r.code).join(', ')}.`,
        en: `${beyond.length} other matching programme(s) not listed (limit ${t.maxProgramsPerEmployee} per employee): ${beyond.map((r) => r.code).join(', ')}.`,
      },
      value: beyond.length,
    });
  }
  if (unmatched.length > 0) {
    steps.push({
      step: 'trainingUnmatched',
      text: {
        id: `Celah tanpa program di katalog: ${unmatched.map((g) => g.label.id).join(', ')}.`,
        en: `Gaps with no programme in the catalogue: ${unmatched.map((g) => g.label.en).join(', ')}.`,
      },
      value: unmatched.length,
    });
  }
  return steps;
}

// ---------------------------------------------------------------------------------------------
// Plans: the same recommendations regrouped per program and per unit.

export interface Participant {
  nip: string;
  name: string;
  unit: string;
}

export interface ProgramPlan {
  code: string;
  program: string;
  hours: number | null;
  mode: string | null;
  provider: string | null;
  participants: Participant[];
  units: string[];
  /** Σ JP over participants; null when the program's JP is not given. */
  totalHours: number | null;
}

export interface UnitPlan {
  unit: string;
  /** Employees of the unit with at least one recommendation. */
  employees: number;
  /** Recommendations (employee × program) in the unit. */
  recommendations: number;
  programs: string[];
  /** Σ JP of the unit's recommendations whose program has a JP. */
  totalHours: number;
  /** Recommendations whose program has no JP (not in totalHours). */
  withoutHours: number;
}

export interface UnmatchedGap {
  kind: GapKind;
  key: string;
  label: Text;
  /** Employees with this gap and no program for it. */
  employees: number;
  nips: string[];
}

export interface TrainingPlan {
  programs: ProgramPlan[];
  units: UnitPlan[];
  unmatched: UnmatchedGap[];
  /** Employees with at least one recommendation. */
  employees: number;
  recommendations: number;
  /** Employees whose matching programs exceeded the cap. */
  capped: number;
}

/**
 * What planTraining reads of an employee's training: the programs recommended, whether the cap
 * left any out, and the gaps without a program. An EmployeeTraining is one; a large run passes
 * these parts alone, shared between employees (pipeline/training.ts).
 */
export interface PlanInput {
  recommendations: readonly Pick<Recommendation, 'code' | 'program' | 'hours' | 'mode' | 'provider'>[];
  beyondCap: readonly unknown[];
  unmatched: readonly Pick<Gap, 'kind' | 'key' | 'label'>[];
}

/**
 * Per-program and per-unit plans and the unmatched gaps, from the employees' recommendations.
 * Only the recommendations, the programs beyond the cap and the unmatched gaps are read, so a
 * large run can pass just those (not every employee's gaps and explanation).
 */
export function planTraining(results: readonly { participant: Participant; training: PlanInput }[]): TrainingPlan {
  const programs = new Map<string, ProgramPlan>();
  const units = new Map<string, UnitPlan & { codes: Set<string> }>();
  const unmatched = new Map<string, UnmatchedGap>();
  let employees = 0;
  let recommendations = 0;
  let capped = 0;
  const sorted = [...results].sort((a, b) => compareCode(a.participant.unit, b.participant.unit) || compareCode(a.participant.nip, b.participant.nip));
  for (const { participant, training } of sorted) {
    if (training.beyondCap.length > 0) capped++;
    for (const g of training.unmatched) {
      const id = gapId(g.kind, g.key);
      let u = unmatched.get(id);
      if (u === undefined) u = { kind: g.kind, key: g.key, label: g.label, employees: 0, nips: [] };
      u.employees++;
      u.nips.push(participant.nip);
      unmatched.set(id, u);
    }
    if (training.recommendations.length === 0) continue;
    employees++;
    const unit = units.get(participant.unit) ?? { unit: participant.unit, employees: 0, recommendations: 0, programs: [], totalHours: 0, withoutHours: 0, codes: new Set<string>() };
    unit.employees++;
    for (const r of training.recommendations) {
      recommendations++;
      const p = programs.get(r.code) ?? {
        code: r.code, program: r.program, hours: r.hours, mode: r.mode, provider: r.provider, participants: [], units: [], totalHours: r.hours === null ? null : 0,
      };
      p.participants.push(participant);
      if (!p.units.includes(participant.unit)) p.units.push(participant.unit);
      if (p.totalHours !== null && r.hours !== null) p.totalHours = snap(p.totalHours + r.hours);
      programs.set(r.code, p);
      unit.recommendations++;
      unit.codes.add(r.code);
      if (r.hours === null) unit.withoutHours++;
      else unit.totalHours = snap(unit.totalHours + r.hours);
    }
    units.set(participant.unit, unit);
  }
  const kindOrder = (k: GapKind) => GAP_PRIORITY[k];
  return {
    programs: [...programs.values()].sort((a, b) => compareCode(a.code, b.code)),
    units: [...units.values()]
      .sort((a, b) => compareCode(a.unit, b.unit))
      .map(({ codes, ...u }) => ({ ...u, programs: [...codes].sort(compareCode) })),
    unmatched: [...unmatched.values()].sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind) || b.employees - a.employees || compareCode(a.key, b.key)),
    employees,
    recommendations,
    capped,
  };
}

/** The Sasaran text of a gap, as written in the catalogue (`aspek:kualitas-layanan`). */
export function sasaranText(kind: GapKind, key: string): string {
  return `${SASARAN_PREFIX[kind]}:${key}`;
}

export const SASARAN_PREFIX: Readonly<Record<GapKind, string>> = {
  predikat: 'predikat', behaviour: 'perilaku', aspect: 'aspek', indicator: 'indikator', unsur: 'unsur',
};
