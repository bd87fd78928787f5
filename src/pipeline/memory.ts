import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { AppError, EXIT } from '../domain/errors.js';
import type { Lang } from '../domain/i18n.js';

/**
 * The least heap a run uses per employee at its peak. Measured at N = 1,000,000 (`npm run bench`):
 * 1.1 KB per employee is still alive after scoring and about 2.2 KB is in use during the training
 * stage; no run needs less than 1 KB. A roster whose size times this passes the process's heap
 * limit cannot finish: V8 would abort it minutes later (SIGABRT, exit 134, no END line in the log),
 * so the run stops at once instead, saying how to give it more.
 */
export const LEAST_HEAP_PER_EMPLOYEE = 1024;
/** The heap to suggest per employee: the measured peak with room. */
const SUGGESTED_HEAP_PER_EMPLOYEE = 3 * 1024;

/** Throws a usage error when `employees` cannot fit in the heap limit (default: this process's). */
export function checkHeapFor(employees: number, lang: Lang, limit = getHeapStatistics().heap_size_limit): void {
  if (employees * LEAST_HEAP_PER_EMPLOYEE <= limit) return;
  const limitMb = Math.floor(limit / 2 ** 20);
  // Whole gigabytes, in the megabytes the option takes.
  const suggestMb = Math.ceil((employees * SUGGESTED_HEAP_PER_EMPLOYEE) / 2 ** 30) * 1024;
  const count = employees.toLocaleString(lang === 'id' ? 'id-ID' : 'en-US');
  throw new AppError(
    EXIT.usage,
    lang === 'id'
      ? `${count} pegawai memerlukan lebih dari ${limitMb} MB memori heap yang diizinkan untuk proses ini; proses akan terhenti di tengah jalan.`
      : `${count} employees need more than the ${limitMb} MB of heap this process may use; the run would abort partway.`,
    lang === 'id'
      ? `Jalankan dengan heap lebih besar (perlu RAM sebesar itu), mis. NODE_OPTIONS=--max-old-space-size=${suggestMb} appraise run …`
      : `Run it with a larger heap (the machine needs that much RAM), e.g. NODE_OPTIONS=--max-old-space-size=${suggestMb} appraise run …`,
  );
}

/**
 * How fast the heap may grow between full collections: a trade of memory for time, decided per run
 * from the roster's size and the heap limit. V8's own factor (up to 4× what is live) collects
 * least often; bounded growth (the heap grows by half of what is live) collects the whole heap
 * more often but keeps the output stage's garbage from piling up.
 *
 * Measured at N = 100,000 (`npm run bench`, 2 cores): V8's own factor 16.4–16.5 s, 23.5 s CPU,
 * peak RSS 1.29–1.30 GB; bounded 18.2–19.2 s, 27.9–29.2 s CPU, 0.80–0.83 GB (concurrent marking of
 * the heap took ~8.6 s of CPU from the second core, against ~4.1 s). At N = 1,000,000 only bounded
 * growth stays within 4 GB (3.94 GB).
 */
export type HeapGrowth = 'v8' | 'bounded';

/** Peak RSS per employee of a run under V8's own growth factor (N = 100,000: 1.3 GB), rounded up. */
export const FREE_GROWTH_PEAK_PER_EMPLOYEE = 13 * 1024;
/** Bounded growth, as a V8 flag: the heap grows by this percentage of what is live. */
export const BOUNDED_GROWTH_PERCENT = 50;

/**
 * V8's own growth while the run's peak under it (FREE_GROWTH_PEAK_PER_EMPLOYEE each) stays within
 * half the heap limit, so that the rest of the machine keeps its share; bounded above that. With
 * the ~4 GB limit of a machine with 16 GB or more that is up to ~160,000 employees; a smaller
 * machine bounds smaller runs.
 */
export function heapGrowthFor(employees: number, limit = getHeapStatistics().heap_size_limit): HeapGrowth {
  return employees * FREE_GROWTH_PEAK_PER_EMPLOYEE <= limit / 2 ? 'v8' : 'bounded';
}

/** Whether the process was started with a growth of its own choosing (NODE_OPTIONS or node's options). */
export function heapGrowthGivenByUser(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ''): boolean {
  return [...execArgv, ...nodeOptions.split(/\s+/)].some((a) => /^--heap[-_]growing[-_]percent(=|$)/.test(a));
}

/**
 * Sets the heap growth for a run of `employees` (V8 reads the flag at each full collection, so it
 * applies from the next one on, in the worker threads too). Left alone when the user chose one.
 */
export function applyHeapGrowthFor(employees: number): HeapGrowth | 'user' {
  if (heapGrowthGivenByUser()) return 'user';
  const growth = heapGrowthFor(employees);
  // 0 is V8's default: its own factor.
  setFlagsFromString(`--heap-growing-percent=${growth === 'bounded' ? BOUNDED_GROWTH_PERCENT : 0}`);
  return growth;
}
