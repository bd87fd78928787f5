import type { Config } from '../config/schema.js';
import type { Lang, Text } from '../domain/i18n.js';
import type { IssueSink } from '../domain/issues.js';
import { formatPlace, type CellPlace } from '../domain/place.js';
import { PREDIKATS, predikatLabel, ratingLabel, type Predikat, type Rating } from '../domain/ratings.js';
import { localiseSteps, rateBehaviour, ratersOf, type BehaviourResult, type BehaviourRow, type BilingualStep, type RaterWeights } from '../engine/behaviour.js';
import { checkCurve, type CurveMember, type CurveResult, type CurveViolation } from '../engine/curve.js';
import {
  leaderWorkRating,
  leaderWorkRatingExplanation,
  orgPredikatLabel,
  predikatExplanation,
  predikatFor,
} from '../engine/predikat.js';
import type { BehaviourDetail, EmployeeResult, ExplanationStep } from '../engine/types.js';
import type { AppraiserWorkRating } from '../ingest/behaviour.js';
import type { UnitRecord } from '../ingest/units.js';
import { applyLegacyRegime } from './legacy-stage.js';
import { extendExplanation, withChanges, type StageExplainer } from '../engine/work.js';
import type { UnitResult } from './types.js';

/**
 * The appraisal stage (SPEC §3.3–3.6, §3.8): behaviour rating, the appraiser's override, the
 * predikat matrix, the unit-leader rule and the unit curve, on top of the work scores. Pure apart
 * from reporting warnings to the sink: no file is read here, no predikat is ever changed to fit a
 * curve, and a missing input leaves the employee pending with the reason, never a default.
 */
export interface BehaviourInputs {
  /** False when the period has no behaviour file at all. */
  present: boolean;
  byNip: ReadonlyMap<string, readonly BehaviourRow[]>;
  workRatings: ReadonlyMap<string, AppraiserWorkRating>;
  conflicts: ReadonlyMap<string, Text>;
  /** For a combined period: the sub-period each employee's (latest) ratings came from. */
  fromPeriod: ReadonlyMap<string, string> | null;
}

export interface AppraisalInputs {
  behaviour: BehaviourInputs;
  /** null when the period has no unit file. */
  units: ReadonlyMap<string, UnitRecord> | null;
  config: Config;
  lang: Lang;
  sink: IssueSink;
}

export interface AppraisalResult {
  employees: EmployeeResult[];
  /** Curve per unit (permenpan-6-2022 only), by unit name. */
  curves: Map<string, CurveResult>;
}

const tx = (lang: Lang, t: Text): string => t[lang];

/**
 * The behaviour detail of a result. With `rated` (the rows rated and the weights), the raters are
 * made from them when read (RATERS below) and the rows stay with the detail, for the explanation:
 * a rater list per employee is not kept beside the rows it comes from.
 */
export function behaviourDetail(b: BehaviourResult, fromPeriod: string | null, rated?: RatedRows): BehaviourDetail | null {
  if (b.status !== 'ok') return null;
  // The engine's value results are shared and frozen (one per value and mean): kept as they are.
  if (rated === undefined) {
    return { values: b.values, overall: b.overall, raters: b.raters.map((r) => ({ raterNip: r.raterNip, role: r.role, share: r.share, place: r.place })), fromPeriod };
  }
  // The keys in the order of the plain detail above (raters before fromPeriod).
  const detail = { values: b.values, overall: b.overall } as Partial<DetailWithRows>;
  Object.defineProperty(detail, ROWS, { value: rated.rows });
  Object.defineProperty(detail, WEIGHTS, { value: rated.weights });
  Object.defineProperty(detail, 'raters', RATERS);
  detail.fromPeriod = fromPeriod;
  return detail as BehaviourDetail;
}

/** The rows of a rating and the weights they were rated with. */
export interface RatedRows {
  rows: readonly BehaviourRow[];
  weights: RaterWeights;
}

const ROWS = Symbol('behaviour rows');
const WEIGHTS = Symbol('rater weights');
type DetailWithRows = BehaviourDetail & { [ROWS]: readonly BehaviourRow[]; [WEIGHTS]: RaterWeights };

