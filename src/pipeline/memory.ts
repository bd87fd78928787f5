import { getHeapStatistics } from 'node:v8';
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
