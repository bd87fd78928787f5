import type { Config, InputKind } from '../config/schema.js';
import type { Lang } from '../domain/i18n.js';
import type { IssueSink } from '../domain/issues.js';
import type { Period } from '../domain/period.js';
import type { BehaviourRow } from '../engine/behaviour.js';
import type { Employee, EmployeeResult, IndicatorGroups } from '../engine/types.js';
import { scoreWork } from '../engine/work.js';
import { ingestBehaviour, type AppraiserWorkRating } from '../ingest/behaviour.js';
import type { RowCounts } from '../ingest/counts.js';
import { ingestIndicators } from '../ingest/indicators.js';
import { ingestUnits, type UnitRecord } from '../ingest/units.js';
import type { OpenedTable } from '../io/table.js';
import type { InputLocation } from '../workspace/layout.js';
import type { BehaviourInputs } from './appraisal-stage.js';
import { combineIndicators, IndicatorLists, type IndicatorPart } from './combine.js';
import { inputSources, missingSubPeriods, type PeriodSources } from './period-sources.js';
import type { TrendResult } from './types.js';
import type { Text } from '../domain/i18n.js';

/**
 * Reading the period's inputs for the appraisal: indicators, behaviour and units, each from the
 * period's own folder or combined from its sub-periods (SPEC §3.7). I/O lives here; the rules of
 * combination live in combine.ts and the stages.
 */
export interface StageIo {
  workspace: string;
  config: Config;
  period: Period;
  lang: Lang;
  sink: IssueSink;
  open(location: InputLocation): Promise<OpenedTable | null>;
  record(kind: InputKind, table: OpenedTable, counts: RowCounts): void;
  say(text: string): void;
}

export interface RosterView {
  employees: ReadonlyMap<string, Employee>;
  excluded: ReadonlySet<string>;
}

function reading(io: StageIo, display: string): void {
  io.say(io.lang === 'id' ? `Membaca ${display}` : `Reading ${display}`);
}

function combinedNote(io: StageIo, kind: InputKind, sources: PeriodSources): void {
  if (sources.mode !== 'combined') return;
  const used = sources.parts.map((p) => p.period.id).join(', ');
  const missing = missingSubPeriods(io.period, sources);
  const dir = `${io.config.paths.data}/${io.period.id}`;
  io.sink.add('info', 'PERIOD_COMBINED', { file: `${dir}/${kind}.xlsx` }, {
    id: `Tidak ada ${kind} untuk ${io.period.id}; digabung dari sub-periode ${used}${missing.length ? ` (tanpa data: ${missing.join(', ')})` : ''}.`,
    en: `No ${kind} for ${io.period.id}; combined from sub-periods ${used}${missing.length ? ` (no data: ${missing.join(', ')})` : ''}.`,
  }, {
    id: `Letakkan ${kind}.xlsx di ${dir}/ untuk memakai data periode itu sendiri.`,
    en: `Put ${kind}.xlsx in ${dir}/ to use that period's own data.`,
  });
}

export interface IndicatorInputs {
  /** The period's indicators, one group per NIP: the file's rows, or the sub-periods' combined. */
  groups: IndicatorGroups;
  /** Each NIP's group. */
  groupOf: ReadonlyMap<string, number>;
  /** The sub-period parts when combined (for the trend), else null. */
  parts: IndicatorPart[] | null;
}