/** `raters` of a detail with its rows: one getter for all of them (no function per employee). */
const RATERS: PropertyDescriptor = {
  get(this: DetailWithRows): BehaviourDetail['raters'] {
    return ratersOf(this[ROWS], this[WEIGHTS]).map((r) => ({ raterNip: r.raterNip, role: r.role, share: r.share, place: r.place }));
  },
  enumerable: true,
};

/** The rows a result's behaviour was rated from, when its detail keeps them. */
function rowsOfDetail(detail: BehaviourDetail | null | undefined): readonly BehaviourRow[] | undefined {
  return detail == null ? undefined : (detail as Partial<DetailWithRows>)[ROWS];
}

function noBehaviourFile(): Text {
  return {
    id: 'Tidak ada berkas perilaku (perilaku.xlsx) untuk periode ini: rating perilaku dan predikat tertunda.',
    en: 'No behaviour file (perilaku.xlsx) for this period: the behaviour rating and the predikat are pending.',
  };
}

/** Rates behaviour for one employee: the conflicts of the file first, then the engine. */
export interface RatedBehaviour {
  result: BehaviourResult | null;
  /** Why there is no rating (null when rated). */
  reason: Text | null;
  bilingual: BilingualStep[];
  /** Rated from the file's rows (not a missing file or a contradiction). */
  fromRows?: boolean;
  /** The rows rated (when rated from the file's rows). */
  rows?: readonly BehaviourRow[];
}

/** `words` false: the rating without its explanation texts (see rateBehaviour). `rows`: the employee's rows, when known. */
export function rateEmployeeBehaviour(nip: string, inputs: BehaviourInputs, config: Config, words = true, rows?: readonly BehaviourRow[]): RatedBehaviour {
  if (!inputs.present) return { result: null, reason: noBehaviourFile(), bilingual: [] };
  const conflict = inputs.conflicts.get(nip);
  if (conflict) {
    return {
      result: null,
      reason: { id: `Berkas perilaku bertentangan: ${conflict.id}`, en: `The behaviour file contradicts itself: ${conflict.en}` },
      bilingual: [],
    };
  }
  const rated = rows ?? inputs.byNip.get(nip) ?? [];
  const result = rateBehaviour(rated, config.behaviour.raterWeights, { words });
  return { result, reason: result.status === 'pending' ? result.reason.text : null, bilingual: result.steps, fromRows: true, rows: rated };
}

