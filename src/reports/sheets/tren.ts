import type { Lang, Text } from '../../domain/i18n.js';
import type { RunResult } from '../../pipeline/types.js';
import { roundForReport, sortedEmployees } from '../common.js';
import type { CellData, ColumnDef, SheetBuilder, SheetContent } from './types.js';

/**
 * Tren (SPEC §3.7): for a longer period built from its sub-periods, each employee's work score in
 * every sub-period on its own, next to the combined score. Left out of other runs.
 */
const H = {
  nip: { id: 'NIP', en: 'NIP' },
  name: { id: 'Nama', en: 'Name' },
  unit: { id: 'Unit Kerja', en: 'Work Unit' },
  combined: { id: 'Gabungan', en: 'Combined' },
  change: { id: 'Perubahan (terakhir − pertama)', en: 'Change (last − first)' },
} satisfies Record<string, Text>;

export function buildTren(run: RunResult, lang: Lang): SheetContent {
  const trend = run.trend!;
  const columns: ColumnDef[] = [
    { header: H.nip[lang], type: 'text', width: 20 },
    { header: H.name[lang], type: 'general', width: 24 },
    { header: H.unit[lang], type: 'general', width: 22 },
    ...trend.periods.map((p): ColumnDef => ({ header: p, type: 'number', width: 10 })),
    { header: `${H.combined[lang]} ${run.period.id}`, type: 'number', width: 12 },
    { header: H.change[lang], type: 'number', width: 14 },
  ];
  const rows = sortedEmployees(run).map((e): CellData[] => {
    const scores = trend.scores.get(e.employee.nip) ?? trend.periods.map(() => null);
    const present = scores.filter((s): s is number => s !== null);
    // The change is computed on the rounded figures shown, so the row adds up for the reader.
    const change = present.length >= 2 ? roundForReport(roundForReport(present[present.length - 1]!)! - roundForReport(present[0]!)!) : null;
    return [e.employee.nip, e.employee.name, e.employee.unit, ...scores.map((s) => roundForReport(s)), roundForReport(e.workScore), change];
  });
  return { blocks: [{ columns, rows }] };
}

export const trenSheet: SheetBuilder = { name: 'Tren', build: buildTren, when: (run) => run.trend != null };
