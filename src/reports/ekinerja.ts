import type { Lang, Text } from '../domain/i18n.js';
import { formatPlace } from '../domain/place.js';
import type { Predikat, Rating } from '../domain/ratings.js';
import { EKINERJA_STATUSES, type EkinerjaComparison, type EkinerjaStatus } from '../pipeline/ekinerja-stage.js';
import type { RunResult } from '../pipeline/types.js';

/**
 * The e-Kinerja comparison in the reports: the `ekinerja` section of hasil JSON, the status labels
 * shared with the sheet, and the terminal line. Nothing is computed here: the rows and counts are
 * the pipeline's (pipeline/ekinerja-stage.ts).
 */

export const EKINERJA_STATUS_LABELS: Record<EkinerjaStatus, Text> = {
  same: { id: 'Sama', en: 'Same' },
  different: { id: 'Berbeda', en: 'Different' },
  'missing-ekinerja': { id: 'Tidak ada di e-Kinerja', en: 'Not in e-Kinerja' },
  'missing-run': { id: 'Predikat appraise belum ada', en: 'No appraise predikat' },
  'missing-both': { id: 'Tidak ada di keduanya', en: 'Missing on both sides' },
  'not-appraised': { id: 'Tidak dinilai di run ini', en: 'Not appraised in this run' },
};

export interface EkinerjaDifferenceDocument {
  nip: string;
  name: string | null;
  unit: string | null;
  predikat: Predikat;
  ekinerjaPredikat: Predikat;
  workRating: Rating | null;
  ekinerjaWorkRating: Rating | null;
  behaviourRating: Rating | null;
  ekinerjaBehaviourRating: Rating | null;
  ekinerjaPeriod: string | null;
  /** The row of the e-Kinerja list (file:row). */
  place: string | null;
}

export interface EkinerjaDocument {
  file: string;
  /** Employees appraised by this run (same + different + missing*). */
  employees: number;
  same: number;
  different: number;
  /** The run has a predikat, e-Kinerja has none. */
  missingInEkinerja: number;
  /** e-Kinerja has a predikat, the run's is pending (or the regime gives none). */
  missingInRun: number;
  missingInBoth: number;
  /** NIPs of the e-Kinerja list this run does not appraise. */
  notAppraised: number;
  differences: EkinerjaDifferenceDocument[];
}

export function ekinerjaDocument(c: EkinerjaComparison | null | undefined): EkinerjaDocument | null {
  if (!c) return null;
  const n = c.counts;
  return {
    file: c.file,
    employees: n.same + n.different + n['missing-ekinerja'] + n['missing-run'] + n['missing-both'],
    same: n.same,
    different: n.different,
    missingInEkinerja: n['missing-ekinerja'],
    missingInRun: n['missing-run'],
    missingInBoth: n['missing-both'],
    notAppraised: n['not-appraised'],
    differences: c.rows.filter((r) => r.status === 'different').map((r) => ({
      nip: r.nip,
      name: r.name,
      unit: r.unit,
      predikat: r.predikat!,
      ekinerjaPredikat: r.ekinerjaPredikat!,
      workRating: r.workRating,
      ekinerjaWorkRating: r.ekinerjaWorkRating,
      behaviourRating: r.behaviourRating,
      ekinerjaBehaviourRating: r.ekinerjaBehaviourRating,
      ekinerjaPeriod: r.ekinerjaPeriod,
      place: r.place === null ? null : formatPlace(r.place),
    })),
  };
}

/** One line for the terminal summary; null when the period has no e-Kinerja list. */
export function ekinerjaSummaryLine(run: RunResult, lang: Lang): string | null {
  const c = run.ekinerja;
  if (!c) return null;
  const parts = EKINERJA_STATUSES.filter((s) => s === 'same' || s === 'different' || c.counts[s] > 0)
    .map((s) => {
      const label = EKINERJA_STATUS_LABELS[s][lang];
      return `${label.charAt(0).toLowerCase()}${label.slice(1)} ${c.counts[s]}`;
    });
  return lang === 'id'
    ? `Predikat dibandingkan dengan e-Kinerja (${c.file}): ${parts.join(', ')} (sheet e-Kinerja).`
    : `Predikat compared with e-Kinerja (${c.file}): ${parts.join(', ')} (e-Kinerja sheet).`;
}
