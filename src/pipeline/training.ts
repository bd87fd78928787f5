import type { Config, InputKind } from '../config/schema.js';
import { extendExplanation, indicatorFigures, type StageExplainer } from '../engine/work.js';
import type { Lang, Text } from '../domain/i18n.js';
import type { IssueSink } from '../domain/issues.js';
import type { Period } from '../domain/period.js';
import { BERAKHLAK_KEYS, localiseSteps, type BerakhlakKey } from '../engine/behaviour.js';
import { ComputedMap } from '../engine/computed-map.js';
import { attributionSource, type AttributionSource } from '../engine/feedback-attribution.js';
import type { IkmResult } from '../engine/ikm.js';
import type { FeedbackReport } from './feedback-stage.js';
import type { Rating } from '../domain/ratings.js';
import {
  indexCatalogue,
  planTraining,
  recommendationReasonIn,
  recommendTraining,
  sasaranText,
  type EmployeeTraining,
  type PlanInput,
  type TrainingInput,
  type TrainingPlan,
  type TrainingProgram,
  type TrainingThresholds,
} from '../engine/training.js';
import type { EmployeeResult, TrainingItem } from '../engine/types.js';
import type { RowCounts } from '../ingest/counts.js';
import { ingestCatalogue } from '../ingest/catalogue.js';
import type { OpenedTable } from '../io/table.js';
import { locateInput, type InputLocation } from '../workspace/layout.js';

/**
 * The training stage of a run (SPEC §5): reads the catalogue, finds each employee's gaps from the
 * scoring results, fills EmployeeResult.training and its explanation, and builds the plans.
 *
 * Survey unsur are not on EmployeeResult; the feedback stage hands them over through
 * TrainingSources (by NIP). Behaviour per value is read from the result's behaviour detail, unless
 * a source is given. An employee absent from a source has no data of that kind: no gap of that
 * kind is found, and the explanation says so.
 */
export interface TrainingSources {
  /** Per NIP: the rated BerAKHLAK values (rateBehaviour → BehaviourOk.values); by default EmployeeResult.behaviour.values. */
  behaviour?: ReadonlyMap<string, NonNullable<TrainingInput['behaviour']>>;
  /** Per NIP: the unsur of the IKM behind the employee's satisfaction (FeedbackAttribution.result.unsur); null: none. */
  unsur?: ReadonlyMap<string, TrainingInput['unsur']>;
}

export interface TrainingRunResult {
  /** The catalogue file read, or null when the workspace has none. */
  catalogueFile: string | null;
  catalogue: TrainingProgram[];
  thresholds: TrainingThresholds;
  plan: TrainingPlan;
  /** Per NIP, the full result (gaps, programs beyond the cap, unmatched gaps). */
  byNip: Map<string, EmployeeTraining>;
}

export interface TrainingStageContext {
  workspace: string;
  config: Config;
  period: Period;
  lang: Lang;
  sink: IssueSink;
  open: (location: InputLocation) => Promise<OpenedTable | null>;
  record: (kind: InputKind, table: OpenedTable, counts: RowCounts) => void;
  say?: (text: string) => void;
}

/** Maps a scored employee onto the rules' input. */
export function trainingInputOf(e: EmployeeResult, sources: TrainingSources): TrainingInput {
  return {
    nip: e.employee.nip,
    predikat: e.predikat,
    behaviour: sources.behaviour
      ? (sources.behaviour.get(e.employee.nip) ?? null)
      : e.behaviour ? behaviourForTraining(e.behaviour.values) : null,
    // The rules only read the aspects: the results' own list, not a copy.
    aspects: e.aspects,
    // The capaian numbers, without making the indicator results (their formula accessors).
    indicators: indicatorFigures(e),
    unsur: sources.unsur?.get(e.employee.nip) ?? null,
  };
}

/**
 * Behaviour per value → the rules' input. Takes rateBehaviour's BehaviourOk.values (or any list of
 * {key, mean, rating}, such as a per-value detail on EmployeeResult). Unknown keys are a bug upstream.
 * The list itself is returned once its keys are checked (the rules only read it): no copy per employee.
 */
export function behaviourForTraining(values: readonly { key: string; mean: number; rating: Rating }[]): NonNullable<TrainingInput['behaviour']> {
  for (const v of values) {
    if (!(BERAKHLAK_KEYS as readonly string[]).includes(v.key)) throw new RangeError(`behaviourForTraining: unknown BerAKHLAK value ${v.key}`);
  }
  return values as readonly { key: BerakhlakKey; mean: number; rating: Rating }[];
}

