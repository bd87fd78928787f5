import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { Context } from '../context.js';
import { AppError, EXIT } from '../../domain/errors.js';
import { IssueSink } from '../../domain/issues.js';
import { issueDocument } from '../../reports/issues-json.js';
import { renderIssues } from '../../reports/terminal.js';
import { OutputBatch } from '../../workspace/atomic.js';
import { periodDir } from '../../workspace/layout.js';
import { convertPp46, PARITY_TOLERANCE, type SourceFile } from '../../convert/pp46.js';
import { convertEkinerja } from '../../convert/ekinerja.js';
import { ekinerjaRosterTable, indicatorTable, nilaiTable, parityTable, pp46RosterTable, predikatTable } from '../../convert/outputs.js';
import { renderPp46 } from '../../convert/render.js';
import { formatOfPath, writeCsvTable, writeXlsxTables, type OutFormat, type OutTable } from '../../convert/write.js';

export interface ConvertOptions {
  from?: string;
  output?: string;
  strict?: boolean;
  force?: boolean;
  period?: string;
  predikat?: string;
}

/** A file, or every .xlsx/.csv directly in a folder (Excel's ~$ lock files and hidden files skipped). */
function sources(ctx: Context, input: string): SourceFile[] {
  const path = resolve(ctx.io.cwd, input);
  if (!existsSync(path)) {
    throw new AppError(EXIT.usage, ctx.tr(`${input} tidak ada.`, `${input} does not exist.`), ctx.tr('Periksa nama berkas atau folder.', 'Check the file or folder name.'));
  }
  const display = (p: string) => {
    const rel = relative(ctx.io.cwd, p);
    return rel.startsWith('..') ? p : rel;
  };
  if (statSync(path).isDirectory()) {
    const files = readdirSync(path)
      .filter((n) => /\.(xlsx|csv)$/i.test(n) && !n.startsWith('~$') && !n.startsWith('.'))
      .sort()
      .map((n) => ({ path: join(path, n), display: display(join(path, n)) }));
    if (files.length === 0) {
      throw new AppError(EXIT.usage, ctx.tr(`Folder ${input} tidak berisi berkas .xlsx atau .csv.`, `Folder ${input} holds no .xlsx or .csv files.`),
        ctx.tr('Letakkan buku kerja yang akan dikonversi di folder itu.', 'Put the workbooks to convert in that folder.'));
    }
    return files;
  }
  return [{ path, display: display(path) }];
}

interface Planned {
  final: string;
  write: (tmp: string) => Promise<void>;
}

function withSuffix(out: string, suffix: string, format: OutFormat): string {
  const base = basename(out).replace(/\.(csv|xlsx)$/i, '');
  return join(dirname(out), `${base}-${suffix}.${format}`);
}

function planTable(path: string, tables: OutTable[]): Planned {
  const format = formatOfPath(path);
  return {
    final: path,
    write: (tmp) => (format === 'csv' ? writeCsvTable(tmp, tables[0]!) : writeXlsxTables(tmp, tables)),
  };
}

/** Writes every planned file through one OutputBatch per folder; all are renamed only when all are complete. */
async function writeAll(ctx: Context, planned: Planned[], force: boolean): Promise<string[]> {
  const existing = planned.filter((p) => existsSync(p.final)).map((p) => p.final);
  if (existing.length > 0 && !force) {
    throw new AppError(EXIT.usage, ctx.tr(`Berkas sudah ada: ${existing.join(', ')}.`, `File(s) already exist: ${existing.join(', ')}.`),
      ctx.tr('Pilih nama lain dengan -o, atau tambahkan --force untuk menimpa.', 'Choose another name with -o, or add --force to overwrite.'));
  }
  const batches = new Map<string, OutputBatch>();
  try {
    for (const p of planned) {
      const dir = dirname(p.final);
      let batch = batches.get(dir);
      if (!batch) {
        batch = new OutputBatch(dir);
        batches.set(dir, batch);
      }
      const slot = batch.reserve(basename(p.final));
      await p.write(slot.tmp);
    }
    return [...batches.values()].flatMap((b) => b.commit());
  } catch (e) {
    for (const b of batches.values()) b.abort();
    throw e;
  }
}

