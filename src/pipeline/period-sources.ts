import type { Config, InputKind } from '../config/schema.js';
import type { IssueSink } from '../domain/issues.js';
import type { Period } from '../domain/period.js';
import { subPeriods } from '../domain/period.js';
import { locateFeedbackFiles, locateInput, type InputLocation } from '../workspace/layout.js';

/**
 * SPEC §3.7: a longer period uses its own folder when it has the input, otherwise the inputs of
 * its sub-periods (a year or a semester: its quarters; a quarter: its months), looked up again
 * one level down for a sub-period that has no folder of its own. The result is a list of
 * (sub-period, location) pairs in time order, for any input kind; each stage combines them by
 * its own rule (indicators by Agregasi, behaviour: the latest, feedback: pooled).
 */
export interface PeriodSource<L = InputLocation> {
  /** The period whose folder holds the input: the run's period itself, or one of its sub-periods. */
  period: Period;
  location: L;
}

export interface PeriodSources<L = InputLocation> {
  /** own: the period's own folder (or a shared file such as data/pegawai.xlsx); combined: sub-periods; none: nothing found. */
  mode: 'own' | 'combined' | 'none';
  parts: PeriodSource<L>[];
}

/**
 * Where one input kind comes from for `period`. `find(p)` locates it for one period (null when
 * absent). A sub-period without the input is skipped: the combined period is made of the
 * sub-periods that have it, and the caller can name the missing ones from `missingSubPeriods`.
 */
export function resolveSources<L>(period: Period, find: (p: Period) => L | null): PeriodSources<L> {
  const own = find(period);
  if (own !== null) return { mode: 'own', parts: [{ period, location: own }] };
  const parts = collect(period, find);
  return parts.length === 0 ? { mode: 'none', parts } : { mode: 'combined', parts };
}

function collect<L>(period: Period, find: (p: Period) => L | null): PeriodSource<L>[] {
  const out: PeriodSource<L>[] = [];
  for (const sub of subPeriods(period)) {
    const here = find(sub);
    if (here !== null) out.push({ period: sub, location: here });
    else out.push(...collect(sub, find));
  }
  return out;
}

/** resolveSources for one input file kind (indikator, perilaku, unit, ...). */
export function inputSources(workspace: string, config: Config, period: Period, kind: InputKind, sink: IssueSink): PeriodSources {
  return resolveSources(period, (p) => locateInput(workspace, config, p, kind, sink));
}

/** resolveSources for the feedback folder: each part is every file of one (sub-)period, to be pooled. */
export function feedbackSources(workspace: string, config: Config, period: Period): PeriodSources<InputLocation[]> {
  return resolveSources(period, (p) => {
    const files = locateFeedbackFiles(workspace, config, p);
    return files.length > 0 ? files : null;
  });
}

/** The direct sub-periods that contributed nothing (to say so in the report). */
export function missingSubPeriods<L>(period: Period, sources: PeriodSources<L>): string[] {
  if (sources.mode !== 'combined') return [];
  const covered = sources.parts.map((p) => p.period);
  return subPeriods(period)
    .filter((s) => !covered.some((c) => c.start.getTime() >= s.start.getTime() && c.end.getTime() <= s.end.getTime()))
    .map((s) => s.id);
}
