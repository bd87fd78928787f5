/**
 * A read-only map whose values are made when read, from its key: for per-employee (or per-officer)
 * results that a run reads a few times but that would cost hundreds of bytes each to keep
 * (issue 8). Every read makes the value again, by the same pure function, so it is the same
 * figures each time (but not the same object: compare values, not identities).
 *
 * The keys, their order and the size are those of `source`.
 */
export class ComputedMap<K, V> implements ReadonlyMap<K, V> {
  // Private fields: a comparison of two maps (a test's toEqual) sees their entries, not these.
  readonly #source: { readonly size: number; has(key: K): boolean; keys(): Iterable<K> };
  readonly #compute: (key: K) => V;
  readonly #find: ((key: K) => V | undefined) | null;

  /**
   * `find`, when given, is `get`: the value of a key of `source`, undefined for any other key, in
   * one lookup (a source whose `has` is a search would otherwise search twice per read).
   */
  constructor(
    source: { readonly size: number; has(key: K): boolean; keys(): Iterable<K> },
    compute: (key: K) => V,
    find?: (key: K) => V | undefined,
  ) {
    this.#source = source;
    this.#compute = compute;
    this.#find = find ?? null;
  }

  get size(): number {
    return this.#source.size;
  }

  has(key: K): boolean {
    return this.#source.has(key);
  }

  get(key: K): V | undefined {
    if (this.#find !== null) return this.#find(key);
    return this.#source.has(key) ? this.#compute(key) : undefined;
  }

  keys(): MapIterator<K> {
    return toMapIterator(this.#source.keys());
  }

  values(): MapIterator<V> {
    return toMapIterator(mapIterable(this.#source.keys(), (k) => this.#compute(k)));
  }

  entries(): MapIterator<[K, V]> {
    return toMapIterator(mapIterable(this.#source.keys(), (k): [K, V] => [k, this.#compute(k)]));
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (const k of this.#source.keys()) callback.call(thisArg, this.#compute(k), k, this);
  }
}

function* mapIterable<T, U>(items: Iterable<T>, f: (t: T) => U): Generator<U, undefined, unknown> {
  for (const t of items) yield f(t);
}

function* toMapIterator<T>(items: Iterable<T>): Generator<T, undefined, unknown> {
  yield* items;
}
