import type { CellPlace } from '../domain/place.js';
import type { Aggregation, Direction, Indicator, IndicatorGroups, IndicatorKind, Target } from '../engine/types.js';

/**
 * The accepted rows of one indicator table, kept in columns instead of one Indicator object per
 * row (SPEC §9: at 8 indicators per employee the objects, their places and boxed numbers cost
 * ~1.5 KB per employee; these columns ~20 B per row). Numbers are typed arrays; strings, targets,
 * weights and aspects are indices into tables of their distinct values; the enums share one byte.
 * The rows are grouped by NIP (one group per NIP, in the order the NIPs first appear; within a
 * group, file order), and a group's Indicator objects are made when asked, as ingest made them
 * before: the same fields in the same order, the same shared Target objects, places made when read.
 */
export class IndicatorRows implements IndicatorGroups {
  constructor(
    table: TableColumns,
    /** Each group's NIP. */
    private readonly nips: readonly string[],
    /** Group g's rows are [offsets[g], offsets[g + 1]). */
    private readonly offsets: Uint32Array,
    columns: FinishedColumns,
  ) {
    this.columnsData = { table, offsets, columns };
  }

  /** What data() gives, made once: indicators() reads through it on every call. */
  private readonly columnsData: IndicatorColumnsData;

  /** How many groups (NIPs) there are. */
  get size(): number {
    return this.nips.length;
  }

  count(group: number): number {
    return this.offsets[group + 1]! - this.offsets[group]!;
  }

  indicators(group: number): Indicator[] {
    return groupIndicators(this.columnsData, group, this.nips[group]!);
  }

  /**
   * The columns as plain data for another thread (the indicator csv worker,
   * reports/indicator-csv.ts): the numbers and indices are in SharedArrayBuffers (see finish), so
   * posting them shares the memory instead of copying it; the tables of distinct values are small
   * and are copied. The NIPs are left out: the receiver knows each group's NIP from the roster.
   */
  data(): IndicatorColumnsData {
    return this.columnsData;
  }
}

/** An IndicatorRows without its NIPs, as posted to a worker (IndicatorRows.data). */
export interface IndicatorColumnsData {
  table: TableColumns;
  offsets: Uint32Array;
  columns: FinishedColumns;
}

/**
 * Group `group`'s Indicator objects, with `nip` as their NIP: what IndicatorRows.indicators makes,
 * and what a worker holding the posted columns makes, by the same code.
 */
export function groupIndicators(data: IndicatorColumnsData, group: number, nip: string): Indicator[] {
  const end = data.offsets[group + 1]!;
  const out: Indicator[] = [];
  for (let i = data.offsets[group]!; i < end; i++) out.push(indicatorAt(data, i, nip));
  return out;
}

function indicatorAt(data: IndicatorColumnsData, i: number, nip: string): Indicator {
  const c = data.columns;
  const actual = c.actual[i]!;
  const flags = c.flags[i]!;
  return {
    nip,
    code: c.codes[c.code[i]!]!,
    text: c.texts[c.text[i]!]!,
    aspect: c.aspects[c.aspect[i]!]!,
    kind: KINDS[flags & KIND_MASK]!,
    target: c.targets[c.target[i]!]!,
    actual: actual !== actual ? null : actual, // NaN marks "not reported"
    direction: DIRECTIONS[(flags >> DIRECTION_SHIFT) & DIRECTION_MASK]!,
    aggregation: AGGREGATIONS[(flags >> AGGREGATION_SHIFT) & AGGREGATION_MASK]!,
    unitLabel: c.units[c.unit[i]!]!,
    weight: c.weights[c.weight[i]!]!,
    places: new IndicatorPlaces(data.table, c.row[i]!),
  };
}

/** What the rows of one indicator table share: the file, the sheet, the target and realisasi column letters. */
export interface TableColumns {
  file: string;
  /** Absent for csv. */
  sheet: string | undefined;
  target: string | null;
  actual: string | null;
}

