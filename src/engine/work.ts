import type { AspectConfig, Config } from '../config/schema.js';
import { atLeast, below, roundHalfUp } from '../domain/exact.js';
import type { Lang } from '../domain/i18n.js';
import type { CellPlace } from '../domain/place.js';
import { ratingLabel, type Rating } from '../domain/ratings.js';
import { capaianNumbers, capaianValue, capaianWithPolicy, formatInput, formatResult, type CapaianPolicy } from './capaian.js';
import type {
  AspectResult,
  Employee,
  EmployeeResult,
  ExplanationStep,
  Indicator,
  IndicatorGroupRef,
  IndicatorGroups,
  IndicatorResult,
  SatisfactionSummary,
} from './types.js';

/**
 * Work results under permenpan-6-2022 (SPEC §3.2–3.3): aspect scores, nilai hasil kerja and the
 * suggested rating hasil kerja, each with an explanation step. Pure: no I/O.
 *
 * Numbers are never rounded on the way (a weight of 1/9 stays 1/9); weighted means are computed
 * as Σ wᵢ·xᵢ / Σ wᵢ so that no normalised weight is materialised before the division. Rounding
 * happens only for display and, half-up to 2 decimals, right before a band decision.
 */

export interface WorkInput {
  employee: Employee;
  /**
   * The employee's indicators, or the group they are made from (then kept as that reference, the
   * objects made again whenever the results or the explanation are read).
   */
  indicators: Indicator[] | IndicatorGroupRef;
  satisfaction: SatisfactionSummary | null;
  aspects: AspectConfig[];
  scoring: Config['scoring'];
  ikmTarget: number;
  lang: Lang;
}

export interface WorkThresholds {
  diAtasThreshold: number;
  sesuaiThreshold: number;
}

export interface WorkRatingDecision {
  rating: Rating;
  /** The score rounded half-up to 2 decimals: the value that was classified. */
  rounded: number;
  /** Utama indicators that kept the score from Di Atas (capaian below 100 or not reported). */
  blocking: IndicatorResult[];
}

/**
 * Classifies a nilai hasil kerja (SPEC §3.3).
 *
 * Boundary choice: the score is rounded half-up to 2 decimals (after snapping away binary noise,
 * src/domain/exact.ts) and that rounded value is compared with the thresholds. So a score that is
 * mathematically 110 but is 109.99999999999999 in binary is Di Atas; 109.995 rounds to 110.00 and
 * is Di Atas; 109.994 rounds to 109.99 and is not. The published bands are read on the 2-decimal
 * figure the employee sees in the report, which is why we classify that figure.
 *
 * Utama check: each utama indicator's capaian (before the cap, rounded the same way) must reach
 * 100. An utama indicator without realisasi (left out under `missing: exclude`) also blocks Di
 * Atas: there is no evidence that it met its target.
 */
export function decideWorkRating(score: number, indicatorResults: IndicatorResult[], t: WorkThresholds): WorkRatingDecision {
  if (!Number.isFinite(score)) throw new Error(`work score must be a finite number, got ${score}`);
  const rounded = roundHalfUp(score, 2);
  const blocking = indicatorResults.filter(blocksDiAtas);
  let rating: Rating;
  if (atLeast(rounded, t.diAtasThreshold) && blocking.length === 0) rating = 'DI_ATAS';
  else if (atLeast(rounded, t.sesuaiThreshold)) rating = 'SESUAI';
  else rating = 'DI_BAWAH';
  return { rating, rounded, blocking };
}

/** decideWorkRating's rating alone: the utama indicators are looked at only when the score reaches Di Atas. */
function workRatingOf(score: number, indicatorResults: readonly Omit<IndicatorResult, 'formula'>[], t: WorkThresholds): Rating {
  if (!Number.isFinite(score)) throw new Error(`work score must be a finite number, got ${score}`);
  const rounded = roundHalfUp(score, 2);
  if (atLeast(rounded, t.diAtasThreshold) && !indicatorResults.some(blocksDiAtas)) return 'DI_ATAS';
  return atLeast(rounded, t.sesuaiThreshold) ? 'SESUAI' : 'DI_BAWAH';
}

