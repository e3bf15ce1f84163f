/** A number of units as a sentence says it: "1 unit", "3 units", "0 units". */
export function unitCount(quantity: number): string {
  return `${quantity} ${quantity === 1 ? 'unit' : 'units'}`;
}
