import { explainAttribution } from '../engine/feedback-attribution.js';
import type { IkmResult, IkmWeight, UnsurKey } from '../engine/ikm.js';
import type { FeedbackReport } from '../pipeline/feedback-stage.js';
import type { RunResult } from '../pipeline/types.js';
import { compareText, roundForReport, sortedIssues } from './common.js';
import { issueDocument } from './issues-json.js';
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

export function ikmDocument(r: IkmResult, lang: 'id' | 'en'): IkmDocument {
  return {
    respondents: r.respondents,
    ikm: r.ikmRounded,
    mutu: r.mutu?.code ?? null,
    mutuLabel: r.mutu?.label[lang] ?? null,
    weakestUnsur: r.weakest,
    unsurWithoutAnswers: [...r.missingUnsur],
    unsur: r.unsur.map((u) => ({
      key: u.key,
      label: u.label[lang],
      respondents: u.n,
      nrr: roundForReport(u.nrr),
      converted: u.convertedRounded,
      mutu: u.mutu?.code ?? null,
    })),
    lowAnswers: r.lowAnswers,
    complaints: {
      total: r.complaints.total,
      byCategory: r.complaints.byCategory.map((c) => ({ category: c.label[lang], count: c.count })),
    },
  };
}

export function buildFeedbackDocument(f: FeedbackReport, lang: 'id' | 'en'): FeedbackDocument {
  const doc = streamedFeedbackDocument(f, lang);
  return { ...doc, officers: [...doc.officers], employees: [...doc.employees] };
}

/**
 * A list of a document made element by element as it is written (results-json's writer), never
 * held whole: the feedback section has one element per officer and per employee, a million at
 * national scale. JSON.stringify writes it as the array it stands for (toJSON).
 */
export class LazyList<T> implements Iterable<T> {
  constructor(private readonly elements: () => Iterable<T>) {}
  [Symbol.iterator](): Iterator<T> {
    return this.elements()[Symbol.iterator]();
  }
  toJSON(): T[] {
    return [...this];
  }
}

type Streamed<D> = Omit<D, 'officers' | 'employees'> & {
  officers: LazyList<FeedbackDocument['officers'][number]>;
  employees: LazyList<FeedbackDocument['employees'][number]>;
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
    officers: new LazyList(function* () {
      for (const o of f.officers) yield { nip: o.key, name: o.name, unit: o.unit, ownIkmUsed: o.ownIkmUsed, ...ikmDocument(o.result, lang) };
    }),
    // By NIP: the keys are sorted, and each attribution is made when its line is written (the
    // report makes them when read), so they are not all alive at once.
    employees: new LazyList(function* () {
      const nips = [...f.employees.keys()].sort(compareText);
      for (const nip of nips) {
        const a = f.employees.get(nip)!;
        yield {
          nip: a.nip,
          basis: a.basis,
          ikm: a.ikmRounded,
          mutu: a.mutu?.code ?? null,
          respondents: a.satisfaction?.respondents ?? null,
          services: a.services.map((s) => ({ service: s.service, respondents: s.respondents, withoutUnit: s.withoutUnit, ikm: roundForReport(s.ikm) })),
          officerRespondents: a.officer.respondents,
          officerComplaints: a.complaints.total,
          officerLowAnswers: a.complaints.lowAnswers,
          basisComplaints: a.basisComplaints.total,
          explanation: explainAttribution(a, lang),
        };
      }
    }),
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