/** An utama indicator whose capaian (before the cap, rounded half-up to 2 decimals) is below 100, or not reported. */
function blocksDiAtas(r: Omit<IndicatorResult, 'formula'>): boolean {
  if (r.indicator.kind !== 'utama') return false;
  const v = r.uncapped ?? r.capaian;
  // At or above 100 it rounds to at least 100 (half-up rounding is monotone): no exact rounding needed.
  return v === null || (v < 100 && below(roundHalfUp(v, 2), 100));
}

export function suggestWorkRating(score: number, indicatorResults: IndicatorResult[], t: WorkThresholds): Rating {
  return decideWorkRating(score, indicatorResults, t).rating;
}

type AspectState = 'ok' | 'none' | 'pending';

interface AspectWork {
  cfg: AspectConfig;
  state: AspectState;
  score: number | null;
  source: AspectResult['source'];
  indicatorCount: number;
  notes: string[];
  text: string;
  sources: CellPlace[];
}

const BASIS: Record<SatisfactionSummary['basis'], Record<Lang, string>> = {
  service: { id: 'IKM layanan', en: 'service IKM' },
  unit: { id: 'IKM unit kerja', en: 'unit IKM' },
  officer: { id: 'IKM petugas', en: 'officer IKM' },
};

/**
 * Scores one employee. The numbers, statuses, notes and pending reasons are computed now; the
 * explanation steps (dozens of formatted numbers per employee) are written when `explanation` is
 * first read, by the same code, and kept from then on (so a caller may push steps onto it).
 *
 * `indicators` (an IndicatorResult per indicator) is made from the employee's indicators each time
 * it is read: a division and a comparison each, where keeping them cost ~100 bytes per indicator
 * (their boxed numbers included). Read it once into a local when looping over it. Given a group
 * (IndicatorGroupRef), the result keeps only the reference: the Indicator objects themselves are
 * made again from it for each such read (a run's indicators cost ~20 bytes each in columns, ~190
 * as objects).
 */
export function scoreWork(input: WorkInput): EmployeeResult {
  const given = input.indicators;
  const list = Array.isArray(given);
  // Without words the result has no `explanation` and no `indicators` key: adding the accessors is
  // then a plain new property (redefining a data property would put every result in slow
  // dictionary mode).
  const result = computeWork(input, list ? given : given.groups.indicators(given.group), false) as Omit<EmployeeResult, 'explanation' | 'indicators'>;
  const lazy: LazyExplanation = {
    employee: input.employee,
    indicators: list ? given : given.groups,
    group: list ? 0 : given.group,
    satisfaction: input.satisfaction,
    settings: settingsOf(input),
    steps: null,
    edits: NO_EDITS,
  };
  return withLazyExplanation(result, lazy);
}

const LAZY = Symbol('lazy explanation');

/**
 * What a later stage adds to an employee's explanation while it is not written yet: a function
 * that edits the steps, or a StageExplainer (one object for the whole run, so no employee keeps a
 * closure of its own).
 */
export type ExplanationEdit = ((steps: ExplanationStep[]) => void) | StageExplainer;

/**
 * Writes a stage's steps into one employee's explanation when it is read, from the stage's run-wide
 * inputs. `result` is the employee's result the explanation is read from; `before` is the work
 * stage's result for the employee (scoreWork's, computed again with words), whatever stages came
 * between, or `result` itself when it did not come from scoreWork.
 */
export interface StageExplainer {
  explain(steps: ExplanationStep[], result: EmployeeResult, before: EmployeeResult): void;
}

/** The scoring settings of a run: one object shared by its employees' explanations. */
interface WorkSettings {
  aspects: AspectConfig[];
  scoring: Config['scoring'];
  ikmTarget: number;
  lang: Lang;
  /** What capaianWithPolicy needs of `scoring`. */
  capaian: CapaianPolicy;
}


interface LazyExplanation {
  employee: Employee;
  /** The employee's indicators as given, or the groups they are made from (group `group`). */
  indicators: Indicator[] | IndicatorGroups;
  group: number;
  satisfaction: SatisfactionSummary | null;
  settings: WorkSettings;
  steps: ExplanationStep[] | null;
  /** Edits by later stages, applied in order when the steps are written; replaced, at its exact size, on each addition. */
  edits: readonly ExplanationEdit[];
}