export async function loadIndicators(io: StageIo, roster: RosterView): Promise<IndicatorInputs> {
  const sources = inputSources(io.workspace, io.config, io.period, 'indikator', io.sink);
  if (sources.mode === 'none') {
    io.sink.warning('INPUT_MISSING', { file: `${io.config.paths.data}/${io.period.id}/indikator.xlsx` }, {
      id: `Tidak ada data indikator untuk periode ${io.period.id}.`,
      en: `No indicator data for period ${io.period.id}.`,
    }, { id: 'Buat berkasnya dari templat: appraise template indikator', en: 'Create the file from the template: appraise template indikator' });
    return { groups: NO_INDICATORS, groupOf: NO_INDICATORS.groupOf, parts: null };
  }
  combinedNote(io, 'indikator', sources);
  const parts: IndicatorPart[] = [];
  for (const { period, location } of sources.parts) {
    const table = await io.open(location);
    if (!table) continue;
    reading(io, location.display);
    const result = await ingestIndicators(table, {
      roster: roster.employees,
      excluded: roster.excluded,
      aspects: io.config.aspects,
    }, io.sink);
    io.record('indikator', table, result.counts);
    parts.push({ period: period.id, groups: result.rows, groupOf: result.groupOf });
  }
  if (sources.mode === 'own') {
    const own = parts[0];
    return own ? { groups: own.groups, groupOf: own.groupOf, parts: null } : { groups: NO_INDICATORS, groupOf: NO_INDICATORS.groupOf, parts: null };
  }
  // Combined indicators stay objects: each carries its parts (a longer period only).
  const combined = new IndicatorLists(combineIndicators(parts, io.sink));
  return { groups: combined, groupOf: combined.groupOf, parts };
}

const NO_INDICATORS = new IndicatorLists(new Map());

/** Work score per sub-period, each scored alone (SPEC §3.7 trend). */
export function computeTrend(parts: readonly IndicatorPart[], employees: readonly EmployeeResult[], io: Pick<StageIo, 'config' | 'lang'>): TrendResult {
  const scores = new Map<string, (number | null)[]>();
  for (const e of employees) {
    scores.set(e.employee.nip, parts.map((part) => {
      const group = part.groupOf.get(e.employee.nip);
      if (group === undefined || part.groups.count(group) === 0) return null;
      const r = scoreWork({
        employee: e.employee,
        indicators: part.groups.indicators(group),
        satisfaction: null,
        aspects: io.config.aspects,
        scoring: io.config.scoring,
        ikmTarget: io.config.feedback.ikmTarget,
        lang: io.lang,
      });
      return r.workScore;
    }));
  }
  return { periods: parts.map((p) => p.period), scores };
}

export async function loadBehaviour(io: StageIo, roster: RosterView): Promise<BehaviourInputs> {
  const sources = inputSources(io.workspace, io.config, io.period, 'perilaku', io.sink);
  if (sources.mode === 'none') {
    io.sink.warning('INPUT_MISSING', { file: `${io.config.paths.data}/${io.period.id}/perilaku.xlsx` }, {
      id: `Tidak ada data perilaku untuk periode ${io.period.id}: predikat semua pegawai tertunda.`,
      en: `No behaviour data for period ${io.period.id}: every employee's predikat is pending.`,
    }, { id: 'Buat berkasnya dari templat: appraise template perilaku', en: 'Create the file from the template: appraise template perilaku' });
    return { present: false, byNip: new Map(), workRatings: new Map(), conflicts: new Map(), fromPeriod: null };
  }
  combinedNote(io, 'perilaku', sources);
  const byNip = new Map<string, BehaviourRow[]>();
  const workRatings = new Map<string, AppraiserWorkRating>();
  const conflicts = new Map<string, Text>();
  const fromPeriod = sources.mode === 'combined' ? new Map<string, string>() : null;
  let carried = 0;
  for (const { period, location } of sources.parts) {
    const table = await io.open(location);
    if (!table) continue;
    reading(io, location.display);
    const result = await ingestBehaviour(table, { roster: roster.employees, excluded: roster.excluded }, io.sink);
    io.record('perilaku', table, result.counts);
    // The latest sub-period that rates an employee replaces the earlier ones, whole.
    const touched = new Set([...result.byNip.keys(), ...result.conflicts.keys()]);
    for (const nip of touched) {
      byNip.set(nip, [...(result.byNip.get(nip) ?? [])]);
      const c = result.conflicts.get(nip);
      if (c) conflicts.set(nip, c);
      else conflicts.delete(nip);
      fromPeriod?.set(nip, period.id);
      workRatings.delete(nip);
    }
    if (sources.mode === 'own') for (const [nip, w] of result.workRatings) workRatings.set(nip, w);
    else carried += result.workRatings.size;
  }
  if (carried > 0) {
    // An appraiser's Rating Hasil Kerja rates that sub-period's results, not the longer period's.
    io.sink.add('info', 'WORK_RATING_NOT_CARRIED', { file: `${io.config.paths.data}/${io.period.id}/perilaku.xlsx` }, {
      id: `${carried} Rating Hasil Kerja di berkas perilaku sub-periode tidak dipakai untuk ${io.period.id}: rating itu menilai hasil sub-periodenya.`,
      en: `${carried} Rating Hasil Kerja of the sub-periods' behaviour files are not used for ${io.period.id}: they rate their sub-period's results.`,
    }, {
      id: `Untuk rating pejabat penilai atas periode ${io.period.id}, letakkan perilaku.xlsx di folder periode itu.`,
      en: `For the appraiser's rating of ${io.period.id}, put a perilaku.xlsx in that period's folder.`,
    });
  }
  return { present: true, byNip, workRatings, conflicts, fromPeriod };
}

