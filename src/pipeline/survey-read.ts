import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { AppError, EXIT } from '../domain/errors.js';
import type { Lang } from '../domain/i18n.js';
import { IssueSink } from '../domain/issues.js';
import type { Issue } from '../domain/issues.js';
import type { Period } from '../domain/period.js';
import { IkmGrouper } from '../engine/ikm.js';
import type { IkmGrouperData } from '../engine/ikm.js';
import { COLUMNS } from '../ingest/columns.js';
import type { RowCounts } from '../ingest/counts.js';
import { FeedbackIngest } from '../ingest/feedback.js';
import type { FeedbackTotals } from '../ingest/feedback.js';
import { openTable } from '../io/table.js';
import type { SourceInfo } from '../io/types.js';
import type { InputLocation } from '../workspace/layout.js';

/**
 * Reading the survey files of a period (FeedbackIngest + IkmGrouper over every file), on its own
 * so that it can run in a worker thread while the main thread reads the other inputs: at N = 100k
 * the survey is ~500k rows, 1–1.5 s of CPU that the second core can take.
 *
 * Everything crosses the thread boundary as plain data: the job (the roster's unit names, service
 * codes and NIPs, the files, the period), and the answer (tallies as IkmGrouperData, totals, the
 * file records, the issues in reading order). A small survey is read on the main thread through
 * the same function and the same data, when the run asks for it, so both ways give one result.
 */

export interface SurveyJob {
  lang: Lang;
  period: Period;
  /** config.columns['umpan-balik']: foreign header → canonical key. */
  mapping: Record<string, string> | undefined;
  /** The survey files, in reading order. */
  locations: InputLocation[];
  /** The roster's unit names, service codes and NIPs, in roster order (FeedbackIngestContext). */
  units: string[];
  services: string[];
  nips: string[];
}

/** One survey file read: what the run records of it (InputFileInfo) and says in its log. */
export interface SurveyFileRead {
  display: string;
  info: SourceInfo;
  sha256: string | null;
  counts: RowCounts;
}

export interface SurveyRead {
  /** Every issue of the reading (files that fail to open, bad rows), in the order found. */
  issues: Issue[];
  /** The files opened, in reading order (a file that failed to open is only an issue). */
  files: SurveyFileRead[];
  totals: FeedbackTotals;
  groups: IkmGrouperData;
}

/** Reads every survey file of the job; the issues are collected, not thrown. */
export async function readSurvey(job: SurveyJob): Promise<SurveyRead> {
  const sink = new IssueSink(job.lang);
  const ingest = new FeedbackIngest({ period: job.period, units: job.units, services: job.services, employees: new Set(job.nips) }, sink);
  const grouper = new IkmGrouper();
  const files: SurveyFileRead[] = [];
  for (const location of job.locations) {
    const table = await openTable({
      path: location.path,
      displayName: location.display,
      columns: COLUMNS['umpan-balik'],
      mapping: job.mapping,
      sink,
    });
    if (!table) continue;
    const counts = await ingest.ingest(table, (r) => grouper.add(r));
    files.push({ display: location.display, info: table.info, sha256: table.sha256, counts: { read: counts.read, accepted: counts.accepted, rejected: counts.rejected } });
  }
  return { issues: sink.issues, files, totals: { ...ingest.totals }, groups: grouper.toData() };
}

/**
 * Surveys smaller than this are read inline. A worker is not free: it loads the reading modules
 * again (~0.2 s CPU, mostly ExcelJS, which io/table.ts imports), runs them cold (not yet optimised
 * as on the main thread), and holds a heap of its own while it reads (~130 MB at 100k). Measured
 * (computeRun, main-thread CPU / whole process CPU, means of 3–7 runs): N = 20k, 8.5 MB survey:
 * 2.75 → 2.37 s / 4.6 → 5.2 s; N = 100k, 42 MB: 12.6 → 10.7 s / 17.4 → 18.4 s. Sinabang: a few KB.
 */
export const WORKER_MIN_BYTES = 8 * 1024 * 1024;

/**
 * The compiled worker beside this module (dist/pipeline/survey-worker.js). Running from the .ts
 * sources (vitest) there is none: surveys are then read inline unless a test names the built one.
 */
