import type { Answer, SurveyResponse } from '../../src/engine/ikm.ts';

let seq = 0;

/** A survey response; answers are U1..U9 in unsur order (null = blank). */
export function resp(answers: (Answer | null)[], extra: Partial<SurveyResponse> = {}): SurveyResponse {
  seq++;
  return {
    unit: null,
    service: null,
    answers,
    officerNip: null,
    complaint: null,
    complaintCategory: null,
    respondentKey: `R${seq}`,
    date: new Date(Date.UTC(2025, 0, 15)),
    place: { file: 'umpan-balik.csv', row: seq + 1 },
    ...extra,
  };
}

/** n responses with every answer equal to `a`. */
export function uniform(n: number, a: Answer, extra: Partial<SurveyResponse> = {}): SurveyResponse[] {
  return Array.from({ length: n }, () => resp(Array<Answer>(9).fill(a), extra));
}

/**
 * n complete responses whose 9n answers add up to exactly `total`: every answer 3, then `total − 27n`
 * of them raised to 4 (or lowered to 2 when negative). So NRR sums and the IKM are known exactly.
 */
export function withTotal(n: number, total: number): SurveyResponse[] {
  let delta = total - 27 * n;
  if (Math.abs(delta) > 9 * n) throw new Error('total out of range for this construction');
  const out: SurveyResponse[] = [];
  for (let i = 0; i < n; i++) {
    const a: Answer[] = [];
    for (let j = 0; j < 9; j++) {
      if (delta > 0) { a.push(4); delta--; } else if (delta < 0) { a.push(2); delta++; } else a.push(3);
    }
    out.push(resp(a));
  }
  return out;
}
