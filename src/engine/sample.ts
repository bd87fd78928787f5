/**
 * Survey sample size by the Krejcie & Morgan (1970) table, "Determining Sample Size for Research
 * Activities", Educational and Psychological Measurement 30:607–610, Table 1, which PermenPANRB
 * 14/2017 reproduces for the Survei Kepuasan Masyarakat (SPEC §4).
 *
 * The rows were checked against the table's own formula
 *   S = χ²·N·P(1−P) / (d²·(N−1) + χ²·P(1−P)),  χ² = 3.841, P = 0.5, d = 0.05:
 * every published S is that value rounded to the nearest integer (N = 10 → 9.77 → 10 ... N =
 * 1,000,000 → 383.95 → 384), so no entry needed correcting. Rows are the published ones, not the
 * formula: between rows the next larger row is used (SPEC §4), which never asks for fewer
 * respondents than the formula at that population would.
 */
export const KREJCIE_MORGAN: readonly (readonly [population: number, sample: number])[] = [
  [10, 10], [15, 14], [20, 19], [25, 24], [30, 28], [35, 32], [40, 36], [45, 40], [50, 44],
  [55, 48], [60, 52], [65, 56], [70, 59], [75, 63], [80, 66], [85, 70], [90, 73], [95, 76],
  [100, 80], [110, 86], [120, 92], [130, 97], [140, 103], [150, 108], [160, 113], [170, 118],
  [180, 123], [190, 127], [200, 132], [210, 136], [220, 140], [230, 144], [240, 148], [250, 152],
  [260, 155], [270, 159], [280, 162], [290, 165], [300, 169], [320, 175], [340, 181], [360, 186],
  [380, 191], [400, 196], [420, 201], [440, 205], [460, 210], [480, 214], [500, 217], [550, 226],
  [600, 234], [650, 242], [700, 248], [750, 254], [800, 260], [850, 265], [900, 269], [950, 274],
  [1000, 278], [1100, 285], [1200, 291], [1300, 297], [1400, 302], [1500, 306], [1600, 310],
  [1700, 313], [1800, 317], [1900, 320], [2000, 322], [2200, 327], [2400, 331], [2600, 335],
  [2800, 338], [3000, 341], [3500, 346], [4000, 351], [4500, 354], [5000, 357], [6000, 361],
  [7000, 364], [8000, 367], [9000, 368], [10000, 370], [15000, 375], [20000, 377], [30000, 379],
  [40000, 380], [50000, 381], [75000, 382], [1000000, 384],
];

/** The table's largest sample: any population above its last row needs this many. */
export const MAX_REQUIRED_SAMPLE = 384;

function checkPopulation(population: number): void {
  if (!Number.isInteger(population) || population < 0) {
    throw new RangeError(`population must be a whole number ≥ 0, got ${population}`);
  }
}

export interface SampleRequirement {
  population: number;
  required: number;
  /** The table row used (its N), or null when N < 10 (everyone is surveyed). */
  tableRow: number | null;
}

/** Required sample for a population served, with the table row used. */
export function sampleRequirement(population: number): SampleRequirement {
  checkPopulation(population);
  // Below the first row the whole population is surveyed (the table's first row is 10 → 10).
  if (population < KREJCIE_MORGAN[0][0]) return { population, required: population, tableRow: null };
  // Between rows the next larger row applies (SPEC §4); its sample can exceed a small population
  // (26 served → row 30 → 28), and no survey can reach more people than were served: cap at N.
  for (const [n, s] of KREJCIE_MORGAN) if (population <= n) return { population, required: Math.min(s, population), tableRow: n };
  const last = KREJCIE_MORGAN[KREJCIE_MORGAN.length - 1];
  return { population, required: MAX_REQUIRED_SAMPLE, tableRow: last[0] };
}

/** Required sample S for population N (next larger table row between rows; all of N below 10). */
export function requiredSample(population: number): number {
  return sampleRequirement(population).required;
}

export interface SampleAdequacy {
  population: number;
  respondents: number;
  required: number;
  tableRow: number | null;
  adequate: boolean;
  /** Respondents still needed; 0 when adequate. */
  shortBy: number;
}

/** "Sample adequate / needs N more" (SPEC §4). */
export function sampleAdequacy(population: number, respondents: number): SampleAdequacy {
  if (!Number.isInteger(respondents) || respondents < 0) {
    throw new RangeError(`respondents must be a whole number ≥ 0, got ${respondents}`);
  }
  const req = sampleRequirement(population);
  const shortBy = Math.max(0, req.required - respondents);
  return { population, respondents, required: req.required, tableRow: req.tableRow, adequate: shortBy === 0, shortBy };
}
