import type { Lang, Text } from '../domain/i18n.js';
import { formatNumber } from '../domain/exact.js';
import type { SatisfactionSummary } from './types.js';
import { ComputedMap } from './computed-map.js';
import { groupCounts, NO_COMPLAINTS, poolIkm, UNSUR_KEYS } from './ikm.js';
import type { ComplaintCount, ComplaintSummary, GroupCounts, IkmGroups, IkmOptions, IkmResult, Mutu } from './ikm.js';

/**
 * Which citizen-satisfaction figure an employee's kepuasan-masyarakat aspect uses (SPEC §3.2):
 *
 * 1. officer: the officer's own IKM, when at least `minRespondentsOfficer` responses name the
 *    employee as NIP Petugas;
 * 2. service: else the IKM of the services the employee serves (roster Layanan), pooled;
 * 3. unit: else the IKM of the employee's unit;
 * 4. none: else null (the work-score engine applies its missing-aspect policy).
 *
 * Pooling services: the answers of all those services' responses are added and NRR recomputed
 * (`poolIkm`), rather than averaging the services' IKMs. IKM is linear in NRR, so when nobody left
 * an answer blank this equals the respondent-weighted mean of the service IKMs; with blanks it
 * weights each unsur by the answers actually given to it, exactly as if the services had been one
 * survey, and an unsur left blank in one service is not dragged to that service's weight.
 *
 * Unit scope: an employee serves a service in their own unit, so of a service's responses only
 * those that name the employee's unit count, plus those that name no unit (they cannot be placed,
 * and the service code is all they say). Responses naming the same service in another unit are
 * about other staff and are left out.
 */

export interface FeedbackEmployee {
  nip: string;
  unit: string;
  /** Service codes the employee serves (roster Layanan). */
  services: readonly string[];
}

export interface AttributionOptions extends IkmOptions {
  /** Responses naming the officer needed for the officer's own IKM (config, default 30). */
  minRespondentsOfficer: number;
}

export type SatisfactionBasis = SatisfactionSummary['basis'];

export interface ServiceSource {
  readonly service: string;
  /** Responses counted for this employee: from their unit plus those without a unit. */
  readonly respondents: number;
  readonly withoutUnit: number;
  /** IKM of those responses alone (for the explanation); null when none. */
  readonly ikm: number | null;
}

export interface NamedComplaints extends ComplaintSummary {
  /** Responses naming the employee as NIP Petugas (whether or not enough for an own IKM). */
  readonly respondents: number;
  /** Answers of 1 or 2 in those responses. */
  readonly lowAnswers: number;
}

/**
 * One employee's attribution. The parts that depend only on the unit, the services or the result
 * used (satisfaction, services, unit, officer counts) are one object shared by every employee they
 * apply to: all fields are read-only.
 */
export interface FeedbackAttribution {
  readonly nip: string;
  /** What the work-score engine consumes; `mutu` is the letter A–D. null when no feedback applies. */
  readonly satisfaction: Readonly<SatisfactionSummary> | null;
  readonly ikmRounded: number | null;
  readonly mutu: Mutu | null;
  readonly basis: SatisfactionBasis | null;
  /** The IKM result used (pooled over the services for basis service): its unsur feed §5 training. */
  readonly result: IkmResult | null;
  readonly officer: { readonly respondents: number; readonly minRespondents: number };
  readonly services: readonly ServiceSource[];
  readonly unit: { readonly unit: string; readonly respondents: number; readonly ikm: number | null };
  /** Complaints and low answers in responses naming this employee as the officer who served. */
  readonly complaints: NamedComplaints;
  /** Complaints in the responses the satisfaction is based on (the service's or unit's). */
  readonly basisComplaints: ComplaintSummary;
  /** Made when read, in both languages (the satisfaction step of a shown explanation, the feedback JSON). */
  readonly explanation: Text;
}

/** Complaints naming an employee no response names as officer: shared by all of them. */
const NOT_NAMED: NamedComplaints = Object.freeze({ total: 0, byCategory: Object.freeze([]), respondents: 0, lowAnswers: 0 });