type UnsurInput = NonNullable<TrainingInput['unsur']>;

function unsurItems(result: IkmResult): UnsurInput['items'] {
  return Object.freeze(result.unsur.map((u) => Object.freeze({ key: u.key, mutu: u.mutu?.code ?? null, value: u.convertedRounded })));
}

/**
 * What many employees share in their rules' input, made once per run: the unsur items of an IKM
 * result, and the unsur input of a result and scope (every employee of a unit or of the same
 * services has the same one).
 */
export class UnsurInputCache {
  private readonly items = new Map<IkmResult, UnsurInput['items']>();
  private readonly inputs = new Map<IkmResult, Map<string, UnsurInput>>();
  /**
   * The input found for the shared object a scope is made from (an attribution's services list or
   * unit figures: one per unit and services, AttributionCache), with the result it was found for:
   * most employees' input is then found without writing their scope's text. Weak: nothing is kept
   * for objects no attribution holds any more.
   */
  private readonly byScopeSource = new WeakMap<object, { result: IkmResult; input: UnsurInput }>();

  /** inputOf(result, scope()), looked up first by `from`, the object the scope is made from. */
  inputFrom(result: IkmResult, from: object, scope: () => Text): UnsurInput {
    const known = this.byScopeSource.get(from);
    if (known !== undefined && known.result === result) return known.input;
    const input = this.inputOf(result, scope());
    this.byScopeSource.set(from, { result, input });
    return input;
  }

  /** The input of a result used by one employee alone (an officer's own, made anew when read): not kept here. */
  ownInputOf(result: IkmResult, scope: Text): UnsurInput {
    return Object.freeze({ scope: Object.freeze(scope), items: unsurItems(result) });
  }

  itemsOf(result: IkmResult): UnsurInput['items'] {
    let items = this.items.get(result);
    if (items === undefined) {
      items = unsurItems(result);
      this.items.set(result, items);
    }
    return items;
  }

  inputOf(result: IkmResult, scope: Text): UnsurInput {
    let byScope = this.inputs.get(result);
    if (byScope === undefined) this.inputs.set(result, (byScope = new Map()));
    let input = byScope.get(scope.id);
    if (input === undefined) byScope.set(scope.id, (input = Object.freeze({ scope: Object.freeze(scope), items: this.itemsOf(result) })));
    return input;
  }
}

/**
 * The survey unsur behind an employee's satisfaction → the rules' input: the IkmResult the
 * attribution used (the officer's own, the pooled services', or the unit's), with each unsur's
 * mutu and converted value. null when no survey applies to the employee. With a cache, employees
 * with the same result and scope get the same (frozen) input.
 */
export function unsurForTraining(a: AttributionSource, cache: UnsurInputCache = new UnsurInputCache()): TrainingInput['unsur'] {
  if (a.result === null || a.basis === null) return null;
  // An officer's result is made anew each time it is read (IkmGroups.byOfficer): not cached.
  if (a.basis === 'officer') return cache.ownInputOf(a.result, { id: `petugas ${a.nip}`, en: `officer ${a.nip}` });
  // The scope is the services' codes or the unit's name: found by the services list or unit figures it is made from.
  if (a.basis === 'service') {
    const services = a.services;
    return cache.inputFrom(a.result, services, () => {
      const codes = services.filter((s) => s.respondents > 0).map((s) => s.service).join(', ');
      return { id: `layanan ${codes}`, en: `service ${codes}` };
    });
  }
  const unit = a.unit;
  return cache.inputFrom(a.result, unit, () => ({ id: `unit ${unit.unit}`, en: `unit ${unit.unit}` }));
}

/**
 * Survey unsur per NIP from the feedback stage's report (null report: no survey this period), made
 * when read from the report's attributions (nothing kept per employee); null: no survey applies.
 */
export function unsurByNip(report: FeedbackReport | null | undefined): ReadonlyMap<string, TrainingInput['unsur']> {
  if (!report) return new Map();
  const attributions = report.employees;
  const cache = new UnsurInputCache();
  // Only the basis, result and scope are read: not the whole attribution (attributionSource).
  return new ComputedMap(attributions, (nip) => unsurForTraining(attributionSource(attributions, nip)!, cache), (nip) => {
    const a = attributionSource(attributions, nip);
    return a === undefined ? undefined : unsurForTraining(a, cache);
  });
}

