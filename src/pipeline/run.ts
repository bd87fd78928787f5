import type { LoadedConfig } from '../config/load.js';
import { AppError, EXIT } from '../domain/errors.js';
import type { Lang } from '../domain/i18n.js';
import { IssueSink } from '../domain/issues.js';
import type { Period } from '../domain/period.js';
import type { Predikat } from '../domain/ratings.js';
import { PREDIKATS } from '../domain/ratings.js';
import { attributionSatisfaction } from '../engine/feedback-attribution.js';
import { extendExplanation, scoreWork, type StageExplainer } from '../engine/work.js';
import type { Employee, EmployeeResult, Indicator } from '../engine/types.js';
import { COLUMNS } from '../ingest/columns.js';
import type { RowCounts } from '../ingest/counts.js';
import { ingestRoster } from '../ingest/roster.js';
import { openTable, type OpenedTable } from '../io/table.js';
import { displayPath, locateInput, type InputLocation } from '../workspace/layout.js';
import { applyAppraisal, enrichUnits } from './appraisal-stage.js';
import { combineSteps } from './combine.js';
import { computeTrend, loadBehaviour, loadIndicators, loadUnits, type IndicatorInputs, type RosterView, type StageIo } from './period-inputs.js';
import { TOOL } from '../version.js';
import { applyUnitIkm, satisfactionExplainer, startFeedbackStage } from './feedback-stage.js';
import { runTrainingStage, unsurByNip } from './training.js';
import { runEkinerjaStage } from './ekinerja-stage.js';
import { applyHeapGrowthFor, checkHeapFor } from './memory.js';
import type { InputFileInfo, RunResult, UnitResult } from './types.js';

export interface RunInput {
  workspace: string;
  loaded: LoadedConfig;
  period: Period;
  lang: Lang;
  /** Called with a short progress text at each stage. */
  progress?: (text: string) => void;
  /**
   * Called once the roster and the indicators are read, before the scoring: work that needs only
   * these can start on another thread meanwhile (the run command's indicator csv worker). It must
   * not change what it is given.
   */
  onIndicatorsRead?: (read: IndicatorsRead) => void;
}

/** What a run has read when it calls RunInput.onIndicatorsRead. */
export interface IndicatorsRead {
  /** The roster's employees: every employee the run appraises, and only they (run.employees is one result each). */
  employees: ReadonlyMap<string, Employee>;
  /** The period's indicators: each employee's are group indicators.groupOf.get(nip), when it has one. */
  indicators: IndicatorInputs;
}

/**
 * files → io → ingest → engine: everything a run computes, with no output written. The commands
 * `validate` and `run` and every reporter share this one pass.
 */
