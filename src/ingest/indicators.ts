import type { AspectConfig } from '../config/schema.js';
import type { IssueSink } from '../domain/issues.js';
import { formatPlace } from '../domain/place.js';
import { targetProblem } from '../engine/capaian.js';
import type { Aggregation, Direction, IndicatorKind, Target } from '../engine/types.js';
import type { OpenedTable } from '../io/table.js';
import { rowBatches } from '../io/table.js';
import { cellText, parseNumber } from '../io/values.js';
import { ENUMS } from './columns.js';
import type { RowCounts } from './counts.js';
import { newCounts } from './counts.js';
import { cellPlace, IndicatorRowsBuilder, type IndicatorRows, type TableColumns } from './indicator-rows.js';
import { RowReader, normaliseKey } from './row.js';

const KINDS: Record<string, IndicatorKind> = { utama: 'utama', tambahan: 'tambahan', main: 'utama', additional: 'tambahan' };
const DIRECTIONS: Record<string, Direction> = {
  naik: 'naik', turun: 'turun', up: 'naik', down: 'turun', higher: 'naik', lower: 'turun',
  higherisbetter: 'naik', lowerisbetter: 'turun', positif: 'naik', negatif: 'turun', maximize: 'naik', minimize: 'turun',
};
const AGGREGATIONS: Record<string, Aggregation> = {
  jumlah: 'jumlah', ratarata: 'rata-rata', terakhir: 'terakhir', sum: 'jumlah', average: 'rata-rata', mean: 'rata-rata', last: 'terakhir',
};
const RANGE = /^\s*([0-9][0-9.,]*)\s*%?\s*(?:-|–|—|s\.?\s*d\.?|sampai|to)\s*([0-9][0-9.,]*)\s*%?\s*$/i;

export interface IndicatorIngestResult {
  /** The accepted rows, one group per NIP (in file order within it); their Indicators made when asked. */
  rows: IndicatorRows;
  /** Each NIP's group in `rows`. */
  groupOf: Map<string, number>;
  counts: RowCounts;
}

export interface IndicatorIngestContext {
  /**
   * NIPs of the roster's accepted employees; given as the roster's employees by NIP, the indicators
   * keep the roster's NIP strings instead of copies of their own.
   */
  roster: ReadonlySet<string> | ReadonlyMap<string, { readonly nip: string }>;
  /** NIPs whose roster rows were rejected or are inactive: their indicator rows are skipped with that reason. */
  excluded: ReadonlySet<string>;
  aspects: AspectConfig[];
}

