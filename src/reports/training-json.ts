import { sasaranText, type GapKind } from '../engine/training.js';
import type { TrainingItem } from '../engine/types.js';
import type { RunResult } from '../pipeline/types.js';
import { roundForReport } from './common.js';

/**
 * The `training` parts of hasil-<period>.json (SPEC §6): per employee `{code, reason}` plus added
 * keys, and the run's plan. Keys in a fixed order; labels in the run's language; numbers rounded
 * half-up to 2 decimals for output only.
 */

export interface TrainingItemDocument {
  code: string;
  reason: string;
  program: string;
  kind: GapKind;
  sasaran: string;
  /** threshold − value (2 decimals), or the predikat / rating / mutu code. */
  gap: number | string;
  priority: number;
  also: string[];
}

export interface TrainingDocument {
  catalogue: { file: string | null; programs: number };
  thresholds: { aspectThreshold: number; indicatorThreshold: number; maxProgramsPerEmployee: number };
  employees: number;
  recommendations: number;
  /** Employees whose matching programs exceeded maxProgramsPerEmployee. */
  capped: number;
  programs: {
    code: string;
    program: string;
    hours: number | null;
    mode: string | null;
    provider: string | null;
    participants: number;
    nips: string[];
    units: string[];
    totalHours: number | null;
  }[];
  units: { unit: string; employees: number; recommendations: number; programs: string[]; totalHours: number; withoutHours: number }[];
  unmatched: { kind: GapKind; sasaran: string; label: string; employees: number; nips: string[] }[];
}

export function trainingItemDocument(t: TrainingItem): TrainingItemDocument {
  return {
    code: t.code,
    reason: t.reason,
    program: t.program,
    kind: t.kind,
    sasaran: t.sasaran,
    gap: typeof t.gap === 'number' ? (roundForReport(t.gap) as number) : t.gap,
    priority: t.priority,
    also: [...t.also],
  };
}

export function trainingDocument(run: RunResult): TrainingDocument | null {
  const t = run.training;
  if (!t) return null;
  const p = t.plan;
  return {
    catalogue: { file: t.catalogueFile, programs: t.catalogue.length },
    thresholds: {
      aspectThreshold: t.thresholds.aspectThreshold,
      indicatorThreshold: t.thresholds.indicatorThreshold,
      maxProgramsPerEmployee: t.thresholds.maxProgramsPerEmployee,
    },
    employees: p.employees,
    recommendations: p.recommendations,
    capped: p.capped,
    programs: p.programs.map((x) => ({
      code: x.code,
      program: x.program,
      hours: x.hours,
      mode: x.mode,
      provider: x.provider,
      participants: x.participants.length,
      nips: x.participants.map((y) => y.nip),
      units: [...x.units],
      totalHours: roundForReport(x.totalHours),
    })),
    units: p.units.map((u) => ({
      unit: u.unit,
      employees: u.employees,
      recommendations: u.recommendations,
      programs: [...u.programs],
      totalHours: roundForReport(u.totalHours) as number,
      withoutHours: u.withoutHours,
    })),
    unmatched: p.unmatched.map((u) => ({
      kind: u.kind,
      sasaran: sasaranText(u.kind, u.key),
      label: u.label[run.lang],
      employees: u.employees,
      nips: [...u.nips],
    })),
  };
}
