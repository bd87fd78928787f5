import { Worker } from 'node:worker_threads';
import { AppError, EXIT } from '../domain/errors.js';
import type { Lang } from '../domain/i18n.js';
import type { FileDigest } from '../io/file-digest.js';
import type { RunResult } from '../pipeline/types.js';
import type { EncodeWorkerData, FromWorker, ToWorker } from './encode-worker.js';
import { layoutSheet } from './sheet-layout.js';
import type { SheetContent } from './sheets/types.js';
import { STREAM_ABOVE_ROWS, workbookRowEstimate } from './workbook.js';
import { rowItem, type RowItem, type SheetsWriter } from './xlsx-direct.js';

/**
 * The second core for a large run's outputs (SPEC §9). The main thread keeps making the rows (the
 * sheet builders, layoutSheet, the csv row generators) and posts them in batches to the encoding
 * worker (encode-worker.ts), which encodes and writes the files; so the main thread goes on to the
 * next output (the hasil JSON) while the workbook is still being encoded. finish() waits for the
 * files, before the manifest and the commit.
 *
 * Rows cross as structured clones of the row arrays: measured at N = 20,000 (450k rows) that cost
 * the main thread ~0.2–0.46 s, as much as JSON.stringify and about half of a hand-packed binary
 * form made in JS, against ~1.3 s for encoding them in process; and it keeps every value exactly
 * (a non-finite number still reaches the writer's check). Batches in flight are bounded
 * (MAX_IN_FLIGHT × BATCH_CELLS), so memory stays bounded when the worker is slower.
 *
 * Small runs do not start a worker (encoderFor returns null) and write in process as before; both
 * paths run the same encoders (DirectWorkbookWriter, CsvWriter), so they write the same bytes.
 */

/** Runs whose workbook is streamed (the direct writer) get the worker too. */
export const ENCODE_WORKER_ABOVE_ROWS = STREAM_ABOVE_ROWS;
/** Test hooks: a lower threshold (e.g. 0) sends small runs through the worker; a file label to fail. */
export const ENCODE_WORKER_ABOVE_ROWS_ENV = 'APPRAISE_TEST_ENCODE_WORKER_ABOVE_ROWS';
export const ENCODE_FAIL_ENV = 'APPRAISE_TEST_ENCODE_FAIL';

/** Cells per posted batch (~1,000 rows; ~0.3 MB as a structured clone). */
const BATCH_CELLS = 1 << 14;
/** Batches posted and not yet encoded before the sender waits. */
const MAX_IN_FLIGHT = 8;

/**
 * The compiled worker beside this module. Under vitest this module runs from src/*.ts, where no
 * .js exists: the worker then runs the build in dist/ (npm test builds first, see pretest).
 */
function workerUrl(): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL('../../dist/reports/encode-worker.js', import.meta.url)
    : new URL('./encode-worker.js', import.meta.url);
}

/** The row count above which a run's outputs go to the worker: ENCODE_WORKER_ABOVE_ROWS, or the test hook's. */
export function encodeWorkerAboveRows(env: NodeJS.ProcessEnv = process.env): number {
  const forced = env[ENCODE_WORKER_ABOVE_ROWS_ENV];
  return forced !== undefined && forced !== '' && Number.isFinite(Number(forced)) ? Number(forced) : ENCODE_WORKER_ABOVE_ROWS;
}

/** The worker for `run`'s outputs when they are large, else null (write in process). */
export function encoderFor(run: RunResult, lang: Lang, env: NodeJS.ProcessEnv = process.env): EncodeWorker | null {
  if (workbookRowEstimate(run) <= encodeWorkerAboveRows(env)) return null;
  const failOn = env[ENCODE_FAIL_ENV];
  return new EncodeWorker(lang, failOn ? { failOn } : {});
}

/**
 * The user's error for a file a worker thread could not write (`where`: which worker, for the
 * stack): its name, the cause, what to do.
 */
