/**
 * One string instance per distinct value (indicator codes, texts, units of measure repeat across
 * thousands of employees; every csv cell is a fresh string). Saves about 1 KB per employee at
 * 8 indicators each. The table stops growing at `limit` distinct values, after which new values
 * are kept as they come, so a file of all-distinct texts costs no more than before.
 */
export function interner(limit = 200_000): (s: string) => string {
  const seen = new Map<string, string>();
  return (s) => {
    const known = seen.get(s);
    if (known !== undefined) return known;
    if (seen.size < limit) seen.set(s, s);
    return s;
  };
}