const WORKER_FILE = new URL('./survey-worker.js', import.meta.url);

export interface SurveyReadOptions {
  /** The worker script; default the compiled one beside this module, when there is one. */
  worker?: URL;
  /** Read in a worker from this many bytes of survey files on; default WORKER_MIN_BYTES. */
  minBytes?: number;
}

/** A survey being read: `result` gives the reading (it starts then when inline). */
export interface PendingSurvey {
  /** Whether the reading runs in a worker thread. */
  readonly inWorker: boolean;
  result(): Promise<SurveyRead>;
}

/** The worker's one message: the reading, or the error that stopped it. */
export type SurveyWorkerMessage = { ok: true; read: SurveyRead } | { ok: false; error: WorkerErrorData };

export type WorkerErrorData =
  | { app: true; exitCode: AppError['exitCode']; message: string; hint?: string; details: string[] }
  | { app: false; name: string; message: string; stack?: string };

/** An error of the worker as plain data (an AppError keeps its exit code, hint and details). */
export function errorData(e: unknown): WorkerErrorData {
  if (e instanceof AppError) return { app: true, exitCode: e.exitCode, message: e.message, ...(e.hint !== undefined ? { hint: e.hint } : {}), details: e.details };
  const err = e instanceof Error ? e : new Error(String(e));
  return { app: false, name: err.name, message: err.message, ...(err.stack !== undefined ? { stack: err.stack } : {}) };
}

function errorFrom(d: WorkerErrorData): Error {
  if (d.app) return new AppError(d.exitCode, d.message, d.hint, d.details);
  const e = new Error(d.message);
  e.name = d.name;
  if (d.stack !== undefined) e.stack = d.stack;
  return e;
}

/**
 * Starts reading the survey: in a worker thread when the files total at least `minBytes` and the
 * worker script exists, else inline when `result` is called (at the point of the run where the
 * survey was always read, so a small run does the same work in the same order as before).
 *
 * The worker is unref'd until `result` is called: a run that fails before it (a bad indicator
 * file) ends without waiting for the survey, and its answer is then dropped. SIGINT's
 * process.exit ends the worker with the process.
 */
export function startSurveyRead(job: SurveyJob, opts: SurveyReadOptions = {}): PendingSurvey {
  const workerFile = opts.worker ?? (exists(WORKER_FILE) ? WORKER_FILE : null);
  const bytes = job.locations.reduce((n, l) => n + sizeOf(l.path), 0);
  if (workerFile === null || bytes < (opts.minBytes ?? WORKER_MIN_BYTES)) {
    return { inWorker: false, result: () => readSurvey(job) };
  }
  const worker = new Worker(workerFile, { workerData: job });
  worker.unref();
  const answer = new Promise<SurveyRead>((resolve, reject) => {
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      f();
    };
    worker.once('message', (m: SurveyWorkerMessage) => settle(() => (m.ok ? resolve(m.read) : reject(errorFrom(m.error)))));
    worker.once('error', (e) => settle(() => reject(crashed(job.lang, e.message))));
    worker.once('exit', (code) => settle(() => reject(crashed(job.lang, `exit code ${code}`))));
  });
  // A run that fails before asking for the answer must not also see this rejection as unhandled.
  answer.catch(() => {});
  return {
    inWorker: true,
    result: () => {
      worker.ref();
      return answer.finally(() => void worker.unref());
    },
  };
}

/** The error of a worker that ended without answering (a crash, out of memory, killed). */
function crashed(lang: Lang, cause: string): AppError {
  return new AppError(
    EXIT.unexpected,
    lang === 'id'
      ? `Pembacaan berkas survei (thread pekerja) berhenti tanpa hasil: ${cause}.`
      : `Reading the survey files (worker thread) stopped without a result: ${cause}.`,
    lang === 'id'
      ? 'Jalankan lagi; bila terulang, laporkan perintahnya beserta berkas log run ini.'
      : 'Run it again; if it happens again, report the command with this run’s log file.',
  );
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0; // openTable reports the file with its place when it is read
  }
}

function exists(file: URL): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
