import { Chalk } from 'chalk';
import Table from 'cli-table3';
import ExcelJS from 'exceljs';
import { formatNumber } from '../domain/exact.js';
import type { Lang } from '../domain/i18n.js';
import { isoDate } from '../domain/period.js';
import type { IkmResult } from '../engine/ikm.js';
import type { RunResult } from '../pipeline/types.js';
import { feedbackIssueFiles } from './feedback-json.js';
import { ikmSheet, sampleText } from './sheets/ikm.js';
import { masalahDataSheet } from './sheets/masalah-data.js';
import { writeSheet } from './workbook.js';
import { stableZipFile } from '../io/zip.js';

/**
 * The survey report alone (`appraise feedback`, SPEC §7): survei-kepuasan-<period>.xlsx with the
 * IKM sheet and the feedback files' data issues, and the terminal table per unit and service.
 */

/** The run restricted to what the survey report shows: the issues of feedback, unit and roster files. */
export function surveyView(run: RunResult): RunResult {
  const files = feedbackIssueFiles(run);
  return { ...run, issues: run.issues.filter((i) => files.has(i.file) || i.file.includes('/umpan-balik/')) };
}

export function buildSurveyWorkbook(run: RunResult, lang: Lang): ExcelJS.Workbook {
  const view = surveyView(run);
  const wb = new ExcelJS.Workbook();
  const fixed = new Date(run.period.end.getTime()); // SPEC §8: no run timestamps inside
  wb.creator = 'appraise';
  wb.lastModifiedBy = 'appraise';
  wb.created = fixed;
  wb.modified = fixed;
  for (const sheet of [ikmSheet, masalahDataSheet]) {
    const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }] });
    writeSheet(ws, sheet.build(view, lang));
  }
  return wb;
}

export async function writeSurveyWorkbook(run: RunResult, path: string, lang: Lang): Promise<void> {
  await buildSurveyWorkbook(run, lang).xlsx.writeFile(path);
  // Same inputs → same bytes: ExcelJS stamps zip entries with the current time.
  stableZipFile(path);
}

const tr = (lang: Lang, id: string, en: string): string => (lang === 'id' ? id : en);

export interface SurveyTerminalOptions {
  color: boolean;
  lang: Lang;
  outputs: string[];
}

