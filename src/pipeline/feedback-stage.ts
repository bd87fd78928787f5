import type { Config } from '../config/schema.js';
import type { StageExplainer } from '../engine/work.js';
import type { Lang } from '../domain/i18n.js';
import type { IssueSink } from '../domain/issues.js';
import type { CellPlace } from '../domain/place.js';
import type { Period } from '../domain/period.js';
import { attributionsOf, explainAttribution } from '../engine/feedback-attribution.js';
import type { FeedbackAttribution } from '../engine/feedback-attribution.js';
import { IkmGrouper, IkmTally } from '../engine/ikm.js';
import type { IkmResult, IkmWeight } from '../engine/ikm.js';
import { sampleAdequacy } from '../engine/sample.js';
import type { SampleAdequacy } from '../engine/sample.js';
import type { Employee, EmployeeResult } from '../engine/types.js';
import type { RowCounts } from '../ingest/counts.js';
import type { FeedbackTotals } from '../ingest/feedback.js';
import type { UnitRecord } from '../ingest/units.js';
import type { OpenedTable } from '../io/table.js';
import { feedbackSources } from './period-sources.js';
import { startSurveyRead } from './survey-read.js';
import type { SurveyReadOptions } from './survey-read.js';
import type { UnitResult } from './types.js';

/**
 * The citizen-feedback stage of a run (SPEC §2, §3.2, §4): merges every feedback file of the
 * period into per-group tallies (responses are not kept), computes IKM per unit, service and
 * officer, the sample adequacy from the population served (Jumlah Penerima Layanan of the unit
 * records the run already read, pipeline/period-inputs.ts loadUnits: one reading of the unit file,
 * one validation), and each employee's satisfaction (officer → services → unit,
 * engine/feedback-attribution.ts).
 *
 * Longer periods (SPEC §3.7): a period whose own umpan-balik folder holds no file pools the files
 * of its sub-periods (period-sources.ts feedbackSources: a year or semester its quarters, a quarter
 * its months); every response is still checked against the whole period's dates. The population
 * is then the sum over the sub-periods' unit files (loadUnits).
 */

export interface FeedbackGroupReport {
  /** Unit name, service code or officer NIP. */
  key: string;
  result: IkmResult;
}

export interface FeedbackUnitReport extends FeedbackGroupReport {
  /** Whether the roster has this unit (a response may name an unknown unit, reported as a warning). */
  inRoster: boolean;
  population: number | null;
  populationPlace: CellPlace | null;
  sample: SampleAdequacy | null;
  /** The unit's services: responses naming both this unit and the service. */
  services: FeedbackGroupReport[];
}

export interface FeedbackOfficerReport extends FeedbackGroupReport {
  name: string | null;
  unit: string | null;
  /** Whether the officer's own IKM is used for their aspect (respondents ≥ minRespondentsOfficer). */
  ownIkmUsed: boolean;
}

export interface FeedbackReport {
  weight: IkmWeight;
  minRespondentsOfficer: number;
  ikmTarget: number;
  /** The feedback files read (workspace-relative), in reading order. */
  files: string[];
  totals: FeedbackTotals;
  /** The unit file(s) the population came from (several, comma-separated, when summed over sub-periods), or null. */
  populationSource: string | null;
  overall: IkmResult | null;
  units: FeedbackUnitReport[];
  /** Per service across all units. */
  services: FeedbackGroupReport[];
  /** Responses naming a service but no unit. */
  servicesWithoutUnit: FeedbackGroupReport[];
  officers: FeedbackOfficerReport[];
  /** Attribution of every appraised employee, keyed by NIP (made when read: attributionsOf). */
  employees: ReadonlyMap<string, FeedbackAttribution>;
}

export interface FeedbackStageStart {
  workspace: string;
  config: Config;
  period: Period;
  lang: Lang;
  /** The appraised employees (roster, after transfers). */
  employees: ReadonlyMap<string, Employee>;
  /** Where and from what size the survey is read in a worker thread (tests); see survey-read.ts. */
  survey?: SurveyReadOptions;
}

