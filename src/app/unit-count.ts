/** A count as a sentence says it: "1 line", "3 orders", "0 units". */
export function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** A number of units as a sentence says it: "1 unit", "3 units", "0 units". */
export function unitCount(quantity: number): string {
  return countOf(quantity, 'unit');
}
