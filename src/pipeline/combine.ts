import type { Lang, Text } from '../domain/i18n.js';
import type { IssueSink } from '../domain/issues.js';
import { formatPlace } from '../domain/place.js';
import { formatInput } from '../engine/capaian.js';
import type { CombinedPart, ExplanationStep, Indicator, IndicatorGroups, Target } from '../engine/types.js';

/**
 * SPEC §3.7: indicators of sub-periods combined into a longer period, each by its Agregasi:
 * jumlah sums target and realisasi, rata-rata takes the mean of each over the sub-periods that
 * have the indicator, terakhir takes the last sub-period's. A realisasi missing in a sub-period
 * that counts makes the combined realisasi missing too (not reported, never zero). Every part
 * keeps its cells in `combinedFrom`, so the explanation can cite them.
 */
export interface IndicatorPart {
  period: string;
  /** The sub-period's indicators, one group per NIP. */
  groups: IndicatorGroups;
  /** Each NIP's group, in the order the NIPs first appear in the sub-period's file. */
  groupOf: ReadonlyMap<string, number>;
}

/**
 * Indicator lists kept as objects, one group per list: combined indicators (which carry their
 * parts) and lists given whole. `indicators` gives a copy of the list.
 */
export class IndicatorLists implements IndicatorGroups {
  private readonly lists: Indicator[][] = [];
  /** Each NIP's group. */
  readonly groupOf = new Map<string, number>();

  constructor(byNip: ReadonlyMap<string, Indicator[]>) {
    for (const [nip, list] of byNip) {
      this.groupOf.set(nip, this.lists.length);
      this.lists.push(list);
    }
  }

  count(group: number): number {
    return this.lists[group]!.length;
  }

  indicators(group: number): Indicator[] {
    return this.lists[group]!.slice();
  }
}

const AGG_LABEL: Record<Indicator['aggregation'], Text> = {
  jumlah: { id: 'jumlah', en: 'sum' },
  'rata-rata': { id: 'rata-rata', en: 'mean' },
  terakhir: { id: 'terakhir', en: 'latest' },
};

function asRange(t: Target): { low: number; high: number } {
  return t.kind === 'range' ? { low: t.low, high: t.high } : { low: t.value, high: t.value };
}

function combineTargets(targets: Target[], how: 'sum' | 'mean'): Target {
  const n = targets.length;
  if (targets.every((t) => t.kind === 'value')) {
    const s = targets.reduce((a, t) => a + (t as { value: number }).value, 0);
    return { kind: 'value', value: how === 'sum' ? s : s / n };
  }
  const r = targets.map(asRange);
  const low = r.reduce((a, x) => a + x.low, 0);
  const high = r.reduce((a, x) => a + x.high, 0);
  return how === 'sum' ? { kind: 'range', low, high } : { kind: 'range', low: low / n, high: high / n };
}

function combineActuals(actuals: (number | null)[], how: 'sum' | 'mean'): number | null {
  if (actuals.some((a) => a === null)) return null;
  const s = (actuals as number[]).reduce((a, x) => a + x, 0);
  return how === 'sum' ? s : s / actuals.length;
}

/** Combines the parts (in time order) into one indicator list per NIP. Disagreements are reported as warnings. */
export function combineIndicators(parts: readonly IndicatorPart[], sink: IssueSink): Map<string, Indicator[]> {
  const groups = new Map<string, { nip: string; rows: { period: string; ind: Indicator }[] }>();
  const order: string[] = [];
  for (const part of parts) {
    for (const [nip, group] of part.groupOf) {
      for (const ind of part.groups.indicators(group)) {
        const key = `${nip}\u0000${ind.code.toUpperCase()}`;
        let g = groups.get(key);
        if (!g) {
          g = { nip, rows: [] };
          groups.set(key, g);
          order.push(key);
        }
        g.rows.push({ period: part.period, ind });
      }
    }
  }

  const out = new Map<string, Indicator[]>();
  for (const key of order) {
    const g = groups.get(key)!;
    const last = g.rows[g.rows.length - 1]!.ind;
    for (const { ind } of g.rows.slice(0, -1)) {
      if (ind.aggregation !== last.aggregation || ind.direction !== last.direction) {
        sink.warning('COMBINE_ATTRIBUTES_DIFFER', last.places.row, {
          id: `Indikator ${last.code} (NIP ${last.nip}): Agregasi/Arah berbeda dengan ${formatPlace(ind.places.row)} (${ind.aggregation}/${ind.direction}); yang terakhir (${last.aggregation}/${last.direction}) dipakai untuk menggabungkan sub-periode.`,
          en: `Indicator ${last.code} (NIP ${last.nip}): Agregasi/Arah differ from ${formatPlace(ind.places.row)} (${ind.aggregation}/${ind.direction}); the latest (${last.aggregation}/${last.direction}) is used to combine the sub-periods.`,
        }, {
          id: 'Samakan Agregasi dan Arah indikator ini di semua sub-periode.',
          en: 'Use the same Agregasi and Arah for this indicator in every sub-period.',
        });
        break;
      }
    }
    const combinedFrom: CombinedPart[] = g.rows.map(({ period, ind }) => ({
      period,
      target: ind.target,
      actual: ind.actual,
      places: ind.places,
    }));
    let target: Target;
    let actual: number | null;
    if (last.aggregation === 'terakhir') {
      target = last.target;
      actual = last.actual;
    } else {
      const how = last.aggregation === 'jumlah' ? 'sum' : 'mean';
      target = combineTargets(g.rows.map((r) => r.ind.target), how);
      actual = combineActuals(g.rows.map((r) => r.ind.actual), how);
    }
    const combined: Indicator = { ...last, target, actual, combinedFrom };
    const list = out.get(g.nip);
    if (list) list.push(combined);
    else out.set(g.nip, [combined]);
  }
  return out;
}

function targetText(t: Target, lang: Lang): string {
  return t.kind === 'value' ? formatInput(t.value, lang) : `${formatInput(t.low, lang)}–${formatInput(t.high, lang)}`;
}

/** One explanation step per combined indicator: the parts, the rule and the result, citing every cell. */
export function combineSteps(indicators: readonly Indicator[], lang: Lang): ExplanationStep[] {
  const steps: ExplanationStep[] = [];
  for (const ind of indicators) {
    if (!ind.combinedFrom) continue;
    const L = (id: string, en: string): string => (lang === 'id' ? id : en);
    const parts = ind.combinedFrom
      .map((p) => `${p.period}: T ${targetText(p.target, lang)}, R ${p.actual === null ? L('kosong', 'blank') : formatInput(p.actual, lang)}`)
      .join('; ');
    const rule = ind.aggregation === 'terakhir'
      ? L('sub-periode terakhir', 'the last sub-period')
      : ind.aggregation === 'jumlah'
        ? L('target dan realisasi dijumlahkan', 'target and realisasi summed')
        : L('rerata target dan rerata realisasi', 'mean target and mean realisasi');
    const result = `T ${targetText(ind.target, lang)}, R ${ind.actual === null ? L('tidak dilaporkan', 'not reported') : formatInput(ind.actual, lang)}`;
    steps.push({
      step: 'combine',
      text: `${ind.code}: ${L('Agregasi', 'Aggregation')} ${AGG_LABEL[ind.aggregation][lang]} (${rule}) — ${parts} → ${result}`,
      value: ind.actual,
      sources: ind.combinedFrom.flatMap((p) => [p.places.target, p.places.actual]),
    });
  }
  return steps;
}
