import { explainAttribution } from '../engine/feedback-attribution.js';
import type { FeedbackAttribution } from '../engine/feedback-attribution.js';
import type { IkmResult, IkmWeight, UnsurKey, UnsurResult } from '../engine/ikm.js';
import type { FeedbackOfficerReport, FeedbackReport } from '../pipeline/feedback-stage.js';
import type { RunResult } from '../pipeline/types.js';
import { compareText, roundForReport, sortedIssues } from './common.js';
import { issueDocument } from './issues-json.js';
import type { JsonOut } from './json-out.js';
import type { IssueDocument } from './results-json.js';

/**
 * The `feedback` section of hasil-<period>.json and the body of survei-kepuasan-<period>.json
 * (SPEC §4, §6). Values rounded half-up to 2 decimals for output (IKM and converted unsur values:
 * the exactly rounded figure the mutu was decided on); keys in a fixed order; every key present.
 */

export interface UnsurDocument {
  key: UnsurKey;
  label: string;
  respondents: number;
  nrr: number | null;
  /** NRR × 25, rounded as classified. */
  converted: number | null;
  mutu: string | null;
}

export interface IkmDocument {
  respondents: number;
  ikm: number | null;
  mutu: string | null;
  mutuLabel: string | null;
  weakestUnsur: UnsurKey | null;
  unsurWithoutAnswers: UnsurKey[];
  unsur: UnsurDocument[];
  lowAnswers: number;
  complaints: { total: number; byCategory: { category: string; count: number }[] };
}

export interface FeedbackDocument {
  weight: IkmWeight;
  ikmTarget: number;
  minRespondentsOfficer: number;
  files: string[];
  rows: { read: number; accepted: number; rejected: number; duplicates: number; outsidePeriod: number };
  populationSource: string | null;
  overall: IkmDocument | null;
  units: (IkmDocument & {
    unit: string;
    inRoster: boolean;
    population: number | null;
    sample: { required: number; adequate: boolean; shortBy: number; tableRow: number | null } | null;
    services: (IkmDocument & { service: string })[];
  })[];
  services: (IkmDocument & { service: string })[];
  servicesWithoutUnit: (IkmDocument & { service: string })[];
  officers: (IkmDocument & { nip: string; name: string | null; unit: string | null; ownIkmUsed: boolean })[];
  employees: {
    nip: string;
    basis: string | null;
    ikm: number | null;
    mutu: string | null;
    respondents: number | null;
    services: { service: string; respondents: number; withoutUnit: number; ikm: number | null }[];
    officerRespondents: number;
    officerComplaints: number;
    officerLowAnswers: number;
    basisComplaints: number;
    explanation: string;
  }[];
}

type Lang = 'id' | 'en';
type OfficerDocument = FeedbackDocument['officers'][number];
type EmployeeFeedbackDocument = FeedbackDocument['employees'][number];

/**
 * A document's keys in order, each with its value and, for the officers' and employees' lines of
 * hasil-<period>.json, the same value's JSON written straight (results-json's JsonOut): one
 * definition for both; test/unit/results-json-lines compares them.
 */
type Fields<D, S> = { [K in keyof D]: { value(s: S, lang: Lang): D[K]; write(out: JsonOut, s: S, lang: Lang): void } };

function unsurDocument(u: UnsurResult, lang: Lang): UnsurDocument {
  return { key: u.key, label: u.label[lang], respondents: u.n, nrr: roundForReport(u.nrr), converted: u.convertedRounded, mutu: u.mutu?.code ?? null };
}

