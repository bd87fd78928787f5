import { parentPort, workerData } from 'node:worker_threads';
import type { FileDigest } from '../io/file-digest.js';
import { CsvWriter } from './csv.js';
import { DirectWorkbookWriter, type RowItem, type SheetRows } from './xlsx-direct.js';

/**
 * The encoding worker (worker_threads) of a large run: the main thread makes the rows and sends
 * them here in batches (encoder.ts); this thread encodes them with the same writers the in-process
 * path uses (DirectWorkbookWriter's sheet XML, shared strings and zip; CsvWriter's csv) and writes
 * the files, while the main thread goes on to the next output. Runs from dist/ (compiled).
 *
 * Messages are handled one after another, in the order sent, whatever file they belong to. A file
 * that fails is closed and reported once ('failed'); its later messages are dropped, but each batch
 * of rows is still acknowledged, so the sender's count of batches in flight stays right.
 */

export type FilterTo = { row: number; column: number } | null;

export type ToWorker =
  | { op: 'xlsx'; job: number; path: string; label: string; fixedDate: number }
  | { op: 'csv'; job: number; path: string; label: string; header: string[] }
  | { op: 'sheet'; job: number; name: string; widths: number[] }
  /** Rows of the open sheet (xlsx) or csv lines; acknowledged with 'ack' once encoded. */
  | { op: 'rows'; job: number; rows: RowItem[] | unknown[][] }
  | { op: 'endSheet'; job: number; filterTo: FilterTo }
  /** The file is complete: close it and answer 'done'. */
  | { op: 'close'; job: number }
  /** Stop: close every unfinished file (without finishing it) and answer 'aborted'. */
  | { op: 'abort' };

export type FromWorker =
  | { op: 'ack' }
  /** The file is written and closed; `digest`: its hash and size, taken as it was written. */
  | { op: 'done'; job: number; digest: FileDigest }
  | { op: 'failed'; job: number; message: string; code?: string; stack?: string }
  | { op: 'aborted' };

export interface EncodeWorkerData {
  /** Test hook (APPRAISE_TEST_ENCODE_FAIL): the file with this label fails at its first rows. */
  failOn?: string;
}

interface Job {
  label: string;
  xlsx?: DirectWorkbookWriter;
  sheet?: SheetRows;
  csv?: CsvWriter;
}

const port = parentPort;
if (port === null) throw new Error('appraise: encode-worker.js runs as a worker thread only');
const { failOn } = (workerData ?? {}) as EncodeWorkerData;
const jobs = new Map<number, Job>();
const post = (m: FromWorker): void => port.postMessage(m);

let queue: Promise<void> = Promise.resolve();
port.on('message', (m: ToWorker) => {
  queue = queue.then(() => handle(m));
});

async function handle(m: ToWorker): Promise<void> {
  if (m.op === 'abort') {
    for (const job of jobs.values()) await abortJob(job);
    jobs.clear();
    post({ op: 'aborted' });
    return;
  }
  if (m.op === 'xlsx') {
    jobs.set(m.job, { label: m.label, xlsx: new DirectWorkbookWriter(m.path, new Date(m.fixedDate)) });
    return;
  }
  const job = jobs.get(m.job);
  try {
    if (job !== undefined || m.op === 'csv') await step(m, job);
  } catch (err) {
    jobs.delete(m.job);
    if (job) await abortJob(job);
    const e = err as NodeJS.ErrnoException;
    post({ op: 'failed', job: m.job, message: e?.message ?? String(err), ...(e?.code ? { code: e.code } : {}), ...(e?.stack ? { stack: e.stack } : {}) });
  } finally {
    if (m.op === 'rows') post({ op: 'ack' });
  }
}

async function step(m: Exclude<ToWorker, { op: 'abort' } | { op: 'xlsx' }>, job: Job | undefined): Promise<void> {
  switch (m.op) {
    case 'csv':
      // Registered before the file opens, so that a failure to open is reported under its label.
      jobs.set(m.job, { label: m.label });
      jobs.get(m.job)!.csv = new CsvWriter(m.path, m.header);
      return;
    case 'sheet':
      job!.sheet = await job!.xlsx!.beginSheet(m.name, m.widths);
      return;
    case 'rows': {
      if (failOn !== undefined && job!.label === failOn) throw new Error('injected failure (APPRAISE_TEST_ENCODE_FAIL)');
      const { sheet, csv } = job!;
      if (sheet) {
        for (const item of m.rows as RowItem[]) {
          sheet.add(item);
          if (sheet.full) await sheet.flush();
        }
      } else {
        for (const row of m.rows as unknown[][]) {
          csv!.line(row);
          if (csv!.full) await csv!.flush();
        }
      }
      return;
    }
    case 'endSheet':
      await job!.sheet!.end(m.filterTo);
      job!.sheet = undefined;
      return;
    case 'close':
      if (job!.xlsx) await job!.xlsx.close();
      else await job!.csv!.close();
      jobs.delete(m.job);
      post({ op: 'done', job: m.job, digest: (job!.xlsx ?? job!.csv!).digest! });
      return;
  }
}

/** Closes a file that will not be finished; the caller's OutputBatch removes its temporary name. */
async function abortJob(job: Job): Promise<void> {
  try {
    if (job.xlsx) await job.xlsx.abort();
    if (job.csv) await job.csv.abort();
  } catch {
    // Closing after a failure: the failure itself has been reported.
  }
}