/**
 * One copy of each distinct text. A recommendation's reason is the same text for every employee
 * with the same gap (every employee of a unit or service for a survey unsur, every employee with
 * predikat Kurang …): kept once, and flat, instead of one rope of concatenations per employee.
 * Bounded: past `max` distinct texts, new texts are kept as they are.
 */
export class TextIntern {
  private readonly texts = new Map<string, string>();
  constructor(private readonly max = 200_000) {}
  get(s: string): string {
    const known = this.texts.get(s);
    if (known !== undefined) return known;
    if (this.texts.size >= this.max) return s;
    // A text built by concatenation is a tree of pieces (~10 per reason, 32 bytes each) that hashing
    // does not undo: the kept copy is made afresh in one piece (JSON keeps every character as is).
    const flat = JSON.parse(JSON.stringify(s)) as string;
    this.texts.set(flat, flat);
    return flat;
  }
}

/**
 * One frozen object per distinct training item, and one frozen list per distinct list of items,
 * shared by the employees who have them: a unit's or service's survey gap, a predikat or a
 * behaviour rating gives many employees the same item, and many the same list (20,000 employees:
 * 28,500 items of which 3,800 distinct, 3,400 distinct lists, 9,600 empty). Read-only from then on;
 * bounded like TextIntern (past `max`, lists are kept as they are, still frozen).
 */
export class TrainingItemIntern {
  private readonly items = new Map<string, TrainingItem>();
  private readonly lists = new Map<string, TrainingItem[]>();
  constructor(private readonly max = 200_000) {}

  list(items: readonly TrainingItem[]): TrainingItem[] {
    const keys = items.map(itemKey);
    const listKey = keys.join('\u0002');
    const known = this.lists.get(listKey);
    if (known !== undefined) return known;
    const list = Object.freeze(items.map((item, i) => this.item(keys[i]!, item))) as TrainingItem[];
    if (this.lists.size < this.max) this.lists.set(listKey, list);
    return list;
  }

  private item(key: string, item: TrainingItem): TrainingItem {
    const known = this.items.get(key);
    if (known !== undefined) return known;
    Object.freeze(item.also);
    const frozen = Object.freeze(item);
    if (this.items.size < this.max) this.items.set(key, frozen);
    return frozen;
  }
}

/**
 * What the plan reads of an employee's training (PlanInput), one frozen object per distinct
 * combination of programs, cap and gaps without a program: kept for every employee until the plan is
 * made, the recommendations themselves (with their gaps and texts) were ~1.9 KB per employee, the
 * largest part of a run's memory at its peak (N = 1,000,000: 3.2 GB of heap in this stage).
 * Bounded like TrainingItemIntern (past `max`, new combinations are kept as they are).
 */
class PlanInputIntern {
  private readonly inputs = new Map<string, PlanInput>();
  private readonly programs = new Map<string, PlanInput['recommendations'][number]>();
  private readonly gaps = new Map<string, PlanInput['unmatched'][number]>();
  constructor(private readonly max = 200_000) {}

  of(t: Pick<EmployeeTraining, 'recommendations' | 'beyondCap' | 'unmatched'>): PlanInput {
    const programKeys = t.recommendations.map((r) => [r.code, r.program, r.hours, r.mode, r.provider].join('\u0000'));
    const gapKeys = t.unmatched.map((g) => [g.kind, g.key, g.label.id, g.label.en].join('\u0000'));
    // Only whether the cap left a program out is read: one shared list stands for "some".
    const beyondCap = t.beyondCap.length === 0 ? NONE_BEYOND : SOME_BEYOND;
    const key = [...programKeys, ...gapKeys, `${programKeys.length}|${gapKeys.length}|${beyondCap.length}`].join('\u0001');
    return this.shared(this.inputs, key, () => Object.freeze({
      recommendations: Object.freeze(t.recommendations.map((r, i) => this.shared(this.programs, programKeys[i]!,
        () => Object.freeze({ code: r.code, program: r.program, hours: r.hours, mode: r.mode, provider: r.provider })))),
      beyondCap,
      unmatched: Object.freeze(t.unmatched.map((g, i) => this.shared(this.gaps, gapKeys[i]!,
        () => Object.freeze({ kind: g.kind, key: g.key, label: Object.freeze({ ...g.label }) })))),
    }));
  }