export interface FeedbackStageRest {
  sink: IssueSink;
  /** Records an input file in the run (Metodologi, manifest). */
  record: (kind: 'umpan-balik', table: Pick<OpenedTable, 'info' | 'sha256'>, counts: RowCounts) => void;
  /**
   * The unit records of the run (loadUnits: validated, by the roster's unit name; for a combined
   * period the population is summed over the sub-periods), or null without a unit file.
   */
  units: ReadonlyMap<string, UnitRecord> | null;
  /** The unit files those records were read from (workspace-relative), in reading order. */
  unitFiles: readonly string[];
  say?: (text: string) => void;
}

/** The stage once started: `finish` takes the survey's reading into the run and computes the rest. */
export interface PendingFeedbackStage {
  /** Whether the survey is being read in a worker thread meanwhile. */
  readonly inWorker: boolean;
  finish(rest: FeedbackStageRest): Promise<FeedbackReport | null>;
}

/**
 * Starts the stage as soon as the roster is read: the survey files are read meanwhile, in a worker
 * thread when they are large (survey-read.ts), while the run reads its other inputs. `finish`, called
 * where the stage always ran (after the unit file), adds the survey's issues to the run's sink then,
 * so the issues, the log and every report keep the order they had when the survey was read there.
 */
export function startFeedbackStage(start: FeedbackStageStart): PendingFeedbackStage {
  const { workspace, config, period, lang, employees } = start;
  const sources = feedbackSources(workspace, config, period);
  if (sources.mode === 'none') return { inWorker: false, finish: async () => null };
  const locations = sources.parts.flatMap((p) => p.location);

  const units = new Set<string>();
  const services = new Set<string>();
  for (const e of employees.values()) {
    units.add(e.unit);
    for (const s of e.services) services.add(s);
  }
  const survey = startSurveyRead({
    lang,
    period,
    mapping: config.columns['umpan-balik'],
    locations,
    units: [...units],
    services: [...services],
    nips: [...employees.keys()],
  }, start.survey);

  return {
    inWorker: survey.inWorker,
    finish: async (rest) => {
      const { sink } = rest;
      if (sources.mode === 'combined') {
        const used = sources.parts.map((p) => p.period.id).join(', ');
        const dir = `${config.paths.data}/${period.id}/umpan-balik`;
        sink.add('info', 'PERIOD_COMBINED', { file: dir }, {
          id: `Tidak ada berkas umpan balik di ${dir}; tanggapan sub-periode ${used} digabung (${locations.length} berkas).`,
          en: `No feedback file in ${dir}; the responses of sub-periods ${used} are pooled (${locations.length} files).`,
        }, {
          id: `Letakkan berkas survei di ${dir}/ untuk memakai data periode itu sendiri.`,
          en: `Put survey files in ${dir}/ to use that period's own data.`,
        });
      }
      const read = await survey.result();
      const say = rest.say ?? (() => {});
      for (const f of read.files) say(lang === 'id' ? `Membaca ${f.display}` : `Reading ${f.display}`);
      // One at a time: a survey with many bad rows has more issues than a call can take as arguments.
      for (const issue of read.issues) sink.issues.push(issue);
      for (const f of read.files) rest.record('umpan-balik', f, f.counts);
      // The officers' NIPs as the roster's strings, not the copies the worker sent (kept for the run).
      const officers = read.groups.officers.map((nip) => employees.get(nip)?.nip ?? nip);
      const grouper = IkmGrouper.fromData({ ...read.groups, officers });
      return finishFeedback(start, rest, units, read.files.map((f) => f.info.file), read.totals, grouper);
    },
  };
}

