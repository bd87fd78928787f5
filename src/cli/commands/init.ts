import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { REGIMES, type Regime } from '../../config/schema.js';
import { AppError, EXIT } from '../../domain/errors.js';
import type { Lang } from '../../domain/i18n.js';
import { parsePeriod } from '../../domain/period.js';
import { InitError, initWorkspace } from '../../workspace/init.js';

export interface InitOptions {
  organisation?: string;
  regime?: string;
  periodType?: string;
  period?: string;
  yes?: boolean;
}

const PERIOD_TYPES = ['quarter', 'semester', 'year', 'month'] as const;
type PeriodType = (typeof PERIOD_TYPES)[number];

/** `appraise init [dir]`: asks on a terminal, takes flags (and --yes for defaults) elsewhere. */
export async function initCommand(ctx: Context, dirArg: string | undefined, opts: InitOptions): Promise<void> {
  const dir = resolve(ctx.io.cwd, dirArg ?? '.');
  if (opts.regime !== undefined && !(REGIMES as readonly string[]).includes(opts.regime)) {
    throw new AppError(EXIT.usage, ctx.tr(`Regime '${opts.regime}' tidak dikenal.`, `Unknown regime '${opts.regime}'.`), `--regime ${REGIMES.join(' | ')}`);
  }
  if (opts.periodType !== undefined && !(PERIOD_TYPES as readonly string[]).includes(opts.periodType)) {
    throw new AppError(EXIT.usage, ctx.tr(`Jenis periode '${opts.periodType}' tidak dikenal.`, `Unknown period type '${opts.periodType}'.`), `--period-type ${PERIOD_TYPES.join(' | ')}`);
  }
  if (opts.period !== undefined && !parsePeriod(opts.period)) {
    throw new AppError(EXIT.usage, ctx.tr(`Periode '${opts.period}' tidak dikenal.`, `Unknown period '${opts.period}'.`), ctx.tr('Contoh: --period 2025-Q1', 'Example: --period 2025-Q1'));
  }

  let organisation = opts.organisation;
  let regime = opts.regime as Regime | undefined;
  let periodType = opts.periodType as PeriodType | undefined;
  let language: Lang = ctx.lang;
  if (ctx.interactive && !opts.yes) {
    // Prompts write to stderr: stdout stays clean for pipes, and inquirer's escape codes stay off it.
    const { input, select } = await import('@inquirer/prompts');
    const context = { input: ctx.io.stdin, output: ctx.io.stderr };
    organisation ??= await input({ message: ctx.tr('Nama instansi', 'Organisation name'), default: 'Pemerintah Kabupaten Simeulue' }, context);
    regime ??= await select<Regime>({
      message: ctx.tr('Regulasi penilaian', 'Appraisal regulation'),
      choices: REGIMES.map((r) => ({ value: r, name: r })),
      default: 'permenpan-6-2022',
    }, context);
    periodType ??= await select<PeriodType>({
      message: ctx.tr('Periode penilaian', 'Appraisal period'),
      choices: PERIOD_TYPES.map((p) => ({ value: p, name: p })),
      default: 'quarter',
    }, context);
    language = await select<Lang>({
      message: ctx.tr('Bahasa laporan', 'Report language'),
      choices: [{ value: 'id', name: 'Bahasa Indonesia' }, { value: 'en', name: 'English' }],
      default: ctx.lang,
    }, context);
  } else if (organisation === undefined && !opts.yes) {
    throw new AppError(EXIT.usage,
      ctx.tr('Nama instansi belum diberikan dan tidak ada terminal untuk bertanya.', 'No organisation name given and no terminal to ask on.'),
      ctx.tr('Tambahkan --organisation "Nama Instansi", atau --yes untuk nilai bawaan.', 'Pass --organisation "Name", or --yes to accept the defaults.'));
  }

  let written: string[];
  try {
    written = await initWorkspace(dir, {
      organisation: organisation ?? 'Pemerintah Daerah',
      regime: regime ?? 'permenpan-6-2022',
      periodType: periodType ?? 'quarter',
      language,
      ...(opts.period ? { period: opts.period } : {}),
    });
  } catch (e) {
    if (e instanceof InitError) {
      if (e.code === 'WORKSPACE_EXISTS') {
        throw new AppError(EXIT.usage, ctx.tr(`Sudah ada ruang kerja di ${dir}.`, `There is already a workspace in ${dir}.`),
          ctx.tr('Pilih folder lain; konfigurasi yang ada tidak ditimpa.', 'Choose another folder; the existing config is not overwritten.'));
      }
      throw new AppError(EXIT.usage, e.message, e.hint);
    }
    throw e;
  }
  if (ctx.json) {
    ctx.printJson({ workspace: dir, written });
    return;
  }
  ctx.print(ctx.tr(`Ruang kerja dibuat di ${dir}:`, `Workspace created in ${dir}:`));
  for (const w of written) ctx.print(`  ${w}`);
  ctx.print(ctx.tr(
    '\nLangkah berikutnya: isi data/pegawai.xlsx dan indikator periode, lalu jalankan `appraise validate --period <periode>`.',
    '\nNext: fill in data/pegawai.xlsx and the period’s indicators, then run `appraise validate --period <period>`.'));
}