  private shared<T>(map: Map<string, T>, key: string, make: () => T): T {
    const known = map.get(key);
    if (known !== undefined) return known;
    const value = make();
    if (map.size < this.max) map.set(key, value);
    return value;
  }
}
const NONE_BEYOND: readonly unknown[] = Object.freeze([]);
const SOME_BEYOND: readonly unknown[] = Object.freeze([true]);

/** Every field of an item, so items with the same key are equal. */
function itemKey(t: TrainingItem): string {
  return [t.code, t.reason, t.program, t.kind, t.sasaran, `${typeof t.gap}:${t.gap}`, t.priority, t.also.join('\u0001')].join('\u0000');
}

export function trainingItems(t: EmployeeTraining, lang: Lang, texts: TextIntern = new TextIntern()): TrainingItem[] {
  return t.recommendations.map((r) => ({
    code: r.code,
    reason: texts.get(recommendationReasonIn(r, lang)),
    program: r.program,
    kind: r.gap.kind,
    sasaran: texts.get(sasaranText(r.gap.kind, r.gap.key)),
    gap: r.gap.gap,
    priority: r.gap.priority,
    also: r.also.map((g) => texts.get(sasaranText(g.kind, g.key))),
  }));
}

/** Reads the catalogue and recommends for every employee; mutates `employees` (training, explanation). */
export async function runTrainingStage(ctx: TrainingStageContext, employees: EmployeeResult[], sources: TrainingSources = {}): Promise<TrainingRunResult> {
  const { config, lang, sink } = ctx;
  let catalogue: TrainingProgram[] = [];
  let catalogueFile: string | null = null;
  const location = locateInput(ctx.workspace, config, ctx.period, 'katalog-pelatihan', sink);
  if (location) {
    const table = await ctx.open(location);
    if (table) {
      ctx.say?.(lang === 'id' ? `Membaca ${location.display}` : `Reading ${location.display}`);
      const result = await ingestCatalogue(table, { aspects: config.aspects }, sink);
      catalogue = result.programs;
      catalogueFile = location.display;
      ctx.record('katalog-pelatihan', table, result.counts);
    }
  } else {
    sink.warning('INPUT_MISSING', { file: `${config.paths.data}/katalog-pelatihan.xlsx` }, {
      id: 'Tidak ada katalog pelatihan: celah kinerja dilaporkan tanpa program pelatihan.',
      en: 'No training catalogue: performance gaps are reported without training programmes.',
    }, {
      id: 'Buat katalog dari templat: appraise template katalog-pelatihan',
      en: 'Create the catalogue from the template: appraise template katalog-pelatihan',
    });
  }

  ctx.say?.(lang === 'id' ? 'Menyusun rekomendasi pelatihan' : 'Recommending training');
  const thresholds: TrainingThresholds = { ...config.training };
  const index = indexCatalogue(catalogue);
  // Every employee's full result (gaps and explanation steps in both languages, ~7 KB) is not
  // kept: the same pure call makes it again when byNip or an explanation is read.
  const recommend = (e: EmployeeResult): EmployeeTraining => recommendTraining(trainingInputOf(e, sources), index, thresholds);
  const texts = new TextIntern();
  const shared = new TrainingItemIntern();
  // The training steps, written when an explanation is read: one explainer for the run, no closure per employee.
  const explainer: StageExplainer = {
    explain(steps, result) {
      steps.push(...localiseSteps(recommend(result).steps, lang));
    },
  };
  const forPlan: { participant: { nip: string; name: string; unit: string }; training: PlanInput }[] = [];
  const planInputs = new PlanInputIntern();
  for (const e of employees) {
    const t = recommend(e);
    e.training = shared.list(trainingItems(t, lang, texts));
    // The employee (nip, name, unit) is the participant: the plan reads those three fields, and
    // shares the object the results keep instead of a copy per employee.
    forPlan.push({ participant: e.employee, training: planInputs.of(t) });
    extendExplanation(e, explainer);
  }
  const plan = planTraining(forPlan);
  forPlan.length = 0;
  let byNip: Map<string, EmployeeTraining> | null = null;
  return {
    catalogueFile,
    catalogue,
    thresholds,
    plan,
    get byNip(): Map<string, EmployeeTraining> {
      return (byNip ??= new Map(employees.map((e) => [e.employee.nip, recommend(e)])));
    },
  };
}