export function applyAppraisal(employees: readonly EmployeeResult[], inputs: AppraisalInputs): AppraisalResult {
  const { config, lang } = inputs;
  const leaders = new Map<string, UnitRecord>();
  if (inputs.units) for (const u of inputs.units.values()) if (u.leaderNip) leaders.set(u.leaderNip, u);

  const out: EmployeeResult[] = [];
  if (config.regime !== 'permenpan-6-2022') {
    for (const e0 of employees) {
      const nip = e0.employee.nip;
      const rated = rateEmployeeBehaviour(nip, inputs.behaviour, config, true);
      const fromPeriod = inputs.behaviour.fromPeriod?.get(nip) ?? null;
      const explanation = behaviourSteps(rated, fromPeriod, lang, true);
      out.push(applyLegacyRegime(e0, { behaviour: rated.result, behaviourReason: rated.reason, explanation: [...e0.explanation, ...explanation], fromPeriod, lang, regime: config.regime }));
    }
    return { employees: out, curves: new Map() };
  }

  // The rows of the employees rated without a detail (pending with rows), for their explanation;
  // the others' rows stay with their result's detail.
  const pendingRows = new Map<string, readonly BehaviourRow[]>();
  const explainer = appraisalExplainer(inputs, leaders, pendingRows);
  // Each employee's mean behaviour points (the curve's tie-break), by position in `out`; NaN: none.
  // For this stage only: an array of numbers, not a map by NIP.
  const behaviourMeans = new Float64Array(employees.length).fill(NaN);
  for (const e0 of employees) {
    const a = appraiseEmployee(e0, inputs, leaders, false, inputs.sink);
    if (a.behaviourMean !== null) behaviourMeans[out.length] = a.behaviourMean;
    if (a.changes.behaviour === null && a.rows !== undefined && a.rows.length > 0) pendingRows.set(e0.employee.nip, a.rows);
    out.push(withChanges(e0, a.changes, explainer));
  }

  const curves = new Map<string, CurveResult>();
  if (inputs.units) {
    // Positions in `out`, by unit.
    const byUnit = new Map<string, number[]>();
    for (let i = 0; i < out.length; i++) {
      const unit = out[i]!.employee.unit;
      const list = byUnit.get(unit);
      if (list === undefined) byUnit.set(unit, [i]);
      else list.push(i);
    }
    for (const [unit, list] of byUnit) {
      const rec = inputs.units.get(unit);
      if (!rec) continue;
      const members: CurveMember[] = [];
      for (const i of list) {
        const e = out[i]!;
        if (e.employee.nip === rec.leaderNip) continue;
        const m = behaviourMeans[i]!;
        members.push(Number.isNaN(m)
          ? { nip: e.employee.nip, predikat: e.predikat, workScore: e.workScore }
          : { nip: e.employee.nip, predikat: e.predikat, workScore: e.workScore, tieBreak: m });
      }
      curves.set(unit, checkCurve(rec.orgPredikat, members, config.curve));
    }
    const explainCurve = curveExplainer(inputs.units, curves, lang);
    for (const e of out) if (curves.has(e.employee.unit)) extendExplanation(e, explainCurve);
  }
  return { employees: out, curves };
}

// The explainers are made outside applyAppraisal so that what they keep for the run is what they
// are given: a closure made inside it would keep everything its other closures use (the behaviour
// means of every employee, say).

/**
 * This stage's steps, written when an explanation is read by the same code with words: one
 * explainer for the run. The rows come from the result's behaviour detail (or `pendingRows`), so
 * the behaviour file's rows by NIP need not be kept.
 */
function appraisalExplainer(inputs: AppraisalInputs, leaders: ReadonlyMap<string, UnitRecord>, pendingRows: ReadonlyMap<string, readonly BehaviourRow[]>): StageExplainer {
  const byNip = new Map<string, readonly BehaviourRow[]>();
  const lean: AppraisalInputs = { ...inputs, behaviour: { ...inputs.behaviour, byNip } };
  return {
    explain(steps, result, before) {
      const rows = rowsOfDetail(result.behaviour) ?? pendingRows.get(result.employee.nip) ?? [];
      steps.push(...appraiseEmployee(before, lean, leaders, true, null, rows).steps);
    },
  };
}

/** Where each employee stands in the unit's curve, written when the explanation is read. */
function curveExplainer(units: ReadonlyMap<string, UnitRecord>, curves: ReadonlyMap<string, CurveResult>, lang: Lang): StageExplainer {
  return {
    explain(steps, result) {
      const rec = units.get(result.employee.unit);
      const curve = curves.get(result.employee.unit);
      if (rec !== undefined && curve !== undefined) steps.push(curveStep(result, rec, curve, lang));
    },
  };
}

/**
 * The behaviour steps of an employee's explanation: the sub-period the ratings came from, a step
 * per BerAKHLAK value (rated with words), or why there is no rating.
 */
function behaviourSteps(rated: RatedBehaviour, fromPeriod: string | null, lang: Lang, words: boolean): ExplanationStep[] {
  const steps: ExplanationStep[] = [];
  if (!words) return steps;
  const L = (id: string, en: string): string => (lang === 'id' ? id : en);
  if (fromPeriod && rated.result?.status === 'ok') {
    steps.push({
      step: 'behaviourSource',
      text: L(`Rating perilaku terbaru diambil dari sub-periode ${fromPeriod}.`, `The latest behaviour ratings are taken from sub-period ${fromPeriod}.`),
      value: fromPeriod,
    });
  }
  steps.push(...localiseSteps(rated.bilingual, lang));
  if (rated.reason && !rated.fromRows) steps.push({ step: 'behaviourPending', text: tx(lang, rated.reason), value: null });
  return steps;
}

