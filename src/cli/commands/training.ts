import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { computeRun } from '../../pipeline/run.js';
import { trainingDocument, trainingItemDocument } from '../../reports/training-json.js';
import { writeTrainingOutputs } from '../../reports/training-files.js';
import { renderTraining } from '../../reports/training-terminal.js';
import { sortedEmployees } from '../../reports/common.js';
import { withRunSession } from '../../workspace/session.js';
import { outputDir } from '../../workspace/layout.js';

export interface TrainingOptions {
  period?: string;
  dryRun?: boolean;
  out?: string;
}

/**
 * `appraise training --period P` (SPEC §7): scores the period like `run` and writes only the
 * training lists, rekomendasi-pelatihan-<period>.xlsx and .csv, under temporary names renamed
 * together (SPEC §8). Data problems are counted here; `appraise validate` lists them.
 */
export async function trainingCommand(ctx: Context, opts: TrainingOptions): Promise<void> {
  const { workspace, loaded } = ctx.loadWorkspace();
  const period = ctx.period(opts.period);
  const run = await computeRun({ workspace, loaded, period, lang: ctx.lang, progress: (t) => ctx.progress(t) });

  const outDir = opts.out ? resolve(ctx.io.cwd, opts.out) : outputDir(workspace, loaded.config, period);
  const written: string[] = [];
  if (!opts.dryRun) {
    written.push(...await withRunSession({ ctx, workspace, config: loaded.config, period, outDir, manifestName: 'manifest-training.json' }, async (s) => {
      await s.stage('training', ctx.tr('Menulis rekomendasi pelatihan', 'Writing training recommendations'), () => writeTrainingOutputs(run, s.batch, ctx.lang));
      return s.commit(run);
    }));
  }
  ctx.endProgress();

  const errors = run.issues.filter((i) => i.severity === 'error').length;
  if (ctx.json) {
    ctx.printJson({
      period: period.id,
      training: trainingDocument(run),
      employees: sortedEmployees(run).map((e) => ({
        nip: e.employee.nip,
        name: e.employee.name,
        unit: e.employee.unit,
        predikat: e.predikat,
        training: e.training === null ? null : e.training.map(trainingItemDocument),
      })),
      errors,
      warnings: run.issues.length - errors,
      outputs: written,
      dryRun: Boolean(opts.dryRun),
    });
    return;
  }
  ctx.print(renderTraining(run, { color: ctx.color, lang: ctx.lang, outputs: written }));
  if (errors > 0) {
    ctx.print(ctx.tr(`${errors} galat data: baris yang ditolak tidak ikut dinilai. Lihat: appraise validate --period ${period.id}`,
      `${errors} data error(s): rejected rows are not appraised. See: appraise validate --period ${period.id}`));
  }
  if (opts.dryRun) ctx.print(ctx.tr('--dry-run: tidak ada berkas yang ditulis.', '--dry-run: nothing was written.'));
}