/** Indicator rows → validated indicators (SPEC §2, §3.1). */
export async function ingestIndicators(table: OpenedTable, ctx: IndicatorIngestContext, sink: IssueSink): Promise<IndicatorIngestResult> {
  const counts = newCounts();
  const aspectKeys = aspectAliases(ctx.aspects);
  const aspectNames = ctx.aspects.filter((a) => a.source === 'indicators').map((a) => a.key);
  const letters = new Map(table.columns.map((c) => [c.key, c.column]));
  const source: TableColumns = {
    file: table.info.file,
    sheet: table.info.sheet,
    target: letters.get('target') ?? null,
    actual: letters.get('actual') ?? null,
  };
  const { roster } = ctx;
  const accepted = new IndicatorRowsBuilder(source, roster instanceof Map ? (nip) => roster.get(nip)?.nip ?? nip : (nip) => nip);

  for await (const batch of rowBatches(table.rows())) for (const tableRow of batch) {
    counts.read++;
    const r = new RowReader(tableRow, sink);
    const nip = r.nip('nip', 'NIP', true);
    const code = r.text('code', 'Kode', true);
    const text = r.text('text', 'Indikator', true);
    const aspect = r.choice('aspect', 'Aspek', aspectKeys, null, aspectNames);
    if (aspect === null) r.text('aspect', 'Aspek', true);
    const kind = r.choice('kind', 'Jenis', KINDS, 'utama', ENUMS.kind);
    const direction = r.choice('direction', 'Arah', DIRECTIONS, 'naik', ENUMS.direction);
    const aggregation = r.choice('aggregation', 'Agregasi', AGGREGATIONS, 'jumlah', ENUMS.aggregation);
    const target = readTarget(r);
    const actual = r.number('actual', 'Realisasi', false);
    const weight = r.number('weight', 'Bobot', false);
    const unitLabel = r.text('unitLabel', 'Satuan');

    if (aspect) {
      const conf = ctx.aspects.find((a) => a.key === aspect)!;
      if (conf.source === 'feedback') {
        r.error('aspect', 'ASPECT_FROM_FEEDBACK', {
          id: `Aspek '${conf.label}' dihitung dari survei kepuasan masyarakat (IKM), bukan dari indikator.`,
          en: `Aspect '${conf.label}' is scored from the citizen satisfaction survey (IKM), not from indicators.`,
        }, {
          id: `Pindahkan indikator ini ke aspek lain (${aspectNames.join(', ')}), atau ubah sumber aspek di konfigurasi.`,
          en: `Move this indicator to another aspect (${aspectNames.join(', ')}), or change the aspect's source in the config.`,
        });
      }
    }
    if (weight !== undefined && weight !== null && !(weight > 0)) {
      r.error('weight', 'WEIGHT_NOT_POSITIVE', { id: `Bobot ${weight} harus lebih dari 0.`, en: `Bobot ${weight} must be above 0.` },
        { id: 'Isi bobot positif, atau kosongkan (bobot 1).', en: 'Enter a positive weight, or leave it empty (weight 1).' });
    }
    if (actual !== undefined && actual !== null && actual < 0) {
      r.error('actual', 'ACTUAL_NEGATIVE', { id: `Realisasi ${actual} negatif.`, en: `Realisasi ${actual} is negative.` },
        { id: 'Realisasi tidak boleh negatif; periksa angkanya.', en: 'Realisasi cannot be negative; check the figure.' });
    }
    if (target && direction) {
      const problem = targetProblem(direction, target);
      if (problem) {
        r.error('target', problem, problem === 'TARGET_NOT_POSITIVE' ? {
          id: direction === 'naik'
            ? `Target ${describeTarget(target)} dengan Arah naik: capaian tidak dapat dihitung dari target nol atau negatif.`
            : `Target ${describeTarget(target)} negatif: capaian tidak dapat dihitung.`,
          en: direction === 'naik'
            ? `Target ${describeTarget(target)} with Arah naik: achievement cannot be computed from a zero or negative target.`
            : `Target ${describeTarget(target)} is negative: achievement cannot be computed.`,
        } : {
          id: `Rentang target ${describeTarget(target)} tidak valid.`,
          en: `The target range ${describeTarget(target)} is invalid.`,
        }, {
          id: 'Isi target positif; target 0 hanya bermakna untuk Arah turun ("tidak boleh ada").',
          en: 'Enter a positive target; a zero target only makes sense with Arah turun ("none allowed").',
        });
      }
    }
    if (nip) r.requireInRoster('nip', nip, roster, ctx.excluded);
    if (nip && code) {
      // The first row of a code is an accepted indicator of this NIP (a row that passed every check
      // so far is accepted), so the duplicate check looks at the NIP's rows, not at a map of all rows.
      const earlier = accepted.rowWithCode(nip, code, code.toUpperCase());
      if (earlier >= 0) {
        const first = formatPlace(cellPlace(source, earlier, null));
        r.error('code', 'INDICATOR_DUPLICATE', {
          id: `Indikator ${code} untuk NIP ${nip} sudah ada di ${first}.`,
          en: `Indicator ${code} for NIP ${nip} already appears at ${first}.`,
        }, { id: 'Hapus baris ganda atau beri kode yang berbeda.', en: 'Remove the duplicate row or give it a different code.' });
      }
    }

    if (!r.ok || !nip || !code || !text || !aspect || !kind || !direction || !aggregation || !target || actual === undefined || weight === undefined) {
      counts.rejected++;
      continue;
    }
    accepted.add({ nip, code, text, aspect, kind, target, actual, direction, aggregation, unitLabel, weight: weight ?? 1, row: tableRow.place.row! });
    counts.accepted++;
  }
  return { ...accepted.finish(), counts };
}

/** Aspect cells may hold the key (`kualitas-layanan`) or the label (`Kualitas Layanan`). */
function aspectAliases(aspects: AspectConfig[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of aspects) {
    out[normaliseKey(a.key)] = a.key;
    out[normaliseKey(a.label)] = a.key;
  }
  return out;
}

/** A number, or a range written `80-90`, `80 – 90`, `80 s.d. 90` (SPEC §3.1). */
function readTarget(r: RowReader): Target | undefined {
  const raw = r.raw('target');
  const s = cellText(raw);
  if (typeof raw === 'string' && s !== null) {
    const m = RANGE.exec(s);
    if (m) {
      const low = parseNumber(m[1]!);
      const high = parseNumber(m[2]!);
      if (low.ok && high.ok) return { kind: 'range', low: low.value, high: high.value };
    }
  }
  const n = r.number('target', 'Target', true);
  return n === null || n === undefined ? undefined : { kind: 'value', value: n };
}

export function describeTarget(t: Target): string {
  return t.kind === 'value' ? String(t.value) : `${t.low}–${t.high}`;
}