/** `appraise convert <file-or-folder> --from pp46|ekinerja -o out`. */
export async function convertCommand(ctx: Context, input: string, opts: ConvertOptions): Promise<void> {
  if (opts.from !== 'pp46' && opts.from !== 'ekinerja') {
    throw new AppError(EXIT.usage, ctx.tr(`--from harus pp46 atau ekinerja${opts.from ? `, bukan '${opts.from}'` : ''}.`, `--from must be pp46 or ekinerja${opts.from ? `, not '${opts.from}'` : ''}.`),
      ctx.tr('Contoh: appraise convert skp-2019.xlsx --from pp46 -o indikator.xlsx', 'Example: appraise convert skp-2019.xlsx --from pp46 -o indikator.xlsx'));
  }
  if (!opts.output) {
    throw new AppError(EXIT.usage, ctx.tr('Berkas keluaran belum diberikan.', 'No output file given.'), ctx.tr('Tambahkan -o <berkas.xlsx|berkas.csv>.', 'Pass -o <file.xlsx|file.csv>.'));
  }
  const out = resolve(ctx.io.cwd, opts.output);
  const format = formatOfPath(out);
  if (!format) {
    throw new AppError(EXIT.usage, ctx.tr('Berkas keluaran harus berakhiran .xlsx atau .csv.', 'The output file must end in .xlsx or .csv.'), ctx.tr('Contoh: -o indikator.xlsx', 'Example: -o indikator.xlsx'));
  }
  const files = sources(ctx, input);
  const sink = new IssueSink(ctx.lang);
  if (opts.from === 'pp46') await convertPp46Files(ctx, files, out, format, sink, opts);
  else await convertEkinerjaFiles(ctx, files, out, format, sink, opts);
}

async function convertPp46Files(ctx: Context, files: SourceFile[], out: string, format: OutFormat, sink: IssueSink, opts: ConvertOptions): Promise<void> {
  ctx.progress(ctx.tr('Membaca formulir SKP', 'Reading SKP forms'));
  const conv = await convertPp46(files, ctx.lang, sink);
  ctx.endProgress();
  const differ = conv.parity.filter((p) => !p.agree).length;
  const errors = sink.errorCount;
  const blocked = conv.employees.length === 0 || (opts.strict === true && (differ > 0 || errors > 0));

  const planned: Planned[] = [];
  planned.push(planTable(out, [indicatorTable(conv)]));
  planned.push(planTable(withSuffix(out, 'pegawai', format), [pp46RosterTable(conv)]));
  if (format === 'xlsx') planned.push(planTable(withSuffix(out, 'paritas', format), [nilaiTable(conv, ctx.lang), parityTable(conv, ctx.lang)]));
  else {
    planned.push(planTable(withSuffix(out, 'nilai', format), [nilaiTable(conv, ctx.lang)]));
    planned.push(planTable(withSuffix(out, 'paritas', format), [parityTable(conv, ctx.lang)]));
  }
  const written = blocked ? [] : await writeAll(ctx, planned, Boolean(opts.force));

  if (ctx.json) {
    ctx.printJson({
      from: 'pp46', ok: !blocked, files: conv.files, tolerance: PARITY_TOLERANCE,
      employees: conv.employees, indicators: conv.indicators.length,
      parity: { compared: conv.parity.length, differences: differ, items: conv.parity },
      issues: sink.issues.map(issueDocument), written,
    });
  } else {
    ctx.print(renderPp46(conv, { lang: ctx.lang, color: ctx.color, all: ctx.verbose }));
    if (sink.issues.length > 0) ctx.print(renderIssues(sink.issues, { color: ctx.color, lang: ctx.lang }));
    for (const w of written) ctx.print(ctx.tr(`Ditulis: ${w}`, `Written: ${w}`));
    if (written.length > 0) {
      ctx.print(ctx.tr(`Berikutnya: salin ${basename(out)} ke data/<periode>/indikator.${format} dan daftar pegawainya ke data/pegawai.${format}, lalu appraise validate --period <periode>.`,
        `Next: copy ${basename(out)} to data/<period>/indikator.${format} and its roster to data/pegawai.${format}, then appraise validate --period <period>.`));
    }
  }
  if (conv.employees.length === 0) {
    throw new AppError(EXIT.data, ctx.tr('Tidak ada formulir SKP yang dapat dikonversi; tidak ada berkas yang ditulis.', 'No SKP form could be converted; nothing was written.'),
      ctx.tr('Lihat masalah di atas.', 'See the issues above.'));
  }
  if (blocked) {
    throw new AppError(EXIT.data,
      ctx.tr(`--strict: ${differ} angka formulir berbeda dari hitung ulang, ${errors} galat data; tidak ada berkas yang ditulis.`,
        `--strict: ${differ} stated number(s) differ from the recomputation, ${errors} data error(s); nothing was written.`),
      ctx.tr('Periksa sel yang disebut pada formulir, atau jalankan tanpa --strict untuk menulis hasilnya beserta laporan paritas.',
        'Check the cells listed in the form, or run without --strict to write the results with the parity report.'));
  }
}