export async function loadUnits(io: StageIo, roster: RosterView): Promise<Map<string, UnitRecord> | null> {
  const sources = inputSources(io.workspace, io.config, io.period, 'unit', io.sink);
  if (sources.mode === 'none') {
    io.sink.warning('INPUT_MISSING', { file: `${io.config.paths.data}/${io.period.id}/unit.xlsx` }, {
      id: `Tidak ada data unit untuk periode ${io.period.id}: predikat organisasi, aturan pimpinan dan kurva distribusi tidak diterapkan.`,
      en: `No unit data for period ${io.period.id}: organisational predikat, the leader rule and the distribution curve are not applied.`,
    }, { id: 'Buat berkasnya dari templat: appraise template unit', en: 'Create the file from the template: appraise template unit' });
    return null;
  }
  combinedNote(io, 'unit', sources);
  const out = new Map<string, UnitRecord>();
  const populations = new Map<string, (number | null)[]>();
  let display = '';
  for (const { location } of sources.parts) {
    const table = await io.open(location);
    if (!table) continue;
    reading(io, location.display);
    display = location.display;
    const result = await ingestUnits(table, { roster: roster.employees }, io.sink);
    io.record('unit', table, result.counts);
    for (const [unit, rec] of result.byUnit) {
      out.set(unit, rec); // the latest sub-period's predikat and leader
      const list = populations.get(unit) ?? [];
      list.push(rec.population);
      populations.set(unit, list);
    }
  }
  if (sources.mode === 'combined') {
    // People served in the longer period: the sum over its sub-periods, when every one gives it.
    for (const [unit, rec] of out) {
      const list = populations.get(unit)!;
      out.set(unit, { ...rec, population: list.every((p) => p !== null) ? (list as number[]).reduce((a, b) => a + b, 0) : null });
    }
  }
  const units = [...new Set([...roster.employees.values()].map((e) => e.unit))].sort();
  for (const unit of units) {
    if (out.has(unit) || display === '') continue;
    io.sink.warning('UNIT_NOT_IN_FILE', { file: display }, {
      id: `Unit '${unit}' ada di daftar pegawai tetapi tidak di berkas unit: kurva dan aturan pimpinan tidak diterapkan untuk unit ini.`,
      en: `Unit '${unit}' is in the roster but not in the unit file: the curve and the leader rule are not applied to it.`,
    }, { id: 'Tambahkan baris unit ini dengan Predikat Organisasinya.', en: 'Add a row for this unit with its Predikat Organisasi.' });
  }
  return out;
}
