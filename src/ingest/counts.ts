/** Rows read from one input file; read = accepted + rejected always holds (SPEC §2). */
export interface RowCounts {
  read: number;
  accepted: number;
  rejected: number;
}

export function newCounts(): RowCounts {
  return { read: 0, accepted: 0, rejected: 0 };
}