const IKM_FIELDS: Fields<IkmDocument, IkmResult> = {
  respondents: { value: (r) => r.respondents, write: (out, r) => out.num(r.respondents) },
  ikm: { value: (r) => r.ikmRounded, write: (out, r) => out.num(r.ikmRounded) },
  mutu: { value: (r) => r.mutu?.code ?? null, write: (out, r) => out.str(r.mutu?.code ?? null) },
  mutuLabel: { value: (r, lang) => r.mutu?.label[lang] ?? null, write: (out, r, lang) => out.str(r.mutu?.label[lang] ?? null) },
  weakestUnsur: { value: (r) => r.weakest, write: (out, r) => out.str(r.weakest) },
  unsurWithoutAnswers: { value: (r) => [...r.missingUnsur], write: (out, r) => out.list(r.missingUnsur, (k) => out.w.json(k)) },
  unsur: {
    value: (r, lang) => r.unsur.map((u) => unsurDocument(u, lang)),
    write: (out, r, lang) =>
      out.list(r.unsur, (u) => {
        out.w.ascii('{"key":');
        out.w.json(u.key);
        out.w.ascii(',"label":');
        out.w.json(u.label[lang]);
        out.w.ascii(',"respondents":');
        out.num(u.n);
        out.w.ascii(',"nrr":');
        out.num(roundForReport(u.nrr));
        out.w.ascii(',"converted":');
        out.num(u.convertedRounded);
        out.w.ascii(',"mutu":');
        out.str(u.mutu?.code ?? null);
        out.w.byte(125);
      }),
  },
  lowAnswers: { value: (r) => r.lowAnswers, write: (out, r) => out.num(r.lowAnswers) },
  complaints: {
    value: (r, lang) => ({
      total: r.complaints.total,
      byCategory: r.complaints.byCategory.map((c) => ({ category: c.label[lang], count: c.count })),
    }),
    write: (out, r, lang) => {
      out.w.ascii('{"total":');
      out.num(r.complaints.total);
      out.w.ascii(',"byCategory":');
      out.list(r.complaints.byCategory, (c) => {
        out.w.ascii('{"category":');
        out.w.json(c.label[lang]);
        out.w.ascii(',"count":');
        out.num(c.count);
        out.w.byte(125);
      });
      out.w.byte(125);
    },
  },
};

type OfficerOwn = Omit<OfficerDocument, keyof IkmDocument>;

/** An officer's own keys; the IKM's keys follow (ikmDocument). */
const OFFICER_FIELDS: Fields<OfficerOwn, FeedbackOfficerReport> = {
  nip: { value: (o) => o.key, write: (out, o) => out.w.json(o.key) },
  name: { value: (o) => o.name, write: (out, o) => out.str(o.name) },
  unit: { value: (o) => o.unit, write: (out, o) => out.str(o.unit) },
  ownIkmUsed: { value: (o) => o.ownIkmUsed, write: (out, o) => out.w.ascii(o.ownIkmUsed ? 'true' : 'false') },
};

const EMPLOYEE_FIELDS: Fields<EmployeeFeedbackDocument, FeedbackAttribution> = {
  nip: { value: (a) => a.nip, write: (out, a) => out.w.json(a.nip) },
  basis: { value: (a) => a.basis, write: (out, a) => out.str(a.basis) },
  ikm: { value: (a) => a.ikmRounded, write: (out, a) => out.num(a.ikmRounded) },
  mutu: { value: (a) => a.mutu?.code ?? null, write: (out, a) => out.str(a.mutu?.code ?? null) },
  respondents: { value: (a) => a.satisfaction?.respondents ?? null, write: (out, a) => out.num(a.satisfaction?.respondents ?? null) },
  services: {
    value: (a) => a.services.map((s) => ({ service: s.service, respondents: s.respondents, withoutUnit: s.withoutUnit, ikm: roundForReport(s.ikm) })),
    write: (out, a) =>
      out.list(a.services, (s) => {
        out.w.ascii('{"service":');
        out.w.json(s.service);
        out.w.ascii(',"respondents":');
        out.num(s.respondents);
        out.w.ascii(',"withoutUnit":');
        out.num(s.withoutUnit);
        out.w.ascii(',"ikm":');
        out.num(roundForReport(s.ikm));
        out.w.byte(125);
      }),
  },
  officerRespondents: { value: (a) => a.officer.respondents, write: (out, a) => out.num(a.officer.respondents) },
  officerComplaints: { value: (a) => a.complaints.total, write: (out, a) => out.num(a.complaints.total) },
  officerLowAnswers: { value: (a) => a.complaints.lowAnswers, write: (out, a) => out.num(a.complaints.lowAnswers) },
  basisComplaints: { value: (a) => a.basisComplaints.total, write: (out, a) => out.num(a.basisComplaints.total) },
  explanation: { value: (a, lang) => explainAttribution(a, lang), write: (out, a, lang) => out.w.json(explainAttribution(a, lang)) },
};