/**
 * The places of an indicator row: its table's columns and its row (or csv line) number. The row,
 * target and realisasi CellPlaces are made when read (sheets, explanations); they equal the places
 * the table gave the cells.
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
export function cellPlace(table: TableColumns, row: number, column: string | null): CellPlace {
  const { file, sheet } = table;
  if (column === null) return sheet !== undefined ? { file, sheet, row } : { file, row };
  return sheet !== undefined ? { file, sheet, row, column } : { file, row, column };
}

// kind, direction and aggregation in one byte: bit 0 the kind, bit 1 the direction, bits 2–3 the aggregation.
const KINDS: readonly IndicatorKind[] = ['utama', 'tambahan'];
const DIRECTIONS: readonly Direction[] = ['naik', 'turun'];
const AGGREGATIONS: readonly Aggregation[] = ['jumlah', 'rata-rata', 'terakhir'];
const KIND_MASK = 1;
const DIRECTION_SHIFT = 1;
const DIRECTION_MASK = 1;
const AGGREGATION_SHIFT = 2;
const AGGREGATION_MASK = 3;

function flagsOf(kind: IndicatorKind, direction: Direction, aggregation: Aggregation): number {
  return KINDS.indexOf(kind) | (DIRECTIONS.indexOf(direction) << DIRECTION_SHIFT) | (AGGREGATIONS.indexOf(aggregation) << AGGREGATION_SHIFT);
}

type Indices = Uint8Array | Uint16Array | Uint32Array;

export interface FinishedColumns {
  /** NaN where the realisasi was not reported (a read number is always finite). */
  actual: Float64Array;
  /** The row (or csv line) number. */
  row: Uint32Array;
  flags: Uint8Array;
  code: Indices;
  codes: readonly string[];
  text: Indices;
  texts: readonly string[];
  unit: Indices;
  units: readonly (string | null)[];
  aspect: Indices;
  aspects: readonly string[];
  target: Indices;
  targets: readonly Target[];
  weight: Indices;
  weights: Float64Array;
}

/** What an accepted row holds (ingest has checked every field): an Indicator's values, and its row (or csv line) number. */
export type AcceptedRow = Omit<Indicator, 'places' | 'combinedFrom'> & { row: number };

/**
 * Collects a table's accepted rows in file order (columns grown by doubling), then groups them by
 * NIP into an IndicatorRows, each column copied once at its exact size.
 */
export class IndicatorRowsBuilder {
  private n = 0;
  private actual = new Float64Array(1024);
  private row = new Uint32Array(1024);
  private flags = new Uint8Array(1024);
  private readonly code = new IndexColumn();
  private readonly text = new IndexColumn();
  private readonly unit = new IndexColumn();
  private readonly aspect = new IndexColumn();
  private readonly target = new IndexColumn();
  private readonly weight = new IndexColumn();
  private readonly codes = new ValueTable<string>();
  /** Each of `codes` in upper case, for the duplicate check. */
  private readonly codesUpper: string[] = [];
  private readonly texts = new ValueTable<string>();
  private readonly units = new ValueTable<string | null>();
  private readonly aspects = new ValueTable<string>();
  private readonly weights = new ValueTable<number>();
  private readonly targets = new TargetTable();
  /** Each row's next row of the same NIP, -1 for the last. */
  private next = new Int32Array(1024);
  /** NIP → group; per group its first and last row. */
  private readonly groups = new Map<string, number>();
  private readonly nips: string[] = [];
  private first = new Int32Array(256);
  private last = new Int32Array(256);
  private counts = new Uint32Array(256);
  /** The last NIP looked up and its group: a NIP's rows mostly come together. */
  private recentNip = '';
  private recentGroup = -1;

  /** `nipOf` gives the string a new group keeps for its NIP (the roster's, not the row's copy). */
  constructor(private readonly table: TableColumns, private readonly nipOf: (nip: string) => string) {}