const NO_EDITS: readonly ExplanationEdit[] = Object.freeze([]);

/**
 * `edits` followed by `edit`, as one frozen list shared by every result with the same edits in the
 * same order (every employee of a run gets the same few stage explainers): a list per result took
 * ~250 B each (spread arrays carry spare capacity). Weak both ways: nothing is kept for edits no
 * result holds any more.
 */
const NEXT_EDITS = new WeakMap<readonly ExplanationEdit[], WeakMap<ExplanationEdit, readonly ExplanationEdit[]>>();
function withEdit(edits: readonly ExplanationEdit[], edit: ExplanationEdit): readonly ExplanationEdit[] {
  let next = NEXT_EDITS.get(edits);
  if (next === undefined) NEXT_EDITS.set(edits, (next = new WeakMap()));
  let out = next.get(edit);
  if (out === undefined) next.set(edit, (out = Object.freeze([...edits, edit])));
  return out;
}

let lastSettings: WorkSettings | null = null;
/** The settings of `input`, the same object as the previous employee's when they are the same. */
function settingsOf(input: WorkInput): WorkSettings {
  const s = lastSettings;
  if (s !== null && s.aspects === input.aspects && s.scoring === input.scoring && s.ikmTarget === input.ikmTarget && s.lang === input.lang) return s;
  const capaian = { capaianCap: input.scoring.capaianCap, missing: input.scoring.missing };
  return (lastSettings = { aspects: input.aspects, scoring: input.scoring, ikmTarget: input.ikmTarget, lang: input.lang, capaian });
}

/** The employee's indicators: made from their group, or the list given. */
function indicatorsOf(lazy: LazyExplanation): Indicator[] {
  const { indicators } = lazy;
  return Array.isArray(indicators) ? indicators : indicators.indicators(lazy.group);
}

/** computeWork with words, for the explanation of `lazy`'s employee. */
function workWithWords(lazy: LazyExplanation): EmployeeResult {
  const { aspects, scoring, ikmTarget, lang } = lazy.settings;
  const input: ScoringSettings = { employee: lazy.employee, satisfaction: lazy.satisfaction, aspects, scoring, ikmTarget, lang };
  return computeWork(input, indicatorsOf(lazy), true);
}

function applyEdit(edit: ExplanationEdit, steps: ExplanationStep[], result: EmployeeResult, before: EmployeeResult): void {
  if (typeof edit === 'function') edit(steps);
  else edit.explain(steps, result, before);
}

const EXPLANATION = {
  get(this: EmployeeResult & { [LAZY]: LazyExplanation }): ExplanationStep[] {
    const lazy = this[LAZY];
    if (lazy.steps === null) {
      const before = workWithWords(lazy);
      const steps = before.explanation;
      for (const edit of lazy.edits) applyEdit(edit, steps, this, before);
      lazy.edits = NO_EDITS;
      lazy.steps = steps;
    }
    return lazy.steps;
  },
  set(this: { [LAZY]: LazyExplanation }, value: ExplanationStep[]) {
    this[LAZY].steps = value;
  },
  enumerable: true,
  configurable: true,
} satisfies PropertyDescriptor;

const INDICATORS = {
  get(this: { [LAZY]: LazyExplanation }): IndicatorResult[] {
    const lazy = this[LAZY];
    const { settings } = lazy;
    return indicatorsOf(lazy).map((ind) => capaianWithPolicy(ind, settings.capaian, settings.lang));
  },
  set(this: object, value: IndicatorResult[]) {
    // Assigned results replace the made ones (a plain property from then on).
    Object.defineProperty(this, 'indicators', { value, writable: true, enumerable: true, configurable: true });
  },
  enumerable: true,
  configurable: true,
} satisfies PropertyDescriptor;

/**
 * How many indicator results `result` has, without making them (a count read by the reports to
 * choose between the Indikator sheet and the csv, SPEC §9).
 */
export function indicatorCount(result: EmployeeResult): number {
  const lazy = (result as { [LAZY]?: LazyExplanation })[LAZY];
  const own = Object.getOwnPropertyDescriptor(result, 'indicators');
  if (lazy === undefined || own?.get === undefined) return result.indicators.length;
  const { indicators } = lazy;
  return Array.isArray(indicators) ? indicators.length : indicators.count(lazy.group);
}