/** Terminal table per unit and service, the officers with complaints, and the rows not counted. */
export function renderSurvey(run: RunResult, opts: SurveyTerminalOptions): string {
  const { lang, color } = opts;
  const c = new Chalk({ level: color ? 1 : 0 });
  const out: string[] = [];
  const p = run.period;
  out.push(c.bold(`${run.config.organisation} — ${tr(lang, 'Survei Kepuasan Masyarakat', 'Community Satisfaction Survey')} ${p.id} (${isoDate(p.start)} ${tr(lang, 's.d.', 'to')} ${isoDate(p.end)})`));
  const f = run.feedback ?? null;
  if (f === null) {
    out.push(c.yellow(tr(lang, `Tidak ada berkas umpan balik di data/${p.id}/umpan-balik/.`, `No feedback file in data/${p.id}/umpan-balik/.`)));
    return out.join('\n');
  }
  const paint = (r: IkmResult): string => {
    if (r.mutu === null) return '–';
    const text = `${r.mutu.code} ${r.mutu.label[lang]}`;
    return r.mutu.code === 'A' || r.mutu.code === 'B' ? c.green(text) : r.mutu.code === 'C' ? c.yellow(text) : c.red(text);
  };
  const num = (x: number | null): string => (x === null ? '–' : formatNumber(x, lang));
  const head = [
    tr(lang, 'Unit Kerja', 'Work Unit'), tr(lang, 'Layanan', 'Service'), tr(lang, 'Responden', 'Respondents'), 'IKM',
    tr(lang, 'Mutu', 'Quality'), tr(lang, 'Terlemah', 'Weakest'), tr(lang, 'Pengaduan', 'Complaints'), tr(lang, 'Sampel', 'Sample'),
  ];
  const table = new Table({
    head,
    colAligns: ['left', 'left', 'right', 'right', 'left', 'left', 'right', 'left'],
    style: color ? { head: ['cyan'], border: ['grey'] } : { head: [], border: [] },
  });
  const row = (unit: string, service: string, r: IkmResult, sample: string | null) => [
    unit, service, r.respondents, num(r.ikmRounded), paint(r), r.weakest ?? '–', r.complaints.total, sample ?? '–',
  ];
  for (const u of f.units) {
    table.push(row(c.bold(u.key), tr(lang, '(seluruh)', '(all)'), u.result, sampleText(u.sample, lang)).map((x) => x));
    for (const s of u.services) table.push(row('', s.key, s.result, null));
  }
  for (const s of f.servicesWithoutUnit) table.push(row(tr(lang, '(tanpa unit)', '(no unit)'), s.key, s.result, null));
  if (f.overall) table.push(row(c.bold(tr(lang, 'Seluruh responden', 'All respondents')), '', f.overall, null));
  out.push(table.toString());
  out.push(c.dim(tr(lang,
    `IKM = Σ NRR × ${f.weight === 'exact' ? '1/9' : '0,111'} × 25; mutu dari IKM dibulatkan 2 desimal (A ≥ 88,31; B ≥ 76,61; C ≥ 65,00).`,
    `IKM = Σ NRR × ${f.weight === 'exact' ? '1/9' : '0.111'} × 25; quality from the IKM rounded to 2 decimals (A ≥ 88.31; B ≥ 76.61; C ≥ 65.00).`)));

  const named = f.officers.filter((o) => o.result.complaints.total > 0 || o.result.lowAnswers > 0);
  if (named.length > 0) {
    out.push('');
    out.push(tr(lang, 'Petugas dengan pengaduan atau jawaban rendah (NIP Petugas):', 'Officers with complaints or low answers (NIP Petugas):'));
    const t = new Table({
      head: ['NIP', tr(lang, 'Nama', 'Name'), tr(lang, 'Responden', 'Respondents'), 'IKM', tr(lang, 'Jawaban 1–2', 'Answers 1–2'), tr(lang, 'Pengaduan', 'Complaints')],
      colAligns: ['left', 'left', 'right', 'right', 'right', 'right'],
      style: color ? { head: ['cyan'], border: ['grey'] } : { head: [], border: [] },
    });
    for (const o of named) t.push([o.key, o.name ?? '–', o.result.respondents, num(o.result.ikmRounded), o.result.lowAnswers, o.result.complaints.total]);
    out.push(t.toString());
  }

  const tt = f.totals;
  out.push('');
  out.push(tr(lang,
    `${tt.files} berkas, ${tt.read} baris dibaca: ${tt.accepted} dihitung, ${tt.rejected} tidak dihitung (${tt.duplicates} ganda, ${tt.outsidePeriod} di luar periode, ${tt.rejected - tt.duplicates - tt.outsidePeriod} galat).`,
    `${tt.files} file(s), ${tt.read} rows read: ${tt.accepted} counted, ${tt.rejected} not counted (${tt.duplicates} repeated, ${tt.outsidePeriod} outside the period, ${tt.rejected - tt.duplicates - tt.outsidePeriod} with errors).`));
  const issues = surveyView(run).issues;
  const errors = issues.filter((i) => i.severity === 'error').length;
  if (issues.length > 0) {
    out.push((errors > 0 ? c.red : c.yellow)(tr(lang,
      `Masalah data: ${issues.length} (${errors} galat); lihat sheet Masalah Data atau appraise validate --period ${p.id}.`,
      `Data issues: ${issues.length} (${errors} errors); see the Masalah Data sheet or appraise validate --period ${p.id}.`)));
  }
  if (opts.outputs.length > 0) {
    out.push('');
    out.push(tr(lang, 'Laporan ditulis:', 'Reports written:'));
    for (const o of opts.outputs) out.push(`  ${c.green(o)}`);
    out.push('');
    out.push(`${tr(lang, 'Berikutnya', 'Next')}: ${c.cyan(`appraise run --period ${p.id}`)}`);
  }
  return out.join('\n');
}
