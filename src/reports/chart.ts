import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';

/**
 * A small bar-chart SVG builder and its PNG rendering (resvg: no browser, no compiler). The chart
 * is described as data (BarChartSpec) so that tests can check what is drawn without pixels; the
 * SVG is plain text with fixed coordinates, so the same spec gives the same SVG byte for byte.
 */

export interface Segment {
  /** Legend key; segments with the same key share a colour. */
  key: string;
  value: number;
}

export interface BarRow {
  label: string;
  segments: Segment[];
  /** Text at the right end of the bar (e.g. the curve status). */
  note: string;
  /** Draws the note in the alert colour. */
  alert: boolean;
  /** Drawn bold and followed by a gap (e.g. the total row). */
  emphasis?: boolean;
}

export interface LegendEntry {
  key: string;
  label: string;
  /** CSS hex colour, e.g. `#63be7b`. */
  color: string;
}

export interface BarChartSpec {
  title: string;
  subtitle: string;
  legend: LegendEntry[];
  rows: BarRow[];
}

const W = 1120;
const LABEL_W = 300;
const BAR_W = 360;
const ROW_H = 30;
const BAR_H = 18;
const TOP = 78;
const FONT = 'DejaVu Sans, Liberation Sans, Arial, sans-serif';

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Fixed decimals keep the SVG text stable across platforms. */
const px = (x: number): string => (Math.round(x * 100) / 100).toFixed(2);

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`;
}

/** Clips a row label but keeps its trailing head count, e.g. `Dinas Kependudukan dan… (12)`. */
function clipLabel(s: string, max: number): string {
  const m = /^(.*?)(\s\(\d+\))$/.exec(s);
  if (s.length <= max || !m) return clip(s, max);
  return clip(m[1]!, max - m[2]!.length) + m[2]!;
}

/** Chart width in pixels. */
export const CHART_WIDTH = W;

/** 100%-stacked horizontal bars, one per row, with a legend and a note per row. */
export function barChartSvg(spec: BarChartSpec): string {
  const colour = new Map(spec.legend.map((l) => [l.key, l.color]));
  const gaps = spec.rows.filter((r) => r.emphasis).length;
  const height = TOP + spec.rows.length * ROW_H + gaps * 10 + 30;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${height}" viewBox="0 0 ${W} ${height}">`);
  out.push(`<rect x="0" y="0" width="${W}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="16" y="26" font-family="${FONT}" font-size="16" font-weight="bold" fill="#1f2937">${escapeXml(spec.title)}</text>`);
  out.push(`<text x="16" y="46" font-family="${FONT}" font-size="11" fill="#4b5563">${escapeXml(spec.subtitle)}</text>`);
  let lx = 16;
  for (const l of spec.legend) {
    out.push(`<rect x="${px(lx)}" y="56" width="12" height="12" fill="${l.color}" stroke="#6b7280" stroke-width="0.5"/>`);
    out.push(`<text x="${px(lx + 16)}" y="66" font-family="${FONT}" font-size="11" fill="#1f2937">${escapeXml(l.label)}</text>`);
    lx += 28 + l.label.length * 6.5;
  }
  let y = TOP;
  for (const row of spec.rows) {
    const total = row.segments.reduce((s, g) => s + g.value, 0);
    const weight = row.emphasis ? ' font-weight="bold"' : '';
    out.push(`<text x="16" y="${px(y + 13)}" font-family="${FONT}" font-size="11"${weight} fill="#1f2937">${escapeXml(clipLabel(row.label, 40))}</text>`);
    out.push(`<rect x="${LABEL_W}" y="${px(y)}" width="${BAR_W}" height="${BAR_H}" fill="#f3f4f6" stroke="#9ca3af" stroke-width="0.5"/>`);
    let x = LABEL_W;
    for (const seg of row.segments) {
      if (seg.value <= 0 || total <= 0) continue;
      const w = (seg.value / total) * BAR_W;
      out.push(`<rect x="${px(x)}" y="${px(y)}" width="${px(w)}" height="${BAR_H}" fill="${colour.get(seg.key) ?? '#9ca3af'}"/>`);
      if (w >= 16) {
        out.push(`<text x="${px(x + w / 2)}" y="${px(y + 13)}" font-family="${FONT}" font-size="10" text-anchor="middle" fill="#111827">${seg.value}</text>`);
      }
      x += w;
    }
    // Guides at 10%, 60% and 70% of the bar: the shares the curve rules name.
    for (const share of [0.1, 0.6, 0.7]) {
      const gx = LABEL_W + share * BAR_W;
      out.push(`<line x1="${px(gx)}" y1="${px(y - 2)}" x2="${px(gx)}" y2="${px(y + BAR_H + 2)}" stroke="#374151" stroke-width="0.6" stroke-dasharray="2,2"/>`);
    }
    const noteColour = row.alert ? '#b91c1c' : '#166534';
    out.push(`<text x="${LABEL_W + BAR_W + 12}" y="${px(y + 13)}" font-family="${FONT}" font-size="11"${weight} fill="${noteColour}">${escapeXml(clip(row.note, 70))}</text>`);
    y += ROW_H + (row.emphasis ? 10 : 0);
  }
  out.push(`<text x="${LABEL_W}" y="${px(y + 12)}" font-family="${FONT}" font-size="10" fill="#6b7280">${escapeXml('0%')}</text>`);
  out.push(`<text x="${LABEL_W + BAR_W}" y="${px(y + 12)}" font-family="${FONT}" font-size="10" text-anchor="end" fill="#6b7280">${escapeXml('100%')}</text>`);
  out.push('</svg>');
  return out.join('\n');
}

const FONT_FILES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf',
  '/usr/share/fonts/TTF/DejaVuSans-Bold.ttf',
];

/**
 * SVG → PNG. A known font file is preferred over the system's font set, so that the same machine
 * setup gives the same bytes; without one the system fonts are used.
 */
export function renderPng(svg: string): Buffer {
  const files = FONT_FILES.filter((f) => existsSync(f));
  const resvg = new Resvg(svg, {
    font: files.length > 0
      ? { loadSystemFonts: false, fontFiles: files, defaultFontFamily: 'DejaVu Sans' }
      : { loadSystemFonts: true },
    background: '#ffffff',
  });
  return Buffer.from(resvg.render().asPng());
}