/**
 * Each indicator's code, text and capaian (after the cap and `scoring.missing`): what the training
 * rules read, made straight from the indicators (no result object per indicator).
 */
export function indicatorFigures(result: EmployeeResult): { code: string; text: string; capaian: number | null }[] {
  const lazy = (result as { [LAZY]?: LazyExplanation })[LAZY];
  const own = Object.getOwnPropertyDescriptor(result, 'indicators');
  if (lazy === undefined || own?.get === undefined) return result.indicators.map((r) => ({ code: r.indicator.code, text: r.indicator.text, capaian: r.capaian }));
  const policy = lazy.settings.capaian;
  return indicatorsOf(lazy).map((ind) => ({ code: ind.code, text: ind.text, capaian: capaianValue(ind, policy) }));
}

/** `result` with its indicator results made from `lazy` and its explanation written from it, when read. */
function withLazyExplanation(result: object, lazy: LazyExplanation): EmployeeResult {
  // One getter for all results, its state under a non-enumerable symbol: per-result closures
  // would give every result its own hidden class.
  Object.defineProperty(result, LAZY, { value: lazy, writable: false });
  Object.defineProperty(result, 'indicators', INDICATORS);
  return Object.defineProperty(result, 'explanation', EXPLANATION) as EmployeeResult;
}

/**
 * Adds to a result's explanation (a later stage's steps) without writing the explanation out
 * when nobody has read it yet: the edit then runs when it is first read. Same steps either way.
 */
export function extendExplanation(result: EmployeeResult, edit: ExplanationEdit): void {
  const lazy = (result as { [LAZY]?: LazyExplanation })[LAZY];
  if (lazy !== undefined && lazy.steps === null) lazy.edits = withEdit(lazy.edits, edit);
  else applyEdit(edit, result.explanation, result, typeof edit === 'function' ? result : workResultOf(result));
}

/** StageExplainer's `before` for an explanation already written (rare: read before the stages ran). */
function workResultOf(result: EmployeeResult): EmployeeResult {
  const lazy = (result as { [LAZY]?: LazyExplanation })[LAZY];
  return lazy === undefined ? result : workWithWords(lazy);
}

/**
 * A copy of `result` with `changes` (a later stage's fields), whose explanation gets `explainer`'s
 * steps at the end, keeping it unwritten when it has not been read. `{ ...result }` would read it
 * (a spread calls the getter) for every employee.
 */
export function withChanges(result: EmployeeResult, changes: Partial<EmployeeResult>, explainer?: StageExplainer): EmployeeResult {
  const lazy = (result as { [LAZY]?: LazyExplanation })[LAZY];
  if (lazy === undefined) {
    // Not from scoreWork: a plain copy, its explanation written now.
    const steps = [...result.explanation];
    const copy = { ...result, ...changes, explanation: steps };
    explainer?.explain(steps, copy, result);
    return copy;
  }
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(result)) if (key !== 'explanation' && key !== 'indicators') copy[key] = (result as unknown as Record<string, unknown>)[key];
  Object.assign(copy, changes);
  if (lazy.steps === null) {
    const edits = explainer === undefined ? lazy.edits : withEdit(lazy.edits, explainer);
    return withLazyExplanation(copy, { ...lazy, steps: null, edits });
  }
  // The explanation was read already: the copy gets its own copy of the steps, with this stage's.
  const steps = [...lazy.steps];
  const out = withLazyExplanation(copy, { ...lazy, steps, edits: NO_EDITS });
  explainer?.explain(steps, out, workWithWords(lazy));
  return out;
}

/** How an indicator is named in an error (written only when one is thrown). */
function where(ind: Indicator): string {
  return `Indicator ${ind.code} (NIP ${ind.nip})`;
}

const CHECKED_ASPECTS = new WeakMap<readonly AspectConfig[], ReadonlyMap<string, AspectConfig>>();
/**
 * The configured aspects by key, checked once per configuration (the same array for every employee
 * of a run). Preconditions: the config schema guarantees these; a violation is a bug upstream.
 */
