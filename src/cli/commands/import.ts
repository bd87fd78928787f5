import { basename, dirname, relative, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import type { Context } from '../context.js';
import { AppError, EXIT } from '../../domain/errors.js';
import { IssueSink } from '../../domain/issues.js';
import { issueDocument } from '../../reports/issues-json.js';
import { renderIssues } from '../../reports/terminal.js';
import { OutputBatch } from '../../workspace/atomic.js';
import { IMPORT_KINDS, existingSibling, importDestination, importSheet, loadMapping, type ImportKind } from '../../convert/import.js';
import { formatOfPath, writeCsvTable, writeXlsxTables, type OutFormat } from '../../convert/write.js';

export interface ImportOptions {
  period?: string;
  map?: string;
  sheet?: string;
  output?: string;
  format?: string;
  force?: boolean;
}

/** `appraise import <kind> <file> --period P [--map mapping.yaml]`: a foreign sheet → the workspace's canonical file. */
export async function importCommand(ctx: Context, kind: string, file: string, opts: ImportOptions): Promise<void> {
  if (!(IMPORT_KINDS as readonly string[]).includes(kind)) {
    throw new AppError(EXIT.usage, ctx.tr(`Jenis impor '${kind}' tidak dikenal.`, `Unknown import kind '${kind}'.`),
      ctx.tr(`Pilih salah satu: ${IMPORT_KINDS.join(', ')}.`, `Choose one of: ${IMPORT_KINDS.join(', ')}.`));
  }
  const k = kind as ImportKind;
  const { workspace, loaded } = ctx.loadWorkspace();
  const period = ctx.period(opts.period);
  const path = resolve(ctx.io.cwd, file);
  if (!existsSync(path)) {
    throw new AppError(EXIT.usage, ctx.tr(`${file} tidak ada.`, `${file} does not exist.`), ctx.tr('Periksa nama berkas.', 'Check the file name.'));
  }
  if (opts.format !== undefined && opts.format !== 'xlsx' && opts.format !== 'csv') {
    throw new AppError(EXIT.usage, ctx.tr(`--format harus xlsx atau csv, bukan '${opts.format}'.`, `--format must be xlsx or csv, not '${opts.format}'.`), ctx.tr('Contoh: --format csv', 'Example: --format csv'));
  }
  let dest: string;
  let format: OutFormat;
  if (opts.output) {
    dest = resolve(ctx.io.cwd, opts.output);
    const f = formatOfPath(dest);
    if (!f) throw new AppError(EXIT.usage, ctx.tr('-o harus berakhiran .xlsx atau .csv.', '-o must end in .xlsx or .csv.'), ctx.tr('Contoh: -o data/2025-Q1/indikator.xlsx', 'Example: -o data/2025-Q1/indikator.xlsx'));
    format = f;
  } else {
    format = (opts.format as OutFormat | undefined) ?? 'xlsx';
    dest = importDestination(workspace, loaded.config, period, k, path, format);
  }
  const shown = relative(ctx.io.cwd, dest) || dest;
  if (existsSync(dest) && !opts.force) {
    throw new AppError(EXIT.usage, ctx.tr(`${shown} sudah ada.`, `${shown} already exists.`), ctx.tr('Tambahkan --force untuk menimpanya, atau tulis ke tempat lain dengan -o.', 'Add --force to overwrite it, or write elsewhere with -o.'));
  }
  const sibling = k === 'umpan-balik' ? null : existingSibling(dest);
  if (sibling) {
    throw new AppError(EXIT.usage, ctx.tr(`${relative(ctx.io.cwd, sibling)} sudah ada; dua format berdampingan membuat run tidak tahu mana yang berlaku.`, `${relative(ctx.io.cwd, sibling)} exists; both formats side by side would leave a run unsure which one is current.`),
      ctx.tr('Hapus atau pindahkan berkas itu dulu, atau pilih --format yang sama.', 'Delete or move that file first, or choose the same --format.'));
  }
  const mapping = { ...(loaded.config.columns[k] ?? {}), ...(opts.map ? loadMapping(resolve(ctx.io.cwd, opts.map), k, ctx.lang) : {}) };
  const sink = new IssueSink(ctx.lang);
  const display = relative(ctx.io.cwd, path).startsWith('..') ? path : relative(ctx.io.cwd, path);
  const result = await importSheet({
    kind: k, path, display, period, mapping, workspace, config: loaded.config, lang: ctx.lang,
    ...(opts.sheet !== undefined ? { sheet: opts.sheet } : {}),
  }, sink);
  const errors = sink.errorCount;
  let written: string[] = [];
  if (result && errors === 0) {
    const batch = new OutputBatch(dirname(dest));
    try {
      const slot = batch.reserve(basename(dest));
      if (format === 'csv') await writeCsvTable(slot.tmp, result.table);
      else await writeXlsxTables(slot.tmp, [result.table]);
      written = batch.commit();
    } catch (e) {
      batch.abort();
      throw e;
    }
  }
  if (ctx.json) {
    ctx.printJson({
      kind: k, period: period.id, ok: written.length > 0, source: display,
      sheet: result?.sheet ?? null, headerRow: result?.headerRow ?? null, columns: result?.columns ?? [],
      read: result?.read ?? 0, accepted: result?.accepted ?? 0, rejected: result?.rejected ?? 0,
      issues: sink.issues.map(issueDocument), written,
    });
  } else {
    if (sink.issues.length > 0) ctx.print(renderIssues(sink.issues, { color: ctx.color, lang: ctx.lang }));
    if (result) {
      ctx.print(ctx.tr(`${display}: ${result.read} baris dibaca, ${result.accepted} diterima, ${result.rejected} ditolak.`,
        `${display}: ${result.read} rows read, ${result.accepted} accepted, ${result.rejected} rejected.`));
    }
    for (const w of written) {
      ctx.print(ctx.tr(`Ditulis: ${w}`, `Written: ${w}`));
      ctx.print(ctx.tr(`Berikutnya: appraise validate --period ${period.id}`, `Next: appraise validate --period ${period.id}`));
    }
  }
  if (written.length === 0) {
    throw new AppError(EXIT.data, ctx.tr(`${errors} galat data; ${shown} tidak ditulis.`, `${errors} data error(s); ${shown} was not written.`),
      ctx.tr('Perbaiki sel yang disebut di berkas sumber (atau pemetaan kolomnya), lalu impor lagi.', 'Fix the cells listed in the source file (or its column mapping), then import again.'));
  }
}