/**
 * Pooled results by the parts they pool (same parts in the same order → the same result object).
 * Employees who serve the same services share one pooled IkmResult instead of each holding a
 * copy (at 100,000 employees: ~1.5 KB each). Valid for one set of groups and one weight.
 */
export class PoolCache {
  private readonly root: PoolNode = { next: new Map(), result: null };

  pool(parts: readonly IkmResult[], opts: IkmOptions): IkmResult {
    let node = this.root;
    for (const p of parts) {
      let next = node.next.get(p);
      if (next === undefined) node.next.set(p, (next = { next: new Map(), result: null }));
      node = next;
    }
    return (node.result ??= poolIkm(parts, opts));
  }
}

interface PoolNode {
  next: Map<IkmResult, PoolNode>;
  result: IkmResult | null;
}

interface ServicesOfEmployee {
  services: readonly ServiceSource[];
  /** The services' responses pooled; null when none of them has a response. */
  result: IkmResult | null;
}

/**
 * The parts of attributions that many employees have in common, made once: pooled results, the
 * service sources of a unit and list of services, the unit figures, the satisfaction of a result
 * and the officer counts. Valid for one set of groups and one set of options (one run).
 */
export class AttributionCache {
  readonly pools = new PoolCache();
  /** By unit, then by the service codes (servicesKey). */
  private readonly servicesOf = new Map<string, Map<string, ServicesOfEmployee>>();
  private readonly units = new Map<string, FeedbackAttribution['unit']>();
  private readonly satisfactions = new Map<IkmResult, Map<SatisfactionBasis, Readonly<SatisfactionSummary>>>();
  private readonly officers = new Map<number, FeedbackAttribution['officer']>();

  services(unit: string, codes: readonly string[], groups: IkmGroups, opts: IkmOptions): ServicesOfEmployee {
    let ofUnit = this.servicesOf.get(unit);
    if (ofUnit === undefined) this.servicesOf.set(unit, (ofUnit = new Map()));
    const key = servicesKey(codes);
    let s = ofUnit.get(key);
    if (s === undefined) ofUnit.set(key, (s = serviceSources(unit, codes, groups, opts, this.pools)));
    return s;
  }

  unit(unit: string, result: IkmResult | null): FeedbackAttribution['unit'] {
    let u = this.units.get(unit);
    if (u === undefined) this.units.set(unit, (u = Object.freeze({ unit, respondents: result?.respondents ?? 0, ikm: result?.ikm ?? null })));
    return u;
  }

  satisfaction(result: IkmResult, basis: SatisfactionBasis): Readonly<SatisfactionSummary> | null {
    if (result.ikm === null || result.mutu === null) return null;
    // An officer's result is made anew each time it is read (IkmGroups.byOfficer) and used by that
    // officer alone: keeping its satisfaction here would keep every one read.
    if (basis === 'officer') return Object.freeze({ ikm: result.ikm, mutu: result.mutu.code, respondents: result.respondents, basis });
    let byBasis = this.satisfactions.get(result);
    if (byBasis === undefined) this.satisfactions.set(result, (byBasis = new Map()));
    let s = byBasis.get(basis);
    if (s === undefined) byBasis.set(basis, (s = Object.freeze({ ikm: result.ikm, mutu: result.mutu.code, respondents: result.respondents, basis })));
    return s;
  }

  officer(respondents: number, minRespondents: number): FeedbackAttribution['officer'] {
    let o = this.officers.get(respondents);
    if (o === undefined) this.officers.set(respondents, (o = Object.freeze({ respondents, minRespondents })));
    return o;
  }
}

/**
 * A list of service codes as one key: the code itself for the one service most employees serve (a
 * string the roster holds, its hash kept: nothing is made per read), else the codes after a NUL,
 * which no single code starts with.
 */
function servicesKey(codes: readonly string[]): string {
  return codes.length === 1 ? codes[0]! : codes.length === 0 ? '\u0000' : `\u0000${codes.join('\u0000')}`;
}

