import { parentPort, workerData } from 'node:worker_threads';
import { errorData, readSurvey } from './survey-read.js';
import type { SurveyJob, SurveyWorkerMessage } from './survey-read.js';

/**
 * Worker thread entry (survey-read.ts startSurveyRead): reads the survey files of the job it was
 * started with and posts one message, the reading or the error that stopped it. The tally
 * counters are transferred, not copied.
 */
const port = parentPort;
if (port === null) throw new Error('survey-worker.js runs as a worker thread (survey-read.ts startSurveyRead)');

readSurvey(workerData as SurveyJob).then(
  (read) => port.postMessage({ ok: true, read } satisfies SurveyWorkerMessage, [read.groups.counters.buffer]),
  (e: unknown) => port.postMessage({ ok: false, error: errorData(e) } satisfies SurveyWorkerMessage),
);
