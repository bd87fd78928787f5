import { parentPort, workerData } from 'node:worker_threads';
import { capaianWithPolicy } from '../engine/capaian.js';
import { groupIndicators } from '../ingest/indicator-rows.js';
import { aspectLabelIn } from './common.js';
import { CsvWriter } from './csv.js';
import { csvOrder, nameAt, nipAt, type FromCsvWorker, type IndicatorCsvWorkerData, type ToCsvWorker } from './indicator-csv-data.js';
import { indicatorCsvHeader, indicatorRow } from './sheets/indikator.js';

/**
 * The indicator csv worker (worker_threads; runs from dist/): writes `indikator-<period>.csv`
 * from the indicator columns while the main thread is still computing the run (SPEC §9; started
 * and awaited by indicator-csv.ts). Each row is made by the same code as the main thread's
 * indicatorRows: the employee's Indicator objects from the columns (groupIndicators), their
 * capaian with the run's scoring policy (capaianWithPolicy, as scoreWork's results make them),
 * then indicatorRow; encoded by the same CsvWriter, hashed as written.
 */

const port = parentPort;
if (port === null) throw new Error('appraise: indicator-csv-worker.js runs as a worker thread only');
const data = workerData as IndicatorCsvWorkerData;
const post = (m: FromCsvWorker): void => port.postMessage(m);
/** The last answer: the thread then ends by itself (the main thread need not wait for its terminate). */
const end = (m: FromCsvWorker): void => {
  post(m);
  port.unref();
};

let abortRequested = false;
port.on('message', (m: ToCsvWorker) => {
  if (m.op !== 'abort') return;
  abortRequested = true;
  // Written or failed already: nothing is open (the caller's batch removes a written file), and
  // the last answer is on its way; else the writing loop stops at its next chunk.
});

async function write(): Promise<void> {
  const { employees: e, columns, policy, aspects, lang, scoringLang } = data;
  const order = csvOrder(e);
  const csv = new CsvWriter(data.path, indicatorCsvHeader(lang));
  let rows = 0;
  try {
    for (let k = 0; k < e.count; k++) {
      const i = order[k]!;
      const nip = nipAt(e, i);
      const name = nameAt(e, i);
      for (const ind of groupIndicators(columns, e.group[i]!, nip)) {
        csv.line(indicatorRow(nip, name, capaianWithPolicy(ind, policy, scoringLang), aspectLabelIn(aspects, ind.aspect), lang));
        rows++;
        if (csv.full) {
          await csv.flush();
          if (abortRequested) {
            await csv.abort();
            end({ op: 'aborted' });
            return;
          }
        }
      }
    }
    if (data.failBeforeClose) throw new Error('injected failure (APPRAISE_TEST_INDICATOR_CSV_FAIL)');
    await csv.close();
  } catch (err) {
    await csv.abort().catch(() => {});
    throw err;
  }
  end({ op: 'done', digest: csv.digest!, rows });
}

write().catch((err: unknown) => {
  const e = err as NodeJS.ErrnoException;
  end({ op: 'failed', message: e?.message ?? String(err), ...(e?.code ? { code: e.code } : {}), ...(e?.stack ? { stack: e.stack } : {}) });
});
