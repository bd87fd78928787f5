import Table from 'cli-table3';
import { Chalk } from 'chalk';
import type { Lang } from '../domain/i18n.js';
import { formatNumber } from '../domain/exact.js';
import { sebutanPp46Label } from '../engine/legacy/pp46.js';
import { PARITY_TOLERANCE, type Pp46Conversion } from './pp46.js';

/** Terminal tables of `appraise convert --from pp46`: one line per employee, then the parity items. */
function table(head: string[], color: boolean): Table.Table {
  return new Table({ head, style: color ? { head: ['cyan'], border: ['grey'] } : { head: [], border: [] } });
}

export function renderPp46(conv: Pp46Conversion, opts: { lang: Lang; color: boolean; all: boolean }): string {
  const { lang, color } = opts;
  const t = (id: string, en: string) => (lang === 'id' ? id : en);
  const c = new Chalk({ level: color ? 1 : 0 });
  const num = (x: number | null | undefined) => (x === null || x === undefined ? '–' : formatNumber(x, lang));
  const out: string[] = [];
  const people = table([t('Sumber', 'Source'), 'NIP', t('Nama', 'Name'), t('Kegiatan', 'Activities'), t('Capaian SKP', 'SKP'), t('Formulir', 'Form'),
    t('Sebutan', 'Sebutan'), t('Prestasi', 'Performance'), t('Beda', 'Diffs')], color);
  for (const e of conv.employees) {
    people.push([
      `${e.file}${e.sheet !== null ? '!' + e.sheet : ''}`, e.nip ?? '–', e.name ?? '–', e.activities.length,
      num(e.skp?.nilaiCapaianSkp), num(e.stated.nilaiCapaianSkp), e.skp ? sebutanPp46Label(e.skp.sebutan, lang) : '–',
      num(e.prestasi?.nilai), e.differences > 0 ? c.red(String(e.differences)) : '0',
    ]);
  }
  out.push(people.toString());
  const shown = opts.all ? conv.parity : conv.parity.filter((p) => !p.agree);
  const differ = conv.parity.filter((p) => !p.agree).length;
  if (shown.length > 0) {
    const items = table([t('Sel', 'Cell'), t('Butir', 'Item'), t('Formulir', 'Stated'), t('Hitung ulang', 'Recomputed'), t('Selisih', 'Diff'), t('Status', 'Status')], color);
    for (const p of shown) {
      items.push([p.place, p.label, typeof p.stated === 'number' ? num(p.stated) : p.stated, typeof p.computed === 'number' ? num(p.computed) : p.computed,
        p.difference === null ? '' : num(p.difference), p.agree ? c.green(t('sama', 'agrees')) : c.red(t('BEDA', 'DIFFERS'))]);
    }
    out.push(items.toString());
  }
  out.push(t(
    `Paritas: ${conv.parity.length} angka formulir dibandingkan, ${differ} berbeda (toleransi ${formatNumber(PARITY_TOLERANCE, lang)} setelah pembulatan setengah ke atas ke 2 desimal).`,
    `Parity: ${conv.parity.length} stated numbers compared, ${differ} differ (tolerance ${formatNumber(PARITY_TOLERANCE, lang)} after rounding half-up to 2 decimals).`,
  ));
  return out.join('\n');
}
