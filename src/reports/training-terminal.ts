import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { formatNumber } from '../domain/exact.js';
import type { Lang } from '../domain/i18n.js';
import { sasaranText } from '../engine/training.js';
import type { RunResult } from '../pipeline/types.js';
import { employeesWithTraining, gapText, trainingSummaryLine } from './training.js';

/**
 * `appraise training`: the recommendations per employee, the plan per program and the gaps with
 * no program, as terminal tables. Colour is decided by the caller (see terminal.ts).
 */
export interface TrainingTerminalOptions {
  color: boolean;
  lang: Lang;
  /** Employee rows shown before the rest are counted (the xlsx has them all). Default 40. */
  limit?: number;
  outputs?: string[];
}

function table(head: string[], color: boolean, numeric: number[]): Table.Table {
  return new Table({
    head,
    colAligns: head.map((_, i) => (numeric.includes(i) ? 'right' : 'left')),
    style: color ? { head: ['cyan'], border: ['grey'] } : { head: [], border: [] },
  });
}

export function renderTraining(run: RunResult, opts: TrainingTerminalOptions): string {
  const { lang, color } = opts;
  const c = new Chalk({ level: color ? 1 : 0 });
  const tr = (id: string, en: string) => (lang === 'id' ? id : en);
  const fmt = (x: number | string) => (typeof x === 'number' ? formatNumber(x, lang) : x);
  const out: string[] = [];
  const t = run.training;
  out.push(c.bold(`${tr('Rekomendasi pelatihan', 'Training recommendations')} — ${run.config.organisation} — ${run.period.id}`));
  if (!t) {
    out.push(tr('Tahap pelatihan tidak dijalankan.', 'The training stage did not run.'));
    return out.join('\n');
  }
  out.push(c.dim(t.catalogueFile
    ? tr(`Katalog: ${t.catalogueFile} (${t.catalogue.length} program)`, `Catalogue: ${t.catalogueFile} (${t.catalogue.length} programme(s))`)
    : tr('Katalog: tidak ada (data/katalog-pelatihan.xlsx)', 'Catalogue: none (data/katalog-pelatihan.xlsx)')));

  const limit = opts.limit ?? 40;
  const list = employeesWithTraining(run);
  if (list.length > 0) {
    const emp = table([tr('NIP', 'NIP'), tr('Nama', 'Name'), '#', tr('Kode', 'Code'), tr('Program', 'Programme'), tr('Celah', 'Gap'), tr('Nilai', 'Measured')], color, [2, 6]);
    let shown = 0;
    for (const { e, items } of list) {
      if (shown >= limit) break;
      shown++;
      items.forEach((item, i) => {
        emp.push([i === 0 ? e.employee.nip : '', i === 0 ? e.employee.name : '', i + 1, item.code, item.program, item.sasaran, String(fmt(gapText(item.kind, item.gap, lang)))]);
      });
    }
    out.push(emp.toString());
    if (list.length > shown) {
      out.push(c.dim(tr(`… dan ${list.length - shown} pegawai lainnya (lihat rekomendasi-pelatihan-${run.period.id}.xlsx)`, `… and ${list.length - shown} more employee(s) (see rekomendasi-pelatihan-${run.period.id}.xlsx)`)));
    }
  } else {
    out.push(tr('Tidak ada pegawai yang mendapat rekomendasi.', 'No employee has a recommendation.'));
  }

  if (t.plan.programs.length > 0) {
    out.push('');
    out.push(tr('Rencana per program:', 'Plan per programme:'));
    const prog = table([tr('Kode', 'Code'), tr('Program', 'Programme'), tr('Moda', 'Mode'), 'JP', tr('Peserta', 'Participants'), tr('Unit', 'Units'), tr('Total JP', 'Total hours')], color, [3, 4, 5, 6]);
    for (const p of t.plan.programs) {
      prog.push([p.code, p.program, p.mode ?? '', p.hours === null ? '–' : formatNumber(p.hours, lang, 0), p.participants.length, p.units.length, p.totalHours === null ? '–' : formatNumber(p.totalHours, lang, 0)]);
    }
    out.push(prog.toString());
  }

  if (t.plan.unmatched.length > 0) {
    out.push('');
    out.push(c.yellow(tr('Celah tanpa program di katalog (lengkapi katalog):', 'Gaps with no programme in the catalogue (complete the catalogue):')));
    const un = table([tr('Sasaran', 'Sasaran'), tr('Celah', 'Gap'), tr('Pegawai', 'Employees')], color, [2]);
    for (const u of t.plan.unmatched) un.push([sasaranText(u.kind, u.key), u.label[lang], u.employees]);
    out.push(un.toString());
  }

  const line = trainingSummaryLine(run, lang);
  if (line) {
    out.push('');
    out.push(line);
  }
  if (opts.outputs && opts.outputs.length > 0) {
    out.push('');
    out.push(tr('Berkas ditulis:', 'Files written:'));
    for (const o of opts.outputs) out.push(`  ${c.green(o)}`);
  }
  return out.join('\n');
}