export function workerWriteError(lang: Lang, label: string, message: string, code: string | undefined, stack: string | undefined, where: string): AppError {
  const tr = (id: string, en: string): string => (lang === 'id' ? id : en);
  const hint =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? tr('Kosongkan ruang disk, lalu jalankan lagi. Laporan sebelumnya tidak berubah.', 'Free some disk space and run again. The previous reports are unchanged.')
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? tr('Periksa izin tulis folder keluaran, lalu jalankan lagi. Laporan sebelumnya tidak berubah.', 'Check that the output folder is writable and run again. The previous reports are unchanged.')
        : tr('Laporan sebelumnya tidak berubah. Jalankan lagi dengan --verbose untuk jejak galat, dan laporkan bersama perintah yang dijalankan.',
          'The previous reports are unchanged. Run again with --verbose for the stack trace, and report it with the command you ran.');
  const err = new AppError(EXIT.unexpected, tr(`Gagal menulis ${label}: ${message}`, `Could not write ${label}: ${message}`), hint);
  if (stack) err.stack = `${err.name}: ${err.message}\n  in ${where}: ${stack}`;
  return err;
}

interface JobState {
  label: string;
  path: string;
  closed: boolean;
  done: Promise<void>;
  resolve: () => void;
  reject: (e: Error) => void;
}

export class EncodeWorker {
  private readonly worker: Worker;
  private nextJob = 1;
  private inFlight = 0;
  /** Senders waiting for a batch to be acknowledged (or for a failure). */
  private waiters: (() => void)[] = [];
  private readonly jobs = new Map<number, JobState>();
  /** The written files' digests by path, from each job's 'done'. */
  private readonly digests = new Map<string, FileDigest>();
  /** The first failure; every later call throws it. */
  private failure: Error | null = null;
  private stopping = false;
  private gone = false;
  private readonly exited: Promise<void>;
  private onAborted: (() => void) | null = null;

  private readonly batchCells: number;

  /** `batchCells`: cells per posted batch (default BATCH_CELLS; tests pass a few to exercise the backpressure). */
  constructor(private readonly lang: Lang, data: EncodeWorkerData = {}, opts: { batchCells?: number } = {}) {
    this.batchCells = opts.batchCells ?? BATCH_CELLS;
    this.worker = new Worker(workerUrl(), { workerData: data });
    this.exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.on('message', (m: FromWorker) => this.receive(m));
    this.worker.on('error', (err) => this.fail(this.error(this.pendingLabels(), err.message, undefined, err.stack)));
    this.worker.on('messageerror', (err) => this.fail(this.error(this.pendingLabels(), err.message, undefined, err.stack)));
    this.worker.once('exit', (code) => {
      this.gone = true;
      if (!this.stopping) this.fail(this.error(this.pendingLabels(), `the encoding worker stopped (exit code ${code})`));
      this.onAborted?.();
    });
  }

  private receive(m: FromWorker): void {
    if (m.op === 'ack') {
      this.inFlight--;
      this.wakeAll();
    } else if (m.op === 'done') {
      const job = this.jobs.get(m.job);
      this.jobs.delete(m.job);
      if (job) this.digests.set(job.path, m.digest);
      job?.resolve();
    } else if (m.op === 'failed') {
      const job = this.jobs.get(m.job);
      this.fail(this.error(job?.label ?? '?', m.message, m.code, m.stack));
    } else if (m.op === 'aborted') this.onAborted?.();
  }

