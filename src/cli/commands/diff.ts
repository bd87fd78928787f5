import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Context } from '../context.js';
import { defaultConfig, type Config } from '../../config/schema.js';
import { AppError, EXIT } from '../../domain/errors.js';
import { formatPlace } from '../../domain/place.js';
import { computeRun } from '../../pipeline/run.js';
import { diffResults, diffSheets, renderDiff, type DiffSide } from '../../reports/diff.js';
import { buildResultsDocument, type ResultsDocument } from '../../reports/results-json.js';
import { writeWorkbookAtomically } from '../../reports/workbook.js';
import type { LoadedConfig } from '../../config/load.js';

export interface DiffOptions {
  from?: string;
  to?: string;
  fromFile?: string;
  toFile?: string;
  output?: string;
}

/**
 * `appraise diff --from P1 --to P2` (or `--from-file a.json --to-file b.json`, or one of each):
 * periods are computed afresh from the workspace; files are hasil-<period>.json documents.
 * Reads only: no lock, no log.
 */
export async function diffCommand(ctx: Context, opts: DiffOptions): Promise<void> {
  for (const [p, f, name] of [[opts.from, opts.fromFile, 'from'], [opts.to, opts.toFile, 'to']] as const) {
    if ((p === undefined) === (f === undefined)) {
      throw new AppError(EXIT.usage,
        ctx.tr(`Berikan tepat satu dari --${name} <periode> atau --${name}-file <hasil.json>.`, `Pass exactly one of --${name} <period> or --${name}-file <hasil.json>.`),
        ctx.tr('Contoh: appraise diff --from 2025-Q1 --to 2025-Q2', 'Example: appraise diff --from 2025-Q1 --to 2025-Q2'));
    }
  }
  if (opts.output !== undefined && !/\.xlsx$/i.test(opts.output)) {
    throw new AppError(EXIT.usage, ctx.tr(`-o harus berupa berkas .xlsx, bukan '${opts.output}'.`, `-o must name an .xlsx file, not '${opts.output}'.`),
      ctx.tr('Contoh: -o perubahan.xlsx', 'Example: -o changes.xlsx'));
  }

  // The workspace is needed for periods; for two files it only supplies the rating thresholds.
  let ws: { workspace: string; loaded: LoadedConfig } | null = null;
  if (opts.from !== undefined || opts.to !== undefined) ws = ctx.loadWorkspace();
  else {
    try {
      ws = ctx.loadWorkspace();
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      ctx.debug(ctx.tr('Tanpa ruang kerja: ambang rating bawaan (110/90).', 'No workspace: default rating thresholds (110/90).'));
    }
  }
  const config: Config = ws?.loaded.config ?? defaultConfig();
  const thresholds = { diAtas: config.scoring.diAtasThreshold, sesuai: config.scoring.sesuaiThreshold };

  const side = async (period: string | undefined, file: string | undefined): Promise<DiffSide> => {
    if (file !== undefined) return { label: basename(file), doc: readResults(ctx, resolve(ctx.io.cwd, file)), thresholds };
    const p = ctx.period(period);
    const run = await computeRun({ workspace: ws!.workspace, loaded: ws!.loaded, period: p, lang: ctx.lang, progress: (t) => ctx.progress(t) });
    const places = new Map<string, Map<string, { target: string; actual: string }>>();
    for (const e of run.employees) {
      places.set(e.employee.nip, new Map(e.indicators.map((r) => [r.indicator.code, { target: formatPlace(r.indicator.places.target), actual: formatPlace(r.indicator.places.actual) }])));
    }
    const errors = run.issues.filter((i) => i.severity === 'error').length;
    if (errors > 0) ctx.info(ctx.tr(`${p.id}: ${errors} galat data (appraise validate --period ${p.id}).`, `${p.id}: ${errors} data error(s) (appraise validate --period ${p.id}).`));
    return { label: p.id, doc: buildResultsDocument(run), places, thresholds };
  };
  const from = await side(opts.from, opts.fromFile);
  const to = await side(opts.to, opts.toFile);
  ctx.endProgress();
  const doc = diffResults(from, to);

  let written: string | null = null;
  if (opts.output !== undefined) {
    const path = resolve(ctx.io.cwd, opts.output);
    // No run time inside: a fixed document date keeps the file reproducible.
    written = await writeWorkbookAtomically(path, diffSheets(doc, ctx.lang), new Date(Date.UTC(2000, 0, 1)));
  }
  if (ctx.json) {
    ctx.printJson({ ...doc, outputs: written ? [written] : [] });
    return;
  }
  ctx.print(renderDiff(doc, { color: ctx.color, lang: ctx.lang }));
  if (written) ctx.print('\n' + ctx.tr(`Ditulis: ${written}`, `Written: ${written}`));
}

function readResults(ctx: Context, path: string): ResultsDocument {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new AppError(EXIT.usage, ctx.tr(`Berkas ${path} tidak dapat dibaca (${(e as NodeJS.ErrnoException).code}).`, `Cannot read ${path} (${(e as NodeJS.ErrnoException).code}).`),
      ctx.tr('Berikan berkas hasil-<periode>.json dari appraise run.', 'Pass a hasil-<period>.json file written by appraise run.'));
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new AppError(EXIT.usage, ctx.tr(`${path} bukan JSON yang sah: ${(e as Error).message}`, `${path} is not valid JSON: ${(e as Error).message}`),
      ctx.tr('Berikan berkas hasil-<periode>.json dari appraise run.', 'Pass a hasil-<period>.json file written by appraise run.'));
  }
  const d = doc as Partial<ResultsDocument>;
  const ok = typeof d === 'object' && d !== null && typeof d.period === 'string' && Array.isArray(d.employees)
    && d.employees.every((e) => typeof e?.nip === 'string' && Array.isArray(e.indicators) && typeof e.aspects === 'object' && e.workRating !== undefined);
  if (!ok) {
    throw new AppError(EXIT.usage, ctx.tr(`${path} bukan berkas hasil appraise (period, employees[] dengan nip, aspects, indicators, workRating).`, `${path} is not an appraise results file (period, employees[] with nip, aspects, indicators, workRating).`),
      ctx.tr('Berikan berkas hasil-<periode>.json dari appraise run.', 'Pass a hasil-<period>.json file written by appraise run.'));
  }
  return d as ResultsDocument;
}