export async function computeRun(input: RunInput): Promise<RunResult> {
  const { workspace, loaded, period, lang } = input;
  const config = loaded.config;
  const sink = new IssueSink(lang);
  const inputs: InputFileInfo[] = [];
  const say = input.progress ?? (() => {});

  const open = async (location: InputLocation): Promise<OpenedTable | null> =>
    openTable({
      path: location.path,
      displayName: location.display,
      columns: COLUMNS[location.kind],
      mapping: config.columns[location.kind],
      sink,
    });
  const record = (kind: InputFileInfo['kind'], table: Pick<OpenedTable, 'info' | 'sha256'>, counts: RowCounts) => {
    inputs.push({
      kind,
      file: table.info.file,
      sha256: table.sha256 ?? '',
      format: table.info.format,
      ...(table.info.encoding ? { encoding: table.info.encoding } : {}),
      ...(table.info.delimiter ? { delimiter: table.info.delimiter } : {}),
      ...(table.info.sheet ? { sheet: table.info.sheet } : {}),
      ...(table.info.headerRow ? { headerRow: table.info.headerRow } : {}),
      ...counts,
    });
  };

  // Roster: without it nothing can be scored.
  const rosterLocation = locateInput(workspace, config, period, 'pegawai', sink);
  const rosterTable = rosterLocation ? await open(rosterLocation) : null;
  if (!rosterLocation || !rosterTable) {
    throw new AppError(
      EXIT.data,
      rosterLocation
        ? (lang === 'id' ? `Daftar pegawai ${rosterLocation.display} tidak dapat dibaca.` : `The roster ${rosterLocation.display} cannot be read.`)
        : (lang === 'id' ? `Daftar pegawai tidak ditemukan (data/pegawai.xlsx atau .csv).` : 'No roster found (data/pegawai.xlsx or .csv).'),
      lang === 'id' ? 'Buat daftar pegawai dari templat: appraise template pegawai' : 'Create the roster from the template: appraise template pegawai',
      sink.issues.map((i) => `${i.file}${i.sheet ? '!' + i.sheet : ''}: ${i.message}`),
    );
  }
  say(lang === 'id' ? `Membaca ${rosterLocation.display}` : `Reading ${rosterLocation.display}`);
  const roster = await ingestRoster(rosterTable, period, sink);
  record('pegawai', rosterTable, roster.counts);
  // A roster too large for this process's heap stops here, not minutes later at V8's limit.
  checkHeapFor(roster.employees.size, lang);
  // Memory for time: V8's own heap growth when the roster leaves the heap ample room, bounded above.
  applyHeapGrowthFor(roster.employees.size);

  // The survey files are read meanwhile: on the second core when they are large (feedback-stage.ts).
  const survey = startFeedbackStage({ workspace, config, period, lang, employees: roster.employees });

  // Indicators, behaviour and units: the period's own files, or combined from its sub-periods (SPEC §3.7).
  const io: StageIo = { workspace, config, period, lang, sink, open, record, say };
  const rosterView: RosterView = { employees: roster.employees, excluded: new Set([...roster.rejectedNips, ...roster.inactiveNips]) };
  const indicatorInputs = await loadIndicators(io, rosterView);
  const { groups: indicatorGroups, groupOf: indicatorGroupOf } = indicatorInputs;
  input.onIndicatorsRead?.({ employees: roster.employees, indicators: indicatorInputs });
  const behaviourInputs = await loadBehaviour(io, rosterView);
  const unitRecords = await loadUnits(io, rosterView);

  // Citizen feedback (SPEC §4): IKM per unit, service and officer; satisfaction per employee.
  const feedback = await survey.finish({
    sink, say, record,
    units: unitRecords,
    unitFiles: inputs.filter((i) => i.kind === 'unit').map((i) => i.file),
  });

  say(lang === 'id' ? 'Menghitung nilai' : 'Scoring');
  const scored: EmployeeResult[] = [];
  // The IKM source step of the employees with feedback, written when an explanation is read.
  const satisfactionStep = feedback ? satisfactionExplainer(feedback, lang) : null;
  const noIndicators: Indicator[] = [];
  for (const employee of byUnitThenNip([...roster.employees.values()])) {
    // The attribution's satisfaction alone (undefined: no attribution), not the whole attribution.
    const satisfaction = feedback ? attributionSatisfaction(feedback.employees, employee.nip) : undefined;
    const group = indicatorGroupOf.get(employee.nip);
    const result = scoreWork({
      employee,
      // The result keeps the reference, not the objects: they are made again when read.
      indicators: group === undefined ? noIndicators : { groups: indicatorGroups, group },
      satisfaction: satisfaction ?? null,
      aspects: config.aspects,
      scoring: config.scoring,
      ikmTarget: config.feedback.ikmTarget,
      lang,
    });
    if (satisfaction !== undefined && satisfactionStep) extendExplanation(result, satisfactionStep);
    scored.push(result);
  }
  if (indicatorInputs.parts) {
    // How each combined indicator came from its sub-periods, written when the explanation is read.
    const indicatorsOf = (nip: string): Indicator[] => {
      const group = indicatorGroupOf.get(nip);
      return group === undefined ? [] : indicatorGroups.indicators(group);
    };
    const combined: StageExplainer = {
      explain(steps, result) {
        steps.unshift(...combineSteps(indicatorsOf(result.employee.nip), lang));
      },
    };
    for (const e of scored) {
      if (indicatorsOf(e.employee.nip).some((i) => i.combinedFrom !== undefined)) extendExplanation(e, combined);
    }
  }

  // Behaviour, the appraiser's rating, predikat, leader rule and curve (issue 4).
  const appraisal = applyAppraisal(scored, { behaviour: behaviourInputs, units: unitRecords, config, lang, sink });
  // Taken as it is: spreading a million results into a call overflowed the stack.
  const employees = appraisal.employees;
  // The work stage's results are copied by the appraisal: emptied, or this frame would keep every
  // one alive through the training stage (N = 1,000,000: ~0.25 GB).
  scored.length = 0;
  const trend = indicatorInputs.parts ? computeTrend(indicatorInputs.parts, employees, { config, lang }) : null;
  const units = enrichUnits(summariseUnits(employees), unitRecords, appraisal.curves, lang);
  applyUnitIkm(units, feedback);

  // Behaviour per value is read from each result (training.ts trainingInputOf): no map kept for the run.
  const training = await runTrainingStage({ workspace, config, period, lang, sink, open, record, say }, employees, {
    unsur: unsurByNip(feedback),
  });

  // The run's predikat beside e-Kinerja's, when the period has the converted list (issue 6).
  const ekinerja = await runEkinerjaStage({ workspace, config, period, lang, sink, record, say }, employees);

  return {
    tool: TOOL,
    period,
    regime: config.regime,
    config,
    configHash: loaded.hash,
    configFile: displayPath(workspace, loaded.file),
    workspaceDir: workspace,
    lang,
    employees,
    units,
    issues: sink.issues,
    inputs,
    feedback,
    training,
    trend,
    ekinerja,
  };
}