function aspectsByKey(aspects: readonly AspectConfig[]): ReadonlyMap<string, AspectConfig> {
  const known = CHECKED_ASPECTS.get(aspects);
  if (known !== undefined) return known;
  if (aspects.length === 0) throw new Error('No aspects configured; the config schema requires at least one.');
  const byKey = new Map<string, AspectConfig>();
  for (const a of aspects) {
    if (byKey.has(a.key)) throw new Error(`Aspect "${a.key}" is configured twice.`);
    if (!(a.weight > 0) || !Number.isFinite(a.weight)) throw new Error(`Aspect "${a.key}" has weight ${a.weight}; it must be positive.`);
    byKey.set(a.key, a);
  }
  CHECKED_ASPECTS.set(aspects, byKey);
  return byKey;
}

/**
 * Aspect results many employees share are one object (SPEC §9 memory: ~110 bytes each): an aspect
 * scored from a satisfaction summary (one per unit, service or officer, shared by its employees'
 * results) and an aspect without data whose note is only the policy's. Kept beside what they come
 * from (weakly, so they go with it), a few variants each (normalised weights differ); an
 * AspectResult is never changed once made.
 */
const BY_SATISFACTION = new WeakMap<SatisfactionSummary, AspectResult[]>();
const BY_CONFIG = new WeakMap<AspectConfig, AspectResult[]>();
const SHARED_VARIANTS = 8;

function sharedAspect<K extends object>(cache: WeakMap<K, AspectResult[]>, from: K, r: AspectResult): AspectResult {
  let known = cache.get(from);
  if (known === undefined) cache.set(from, (known = []));
  for (const k of known) {
    if (k.key === r.key && k.label === r.label && Object.is(k.weight, r.weight) && Object.is(k.score, r.score)
      && k.source === r.source && k.indicatorCount === r.indicatorCount && k.note === r.note) return k;
  }
  if (known.length < SHARED_VARIANTS) known.push(r);
  return r;
}

/** What computeWork scores the indicators with. */
type ScoringSettings = Omit<WorkInput, 'indicators'>;

/** An empty list of cells, for the aspects of a computation without words (never cited). */
const NO_SOURCES: CellPlace[] = [];

/**
 * scoreWork's computation; `words` false leaves the explanation empty and skips its texts. Without
 * words it is run for every employee of a run: the lists it needs only for the texts are not made.
 */