  private wakeAll(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const wake of w) wake();
  }

  private pendingLabels(): string {
    return [...this.jobs.values()].map((j) => j.label).join(', ') || '?';
  }

  /** The user's error for a file the worker could not write: its name, the cause, what to do. */
  private error(label: string, message: string, code?: string, stack?: string): AppError {
    return workerWriteError(this.lang, label, message, code, stack, 'the encoding worker');
  }

  /** Records the first failure: every file's wait rejects with it (the run fails), and so does every later call. */
  private fail(err: Error): void {
    if (this.failure === null) this.failure = err;
    for (const j of this.jobs.values()) j.reject(this.failure);
    this.jobs.clear();
    this.wakeAll();
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }

  private post(m: ToWorker): void {
    this.check();
    this.worker.postMessage(m);
  }

  /** Posts a batch of rows; waits while MAX_IN_FLIGHT batches are not yet encoded. */
  private async rows(job: number, rows: RowItem[] | unknown[][]): Promise<void> {
    this.post({ op: 'rows', job, rows });
    this.inFlight++;
    while (this.inFlight >= MAX_IN_FLIGHT) {
      await new Promise<void>((wake) => this.waiters.push(wake));
      this.check();
    }
  }

  private open(label: string, path: string, m: (job: number) => ToWorker): number {
    const job = this.nextJob++;
    let resolve!: () => void;
    let reject!: (e: Error) => void;
    const done = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    done.catch(() => {}); // observed by finish(); a failure also stops the senders
    this.post(m(job));
    this.jobs.set(job, { label, path, closed: false, done, resolve, reject });
    return job;
  }

  private close(job: number): void {
    this.post({ op: 'close', job });
    const state = this.jobs.get(job);
    if (state) state.closed = true;
  }

  /**
   * A workbook written by the worker's DirectWorkbookWriter at `path` (`label`: its file name, for
   * errors). Its close() returns once every row is posted; finish() waits for the file.
   */
  workbook(path: string, fixedDate: Date, label: string): SheetsWriter {
    const job = this.open(label, path, (j) => ({ op: 'xlsx', job: j, path, label, fixedDate: fixedDate.getTime() }));
    return {
      addSheet: async (name: string, content: SheetContent, lang: Lang): Promise<void> => {
        const { widths, rows } = layoutSheet(content, name, lang);
        this.post({ op: 'sheet', job, name, widths });
        let batch: RowItem[] = [];
        let cells = 0;
        for (;;) {
          const step = rows.next();
          if (step.done) {
            if (batch.length > 0) await this.rows(job, batch);
            this.post({ op: 'endSheet', job, filterTo: step.value.filterTo });
            return;
          }
          const item = rowItem(step.value);
          batch.push(item);
          cells += Array.isArray(item) ? item.length : 1;
          if (cells >= this.batchCells) {
            await this.rows(job, batch);
            batch = [];
            cells = 0;
          }
        }
      },
      close: async (): Promise<void> => this.close(job),
      // The caller's failure: close() of the encoder stops the worker and its files.
      abort: async (): Promise<void> => {},
    };
  }

  /**
   * A csv written by the worker's CsvWriter at `path` (written as given: a reserved temporary
   * name). Resolves once every row is posted; finish() waits for the file. Rows must be fresh
   * arrays (they are posted in batches, not encoded one by one).
   */
  async csv(path: string, header: string[], rows: Iterable<readonly unknown[]>, label: string): Promise<void> {
    const job = this.open(label, path, (j) => ({ op: 'csv', job: j, path, label, header }));
    let batch: unknown[][] = [];
    let cells = 0;
    for (const row of rows) {
      batch.push(row as unknown[]);
      cells += row.length;
      if (cells >= this.batchCells) {
        await this.rows(job, batch);
        batch = [];
        cells = 0;
      }
    }
    if (batch.length > 0) await this.rows(job, batch);
    this.close(job);
  }

  /**
   * Waits until every file handed to the worker is written and closed; throws the first failure.
   * Returns the digests (io/file-digest.ts) of the files written, by path, for the manifest.
   */
  async finish(): Promise<ReadonlyMap<string, FileDigest>> {
    this.check();
    const open = [...this.jobs.values()];
    const unclosed = open.filter((j) => !j.closed);
    if (unclosed.length > 0) throw new Error(`appraise: encoder.finish() with files still open: ${unclosed.map((j) => j.label).join(', ')}`);
    await Promise.all(open.map((j) => j.done));
    this.check();
    return this.digests;
  }

  /**
   * Stops the worker. After finish() it has nothing left to do; after a failure its unfinished
   * files are closed first (their temporary names are then removed by the caller's OutputBatch).
   */
  async stop(): Promise<void> {
    if (this.stopping) return this.exited;
    this.stopping = true;
    if (!this.gone && (this.jobs.size > 0 || this.failure)) {
      // Ask it to close its files; a worker that does not answer in time is terminated regardless.
      const answered = new Promise<void>((resolve) => (this.onAborted = resolve));
      try {
        this.worker.postMessage({ op: 'abort' } satisfies ToWorker);
        await Promise.race([answered, new Promise((r) => setTimeout(r, 10_000).unref())]);
      } catch {
        // the worker is gone already
      }
    }
    await this.worker.terminate();
    await this.exited;
  }
}
