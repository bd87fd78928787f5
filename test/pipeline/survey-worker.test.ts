import { cpSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { AppError, EXIT } from '../../src/domain/errors.ts';
import { IssueSink } from '../../src/domain/issues.ts';
import { parsePeriod } from '../../src/domain/period.ts';
import type { Period } from '../../src/domain/period.ts';
import { answersByKey, IkmGrouper } from '../../src/engine/ikm.ts';
import type { SurveyResponse } from '../../src/engine/ikm.ts';
import type { Employee } from '../../src/engine/types.ts';
import { startFeedbackStage } from '../../src/pipeline/feedback-stage.ts';
import type { FeedbackReport, FeedbackStageRest } from '../../src/pipeline/feedback-stage.ts';
import { computeRun } from '../../src/pipeline/run.ts';
import type { RunResult } from '../../src/pipeline/types.ts';
import { startSurveyRead } from '../../src/pipeline/survey-read.ts';
import type { SurveyJob, SurveyRead, SurveyReadOptions } from '../../src/pipeline/survey-read.ts';
import { buildFeedbackDocument } from '../../src/reports/feedback-json.ts';
import { locateFeedbackFiles } from '../../src/workspace/layout.ts';

/**
 * The survey read in a worker thread (pipeline/survey-read.ts) gives what the inline reading gives:
 * the same tallies, totals, file records and issues in the same order. The worker runs compiled
 * code: these tests use dist/pipeline/survey-worker.js, which `npm test` builds first.
 */
const SINABANG = fileURLToPath(new URL('../../examples/sinabang', import.meta.url));
const WORKER = new URL('../../dist/pipeline/survey-worker.js', import.meta.url);
const IN_WORKER: SurveyReadOptions = { worker: WORKER, minBytes: 0 };
const INLINE: SurveyReadOptions = { minBytes: Number.POSITIVE_INFINITY };

function response(p: Partial<SurveyResponse> & { answers: SurveyResponse['answers'] }): SurveyResponse {
  return {
    unit: null, service: null, officerNip: null, complaint: null, complaintCategory: null,
    respondentKey: 'r', date: new Date(Date.UTC(2025, 0, 2)), place: { file: 'x.csv', row: 2 }, ...p,
  };
}

describe('IkmGrouper as plain data', () => {
  it('fromData(toData()) gives the same results for every group, complaints included', () => {
    const g = new IkmGrouper();
    const a = answersByKey({ U1: 4, U2: 3, U3: 1, U4: 2, U5: 4, U6: 4, U7: 3, U8: 3, U9: 2 });
    const b = answersByKey({ U1: 2, U2: 2, U3: 3, U4: null, U5: 1, U6: 4, U7: 4, U8: 2, U9: 3 });
    g.add(response({ unit: 'Dinas A', service: 'KTP', officerNip: '198001012005011001', answers: a, complaint: 'lama', complaintCategory: 'Waktu' }));
    g.add(response({ unit: 'Dinas A', service: 'KK', answers: b, complaintCategory: 'waktu' }));
    g.add(response({ unit: 'Dinas B', answers: a, complaint: 'x' }));
    g.add(response({ service: 'IMUNISASI', officerNip: '198001012005011001', answers: b, complaint: 'y', complaintCategory: 'Biaya' }));
    g.add(response({ service: 'KTP', answers: b }));
    const data = g.toData();
    expect(data.units).toEqual(['Dinas A', 'Dinas B']);
    expect(data.unitServices).toEqual([{ unit: 'Dinas A', services: ['KTP', 'KK'] }]);
    expect(data.servicesWithoutUnit).toEqual(['IMUNISASI', 'KTP']);
    expect(data.counters.length).toBe((1 + 2 + 3 + 2 + 2 + 1) * 20);
    expect(data.complaints.count.reduce((s, n) => s + n, 0)).toBeGreaterThan(0);

    // Through a structured clone, as postMessage hands it over.
    const back = IkmGrouper.fromData(structuredClone(data));
    for (const weight of ['exact', 'permen'] as const) {
      const want = g.result({ weight });
      const got = back.result({ weight });
      expect(got).toEqual(want);
      expect(got.overall.unsur).toEqual(want.overall.unsur);
      expect(got.byOfficer.get('198001012005011001')!.complaints).toEqual(want.byOfficer.get('198001012005011001')!.complaints);
      expect(got.overall.complaints.byCategory.map((c) => [c.category, c.count])).toEqual([['Waktu', 2], ['Biaya', 1], [null, 1]]);
    }
    expect(back.toData()).toEqual(data);
  });

  it('refuses data whose counters do not fit its keys', () => {
    const data = new IkmGrouper().toData();
    expect(() => IkmGrouper.fromData({ ...data, units: ['X'] })).toThrow(/inconsistent data/);
  });
});

/**
 * A copy of Sinabang whose survey files are its csv ones only, so the cases below stay quick;
 * Sinabang 2025-Q1 keeps its two xlsx survey files to cover their sheet and header row through
 * the worker. (Written when xlsx reads failed about once in 300, fixed since in src/io/xlsx.ts.)
 */
function csvSurveyCopy(): string {
  const ws = join(mkdtempSync(join(tmpdir(), 'appraise-survey-worker-')), 'ws');
  cpSync(SINABANG, ws, { recursive: true, filter: (src) => !src.includes(`${SINABANG}/laporan`) && !(src.includes('/umpan-balik/') && src.endsWith('.xlsx')) });
  return ws;
}

/** The csv copy with a survey file that cannot be opened and one with bad rows. */
function damagedWorkspace(): string {
  const ws = csvSurveyCopy();
  const dir = join(ws, 'data/2025-Q1/umpan-balik');
  writeFileSync(join(dir, 'loket-rusak.xlsx'), 'this is not a zip file');
  writeFileSync(join(dir, 'loket-tambahan.csv'), [
    'Tanggal,Unit Kerja,Layanan,U1,U2,U3,U4,U5,U6,U7,U8,U9,ID Responden,NIP Petugas,Pengaduan,Kategori Pengaduan',
    '2025-02-03,Dinas Kesehatan,IMUNISASI,4,3,3,3,4,4,4,4,2,TMB-1,,,',
    '2025-02-04,Dinas Kesehatan,IMUNISASI,7,3,3,3,4,4,4,4,2,TMB-2,,,', // answer out of range
    'bukan tanggal,Dinas Kesehatan,IMUNISASI,4,3,3,3,4,4,4,4,2,TMB-3,,,', // no date
    '2025-02-05,Dinas Tidak Ada,,4,3,3,3,4,4,4,4,2,TMB-4,,,', // unknown unit, no service
    '2025-02-06,Dinas Kesehatan,IMUNISASI,4,4,4,4,4,4,4,4,4,TMB-1,,,', // duplicate ID
    '2025-02-07,Dinas Kesehatan,IMUNISASI,3,3,3,3,3,3,3,3,3,TMB-5,123,Lama,Waktu', // bad officer NIP
  ].join('\n') + '\n');
  return ws;
}

interface StageRun {
  inWorker: boolean;
  report: FeedbackReport | null;
  issues: IssueSink['issues'];
  records: unknown[];
  said: string[];
}

async function stage(ws: string, period: Period, employees: ReadonlyMap<string, Employee>, survey: SurveyReadOptions): Promise<StageRun> {
  const loaded = loadConfig(ws, 'en');
  const pending = startFeedbackStage({ workspace: ws, config: loaded.config, period, lang: 'en', employees, survey });
  const sink = new IssueSink('en');
  sink.warning('EARLIER', { file: 'data/2025-Q1/unit.xlsx' }, { id: 'x', en: 'x' }, { id: 'x', en: 'x' });
  const records: unknown[] = [];
  const said: string[] = [];
  const rest: FeedbackStageRest = {
    sink,
    record: (kind, table, counts) => records.push({ kind, info: table.info, sha256: table.sha256, counts }),
    units: null,
    unitFiles: [],
    say: (t) => said.push(t),
  };
  const report = await pending.finish(rest);
  return { inWorker: pending.inWorker, report, issues: sink.issues, records, said };
}

describe.skipIf(!existsSync(WORKER))('the survey read in a worker thread and inline', () => {
  // The run of Sinabang 2025-Q1 (inline in vitest: no compiled worker beside the .ts sources); its
  // roster serves every case.
  let run: RunResult;
  let employees: Map<string, Employee>;
  beforeAll(async () => {
    run = await computeRun({ workspace: SINABANG, loaded: loadConfig(SINABANG, 'en'), period: parsePeriod('2025-Q1')!, lang: 'en' });
    employees = new Map(run.employees.map((e) => [e.employee.nip, e.employee]));
  }, 60_000);

  const cases: { name: string; ws: () => string; period: string }[] = [
    { name: 'Sinabang 2025-Q1', ws: () => SINABANG, period: '2025-Q1' },
    { name: 'Sinabang 2025-S1, csv files (quarters pooled)', ws: csvSurveyCopy, period: '2025-S1' },
    { name: 'a copy with an unreadable file and bad rows', ws: damagedWorkspace, period: '2025-Q1' },
  ];
  for (const c of cases) {
    it(`${c.name}: the same tallies, totals, files, issues (in order) and report`, async () => {
      const ws = c.ws();
      const period = parsePeriod(c.period)!;
      const inline = await stage(ws, period, employees, INLINE);
      const worker = await stage(ws, period, employees, IN_WORKER);
      expect(inline.inWorker).toBe(false);
      expect(worker.inWorker).toBe(true);
      expect(worker.issues.length).toBeGreaterThan(2);
      expect(worker.issues).toEqual(inline.issues);
      expect(worker.records).toEqual(inline.records);
      expect(worker.said).toEqual(inline.said);
      expect(worker.report!.totals).toEqual(inline.report!.totals);
      expect(worker.report!.files).toEqual(inline.report!.files);
      expect(buildFeedbackDocument(worker.report!, 'en')).toEqual(buildFeedbackDocument(inline.report!, 'en'));
      expect([...worker.report!.employees]).toEqual([...inline.report!.employees]);
    });
  }

  it('the run adds the survey issues where the stage always did: right after the unit file’s', async () => {
    const worker = await stage(SINABANG, parsePeriod('2025-Q1')!, employees, IN_WORKER);
    const survey = worker.issues.slice(1); // after the stand-in for the unit file's issue
    expect(survey.length).toBe(6);
    const at = run.issues.findIndex((i) => i.file.includes('/umpan-balik/'));
    expect(at).toBeGreaterThanOrEqual(0);
    expect(run.issues.slice(at, at + survey.length)).toEqual(survey);
    // Then the stage's own issues (the sample adequacy), as before.
    expect(run.issues[at + survey.length]!.code).toBe('SAMPLE_INADEQUATE');
    expect(run.feedback!.totals).toEqual(worker.report!.totals);
    expect(run.inputs.filter((i) => i.kind === 'umpan-balik').map((i) => [i.file, i.sheet ?? null, i.read])).toEqual(
      worker.records.map((r) => { const x = r as { info: { file: string; sheet?: string }; counts: { read: number } }; return [x.info.file, x.info.sheet ?? null, x.counts.read]; }),
    );
  });

  it('an unreadable file and bad rows come back from the worker with their places', async () => {
    const ws = damagedWorkspace();
    const period = parsePeriod('2025-Q1')!;
    const loaded = loadConfig(ws, 'en');
    const job: SurveyJob = {
      lang: 'en', period, mapping: loaded.config.columns['umpan-balik'],
      locations: locateFeedbackFiles(ws, loaded.config, period),
      units: ['Dinas Kesehatan'], services: ['IMUNISASI'], nips: [],
    };
    const pending = startSurveyRead(job, IN_WORKER);
    expect(pending.inWorker).toBe(true);
    const read: SurveyRead = await pending.result();
    const broken = read.issues.find((i) => i.file === 'data/2025-Q1/umpan-balik/loket-rusak.xlsx')!;
    expect(broken).toMatchObject({ severity: 'error' });
    expect(read.files.map((f) => f.display)).not.toContain('data/2025-Q1/umpan-balik/loket-rusak.xlsx');
    const extra = read.issues.filter((i) => i.file === 'data/2025-Q1/umpan-balik/loket-tambahan.csv').map((i) => [i.row, i.column, i.code, i.severity]);
    expect(extra).toEqual([
      [3, 'D', 'ANSWER_OUT_OF_RANGE', 'error'],
      [4, 'A', expect.any(String), 'error'],
      [5, 'B', 'FEEDBACK_UNIT_SERVICE_UNKNOWN', 'error'],
      [6, 'M', 'FEEDBACK_DUPLICATE', 'warning'],
      [7, 'N', 'FEEDBACK_OFFICER_NIP', 'warning'],
    ]);
    const file = read.files.find((f) => f.display === 'data/2025-Q1/umpan-balik/loket-tambahan.csv')!;
    expect(file.counts).toEqual({ read: 6, accepted: 2, rejected: 4 });
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(file.info).toMatchObject({ file: 'data/2025-Q1/umpan-balik/loket-tambahan.csv', format: 'csv', delimiter: ',' });
    expect(read.groups.counters).toBeInstanceOf(Float64Array);
    // The same reading inline.
    expect(await startSurveyRead(job, INLINE).result()).toEqual(read);
  });
});

describe('a survey reading that fails', () => {
  let dir: string;
  let job: SurveyJob;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'appraise-survey-crash-'));
    // Big enough for a worker at minBytes 1; the scripts below never read it.
    writeFileSync(join(dir, 'survei.csv'), 'Tanggal,Unit Kerja\n');
    job = { lang: 'en', period: parsePeriod('2025-Q1')!, mapping: undefined, locations: [{ kind: 'umpan-balik', path: join(dir, 'survei.csv'), display: 'survei.csv' }], units: [], services: [], nips: [] };
  });
  const script = (name: string, text: string): URL => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return pathToFileURL(file);
  };

  it('a worker that exits without answering is a clear error, not a hang', async () => {
    const pending = startSurveyRead(job, { worker: script('exits.mjs', 'process.exit(7);\n'), minBytes: 1 });
    expect(pending.inWorker).toBe(true);
    const e = await pending.result().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).exitCode).toBe(EXIT.unexpected);
    expect((e as AppError).message).toBe('Reading the survey files (worker thread) stopped without a result: exit code 7.');
  }, 20_000);

  it('a worker that throws passes the error on', async () => {
    const pending = startSurveyRead({ ...job, lang: 'id' }, { worker: script('throws.mjs', "throw new Error('boom in the worker');\n"), minBytes: 1 });
    const e = await pending.result().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).message).toBe('Pembacaan berkas survei (thread pekerja) berhenti tanpa hasil: boom in the worker.');
  }, 20_000);

  it('an error the reading reports (an AppError included) comes back as that error', async () => {
    const worker = script('app-error.mjs', [
      "import { parentPort } from 'node:worker_threads';",
      "parentPort.postMessage({ ok: false, error: { app: true, exitCode: 3, message: 'Berkas terkunci.', hint: 'Tutup Excel.', details: ['a.csv'] } });",
    ].join('\n'));
    const e = await startSurveyRead(job, { worker, minBytes: 1 }).result().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({ exitCode: 3, message: 'Berkas terkunci.', hint: 'Tutup Excel.', details: ['a.csv'] });
  }, 20_000);

  it('a run that fails before asking for the survey leaves no unhandled rejection', async () => {
    startSurveyRead(job, { worker: script('exits-later.mjs', 'process.exit(9);\n'), minBytes: 1 });
    // vitest fails the file on an unhandled rejection; give the worker time to end.
    await new Promise((r) => setTimeout(r, 1500));
  }, 20_000);

  it('a worker script that cannot be loaded is a clear error', async () => {
    const e = await startSurveyRead(job, { minBytes: 1, worker: pathToFileURL(join(dir, 'missing.mjs')) }).result().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).message).toMatch(/^Reading the survey files \(worker thread\) stopped without a result: .*missing\.mjs/);
  }, 20_000);

  it('below the size threshold the survey is read inline; from the .ts sources too (no compiled worker beside them)', () => {
    expect(startSurveyRead(job, { worker: WORKER }).inWorker).toBe(false); // a few bytes < WORKER_MIN_BYTES
    expect(startSurveyRead(job, { minBytes: 1 }).inWorker).toBe(false);
  });
});