/** IKM results, sample adequacy and attribution from the survey's tallies (main thread). */
function finishFeedback(
  start: FeedbackStageStart,
  input: FeedbackStageRest,
  units: ReadonlySet<string>,
  files: string[],
  totals: FeedbackTotals,
  grouper: IkmGrouper,
): FeedbackReport {
  const { config, employees } = start;
  const sink = input.sink;
  // Population served per unit, for the sample adequacy: from the unit records the run already
  // validated. A combined period's population is a sum; its place is the latest sub-period's cell.
  const population = new Map<string, { value: number; place: CellPlace }>();
  for (const [unit, rec] of input.units ?? []) {
    if (rec.population !== null) population.set(unit, { value: rec.population, place: rec.places.population });
  }
  const populationSource = input.units !== null && input.unitFiles.length > 0 ? input.unitFiles.join(', ') : null;
  const summed = input.unitFiles.length > 1;

  const opts = { weight: config.feedback.ikmWeight };
  const groups = grouper.result(opts);
  const attributions = attributionsOf(employees, groups, { ...opts, minRespondentsOfficer: config.feedback.minRespondentsOfficer });

  // Roster units with a population but no response yet still show their sample shortfall.
  const byUnit = new Map(groups.byUnit);
  for (const unit of [...population.keys()].sort()) {
    if (units.has(unit) && !byUnit.has(unit)) byUnit.set(unit, new IkmTally().result(opts));
  }
  const unitReports: FeedbackUnitReport[] = [...byUnit].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([unit, result]) => {
    const pop = population.get(unit) ?? null;
    return {
      key: unit,
      result,
      inRoster: units.has(unit),
      population: pop?.value ?? null,
      populationPlace: pop?.place ?? null,
      sample: pop === null ? null : sampleAdequacy(pop.value, result.respondents),
      services: [...(groups.byUnitService.get(unit) ?? new Map<string, IkmResult>())].map(([key, r]) => ({ key, result: r })),
    };
  });
  for (const u of unitReports) {
    const s = u.sample;
    if (s !== null && !s.adequate) {
      sink.add('info', 'SAMPLE_INADEQUATE', u.populationPlace ?? { file: populationSource ?? '' }, {
        id: `Sampel survei ${u.key} kurang: ${s.respondents} responden untuk ${s.population} penerima layanan${summed ? ` (jumlah ${populationSource})` : ''}; tabel Krejcie–Morgan meminta ${s.required} (kurang ${s.shortBy}).`,
        en: `The survey sample of ${u.key} is too small: ${s.respondents} respondents for ${s.population} citizens served${summed ? ` (the sum of ${populationSource})` : ''}; the Krejcie–Morgan table asks for ${s.required} (${s.shortBy} short).`,
      }, {
        id: 'IKM tetap dihitung, tetapi hasilnya kurang mewakili; tambah responden pada periode berikutnya.',
        en: 'The IKM is still computed, but it is less representative; survey more respondents next period.',
      });
    }
  }

  const min = config.feedback.minRespondentsOfficer;
  // Made when read, like the officers' results (IkmGroups.byOfficer): one in every few employees is
  // named as an officer, and the reports read the list once or twice.
  const officers = (): FeedbackOfficerReport[] => [...groups.byOfficer].map(([nip, result]) => {
    const e = employees.get(nip);
    return { key: nip, result, name: e?.name ?? null, unit: e?.unit ?? null, ownIkmUsed: result.respondents >= min && result.ikm !== null };
  });

  return {
    weight: opts.weight,
    minRespondentsOfficer: min,
    ikmTarget: config.feedback.ikmTarget,
    files,
    totals,
    populationSource,
    overall: groups.overall.respondents > 0 ? groups.overall : null,
    units: unitReports,
    services: [...groups.byService].map(([key, result]) => ({ key, result })),
    servicesWithoutUnit: [...groups.byServiceWithoutUnit].map(([key, result]) => ({ key, result })),
    get officers(): FeedbackOfficerReport[] {
      return officers();
    },
    employees: attributions,
  };
}

/**
 * The IKM source (which officer, services or unit, how many respondents) in an employee's
 * explanation, in the run's language, right before the aspect steps: one explainer for the run,
 * added to the employees the report attributes feedback to, and written when an explanation is read.
 */
export function satisfactionExplainer(report: FeedbackReport, lang: Lang): StageExplainer {
  return {
    explain(explanation, result) {
      const a = report.employees.get(result.employee.nip);
      if (!a) return;
      const step = { step: 'satisfaction', text: explainAttribution(a, lang), value: a.ikmRounded };
      const at = explanation.findIndex((s) => s.step === 'aspect');
      if (at < 0) explanation.push(step);
      else explanation.splice(at, 0, step);
    },
  };
}

/** Fills units[].ikm/mutu/respondents from the per-unit IKM. */
export function applyUnitIkm(units: UnitResult[], report: FeedbackReport | null): void {
  if (!report) return;
  const byUnit = new Map(report.units.map((u) => [u.key, u.result]));
  for (const u of units) {
    const r = byUnit.get(u.unit);
    if (!r) continue;
    u.ikm = r.ikm;
    u.mutu = r.mutu?.code ?? null;
    u.respondents = r.respondents;
  }
}