/** The employee's services in their unit: each service's responses, and all of them pooled. */
function serviceSources(unit: string, codes: readonly string[], groups: IkmGroups, opts: IkmOptions, pools: PoolCache): ServicesOfEmployee {
  const services: ServiceSource[] = [];
  const serviceParts: IkmResult[] = [];
  const ownUnit = groups.byUnitService.get(unit);
  for (const code of codes) {
    const inUnit = ownUnit?.get(code) ?? null;
    const noUnit = groups.byServiceWithoutUnit.get(code) ?? null;
    const parts = [inUnit, noUnit].filter((r): r is IkmResult => r !== null && r.respondents > 0);
    const respondents = parts.reduce((a, r) => a + r.respondents, 0);
    const alone = parts.length === 0 ? null : parts.length === 1 ? parts[0] : pools.pool(parts, opts);
    services.push(Object.freeze({ service: code, respondents, withoutUnit: noUnit?.respondents ?? 0, ikm: alone?.ikm ?? null }));
    serviceParts.push(...parts);
  }
  return { services: Object.freeze(services), result: serviceParts.length === 0 ? null : pools.pool(serviceParts, opts) };
}

/**
 * The `explanation` property of every attribution: one getter shared by all of them (no function
 * per employee), making the text when read (the satisfaction step of a shown explanation, the
 * feedback JSON) rather than keeping it in both languages for every employee.
 */
const EXPLANATION_PROPERTY: PropertyDescriptor = {
  get(this: FeedbackAttribution): Text {
    return { id: explain(this, 'id'), en: explain(this, 'en') };
  },
  enumerable: true,
};

/** `a.explanation[lang]`, making only that language's text (a run writes one). */
export function explainAttribution(a: FeedbackAttribution, lang: Lang): string {
  // A copy (reports/anonymize.ts) keeps its explanation as data, its NIPs replaced: read that.
  const made = Object.getOwnPropertyDescriptor(a, 'explanation')?.get === EXPLANATION_PROPERTY.get;
  return made ? explain(a, lang) : a.explanation[lang];
}

function checkedMinRespondents(opts: AttributionOptions): number {
  const min = opts.minRespondentsOfficer;
  if (!Number.isInteger(min) || min < 1) throw new RangeError(`minRespondentsOfficer must be a whole number ≥ 1, got ${min}`);
  return min;
}

/** What an employee's IKM is taken from (SPEC §4): their own as an officer, else their services', else their unit's. */
interface BasisDecision {
  /** The counts of the responses naming the employee as officer; null when none does. */
  officer: GroupCounts | null;
  served: ServicesOfEmployee;
  unitResult: IkmResult | null;
  basis: SatisfactionBasis | null;
}

/** The basis, decided from the officer's counts (no officer result is made for it). */
function decideBasis(employee: FeedbackEmployee, groups: IkmGroups, min: number, ikmOpts: IkmOptions, cache: AttributionCache): BasisDecision {
  const officer = groupCounts(groups.byOfficer, employee.nip) ?? null;
  const served = servedBy(employee, groups, ikmOpts, cache);
  const unitResult = groups.byUnit.get(employee.unit) ?? null;
  const basis: SatisfactionBasis | null =
    officer !== null && officer.respondents >= min && officer.answered ? 'officer'
      : served.result !== null && served.result.ikm !== null ? 'service'
        : unitResult !== null && unitResult.ikm !== null ? 'unit'
          : null;
  return { officer, served, unitResult, basis };
}

/** The employee's services (each once) in their unit, from the cache. */
function servedBy(employee: FeedbackEmployee, groups: IkmGroups, opts: IkmOptions, cache: AttributionCache): ServicesOfEmployee {
  // Most employees serve one service or none: nothing to remove then.
  const list = employee.services;
  const codes = list.length < 2 ? null : new Set(list);
  return cache.services(employee.unit, codes === null || codes.size === list.length ? list : [...codes], groups, opts);
}