/** The fields' keys in order, each with its separator before it: `{"nip":`, `,"name":`, … */
interface Layout<D, S> {
  keys: (keyof D)[];
  fields: Fields<D, S>;
  /** Separator and key of each field; the first one's separator is `{` unless `continues`. */
  heads: Buffer[];
}

function layout<D, S>(fields: Fields<D, S>, continues = false): Layout<D, S> {
  const keys = Object.keys(fields) as (keyof D)[];
  return { keys, fields, heads: keys.map((k, i) => Buffer.from(`${i === 0 && !continues ? '{' : ','}${JSON.stringify(k)}:`)) };
}

const IKM_OWN = layout(IKM_FIELDS);
const IKM_AFTER = layout(IKM_FIELDS, true);
const OFFICER = layout(OFFICER_FIELDS);
const EMPLOYEE = layout(EMPLOYEE_FIELDS);

function documentOf<D, S>(l: Layout<D, S>, s: S, lang: Lang, into = {} as D): D {
  for (const k of l.keys) into[k] = l.fields[k].value(s, lang);
  return into;
}

/** The object's keys, without the closing brace (so that more keys may follow). */
function writeKeys<D, S>(out: JsonOut, l: Layout<D, S>, s: S, lang: Lang): void {
  for (let i = 0; i < l.keys.length; i++) {
    out.w.bytes(l.heads[i]!);
    l.fields[l.keys[i]!].write(out, s, lang);
  }
}

function ikmDocument(r: IkmResult, lang: Lang): IkmDocument {
  return documentOf(IKM_OWN, r, lang);
}

function officerDocument(o: FeedbackOfficerReport, lang: Lang): OfficerDocument {
  const own = documentOf(OFFICER, o, lang) as OfficerDocument;
  return documentOf<IkmDocument, IkmResult>(IKM_AFTER, o.result, lang, own) as OfficerDocument;
}

/** An officer's line: compact(officerDocument(o, lang)). */
function writeOfficer(out: JsonOut, o: FeedbackOfficerReport, lang: Lang): void {
  writeKeys(out, OFFICER, o, lang);
  writeKeys(out, IKM_AFTER, o.result, lang);
  out.w.byte(125);
}

/** An employee's line of the feedback section: compact(employeeFeedbackDocument(a, lang)). */
function writeEmployeeFeedback(out: JsonOut, a: FeedbackAttribution, lang: Lang): void {
  writeKeys(out, EMPLOYEE, a, lang);
  out.w.byte(125);
}

export function buildFeedbackDocument(f: FeedbackReport, lang: 'id' | 'en'): FeedbackDocument {
  const doc = streamedFeedbackDocument(f, lang);
  return { ...doc, officers: [...doc.officers], employees: [...doc.employees] };
}

/**
 * A list of a document made element by element as it is written (results-json's writer), never
 * held whole: the feedback section has one element per officer and per employee, a million at
 * national scale. Its elements are made from `sources` by `doc`; JSON.stringify writes it as the
 * array it stands for (toJSON); the hasil JSON's writer writes each source with `write` instead,
 * the same bytes as compact(doc(source)) without making the element.
 */
