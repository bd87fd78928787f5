import type { ByteWriter } from '../io/byte-writer.js';

/**
 * JSON written straight into a ByteWriter for hasil-<period>.json (results-json.ts,
 * feedback-json.ts): the same bytes JSON.stringify gives for the same values, without making the
 * values' objects or their strings.
 */

/** JSON.stringify, with `null` for what it would leave out (as inside an array). */
export function compact(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

/**
 * Bytes of shared frozen objects' JSON kept by one writer, bounded so that a run with many distinct
 * ones keeps only the first (100,000 employees: 8,135 training items, 2.2 MB).
 */
const SHARED_TEXT_BYTES = 8 << 20;

/**
 * JSON written straight into a ByteWriter, byte for byte as JSON.stringify writes the same values.
 * One per file: the texts it keeps (`shared`) go with it, keyed weakly by frozen objects only, so
 * no text can go stale and nothing outlives the file.
 */
export class JsonOut {
  private readonly texts = new WeakMap<object, Buffer>();
  private textRoom = SHARED_TEXT_BYTES;

  constructor(readonly w: ByteWriter) {}

  /** A string or null. */
  str(s: string | null): void {
    if (s === null) this.w.ascii('null');
    else this.w.json(s);
  }

  /** A number or null (JSON.stringify writes a non-finite number as null). */
  num(n: number | null): void {
    if (n === null || !Number.isFinite(n)) this.w.ascii('null');
    else this.w.number(n);
  }

  /** Any value, through JSON.stringify. */
  value(v: unknown): void {
    this.w.utf8(compact(v));
  }

  list<T>(items: readonly T[], write: (item: T) => void): void {
    if (items.length === 0) return this.w.ascii('[]');
    for (let i = 0; i < items.length; i++) {
      this.w.byte(i === 0 ? 91 : 44);
      write(items[i]!);
    }
    this.w.byte(93);
  }

  /** `doc(obj)`'s JSON; its bytes are kept for the next time when `obj` is frozen and the budget allows. */
  shared<T extends object>(obj: T, doc: (obj: T) => unknown): void {
    const known = this.texts.get(obj);
    if (known !== undefined) return this.w.bytes(known);
    const start = this.w.length;
    this.value(doc(obj));
    if (this.textRoom > 0 && Object.isFrozen(obj)) {
      const text = this.w.copy(start);
      this.textRoom -= text.length;
      this.texts.set(obj, text);
    }
  }
}