  /**
   * The row number of `nip`'s accepted row with code `code` (compared case-insensitively: `upper`
   * is `code` in upper case), or -1 when it has none.
   */
  rowWithCode(nip: string, code: string, upper: string): number {
    const g = this.groupOf(nip);
    if (g < 0) return -1;
    for (let i = this.first[g]!; i >= 0; i = this.next[i]!) {
      const c = this.code.get(i);
      // Equal in upper case and of equal length: `ß` and `SS` are not the same code.
      if (this.codesUpper[c] === upper && this.codes.values[c]!.length === code.length) return this.row[i]!;
    }
    return -1;
  }

  add(r: AcceptedRow): void {
    if (!(r.row >>> 0 === r.row)) throw new Error(`row number ${r.row} is not a row number`);
    if (r.actual !== null && !Number.isFinite(r.actual)) throw new Error(`realisasi ${r.actual} must be finite`);
    const i = this.n++;
    if (i === this.actual.length) {
      this.actual = grown(this.actual);
      this.row = grown(this.row);
      this.flags = grown(this.flags);
      this.next = grown(this.next);
    }
    this.actual[i] = r.actual === null ? NaN : r.actual;
    this.row[i] = r.row;
    this.flags[i] = flagsOf(r.kind, r.direction, r.aggregation);
    const code = this.codes.id(r.code);
    if (code === this.codesUpper.length) this.codesUpper.push(r.code.toUpperCase());
    this.code.push(code);
    this.text.push(this.texts.id(r.text));
    this.unit.push(this.units.id(r.unitLabel));
    this.aspect.push(this.aspects.id(r.aspect));
    this.target.push(this.targets.id(r.target));
    // A weight is above 0 (checked by ingest), so the table's SameValueZero keys cannot mix 0 and -0.
    this.weight.push(this.weights.id(r.weight));
    this.next[i] = -1;

    let g = this.groupOf(r.nip);
    if (g < 0) {
      g = this.nips.length;
      const nip = this.nipOf(r.nip);
      this.groups.set(nip, g);
      this.nips.push(nip);
      this.recentNip = r.nip;
      this.recentGroup = g;
      if (g === this.first.length) {
        this.first = grown(this.first);
        this.last = grown(this.last);
        this.counts = grown(this.counts);
      }
      this.first[g] = i;
    } else {
      this.next[this.last[g]!] = i;
    }
    this.last[g] = i;
    this.counts[g]!++;
  }

  /** `nip`'s group, -1 when it has none yet. */
  private groupOf(nip: string): number {
    if (nip === this.recentNip) return this.recentGroup;
    const g = this.groups.get(nip);
    if (g === undefined) return -1;
    this.recentNip = nip;
    this.recentGroup = g;
    return g;
  }

  /** The rows grouped by NIP, and each NIP's group. */
  finish(): { rows: IndicatorRows; groupOf: Map<string, number> } {
    const groupCount = this.nips.length;
    const offsets = shared(Uint32Array, 4, groupCount + 1);
    for (let g = 0; g < groupCount; g++) offsets[g + 1] = offsets[g]! + this.counts[g]!;
    // order[k]: the file row at position k once grouped.
    const order = new Uint32Array(this.n);
    let k = 0;
    let grouped = true;
    for (let g = 0; g < groupCount; g++) {
      for (let i = this.first[g]!; i >= 0; i = this.next[i]!) {
        grouped &&= i === k;
        order[k++] = i;
      }
    }
    const columns: FinishedColumns = {
      actual: ordered(this.actual, grouped ? null : order, this.n),
      row: ordered(this.row, grouped ? null : order, this.n),
      flags: ordered(this.flags, grouped ? null : order, this.n),
      code: this.code.ordered(grouped ? null : order),
      codes: this.codes.values,
      text: this.text.ordered(grouped ? null : order),
      texts: this.texts.values,
      unit: this.unit.ordered(grouped ? null : order),
      units: this.units.values,
      aspect: this.aspect.ordered(grouped ? null : order),
      aspects: this.aspects.values,
      target: this.target.ordered(grouped ? null : order),
      targets: this.targets.values,
      weight: this.weight.ordered(grouped ? null : order),
      weights: Float64Array.from(this.weights.values),
    };
    return { rows: new IndicatorRows(this.table, this.nips, offsets, columns), groupOf: this.groups };
  }
}