export class LazyList<T, S = unknown> implements Iterable<T> {
  constructor(
    readonly sources: () => Iterable<S>,
    private readonly doc: (source: S) => T,
    readonly write: (out: JsonOut, source: S) => void,
  ) {}
  *[Symbol.iterator](): Iterator<T> {
    for (const s of this.sources()) yield this.doc(s);
  }
  toJSON(): T[] {
    return [...this];
  }
}

type Streamed<D> = Omit<D, 'officers' | 'employees'> & {
  officers: LazyList<OfficerDocument, FeedbackOfficerReport>;
  employees: LazyList<EmployeeFeedbackDocument, FeedbackAttribution>;
};

/** The feedback section with its officers and employees as LazyLists: the same keys and elements as buildFeedbackDocument. */
export function streamedFeedbackDocument(f: FeedbackReport, lang: 'id' | 'en'): Streamed<FeedbackDocument> {
  const t = f.totals;
  return {
    weight: f.weight,
    ikmTarget: f.ikmTarget,
    minRespondentsOfficer: f.minRespondentsOfficer,
    files: [...f.files],
    rows: { read: t.read, accepted: t.accepted, rejected: t.rejected, duplicates: t.duplicates, outsidePeriod: t.outsidePeriod },
    populationSource: f.populationSource,
    overall: f.overall === null ? null : ikmDocument(f.overall, lang),
    units: f.units.map((u) => ({
      unit: u.key,
      inRoster: u.inRoster,
      population: u.population,
      sample: u.sample === null ? null : { required: u.sample.required, adequate: u.sample.adequate, shortBy: u.sample.shortBy, tableRow: u.sample.tableRow },
      ...ikmDocument(u.result, lang),
      services: u.services.map((s) => ({ service: s.key, ...ikmDocument(s.result, lang) })),
    })),
    services: f.services.map((s) => ({ service: s.key, ...ikmDocument(s.result, lang) })),
    servicesWithoutUnit: f.servicesWithoutUnit.map((s) => ({ service: s.key, ...ikmDocument(s.result, lang) })),
    officers: new LazyList(
      () => f.officers,
      (o) => officerDocument(o, lang),
      (out, o) => writeOfficer(out, o, lang),
    ),
    // By NIP: the keys are sorted, and each attribution is made when its line is written (the
    // report makes them when read), so they are not all alive at once.
    employees: new LazyList(
      function* () {
        const nips = [...f.employees.keys()].sort(compareText);
        for (const nip of nips) yield f.employees.get(nip)!;
      },
      (a) => documentOf(EMPLOYEE, a, lang),
      (out, a) => writeEmployeeFeedback(out, a, lang),
    ),
  };
}

/** Files whose issues belong in the survey report: the feedback files, the unit file, the roster. */
export function feedbackIssueFiles(run: RunResult): Set<string> {
  return new Set(run.inputs.filter((i) => i.kind === 'umpan-balik' || i.kind === 'unit' || i.kind === 'pegawai').map((i) => i.file));
}

export interface SurveyDocument {
  period: string;
  generatedBy: string;
  organisation: string;
  feedback: FeedbackDocument | null;
  issues: IssueDocument[];
}

/** survei-kepuasan-<period>.json: the survey report alone (`appraise feedback`). */
export function buildSurveyDocument(run: RunResult): SurveyDocument {
  const files = feedbackIssueFiles(run);
  const issues = sortedIssues(run.issues.filter((i) => files.has(i.file) || i.file.includes('/umpan-balik/')));
  return {
    period: run.period.id,
    generatedBy: `appraise ${run.tool.version}`,
    organisation: run.config.organisation,
    feedback: run.feedback ? buildFeedbackDocument(run.feedback, run.lang) : null,
    issues: issues.map(issueDocument),
  };
}

export function surveyFileName(periodId: string, ext: 'xlsx' | 'json'): string {
  return `survei-kepuasan-${periodId}.${ext}`;
}
