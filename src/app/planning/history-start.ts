/**
 * The first day an item's demand history counts from: its creation or its first recorded demand
 * (a row, a recorded zero too), whichever is earlier, kept within `from`…`today`. Before it there
 * was nothing to sell: read as days without demand, they would make the item look idle.
 */
export function historyStartDay(createdDay: string, demandDays: Iterable<string>, from: string, today: string): string {
  let first = createdDay;
  for (const day of demandDays) if (day < first) first = day;
  return first < from ? from : first > today ? today : first;
}