function computeWork(input: ScoringSettings, indicators: Indicator[], words: boolean): EmployeeResult {
  const { employee, satisfaction, aspects, scoring, ikmTarget, lang } = input;
  const L = (id: string, en: string): string => (lang === 'id' ? id : en);
  const cap = scoring.capaianCap;

  // Preconditions: ingest and config validation guarantee these; a violation is a bug upstream.
  const byKey = aspectsByKey(aspects);
  if (!(ikmTarget > 0) || !Number.isFinite(ikmTarget)) throw new Error(`ikmTarget must be positive, got ${ikmTarget}`);
  if (satisfaction !== null && !Number.isFinite(satisfaction.ikm)) throw new Error(`IKM must be a finite number, got ${satisfaction.ikm}`);
  for (const ind of indicators) {
    if (ind.nip !== employee.nip) throw new Error(`${where(ind)} was passed for employee ${employee.nip}.`);
    const a = byKey.get(ind.aspect);
    if (a === undefined) {
      throw new Error(
        `${where(ind)} has aspect "${ind.aspect}", which is not configured (configured: ${aspects.map((x) => x.key).join(', ')}); ingest must reject this row.`,
      );
    }
    if (a.source !== 'indicators') {
      throw new Error(`${where(ind)} has aspect "${ind.aspect}", which is scored from citizen feedback and cannot hold indicators; ingest must reject this row.`);
    }
    if (!(ind.weight > 0) || !Number.isFinite(ind.weight)) throw new Error(`${where(ind)} has weight ${ind.weight}; it must be positive.`);
  }

  const explanation: ExplanationStep[] = [];
  const pendingReasons: string[] = [];

  // 1. Capaian per indicator, with the missing-realisasi policy.
  // A missing realisasi's formula then says how the policy treated it (IndicatorResult.formula).
  const capaianPolicy = { capaianCap: cap, missing: scoring.missing };
  // Without words no result leaves this function: they need no formula.
  const results: IndicatorResult[] = indicators.map((ind) => {
    const r = words ? capaianWithPolicy(ind, capaianPolicy, lang) : (capaianNumbers(ind, capaianPolicy) as IndicatorResult);
    if (words) explanation.push({
      step: 'capaian',
      text: `${ind.code} ${ind.text}: ${r.formula}`,
      value: r.capaian,
      sources: [ind.places.target, ind.places.actual],
    });
    return r;
  });

  // 2. Aspect scores.
  const work: AspectWork[] = aspects.map((cfg) => {
    if (cfg.source === 'feedback') {
      if (satisfaction === null) {
        return { cfg, state: 'none', score: null, source: 'none', indicatorCount: 0, notes: [], text: '', sources: words ? [] : NO_SOURCES };
      }
      const raw = (satisfaction.ikm / ikmTarget) * 100;
      const score = Math.min(raw, cap);
      if (!words) return { cfg, state: 'ok', score, source: 'feedback', indicatorCount: 0, notes: [], text: '', sources: NO_SOURCES };
      let text = `${cfg.label} = IKM ${formatResult(satisfaction.ikm, lang)} / ${formatInput(ikmTarget, lang)} × 100 = ${formatResult(raw, lang)}`;
      if (raw > cap) text += L(` → batas ${formatInput(cap, lang)}`, ` → cap ${formatInput(cap, lang)}`);
      text += ` (${BASIS[satisfaction.basis][lang]}, ${satisfaction.respondents} ${L('responden', 'respondents')}, mutu ${satisfaction.mutu})`;
      return { cfg, state: 'ok', score, source: 'feedback', indicatorCount: 0, notes: [], text, sources: [] };
    }
    // One pass over the results: the codes by missing policy (listed only when there are some) and
    // Σ weight × capaian over the counted ones, in the results' order.
    let pendingCodes: string[] | null = null;
    let excluded: string[] | null = null;
    let zeroed: string[] | null = null;
    let countedN = 0;
    let num = 0;
    let den = 0;
    for (const r of results) {
      if (r.indicator.aspect !== cfg.key) continue;
      const p = r.missingPolicy;
      if (p === 'pending') (pendingCodes ??= []).push(r.indicator.code);
      else if (p === 'exclude') (excluded ??= []).push(r.indicator.code);
      else if (p === 'zero') (zeroed ??= []).push(r.indicator.code);
      if (r.capaian !== null) {
        countedN++;
        num += r.indicator.weight * r.capaian;
        den += r.indicator.weight;
      }
    }
    const notes: string[] = [];
    if (zeroed !== null) notes.push(L(`tanpa realisasi, dihitung 0: ${zeroed.join(', ')}`, `no realisasi, counted as 0: ${zeroed.join(', ')}`));
    if (excluded !== null) notes.push(L(`tanpa realisasi, tidak diikutkan: ${excluded.join(', ')}`, `no realisasi, left out: ${excluded.join(', ')}`));
    // The cells are cited by the explanation only: no places are made without words.
    const sources = words ? results.filter((r) => r.indicator.aspect === cfg.key).map((r) => r.indicator.places.actual) : NO_SOURCES;
    if (pendingCodes !== null) {
      notes.push(L(`menunggu realisasi: ${pendingCodes.join(', ')}`, `awaiting realisasi: ${pendingCodes.join(', ')}`));
      return { cfg, state: 'pending', score: null, source: 'indicators', indicatorCount: countedN, notes, text: '', sources };
    }
    if (countedN === 0) {
      return { cfg, state: 'none', score: null, source: 'none', indicatorCount: 0, notes, text: '', sources };
    }
    const score = num / den;
    if (!words) return { cfg, state: 'ok', score, source: 'indicators', indicatorCount: countedN, notes, text: '', sources };
    const counted = results.filter((r) => r.indicator.aspect === cfg.key && r.capaian !== null);
    const terms = counted.map((r) => `${formatResult(r.capaian as number, lang)} × ${formatInput(r.indicator.weight, lang)}`).join(' + ');
    const text = `${cfg.label} = (${terms}) / ${formatInput(den, lang)} = ${formatResult(score, lang)}`;
    return { cfg, state: 'ok', score, source: 'indicators', indicatorCount: countedN, notes, text, sources };
  });

  // 3. Aspects without data, by scoring.missingAspect.
  const policy = scoring.missingAspect;
  const missing = work.filter((w) => w.state === 'none');
  for (const w of missing) {
    const why =
      w.cfg.source === 'feedback'
        ? L('tidak ada data kepuasan masyarakat', 'no citizen-satisfaction data')
        : L('tidak ada indikator dengan realisasi', 'no indicator with realisasi');
    if (policy === 'zero') {
      w.score = 0;
      w.notes.push(L(`${why}; dihitung 0 (kebijakan missingAspect: zero)`, `${why}; counted as 0 (policy missingAspect: zero)`));
    } else if (policy === 'pending') {
      w.notes.push(L(`${why}; pegawai menunggu data`, `${why}; employee pending`));
      pendingReasons.push(L(`Aspek ${w.cfg.label} tidak memiliki data (${why})`, `Aspect ${w.cfg.label} has no data (${why})`));
    } else {
      w.notes.push(L(`${why}; bobot dinormalisasi ulang atas aspek yang ada`, `${why}; weights renormalised over the aspects present`));
    }
  }
  const included = work.filter((w) => !(w.state === 'none' && policy === 'renormalise'));
  const totalWeight = included.reduce((s, w) => s + w.cfg.weight, 0);

  // 4. Pending reasons from indicators.
  let pendingCodes: string[] | null = null;
  for (const r of results) if (r.missingPolicy === 'pending') (pendingCodes ??= []).push(r.indicator.code);
  if (pendingCodes !== null) {
    pendingReasons.unshift(
      L(`Realisasi belum dilaporkan untuk indikator: ${pendingCodes.join(', ')}`, `Realisasi not reported for indicator(s): ${pendingCodes.join(', ')}`),
    );
  }
  if (indicators.length === 0) {
    pendingReasons.unshift(L('Pegawai tidak memiliki indikator kinerja', 'The employee has no performance indicators'));
  } else if (!results.some((r) => r.capaian !== null) && pendingCodes === null) {
    // Every indicator was left out (missing: exclude): a work score made of feedback alone would
    // not be a work result.
    pendingReasons.unshift(L('Tidak ada indikator dengan realisasi (semua dikecualikan)', 'No indicator has a realisasi (all were left out)'));
  }

  const aspectResults: AspectResult[] = work.map((w) => {
    const r: AspectResult = {
      key: w.cfg.key,
      label: w.cfg.label,
      weight: included.includes(w) && totalWeight > 0 ? w.cfg.weight / totalWeight : 0,
      score: w.score,
      source: w.source,
      indicatorCount: w.indicatorCount,
      note: w.notes.length > 0 ? w.notes.join('; ') : null,
    };
    // The same for every employee with that summary, or with no data and only the policy's note.
    if (w.source === 'feedback') return sharedAspect(BY_SATISFACTION, satisfaction!, r);
    return w.state === 'none' && w.notes.length === 1 ? sharedAspect(BY_CONFIG, w.cfg, r) : r;
  });

  for (const w of words ? work : []) {
    let text = w.text;
    if (w.state !== 'ok') {
      text = `${w.cfg.label}: ${w.score === 0 ? '0' : L('tidak dihitung', 'not computed')}`;
    }
    if (w.notes.length > 0) text += ` (${w.notes.join('; ')})`;
    explanation.push({ step: 'aspect', text, value: w.score, sources: w.sources });
  }

  if (words && policy === 'renormalise' && missing.length > 0 && totalWeight > 0) {
    const shares = included
      .map((w) => `${w.cfg.label} ${formatInput(w.cfg.weight, lang)}/${formatInput(totalWeight, lang)} (${formatResult((w.cfg.weight / totalWeight) * 100, lang)}%)`)
      .join(', ');
    const names = missing.map((w) => w.cfg.label).join(', ');
    explanation.push({
      step: 'renormalise',
      text: L(
        `Aspek tanpa data: ${names}. Bobot dinormalisasi ulang atas aspek yang ada: ${shares}`,
        `Aspects without data: ${names}. Weights renormalised over the aspects present: ${shares}`,
      ),
      value: null,
    });
  }

  // The result, its keys always in this order. Without words (scoreWork) the indicator results
  // are made when read, and the explanation written when read; see scoreWork.
  const resultWith = (workScore: number | null, rating: Rating | null, status: EmployeeResult['status'], reasons: string[]): EmployeeResult => {
    const workRating = { suggested: rating, final: rating };
    if (!words) {
      return { employee, aspects: aspectResults, behaviourRating: null, predikat: null, satisfaction, training: null, workScore, workRating, status, pendingReasons: reasons } as unknown as EmployeeResult;
    }
    return {
      employee, indicators: results, aspects: aspectResults, behaviourRating: null, predikat: null, satisfaction, training: null,
      workScore, workRating, status, pendingReasons: reasons, explanation,
    } as EmployeeResult;
  };

  if (pendingReasons.length > 0 || totalWeight === 0) {
    if (pendingReasons.length === 0) pendingReasons.push(L('Tidak ada aspek dengan data', 'No aspect has data'));
    if (words) explanation.push({
      step: 'workScore',
      text: L(`Nilai hasil kerja belum dapat dihitung: ${pendingReasons.join('; ')}`, `Work score cannot be computed yet: ${pendingReasons.join('; ')}`),
      value: null,
    });
    return resultWith(null, null, 'pending', pendingReasons);
  }

  // 5. Nilai hasil kerja: Σ Wₐ·sₐ / Σ Wₐ over the included aspects, configured weights as given.
  let num = 0;
  for (const w of included) num += w.cfg.weight * (w.score as number);
  const workScore = num / totalWeight;
  if (words) {
    const terms = included.map((w) => `${formatResult(w.score as number, lang)} × ${formatInput(w.cfg.weight, lang)}`).join(' + ');
    explanation.push({
      step: 'workScore',
      text: `${L('Nilai hasil kerja', 'Work score')} = (${terms}) / ${formatInput(totalWeight, lang)} = ${formatResult(workScore, lang)}`,
      value: workScore,
    });
  }

  // 6. Suggested rating (the scoring settings hold the thresholds).
  if (!words) return resultWith(workScore, workRatingOf(workScore, results, scoring), 'complete', []);
  const thresholds = { diAtasThreshold: scoring.diAtasThreshold, sesuaiThreshold: scoring.sesuaiThreshold };
  const decision = decideWorkRating(workScore, results, thresholds);
  explanation.push({ step: 'rating', text: ratingText(decision, thresholds, lang), value: decision.rating });
  return resultWith(workScore, decision.rating, 'complete', []);
}