/**
 * One collator for every comparison: `a.localeCompare(b, 'id')` is defined as the compare of an
 * `Intl.Collator('id')` (ECMA-402), but builds that collator on each call.
 */
const UNIT_ORDER = new Intl.Collator('id');

/**
 * Employees by unit (the collator's order), then NIP. The units, a few hundred at most, are ranked
 * once (units the collator finds equal share a rank), so the employee sort compares numbers: the
 * same order as comparing the unit names in every comparison.
 */
function byUnitThenNip<T extends { unit: string; nip: string }>(list: T[]): T[] {
  const units = [...new Set(list.map((e) => e.unit))].sort(UNIT_ORDER.compare);
  const rank = new Map<string, number>();
  units.forEach((unit, i) => rank.set(unit, i > 0 && UNIT_ORDER.compare(units[i - 1]!, unit) === 0 ? rank.get(units[i - 1]!)! : i));
  // Each employee's rank looked up once (not twice per comparison); the positions are sorted.
  const ranks = Int32Array.from(list, (e) => rank.get(e.unit)!);
  const order = Uint32Array.from(list.keys());
  order.sort((i, j) => {
    const a = list[i]!, b = list[j]!;
    return ranks[i]! - ranks[j]! || (a.nip < b.nip ? -1 : a.nip > b.nip ? 1 : 0);
  });
  return Array.from(order, (i) => list[i]!);
}

export function summariseUnits(employees: EmployeeResult[]): UnitResult[] {
  const byUnit = new Map<string, EmployeeResult[]>();
  for (const e of employees) {
    const list = byUnit.get(e.employee.unit) ?? [];
    list.push(e);
    byUnit.set(e.employee.unit, list);
  }
  return [...byUnit.entries()]
    .sort(([a], [b]) => UNIT_ORDER.compare(a, b))
    .map(([unit, list]) => {
      const scored = list.filter((e) => e.workScore !== null);
      const withPredikat = list.filter((e) => e.predikat !== null);
      return {
        unit,
        employees: list.length,
        complete: list.filter((e) => e.status === 'complete').length,
        pending: list.filter((e) => e.status === 'pending').length,
        meanWorkScore: scored.length ? scored.reduce((s, e) => s + e.workScore!, 0) / scored.length : null,
        orgPredikat: null,
        counts: withPredikat.length
          ? Object.fromEntries(PREDIKATS.map((p) => [p, withPredikat.filter((e) => e.predikat === p).length])) as Record<Predikat, number>
          : null,
        curve: null,
        ikm: null,
        mutu: null,
        respondents: null,
      };
    });
}
