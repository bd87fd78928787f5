import { Worker } from 'node:worker_threads';
import type { Config, Regime } from '../config/schema.js';
import type { Lang } from '../domain/i18n.js';
import type { Employee } from '../engine/types.js';
import { IndicatorRows } from '../ingest/indicator-rows.js';
import type { FileDigest } from '../io/file-digest.js';
import type { IndicatorsRead } from '../pipeline/run.js';
import { encodeWorkerAboveRows, workerWriteError } from './encoder.js';
import { packEmployees, type FromCsvWorker, type IndicatorCsvWorkerData, type ToCsvWorker } from './indicator-csv-data.js';

/**
 * `indikator-<period>.csv` written during compute (SPEC §9). At N = 100,000 its 800,000 rows cost
 * ~2.7 s of CPU where the outputs already keep both cores busy, while from the indicators' read
 * to the end of compute the second core is nearly idle. Every row needs only what is read by then
 * (the roster, the indicator columns, the config's aspects and scoring policy), so a worker
 * (indicator-csv-worker.ts) makes and writes the whole file meanwhile, from the columns shared with
 * it (SharedArrayBuffers: no copy), by the same row code as the main thread's path
 * (sheets/indikator.ts indicatorRow). The run command starts it from computeRun's onIndicatorsRead
 * and awaits it with the other outputs; whenever a condition of planIndicatorCsv does not hold the
 * csv is written after compute as before (workbook.ts writeIndicatorCsv).
 */

/** Test hooks: 'off' keeps the csv on the main thread's path; a failure of the worker before it closes the file. */
export const INDICATOR_CSV_WORKER_ENV = 'APPRAISE_TEST_INDICATOR_CSV_WORKER';
export const INDICATOR_CSV_FAIL_ENV = 'APPRAISE_TEST_INDICATOR_CSV_FAIL';

/**
 * Whether, under each regime, the run's indicator results are the work stage's, which the worker
 * makes again (capaianWithPolicy with the config's scoring, as scoreWork's results). Checked:
 * permenpan-6-2022 copies the work results with withChanges (their indicators made from the same
 * group and settings); the legacy regimes spread the work result (legacy-stage.ts
 * applyLegacyRegime: `...e0` reads its indicators once, unchanged); the e-Kinerja comparison does
 * not touch them. A regime that changes them must say false here.
 */
export const REGIME_KEEPS_WORK_INDICATORS: Readonly<Record<Regime, boolean>> = {
  'permenpan-6-2022': true,
  'pp-30-2019': true,
  'pp-46-2011': true,
};

/** Why the csv stays on the main thread's path. */
export type IndicatorCsvFallback =
  /** The test hook asked for the main thread's path. */
  | 'disabled'
  /** --anonymize: pseudonyms replace NIPs and names, inside texts as well, after compute. */
  | 'anonymize'
  /** A combined period: its indicators are objects that carry their parts, not the columns. */
  | 'combined'
  /** A regime whose final indicator results are not the work stage's (REGIME_KEEPS_WORK_INDICATORS). */
  | 'regime'
  /** A run without the encoding worker (at most encodeWorkerAboveRows employees): not worth a thread. */
  | 'small';

export type IndicatorCsvPlan =
  /** The rows fit on the Indikator sheet: no csv. */
  | { kind: 'none'; rows: number }
  | { kind: 'main'; rows: number; reason: IndicatorCsvFallback }
  | { kind: 'worker'; rows: number; columns: IndicatorRows; employees: { employee: Employee; group: number }[] };

export interface IndicatorCsvOptions {
  config: Config;
  anonymize: boolean;
  env?: NodeJS.ProcessEnv;
}

/**
 * Whether `indikator-<period>.csv` is written, and by the worker or after compute: every condition
 * the worker relies on, in one place. The row count is the run's (indicatorRowCount): one row per
 * indicator of each roster employee.
 */
export function planIndicatorCsv(read: IndicatorsRead, opts: IndicatorCsvOptions): IndicatorCsvPlan {
  const env = opts.env ?? process.env;
  const { groups, groupOf, parts } = read.indicators;
  const employees: { employee: Employee; group: number }[] = [];
  let rows = 0;
  for (const employee of read.employees.values()) {
    const group = groupOf.get(employee.nip);
    if (group === undefined) continue;
    const n = groups.count(group);
    if (n === 0) continue;
    rows += n;
    employees.push({ employee, group });
  }
  if (!(rows > opts.config.reports.detailSheetMaxRows)) return { kind: 'none', rows };
  const main = (reason: IndicatorCsvFallback): IndicatorCsvPlan => ({ kind: 'main', rows, reason });
  if (env[INDICATOR_CSV_WORKER_ENV] === 'off') return main('disabled');
  if (opts.anonymize) return main('anonymize');
  if (parts !== null || !(groups instanceof IndicatorRows)) return main('combined');
  if (!REGIME_KEEPS_WORK_INDICATORS[opts.config.regime]) return main('regime');
  if (!(read.employees.size > encodeWorkerAboveRows(env))) return main('small');
  return { kind: 'worker', rows, columns: groups, employees };
}