function ratingText(d: WorkRatingDecision, t: WorkThresholds, lang: Lang): string {
  const L = (id: string, en: string): string => (lang === 'id' ? id : en);
  const s = formatResult(d.rounded, lang);
  const hi = formatInput(t.diAtasThreshold, lang);
  const lo = formatInput(t.sesuaiThreshold, lang);
  const parts: string[] = [];
  if (atLeast(d.rounded, t.diAtasThreshold)) {
    if (d.blocking.length === 0) {
      parts.push(L(`${s} ≥ ${hi} dan tidak ada indikator utama di bawah 100`, `${s} ≥ ${hi} and no utama indicator below 100`));
    } else {
      const list = d.blocking
        .map((r) => {
          const v = r.uncapped ?? r.capaian;
          return `${r.indicator.code} (${v === null ? L('tidak dilaporkan', 'not reported') : formatResult(v, lang)})`;
        })
        .join(', ');
      parts.push(L(`${s} ≥ ${hi}, tetapi indikator utama di bawah 100: ${list}`, `${s} ≥ ${hi}, but utama indicator(s) below 100: ${list}`));
    }
  } else {
    parts.push(`${s} < ${hi}`);
  }
  if (d.rating !== 'DI_ATAS') parts.push(d.rating === 'SESUAI' ? `${s} ≥ ${lo}` : `${s} < ${lo}`);
  const rule = parts.join('; ');
  const note = L('nilai dibulatkan ke 2 desimal sebelum dibandingkan', 'score rounded half-up to 2 decimals before comparing');
  return `${rule} → ${ratingLabel(d.rating, lang)} (${note})`;
}