interface EmployeeAppraisal {
  /** The fields this stage sets on the employee's result. */
  changes: Partial<EmployeeResult>;
  /** This stage's explanation steps; empty without words. */
  steps: ExplanationStep[];
  /** Mean behaviour points (the curve's tie-break), null without a rating. */
  behaviourMean: number | null;
  /** The rows rated, when rated from the file's rows. */
  rows: readonly BehaviourRow[] | undefined;
}

/**
 * permenpan-6-2022 for one employee: behaviour rating, final work rating (unit-leader rule, else the
 * appraiser's rating, else the suggestion) and predikat. `e0` is the work stage's result. Without
 * `words` no step text is written (the explanation, when read, runs this again with words); the
 * warnings go to `sink` (null when run again for an explanation, so they are reported once).
 */
function appraiseEmployee(
  e0: EmployeeResult,
  inputs: AppraisalInputs,
  leaders: ReadonlyMap<string, UnitRecord>,
  words: boolean,
  sink: IssueSink | null,
  rows?: readonly BehaviourRow[],
): EmployeeAppraisal {
  const { config, lang } = inputs;
  const L = (id: string, en: string): string => (lang === 'id' ? id : en);
  const nip = e0.employee.nip;
  const rated = rateEmployeeBehaviour(nip, inputs.behaviour, config, words, rows);
  const fromPeriod = inputs.behaviour.fromPeriod?.get(nip) ?? null;
  const explanation = behaviourSteps(rated, fromPeriod, lang, words);
  const b = rated.result;
  const behaviourOk = b !== null && b.status === 'ok';
  const behaviourRating: Rating | null = behaviourOk ? b.overall : null;
  const behaviourMean = behaviourOk ? b.values.reduce((s, v) => s + v.mean, 0) / b.values.length : null;

  const suggested = e0.workRating.suggested;
  let final: Rating | null = suggested;
  let source: EmployeeResult['workRatingSource'] = suggested === null ? null : 'score';
  const appraiser = inputs.behaviour.conflicts.has(nip) ? undefined : inputs.behaviour.workRatings.get(nip);
  const leaderOf = leaders.get(nip);
  const workConflict = inputs.behaviour.conflicts.get(nip);
  if (leaderOf) {
    final = leaderWorkRating(leaderOf.orgPredikat);
    source = 'leader';
    if (words) explanation.push({
      step: 'leaderRule',
      text: `${tx(lang, leaderWorkRatingExplanation(leaderOf.orgPredikat))} (${formatPlace(leaderOf.places.orgPredikat)}); ${L('pimpinan tidak dihitung dalam kurva unit', 'the leader is not counted in the unit curve')}.`,
      value: final,
      sources: [leaderOf.places.orgPredikat, leaderOf.places.leaderNip],
    });
    if (appraiser && sink !== null) {
      sink.warning('LEADER_WORK_RATING_IGNORED', appraiser.place, {
        id: `NIP ${nip} memimpin unit ${leaderOf.unit}: rating hasil kerjanya mengikuti predikat organisasi (${orgPredikatLabel(leaderOf.orgPredikat, 'id')}), Rating Hasil Kerja di sel ini tidak dipakai.`,
        en: `NIP ${nip} leads ${leaderOf.unit}: the work rating follows the organisational predikat (${orgPredikatLabel(leaderOf.orgPredikat, 'en')}); the Rating Hasil Kerja in this cell is not used.`,
      }, { id: 'Kosongkan sel ini, atau perbaiki NIP Pimpinan di berkas unit.', en: 'Clear this cell, or correct NIP Pimpinan in the unit file.' });
    }
  } else if (appraiser) {
    final = appraiser.rating;
    source = 'appraiser';
    if (words) {
      const sugg = suggested === null ? L('tidak ada (nilai hasil kerja belum lengkap)', 'none (the work score is incomplete)') : ratingLabel(suggested, lang);
      const same = suggested === appraiser.rating;
      explanation.push({
        step: 'override',
        text: L(
          `Rating hasil kerja dari pejabat penilai (${formatPlace(appraiser.place)}): ${ratingLabel(appraiser.rating, 'id')}; saran dari nilai: ${sugg}. ${same ? 'Keduanya sama.' : 'Rating pejabat penilai menggantikan saran; keduanya ditampilkan.'}`,
          `Work rating from the appraiser (${formatPlace(appraiser.place)}): ${ratingLabel(appraiser.rating, 'en')}; suggested from the score: ${sugg}. ${same ? 'Both agree.' : "The appraiser's rating overrides the suggestion; both are shown."}`,
        ),
        value: appraiser.rating,
        sources: [appraiser.place],
      });
    }
  } else if (workConflict) {
    // Contradicting appraiser ratings: neither wins, and the suggestion does not silently stand in.
    final = null;
    source = null;
  }

  let predikat: Predikat | null = null;
  const pendingReasons: string[] = [];
  if (final !== null && behaviourRating !== null) {
    predikat = predikatFor(final, behaviourRating);
    if (words) explanation.push({ step: 'predikat', text: predikatText(final, behaviourRating, lang), value: predikat });
  } else {
    if (final === null) {
      if (workConflict) pendingReasons.push(tx(lang, rated.reason!));
      else if (e0.pendingReasons.length > 0) pendingReasons.push(...e0.pendingReasons);
      else pendingReasons.push(L('Rating hasil kerja belum ada', 'No work rating yet'));
    }
    // The conflict reason covers both ratings; say it once.
    if (behaviourRating === null && rated.reason && !(final === null && workConflict)) pendingReasons.push(tx(lang, rated.reason));
    if (words) explanation.push({
      step: 'predikat',
      text: L(`Predikat tertunda: ${pendingReasons.join('; ')}`, `Predikat pending: ${pendingReasons.join('; ')}`),
      value: null,
    });
  }
  if (words && predikat !== null && e0.workScore === null) {
    explanation.push({
      step: 'workScoreNote',
      text: L(
        `Catatan: nilai hasil kerja belum lengkap (${e0.pendingReasons.join('; ')}); predikat memakai rating hasil kerja ${source === 'leader' ? 'dari predikat organisasi' : 'dari pejabat penilai'}.`,
        `Note: the work score is incomplete (${e0.pendingReasons.join('; ')}); the predikat uses the work rating ${source === 'leader' ? 'from the organisational predikat' : 'from the appraiser'}.`,
      ),
      value: null,
    });
  }
  return {
    changes: {
      workRating: workRatingPair(suggested, final),
      workRatingSource: source,
      behaviourRating,
      behaviour: b ? behaviourDetail(b, fromPeriod, rated.rows && { rows: rated.rows, weights: config.behaviour.raterWeights }) : null,
      predikat,
      status: predikat !== null ? 'complete' : 'pending',
      pendingReasons: predikat !== null ? NO_REASONS : pendingReasons,
      legacy: null,
      unitLeader: leaderOf !== undefined,
    },
    steps: explanation,
    behaviourMean,
    rows: rated.rows,
  };
}