/**
 * The values of `a` at `order`'s positions, in an array of exactly that length; with no order
 * (the file's rows were grouped by NIP already), its first `n` values. The result is backed by a
 * SharedArrayBuffer: the indicator csv worker reads the same memory (IndicatorRows.data), which at
 * N = 1,000,000 (~150 MB of columns) a copy could not afford. (The run's CPU at 100k did not change.)
 */
function ordered<T extends Indices | Float64Array>(a: T, order: Uint32Array | null, n: number): T {
  const out = shared(a.constructor as new (buffer: SharedArrayBuffer) => T, a.BYTES_PER_ELEMENT, n);
  if (order === null) out.set(a.subarray(0, n) as never);
  else for (let k = 0; k < n; k++) out[k] = a[order[k]!]!;
  return out;
}

/** A typed array of `n` elements in a SharedArrayBuffer. */
function shared<T>(Type: new (buffer: SharedArrayBuffer) => T, bytesPerElement: number, n: number): T {
  return new Type(new SharedArrayBuffer(n * bytesPerElement));
}

/** `a` copied into an array twice its length. */
function grown<T extends Float64Array | Uint32Array | Int32Array | Uint8Array | Uint16Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}

/**
 * Indices into a table of values: in a Uint8Array while they fit, moved to a Uint16Array, then a
 * Uint32Array, when one does not (most tables hold a handful of values: 1 byte per row).
 */
class IndexColumn {
  private a: Indices = new Uint8Array(1024);
  private max = 0xff;
  private n = 0;

  push(v: number): void {
    if (v > this.max) {
      const wider = this.max === 0xff ? new Uint16Array(this.a.length) : new Uint32Array(this.a.length);
      wider.set(this.a);
      this.a = wider;
      this.max = this.max === 0xff ? 0xffff : 0xffffffff;
    }
    if (this.n === this.a.length) this.a = grown(this.a);
    this.a[this.n++] = v;
  }

  get(i: number): number {
    return this.a[i]!;
  }

  /** The values, in `order` (see `ordered`), in an array of exactly their number. */
  ordered(order: Uint32Array | null): Indices {
    return ordered(this.a, order, this.n);
  }
}

/**
 * The distinct values of a column, each given an index when first seen. The lookup stops growing
 * at `limit` values, after which new values get an index each (a file of all-distinct texts then
 * costs a table entry per row, no more than an object field did).
 */
class ValueTable<T> {
  readonly values: T[] = [];
  private readonly index = new Map<T, number>();

  constructor(private readonly limit = 200_000) {}

  id(v: T): number {
    const known = this.index.get(v);
    if (known !== undefined) return known;
    const i = this.values.length;
    this.values.push(v);
    if (this.index.size < this.limit) this.index.set(v, i);
    return i;
  }
}

/**
 * One Target object per distinct target of a table: most indicators share a handful of targets
 * (95, 85–95), and a Target is never changed once read. -0 is kept apart from 0 (a Map key would
 * not tell them apart).
 */
class TargetTable {
  readonly values: Target[] = [];
  private readonly byValue = new Map<number, number>();
  private readonly byRange = new Map<string, number>();

  constructor(private readonly limit = 100_000) {}

  id(t: Target): number {
    const known = t.kind === 'value'
      ? (Object.is(t.value, -0) ? undefined : this.byValue.get(t.value))
      : this.byRange.get(`${t.low}|${t.high}`);
    if (known !== undefined) return known;
    const i = this.values.length;
    this.values.push(t);
    if (t.kind === 'value') {
      if (!Object.is(t.value, -0) && this.byValue.size < this.limit) this.byValue.set(t.value, i);
    } else if (this.byRange.size < this.limit) {
      this.byRange.set(`${t.low}|${t.high}`, i);
    }
    return i;
  }
}
