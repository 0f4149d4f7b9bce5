// Column widths that fit a table into the terminal. Widths here are content widths (padding excluded).

export interface ColumnNeeds {
  /** Widest cell or header, in display columns. */
  natural: number;
  /** Narrowest it may become. */
  min: number;
  /** Prose columns shrink first. */
  wrap: boolean;
}

/**
 * Content widths whose sum is at most `available`, or null when not even the minimums fit. Columns that fit
 * keep their natural width; otherwise prose columns shrink first, then the others, and the space left is
 * shared out so that the largest shortfall is filled first.
 */
export function fitWidths(needs: ColumnNeeds[], available: number): number[] | null {
  const natural = needs.map((n) => Math.max(n.natural, 1));
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  if (sum(natural) <= available) return natural;
  const floor = needs.map((n, i) => Math.min(natural[i]!, Math.max(n.min, 2)));
  // First try shrinking only the prose columns; fall back to shrinking all.
  for (const shrinkAll of [false, true]) {
    const widths = needs.map((n, i) => (n.wrap || shrinkAll ? floor[i]! : natural[i]!));
    let left = available - sum(widths);
    if (left < 0) continue;
    while (left > 0) {
      let pick = -1;
      for (let i = 0; i < widths.length; i++) {
        if (widths[i]! >= natural[i]!) continue;
        if (pick < 0 || natural[i]! - widths[i]! > natural[pick]! - widths[pick]!) pick = i;
      }
      if (pick < 0) break;
      widths[pick]!++;
      left--;
    }
    return widths;
  }
  return null;
}