/**
 * The work rating pair and the empty list of reasons of a result, one frozen object each per value,
 * shared by every employee with that value (16 pairs at most) instead of ~70 bytes per employee.
 */
const WORK_RATINGS = new Map<string, EmployeeResult['workRating']>();
function workRatingPair(suggested: Rating | null, final: Rating | null): EmployeeResult['workRating'] {
  const key = `${suggested}|${final}`;
  let pair = WORK_RATINGS.get(key);
  if (pair === undefined) WORK_RATINGS.set(key, (pair = Object.freeze({ suggested, final })));
  return pair;
}
const NO_REASONS = Object.freeze([]) as unknown as string[];

/** A violation's review candidates as a set: looked up once per employee of a unit of thousands. */
const CANDIDATES = new WeakMap<CurveViolation, Set<string>>();
function candidatesOf(v: CurveViolation): Set<string> {
  let set = CANDIDATES.get(v);
  if (set === undefined) CANDIDATES.set(v, (set = new Set(v.reviewCandidates)));
  return set;
}

/** Where the employee stands in the unit's curve, in words. */
function curveStep(e: EmployeeResult, rec: UnitRecord, curve: CurveResult, lang: Lang): ExplanationStep {
  const L = (id: string, en: string): string => (lang === 'id' ? id : en);
  const org = orgPredikatLabel(rec.orgPredikat, lang);
  const src: CellPlace[] = [rec.places.orgPredikat];
  if (e.employee.nip === rec.leaderNip) {
    return { step: 'curve', text: L(`Kurva unit ${rec.unit} (organisasi ${org}): pimpinan unit tidak dihitung.`, `Curve of ${rec.unit} (organisation ${org}): the unit leader is not counted.`), value: null, sources: src };
  }
  const counts = PREDIKATS.filter((p) => curve.counts[p] > 0).map((p) => `${predikatLabel(p, lang)} ${curve.counts[p]}`).join(', ') || '–';
  const status = curve.violations.length === 0
    ? L('memenuhi kurva', 'fits the curve')
    : L(`melanggar ${curve.violations.length} aturan kurva`, `breaks ${curve.violations.length} curve rule(s)`);
  const mine = curve.violations.filter((v) => candidatesOf(v).has(e.employee.nip));
  const review = mine.length === 0
    ? ''
    : L(` Pegawai ini termasuk yang perlu ditinjau: ${mine.map((v) => v.text.id).join(' ')}`, ` This employee is among those to review: ${mine.map((v) => v.text.en).join(' ')}`);
  return {
    step: 'curve',
    text: L(
      `Kurva unit ${rec.unit} (organisasi ${org}, ${curve.n} pegawai di luar pimpinan: ${counts}): unit ${status}; predikat tidak diubah oleh alat ini.${review}`,
      `Curve of ${rec.unit} (organisation ${org}, ${curve.n} employees besides the leader: ${counts}): the unit ${status}; the tool never changes a predikat.${review}`,
    ),
    value: mine.length > 0 ? 'review' : curve.violations.length === 0 ? 'ok' : 'unit-violation',
    sources: src,
  };
}

