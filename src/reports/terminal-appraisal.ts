import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { Lang } from '../domain/i18n.js';
import { PREDIKATS, predikatLabel } from '../domain/ratings.js';
import type { RunResult } from '../pipeline/types.js';
import { bandLabel, bandOf, curveStatus, orgLabel, PENDING_LABEL, regimeBands, ruleText } from './appraisal.js';
import { compareText } from './common.js';

/**
 * The terminal lines of issue 4: the predikat distribution (or the legacy regime's bands) and the
 * curve status of every unit, with each violation and whom to review, in red so it is not missed.
 */
const REVIEW_SHOWN = 5;

export function renderAppraisalSummary(run: RunResult, opts: { color: boolean; lang: Lang }): string {
  const { lang, color } = opts;
  const c = new Chalk({ level: color ? 1 : 0 });
  const L = (id: string, en: string): string => (lang === 'id' ? id : en);
  const out: string[] = [];

  const counts = new Map<string, number>();
  let pending = 0;
  for (const e of run.employees) {
    const b = bandOf(run, e);
    if (b === null) pending++;
    else counts.set(b, (counts.get(b) ?? 0) + 1);
  }
  const title = run.regime === 'pp-46-2011' ? L('Sebutan (PP 46/2011)', 'Grades (PP 46/2011)') : run.regime === 'pp-30-2019' ? L('Predikat (PP 30/2019)', 'Predikat (PP 30/2019)') : 'Predikat';
  const parts = regimeBands(run).map((b) => `${bandLabel(run, b, lang)} ${counts.get(b) ?? 0}`);
  parts.push(`${PENDING_LABEL[lang].toLowerCase()} ${pending}`);
  out.push(`${c.bold(title)}: ${parts.join(', ')}`);

  if (run.regime !== 'permenpan-6-2022') {
    out.push(c.dim(L(`Kurva distribusi (SE MenPANRB 3/2023) tidak berlaku untuk ${run.regime}.`, `The distribution curve (SE MenPANRB 3/2023) does not apply under ${run.regime}.`)));
    return out.join('\n');
  }
  const units = [...run.units].sort((a, b) => compareText(a.unit, b.unit));
  if (!units.some((u) => u.curveDetail)) {
    out.push(c.yellow(L('Kurva distribusi tidak diperiksa: tidak ada berkas unit.', 'Distribution curve not checked: no unit file.')));
    return out.join('\n');
  }
  const head = [L('Unit Kerja', 'Work Unit'), L('Predikat Organisasi', 'Org. Predikat'), 'N', ...PREDIKATS.map((p) => predikatLabel(p, lang)), L('Kurva', 'Curve')];
  const table = new Table({
    head,
    colAligns: head.map((_, i) => (i >= 2 && i < head.length - 1 ? 'right' : 'left')),
    style: color ? { head: ['cyan'], border: ['grey'] } : { head: [], border: [] },
  });
  const names = new Map(run.employees.map((e) => [e.employee.nip, e.employee.name]));
  const lines: string[] = [];
  for (const u of units) {
    const d = u.curveDetail ?? null;
    const status = curveStatus(u, lang);
    const paint = status.code === 'violation' ? c.red.bold : status.code === 'ok' ? c.green : c.yellow;
    table.push([u.unit, orgLabel(u.orgPredikat, lang) ?? '–', d ? d.n : '–', ...PREDIKATS.map((p) => (d ? d.counts[p] : '–')), paint(status.label)]);
    if (!d) continue;
    for (const v of d.violations) {
      const shown = v.reviewCandidates.slice(0, REVIEW_SHOWN).map((n) => `${n} ${names.get(n) ?? ''}`.trim());
      const more = v.reviewCandidates.length - shown.length;
      lines.push(c.red(`  ✗ ${u.unit} (${orgLabel(u.orgPredikat, lang)}): ${ruleText(v, d.n, lang)}; ${L('ada', 'found')} ${v.actual}`));
      lines.push(`      ${L('tinjau', 'review')}: ${shown.join('; ')}${more > 0 ? L(` … dan ${more} lainnya`, ` … and ${more} more`) : ''}`);
    }
  }
  out.push(table.toString());
  if (lines.length > 0) {
    const broken = units.filter((u) => (u.curveDetail?.violations.length ?? 0) > 0).length;
    out.push(c.red.bold(L(`${broken} unit melanggar kurva distribusi (predikat tidak diubah; lihat sheet Unit):`, `${broken} unit(s) break the distribution curve (no predikat is changed; see the Unit sheet):`)));
    out.push(...lines);
  }
  return out.join('\n');
}
