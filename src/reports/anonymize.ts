import { createHmac } from 'node:crypto';
import type { RunResult } from '../pipeline/types.js';
import { ComputedMap } from '../engine/computed-map.js';

/**
 * `run --anonymize`: the run's results with every NIP and employee name replaced by a pseudonym,
 * so that every report rendered from it (workbook, JSON, training lists) is consistent.
 *
 * Pseudonym = `P-` + the first 8 hex digits (upper case) of HMAC-SHA256(workspace secret, NIP).
 * Stable per workspace: the same NIP gets the same pseudonym in every period and run, so two
 * anonymised result files can still be compared (appraise diff --from-file). Should two NIPs of one
 * run share 8 digits, both get 12 (decided on the set of NIPs, so it is still deterministic).
 *
 * Replaced: any string field that is a known NIP, any 18-digit number inside a text (supervisor,
 * rater and leader NIPs, NIPs quoted in messages), and employee names, also inside texts; an
 * employee's name becomes their pseudonym. Kept: places (file, sheet, cell), hashes, the config,
 * the period, and everything that is not text.
 */

const NIP_IN_TEXT = /(?<!\d)\d{18}(?!\d)/g;
/** Keys whose values identify places or files, never people: left as they are. */
const KEEP_KEYS = new Set(['config', 'period', 'place', 'places', 'sources', 'file', 'sheet', 'column', 'sha256', 'configHash', 'configFile', 'workspaceDir', 'inputs', 'tool', 'regime', 'lang']);

export function pseudonymFor(key: Buffer, nip: string, digits = 8): string {
  return `P-${createHmac('sha256', key).update(nip).digest('hex').slice(0, digits).toUpperCase()}`;
}

export interface Pseudonyms {
  /** NIP → pseudonym. */
  nips: Map<string, string>;
  /** Name → pseudonym of its employee. */
  names: Map<string, string>;
}

export function anonymizeRun(run: RunResult, key: Buffer): { run: RunResult; pseudonyms: Pseudonyms } {
  // Pass 1: every NIP anywhere in the results, so collisions are decided on the whole set.
  const nips = new Set<string>();
  walk(run, (s) => {
    for (const m of s.matchAll(NIP_IN_TEXT)) nips.add(m[0]);
    return s;
  });
  for (const e of run.employees) nips.add(e.employee.nip);
  const byShort = new Map<string, string[]>();
  for (const nip of nips) {
    const p = pseudonymFor(key, nip);
    byShort.set(p, [...(byShort.get(p) ?? []), nip]);
  }
  const nipMap = new Map<string, string>();
  for (const [p, list] of byShort) {
    for (const nip of list) nipMap.set(nip, list.length === 1 ? p : pseudonymFor(key, nip, 12));
  }

  const nameMap = new Map<string, string>();
  for (const e of run.employees) {
    const name = e.employee.name.trim();
    if (name !== '') nameMap.set(name, nipMap.get(e.employee.nip)!);
  }
  // The e-Kinerja list may spell a name its own way, or name someone this run does not appraise.
  for (const r of run.ekinerja?.rows ?? []) {
    const name = r.name?.trim() ?? '';
    if (name !== '' && !nameMap.has(name)) nameMap.set(name, nipMap.get(r.nip)!);
  }
  const names = nameIndex([...nameMap.keys()]);
  const replace = (s: string): string => {
    const whole = nipMap.get(s) ?? nameMap.get(s.trim());
    if (whole !== undefined) return whole;
    const out = s.replace(NIP_IN_TEXT, (m) => nipMap.get(m) ?? m);
    return replaceNames(out, names, nameMap);
  };
  return { run: walk(run, replace) as RunResult, pseudonyms: { nips: nipMap, names: nameMap } };
}

/** A copy of `v` with `f` applied to every string outside KEEP_KEYS; non-plain objects (Date) kept. */
function walk(v: unknown, f: (s: string) => string, key?: string): unknown {
  if (key !== undefined && KEEP_KEYS.has(key)) return v;
  if (typeof v === 'string') return f(v);
  if (Array.isArray(v)) return v.map((x) => walk(x, f));
  // A map made when read (feedback attributions, officer results) is copied like a Map.
  if (v instanceof Map || v instanceof ComputedMap) return new Map([...v.entries()].map(([k, x]) => [typeof k === 'string' ? f(k) : k, walk(x, f)]));
  if (v instanceof Set) return new Set([...v].map((x) => walk(x, f)));
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = walk(x, f, k);
    return out;
  }
  return v;
}

/** Names by their first word, longest first, so a text is scanned once whatever the roster size. */
function nameIndex(names: string[]): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const n of names) {
    const first = /^\p{L}+/u.exec(n)?.[0];
    // Names shorter than 3 letters would match ordinary words; they are replaced only as whole fields.
    if (first === undefined || n.length < 3) continue;
    index.set(first, [...(index.get(first) ?? []), n]);
  }
  for (const list of index.values()) list.sort((a, b) => b.length - a.length);
  return index;
}

const WORD = /\p{L}+/gu;
const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** Replaces whole-word occurrences of employee names in a text. */
function replaceNames(text: string, index: Map<string, string[]>, nameMap: Map<string, string>): string {
  if (index.size === 0) return text;
  let out = '';
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    const at = m.index!;
    if (at < last || isWordChar(text[at - 1])) continue;
    const hit = index.get(m[0])?.find((n) => text.startsWith(n, at) && !isWordChar(text[at + n.length]));
    if (hit === undefined) continue;
    out += text.slice(last, at) + nameMap.get(hit)!;
    last = at + hit.length;
  }
  return last === 0 ? text : out + text.slice(last);
}