export interface CurveViolationDocument {
  rule: string;
  kind: 'min' | 'max';
  predikats: Predikat[];
  required: number | null;
  allowed: number | null;
  actual: number;
  gap: number;
  reviewCandidates: string[];
  provisional: boolean;
  message: string;
}

export function violationDocument(v: CurveViolation, lang: Lang): CurveViolationDocument {
  return {
    rule: v.rule,
    kind: v.kind,
    predikats: [...v.predikats],
    required: v.required,
    allowed: v.allowed,
    actual: v.actual,
    gap: v.gap,
    reviewCandidates: [...v.reviewCandidates],
    provisional: v.provisional,
    message: v.text[lang],
  };
}

/** Unit rows with the unit file and the curve: orgPredikat, leader, population, curve {ok, violations}. */
export function enrichUnits(units: readonly UnitResult[], records: ReadonlyMap<string, UnitRecord> | null, curves: ReadonlyMap<string, CurveResult>, lang: Lang): UnitResult[] {
  return units.map((u) => {
    const rec = records?.get(u.unit);
    const curve = curves.get(u.unit) ?? null;
    return {
      ...u,
      orgPredikat: rec ? rec.orgPredikat : null,
      leaderNip: rec ? rec.leaderNip : null,
      population: rec ? rec.population : null,
      curve: curve === null ? null : { ok: curve.ok, violations: curve.violations.map((v) => violationDocument(v, lang)) },
      curveDetail: curve,
    };
  });
}

/** The predikat step's text: one string per rating pair and language, shared by every employee with that pair. */
const PREDIKAT_TEXTS = new Map<string, string>();
function predikatText(work: Rating, behaviour: Rating, lang: Lang): string {
  const key = `${work}|${behaviour}|${lang}`;
  let text = PREDIKAT_TEXTS.get(key);
  if (text === undefined) PREDIKAT_TEXTS.set(key, (text = tx(lang, predikatExplanation(work, behaviour))));
  return text;
}