async function convertEkinerjaFiles(ctx: Context, files: SourceFile[], out: string, format: OutFormat, sink: IssueSink, opts: ConvertOptions): Promise<void> {
  ctx.progress(ctx.tr('Membaca ekspor e-Kinerja', 'Reading e-Kinerja exports'));
  const conv = await convertEkinerja(files, sink);
  ctx.endProgress();
  const errors = sink.errorCount;
  // Where the predikat list goes: --predikat, else data/<period>/predikat-ekinerja.csv of the workspace
  // when --period is given, else beside the roster.
  let predikatPath: string;
  if (opts.predikat) predikatPath = resolve(ctx.io.cwd, opts.predikat);
  else if (opts.period) {
    const period = ctx.period(opts.period);
    const { workspace, loaded } = ctx.loadWorkspace();
    predikatPath = join(periodDir(workspace, loaded.config, period), 'predikat-ekinerja.csv');
  } else predikatPath = withSuffix(out, 'predikat', 'csv');
  if (!formatOfPath(predikatPath)) {
    throw new AppError(EXIT.usage, ctx.tr('--predikat harus berakhiran .csv atau .xlsx.', '--predikat must end in .csv or .xlsx.'), ctx.tr('Contoh: --predikat predikat.csv', 'Example: --predikat predikat.csv'));
  }
  const blocked = conv.employees.length === 0 || (opts.strict === true && errors > 0);
  const planned: Planned[] = [planTable(out, [ekinerjaRosterTable(conv)])];
  if (conv.hasResults) planned.push(planTable(predikatPath, [predikatTable(conv)]));
  const written = blocked ? [] : await writeAll(ctx, planned, Boolean(opts.force));
  if (ctx.json) {
    ctx.printJson({
      from: 'ekinerja', ok: !blocked, files: conv.files,
      employees: conv.employees.length, roster: conv.roster.length, predikat: conv.predikat,
      superseded: conv.superseded, notAssessed: conv.notAssessed, issues: sink.issues.map(issueDocument), written,
    });
  } else {
    if (sink.issues.length > 0) ctx.print(renderIssues(sink.issues, { color: ctx.color, lang: ctx.lang }));
    ctx.print(ctx.tr(
      `${conv.employees.length} pegawai (${conv.superseded} baris lama setelah mutasi dilewati); ${conv.roster.length} ke daftar pegawai; ${conv.predikat.length} predikat, ${conv.notAssessed} belum dinilai.`,
      `${conv.employees.length} employees (${conv.superseded} older rows after a transfer left out); ${conv.roster.length} in the roster; ${conv.predikat.length} predikat, ${conv.notAssessed} not yet assessed.`,
    ));
    if (!conv.hasResults) ctx.print(ctx.tr('Ekspor ini tidak punya kolom hasil_akhir (Laporan SKP): tidak ada daftar predikat.', 'This export has no hasil_akhir column (Laporan SKP): no predikat list.'));
    for (const w of written) ctx.print(ctx.tr(`Ditulis: ${w}`, `Written: ${w}`));
  }
  if (blocked) {
    throw new AppError(EXIT.data,
      conv.employees.length === 0
        ? ctx.tr('Tidak ada baris pegawai yang dapat dibaca; tidak ada berkas yang ditulis.', 'No employee row could be read; nothing was written.')
        : ctx.tr(`--strict: ${errors} galat data; tidak ada berkas yang ditulis.`, `--strict: ${errors} data error(s); nothing was written.`),
      ctx.tr('Lihat masalah di atas.', 'See the issues above.'));
  }
}