/** Under vitest this module runs from src/*.ts: the worker then runs the build in dist/ (see encoder.ts). */
function workerUrl(): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL('../../dist/reports/indicator-csv-worker.js', import.meta.url)
    : new URL('./indicator-csv-worker.js', import.meta.url);
}

export interface IndicatorCsvStart {
  config: Config;
  /** The csv's language, and the run's (its capaian formulas); the same in a run. */
  lang: Lang;
  scoringLang: Lang;
  /** Where to write it (a reserved temporary name) and its file name, for errors. */
  path: string;
  label: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * The worker writing the csv of a 'worker' plan. done() gives the file's digest once it is
 * written; stop() ends the worker on every path (after a failure, its file is closed and removed).
 */
export class IndicatorCsvJob {
  readonly rows: number;
  readonly path: string;
  private readonly worker: Worker;
  private readonly result: Promise<FileDigest>;
  /** Resolves at the worker's last answer or its exit, whichever comes first. */
  private readonly settled: Promise<void>;
  private readonly exited: Promise<void>;
  private stopped = false;

  constructor(plan: Extract<IndicatorCsvPlan, { kind: 'worker' }>, start: IndicatorCsvStart) {
    this.rows = plan.rows;
    this.path = start.path;
    const env = start.env ?? process.env;
    const { scoring, aspects } = start.config;
    const data: IndicatorCsvWorkerData = {
      path: start.path,
      label: start.label,
      lang: start.lang,
      scoringLang: start.scoringLang,
      policy: { capaianCap: scoring.capaianCap, missing: scoring.missing },
      aspects: aspects.map((a) => ({ key: a.key, label: a.label })),
      columns: plan.columns.data(),
      employees: packEmployees(plan.employees),
      ...(env[INDICATOR_CSV_FAIL_ENV] ? { failBeforeClose: true } : {}),
    };
    this.worker = new Worker(workerUrl(), { workerData: data });
    const error = (message: string, code?: string, stack?: string): Error =>
      workerWriteError(start.lang, start.label, message, code, stack, 'the indicator csv worker');
    let settle!: () => void;
    this.settled = new Promise<void>((resolve) => (settle = resolve));
    this.exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.result = new Promise<FileDigest>((resolve, reject) => {
      this.worker.on('message', (m: FromCsvWorker) => {
        settle();
        if (m.op === 'done') {
          if (m.rows === this.rows) resolve(m.digest);
          else reject(new Error(`appraise: the indicator csv worker wrote ${m.rows} rows, the run has ${this.rows}`));
        } else if (m.op === 'failed') reject(error(m.message, m.code, m.stack));
        else reject(error('stopped'));
      });
      this.worker.on('error', (err) => {
        settle();
        reject(error(err.message, undefined, err.stack));
      });
      this.worker.once('exit', (code) => {
        settle();
        reject(error(`the indicator csv worker stopped (exit code ${code})`));
      });
    });
    this.result.catch(() => {}); // observed by done(); a run that fails first never asks
  }

  /** The written file's digest (io/file-digest.ts) for the manifest; rejects with the worker's failure. */
  done(): Promise<FileDigest> {
    return this.result;
  }

  /**
   * Ends the worker. Still writing (the run failed or was stopped first): it is asked to close and
   * remove its file, and terminated if it does not answer in time.
   */
  async stop(): Promise<void> {
    if (this.stopped) return this.exited;
    this.stopped = true;
    try {
      this.worker.postMessage({ op: 'abort' } satisfies ToCsvWorker);
      await Promise.race([this.settled, new Promise((r) => setTimeout(r, 10_000).unref())]);
    } catch {
      // the worker is gone already
    }
    await this.worker.terminate();
    await this.exited;
  }
}

/**
 * The run command's side of the worker: `onIndicatorsRead` for computeRun starts it when the plan
 * says so (the file reserved in the run's batch first, so a failed or interrupted run removes it);
 * `job` is then the running job, and `stop()` must be called on every path.
 */
export function indicatorCsvStarter(
  opts: IndicatorCsvOptions & Omit<IndicatorCsvStart, 'path' | 'config'> & { reserve: (name: string) => string },
): { onIndicatorsRead: (read: IndicatorsRead) => void; readonly job: IndicatorCsvJob | null; stop: () => Promise<void> } {
  let job: IndicatorCsvJob | null = null;
  return {
    onIndicatorsRead(read) {
      const plan = planIndicatorCsv(read, opts);
      if (plan.kind !== 'worker') return;
      job = new IndicatorCsvJob(plan, { ...opts, path: opts.reserve(opts.label) });
    },
    get job() {
      return job;
    },
    stop: async () => job?.stop(),
  };
}
