/** Periods: YYYY, YYYY-S1|S2, YYYY-Q1..Q4, YYYY-MM (SPEC §1). Dates are UTC midnights. */
export type PeriodKind = 'year' | 'semester' | 'quarter' | 'month';

export interface Period {
  id: string;
  kind: PeriodKind;
  year: number;
  /** First day, inclusive. */
  start: Date;
  /** Last day, inclusive. */
  end: Date;
}

const PATTERN = /^(\d{4})(?:-(S[12]|Q[1-4]|0[1-9]|1[0-2]))?$/;

export function parsePeriod(text: string): Period | null {
  const m = PATTERN.exec(text.trim().toUpperCase());
  if (!m) return null;
  const year = Number(m[1]);
  const part = m[2];
  let kind: PeriodKind;
  let firstMonth: number;
  let months: number;
  if (part === undefined) {
    kind = 'year'; firstMonth = 0; months = 12;
  } else if (part.startsWith('S')) {
    kind = 'semester'; firstMonth = (Number(part[1]) - 1) * 6; months = 6;
  } else if (part.startsWith('Q')) {
    kind = 'quarter'; firstMonth = (Number(part[1]) - 1) * 3; months = 3;
  } else {
    kind = 'month'; firstMonth = Number(part) - 1; months = 1;
  }
  const id = part === undefined ? String(year) : `${year}-${part}`;
  return {
    id,
    kind,
    year,
    start: new Date(Date.UTC(year, firstMonth, 1)),
    end: new Date(Date.UTC(year, firstMonth + months, 0)),
  };
}

/** The sub-periods a longer period is made of, one level down (year → quarters, semester → quarters, quarter → months). */
export function subPeriods(p: Period): Period[] {
  const ids: string[] = [];
  if (p.kind === 'year') for (let q = 1; q <= 4; q++) ids.push(`${p.year}-Q${q}`);
  else if (p.kind === 'semester') {
    const first = p.id.endsWith('S1') ? 1 : 3;
    ids.push(`${p.year}-Q${first}`, `${p.year}-Q${first + 1}`);
  } else if (p.kind === 'quarter') {
    const q = Number(p.id.slice(-1));
    for (let m = (q - 1) * 3 + 1; m <= q * 3; m++) ids.push(`${p.year}-${String(m).padStart(2, '0')}`);
  }
  return ids.map((id) => parsePeriod(id)!);
}

export function containsDate(p: Period, d: Date): boolean {
  const t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return t >= p.start.getTime() && t <= p.end.getTime();
}

export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}