export function attributeFeedback(
  employee: FeedbackEmployee,
  groups: IkmGroups,
  opts: AttributionOptions,
  cache: AttributionCache = new AttributionCache(),
): FeedbackAttribution {
  const min = checkedMinRespondents(opts);
  const ikmOpts: IkmOptions = { weight: opts.weight };

  const { officer, served, unitResult, basis } = decideBasis(employee, groups, min, ikmOpts, cache);
  const officerN = officer?.respondents ?? 0;
  // The officer's result is made only when it is used (an officer's own IKM).
  const result: IkmResult | null =
    basis === 'officer' ? groups.byOfficer.get(employee.nip)! : basis === 'service' ? served.result : basis === 'unit' ? unitResult : null;

  // An officer is named in one employee's attribution only: their complaints are not shared.
  const complaints: NamedComplaints = officer === null ? NOT_NAMED : {
    total: officer.complaints.total,
    byCategory: officer.complaints.byCategory,
    respondents: officerN,
    lowAnswers: officer.lowAnswers,
  };

  // A plain object, as attributions always were: code that copies plain data (reports/anonymize.ts)
  // still copies it, reading `explanation` like any other property.
  const attribution = {
    nip: employee.nip,
    satisfaction: basis !== null && result !== null ? cache.satisfaction(result, basis) : null,
    ikmRounded: result?.ikmRounded ?? null,
    mutu: result?.mutu ?? null,
    basis,
    result,
    officer: cache.officer(officerN, min),
    services: served.services,
    unit: cache.unit(employee.unit, unitResult),
    complaints,
    basisComplaints: result?.complaints ?? NO_COMPLAINTS,
  };
  return Object.defineProperty(attribution, 'explanation', EXPLANATION_PROPERTY) as FeedbackAttribution;
}

/**
 * Attribution of every employee, keyed by NIP, made when read: a run reads each a few times (the
 * work score, training, the reports) and the parts many employees share come from one cache, so
 * nothing is kept per employee but the employees themselves (held by the results anyway).
 * Iterates in the order of `employees`.
 */
export function attributionsOf(
  employees: ReadonlyMap<string, FeedbackEmployee>,
  groups: IkmGroups,
  opts: AttributionOptions,
): ReadonlyMap<string, FeedbackAttribution> {
  checkedMinRespondents(opts);
  return new AttributionMap(employees, groups, opts, new AttributionCache());
}

/** attributionsOf's map: also answers basisComplaintTotal without making the attribution. */
class AttributionMap extends ComputedMap<string, FeedbackAttribution> {
  // Private fields, as ComputedMap's: a comparison of two maps sees their entries only.
  readonly #employees: ReadonlyMap<string, FeedbackEmployee>;
  readonly #groups: IkmGroups;
  readonly #opts: AttributionOptions;
  readonly #cache: AttributionCache;

  constructor(employees: ReadonlyMap<string, FeedbackEmployee>, groups: IkmGroups, opts: AttributionOptions, cache: AttributionCache) {
    super(employees, (nip) => attributeFeedback(employees.get(nip)!, groups, opts, cache), (nip) => {
      const e = employees.get(nip);
      return e === undefined ? undefined : attributeFeedback(e, groups, opts, cache);
    });
    this.#employees = employees;
    this.#groups = groups;
    this.#opts = opts;
    this.#cache = cache;
  }

  /** The basis attributeFeedback decides for `nip` and the result it reads; undefined without feedback. */
  #decided(nip: string) {
    const employee = this.#employees.get(nip);
    if (employee === undefined) return undefined;
    const opts = this.#opts;
    const groups = this.#groups;
    const { served, unitResult, basis } = decideBasis(employee, groups, opts.minRespondentsOfficer, { weight: opts.weight }, this.#cache);
    const result: IkmResult | null =
      basis === 'officer' ? groups.byOfficer.get(employee.nip)! : basis === 'service' ? served.result : basis === 'unit' ? unitResult : null;
    return { employee, served, unitResult, basis, result };
  }

  /** See attributionSatisfaction: attributeFeedback's satisfaction. */
  satisfaction(nip: string): FeedbackAttribution['satisfaction'] | undefined {
    const d = this.#decided(nip);
    if (d === undefined) return undefined;
    return d.basis !== null && d.result !== null ? this.#cache.satisfaction(d.result, d.basis) : null;
  }

