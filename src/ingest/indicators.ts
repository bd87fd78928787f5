import type { AspectConfig } from '../config/schema.js';
import type { IssueSink } from '../domain/issues.js';
import { formatPlace } from '../domain/place.js';
import { targetProblem } from '../engine/capaian.js';
import type { Aggregation, Direction, Indicator, IndicatorKind, Target } from '../engine/types.js';
import type { OpenedTable } from '../io/table.js';
import { rowBatches } from '../io/table.js';
import { cellText, parseNumber } from '../io/values.js';
import { ENUMS } from './columns.js';
import type { RowCounts } from './counts.js';
import { newCounts } from './counts.js';
import { interner } from './intern.js';
import { RowReader, normaliseKey } from './row.js';
import type { CellPlace } from '../domain/place.js';

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
  /** Accepted indicators grouped by NIP, in file order. */
  byNip: Map<string, Indicator[]>;
  counts: RowCounts;
}

export interface IndicatorIngestContext {
  /** NIPs of the roster's accepted employees. */
  roster: ReadonlySet<string>;
  /** NIPs whose roster rows were rejected or are inactive: their indicator rows are skipped with that reason. */
  excluded: ReadonlySet<string>;
  aspects: AspectConfig[];
}

/** Indicator rows → validated indicators (SPEC §2, §3.1). */
export async function ingestIndicators(table: OpenedTable, ctx: IndicatorIngestContext, sink: IssueSink): Promise<IndicatorIngestResult> {
  const counts = newCounts();
  const byNip = new Map<string, Indicator[]>();
  const aspectKeys = aspectAliases(ctx.aspects);
  const aspectNames = ctx.aspects.filter((a) => a.source === 'indicators').map((a) => a.key);
  const intern = interner();
  const targets = targetInterner();
  const letters = new Map(table.columns.map((c) => [c.key, c.column]));
  const source: TableColumns = {
    file: table.info.file,
    sheet: table.info.sheet,
    target: letters.get('target') ?? null,
    actual: letters.get('actual') ?? null,
  };

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
    if (nip) r.requireInRoster('nip', nip, ctx.roster, ctx.excluded);
    if (nip && code) {
      // The first row of a code is an accepted indicator of this NIP (a row that passed every check
      // so far is accepted), so the duplicate check looks at the NIP's list, not at a map of all rows.
      const upper = code.toUpperCase();
      // Codes are mostly the same few strings (`IKI-01`): equal lengths are checked before case.
      const earlier = byNip.get(nip)?.find((i) => i.code === code || (i.code.length === code.length && i.code.toUpperCase() === upper));
      const first = earlier ? formatPlace(earlier.places.row) : undefined;
      if (first) {
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
    const list = byNip.get(nip);
    const indicator: Indicator = {
      nip: list ? list[0]!.nip : nip, code: intern(code), text: intern(text), aspect, kind, target: targets(target), actual, direction, aggregation,
      unitLabel: unitLabel === null ? null : intern(unitLabel),
      weight: weight ?? 1,
      places: new IndicatorPlaces(source, tableRow.place.row!),
    };
    if (list) list.push(indicator);
    else byNip.set(nip, [indicator]);
    counts.accepted++;
  }
  // A pushed-to array keeps room for about 16 more elements: each NIP's list is copied to its size.
  for (const [nip, list] of byNip) byNip.set(nip, list.slice());
  return { byNip, counts };
}

/** What the rows of one indicator table share: the file, the sheet, the target and realisasi column letters. */
interface TableColumns {
  file: string;
  /** Absent for csv. */
  sheet: string | undefined;
  target: string | null;
  actual: string | null;
}

/**
 * The places of an accepted indicator row: its table's columns and its row (or csv line) number.
 * The row, target and realisasi CellPlaces are made when read (sheets, explanations), instead of
 * being kept for each of millions of indicators; they equal the places the table gave the cells.
 */
class IndicatorPlaces {
  // Plain fields and a module function (a private method would add a brand field to every instance).
  readonly #table: TableColumns;
  readonly #row: number;

  constructor(table: TableColumns, row: number) {
    this.#table = table;
    this.#row = row;
  }

  get row(): CellPlace {
    return cellPlace(this.#table, this.#row, null);
  }

  get target(): CellPlace {
    return cellPlace(this.#table, this.#row, this.#table.target);
  }

  get actual(): CellPlace {
    return cellPlace(this.#table, this.#row, this.#table.actual);
  }
}

/** The place of a row (column null) or of one of its cells, as the table gave it. */
function cellPlace(table: TableColumns, row: number, column: string | null): CellPlace {
  const { file, sheet } = table;
  if (column === null) return sheet !== undefined ? { file, sheet, row } : { file, row };
  return sheet !== undefined ? { file, sheet, row, column } : { file, row, column };
}

/**
 * One Target object per distinct target of a table: most indicators share a handful of targets
 * (95, 85–95), and a Target is never changed once read. -0 is kept apart from 0.
 */
function targetInterner(limit = 100_000): (t: Target) => Target {
  const values = new Map<number, Target>();
  const ranges = new Map<string, Target>();
  return (t) => {
    if (t.kind === 'value') {
      if (Object.is(t.value, -0)) return t;
      const known = values.get(t.value);
      if (known !== undefined) return known;
      if (values.size < limit) values.set(t.value, t);
      return t;
    }
    const key = `${t.low}|${t.high}`;
    const known = ranges.get(key);
    if (known !== undefined) return known;
    if (ranges.size < limit) ranges.set(key, t);
    return t;
  };
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