  /** See attributionSource: the same fields as attributeFeedback's attribution. */
  source(nip: string): AttributionSource | undefined {
    const d = this.#decided(nip);
    if (d === undefined) return undefined;
    return { nip: d.employee.nip, basis: d.basis, result: d.result, services: d.served.services, unit: this.#cache.unit(d.employee.unit, d.unitResult) };
  }

  /** `get(nip)?.basisComplaints.total`, from the basis attributeFeedback decides, without making the attribution. */
  basisComplaintTotal(nip: string): number | undefined {
    const employee = this.#employees.get(nip);
    if (employee === undefined) return undefined;
    const opts = this.#opts;
    const d = decideBasis(employee, this.#groups, opts.minRespondentsOfficer, { weight: opts.weight }, this.#cache);
    if (d.basis === 'officer') return d.officer!.complaintTotal;
    if (d.basis === 'service') return d.served.result!.complaints.total;
    if (d.basis === 'unit') return d.unitResult!.complaints.total;
    return NO_COMPLAINTS.total;
  }
}

/**
 * `attributions.get(nip)?.satisfaction` (undefined: no attribution for the NIP): for attributions
 * made by attributionsOf, from the basis attributeFeedback decides, without making the rest of the
 * attribution (the work score reads only this, once per employee). Other maps are read as they are.
 */
export function attributionSatisfaction(attributions: ReadonlyMap<string, FeedbackAttribution>, nip: string): FeedbackAttribution['satisfaction'] | undefined {
  if (attributions instanceof AttributionMap) return attributions.satisfaction(nip);
  return attributions.get(nip)?.satisfaction;
}

/** What an attribution says of the IKM result used and whose it is: the survey unsur's source (SPEC §5). */
export type AttributionSource = Pick<FeedbackAttribution, 'nip' | 'basis' | 'result' | 'services' | 'unit'>;

/**
 * `attributions.get(nip)`'s nip, basis, result, services and unit: for attributions made by
 * attributionsOf, from the basis attributeFeedback decides, without making the rest of the
 * attribution (the training stage reads only these, once per employee). Other maps are read as
 * they are.
 */
export function attributionSource(attributions: ReadonlyMap<string, FeedbackAttribution>, nip: string): AttributionSource | undefined {
  if (attributions instanceof AttributionMap) return attributions.source(nip);
  return attributions.get(nip);
}

/**
 * An employee's `basisComplaints.total` in attributions made by attributionsOf, without making
 * the attribution (nor an officer's result): the Pegawai sheet reads only this. Other maps (a copy
 * made by reports/anonymize.ts) are read as they are.
 */
export function basisComplaintTotal(attributions: ReadonlyMap<string, FeedbackAttribution>, nip: string): number | undefined {
  if (attributions instanceof AttributionMap) return attributions.basisComplaintTotal(nip);
  return attributions.get(nip)?.basisComplaints.total;
}

/** Attribution for every employee, keyed by NIP. */
export function attributeAllFeedback(
  employees: Iterable<FeedbackEmployee>,
  groups: IkmGroups,
  opts: AttributionOptions,
): Map<string, FeedbackAttribution> {
  const out = new Map<string, FeedbackAttribution>();
  const cache = new AttributionCache();
  for (const e of employees) out.set(e.nip, attributeFeedback(e, groups, opts, cache));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Explanation

const L = (lang: Lang, id: string, en: string): string => (lang === 'id' ? id : en);

function respondentsWord(n: number, lang: Lang): string {
  return L(lang, `${n} responden`, `${n} ${n === 1 ? 'respondent' : 'respondents'}`);
}

function ikmPhrase(r: IkmResult, lang: Lang): string {
  const mutu = r.mutu!;
  return `IKM ${formatNumber(r.ikmRounded!, lang)}, mutu ${mutu.code} (${mutu.label[lang]})`;
}

function categories(list: readonly ComplaintCount[], lang: Lang): string {
  return list.map((c) => `${c.label[lang]} ${c.count}`).join(', ');
}

function missingNote(r: IkmResult, lang: Lang): string {
  if (r.missingUnsur.length === 0) return '';
  const k = UNSUR_KEYS.length - r.missingUnsur.length;
  const list = r.missingUnsur.join(', ');
  return L(
    lang,
    `Unsur tanpa jawaban: ${list}; bobot dibagi ulang atas ${k} unsur yang dijawab.`,
    `Unsur without answers: ${list}; weights renormalised over the ${k} answered unsur.`,
  );
}

function explain(a: FeedbackAttribution, lang: Lang): string {
  const min = a.officer.minRespondents;
  const parts: string[] = [];
  const answered = a.services.filter((s) => s.respondents > 0);
  const silent = a.services.filter((s) => s.respondents === 0).map((s) => s.service);

  if (a.basis === 'officer') {
    parts.push(
      L(
        lang,
        `Kepuasan masyarakat dari IKM petugas sendiri: ${respondentsWord(a.officer.respondents, lang)} menyebut NIP Petugas ${a.nip} (minimum ${min}); ${ikmPhrase(a.result!, lang)}.`,
        `Citizen satisfaction from the officer's own IKM: ${respondentsWord(a.officer.respondents, lang)} named officer NIP ${a.nip} (minimum ${min}); ${ikmPhrase(a.result!, lang)}.`,
      ),
    );
  } else if (a.basis === 'service') {
    const list = answered
      .map((s) => {
        const extra = s.withoutUnit > 0 ? L(lang, `, ${s.withoutUnit} di antaranya tanpa unit`, `, ${s.withoutUnit} of them without a unit`) : '';
        return `${s.service} (${respondentsWord(s.respondents, lang)}${extra})`;
      })
      .join(', ');
    parts.push(
      L(
        lang,
        `Kepuasan masyarakat dari IKM layanan yang dilayani pegawai di ${a.unit.unit}: ${list}; jawaban ${respondentsWord(a.result!.respondents, lang)} digabung dan NRR dihitung ulang; ${ikmPhrase(a.result!, lang)}.`,
        `Citizen satisfaction from the IKM of the services the employee serves in ${a.unit.unit}: ${list}; the answers of ${respondentsWord(a.result!.respondents, lang)} pooled and NRR recomputed; ${ikmPhrase(a.result!, lang)}.`,
      ),
    );
    if (silent.length > 0) parts.push(L(lang, `Layanan tanpa responden: ${silent.join(', ')}.`, `Services without respondents: ${silent.join(', ')}.`));
  } else if (a.basis === 'unit') {
    const reason =
      a.services.length === 0
        ? L(lang, 'pegawai tidak tercatat melayani layanan tertentu', 'the employee serves no listed service')
        : answered.length === 0
          ? L(lang, `layanan ${silent.join(', ')} tidak memiliki responden di unit ini`, `services ${silent.join(', ')} have no respondents in this unit`)
          : L(lang, 'responden layanannya tidak menjawab satu unsur pun', 'the respondents of its services answered no unsur');
    parts.push(
      L(
        lang,
        `Kepuasan masyarakat dari IKM unit ${a.unit.unit} (${respondentsWord(a.result!.respondents, lang)}), karena ${reason}; ${ikmPhrase(a.result!, lang)}.`,
        `Citizen satisfaction from the IKM of unit ${a.unit.unit} (${respondentsWord(a.result!.respondents, lang)}), because ${reason}; ${ikmPhrase(a.result!, lang)}.`,
      ),
    );
  } else {
    parts.push(
      L(
        lang,
        `Tidak ada umpan balik masyarakat untuk pegawai ini: tidak ada responden yang cukup menyebut petugas, layanannya, maupun unit ${a.unit.unit}.`,
        `No citizen feedback applies to this employee: not enough respondents named the officer, and none concern their services or unit ${a.unit.unit}.`,
      ),
    );
  }
  if (a.result !== null) {
    const note = missingNote(a.result, lang);
    if (note !== '') parts.push(note);
  }
  if (a.basis !== 'officer' && a.officer.respondents > 0) {
    parts.push(
      L(
        lang,
        `Petugas disebut oleh ${respondentsWord(a.officer.respondents, lang)}, kurang dari minimum ${min} untuk IKM petugas sendiri.`,
        `The officer was named by ${respondentsWord(a.officer.respondents, lang)}, fewer than the ${min} needed for an own IKM.`,
      ),
    );
  }
  if (a.complaints.total > 0) {
    parts.push(
      L(
        lang,
        `Pengaduan yang menyebut petugas: ${a.complaints.total} (${categories(a.complaints.byCategory, lang)}).`,
        `Complaints naming the officer: ${a.complaints.total} (${categories(a.complaints.byCategory, lang)}).`,
      ),
    );
  }
  return parts.join(' ');
}
