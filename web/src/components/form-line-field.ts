/**
 * An API field inside `lines[k]` of a body that carried only some of the form's lines, renamed to
 * the form's own line: with `sent` = [2, 5] (the form's lines 2 and 5 went out, in that order),
 * `lines[1].quantity` is the form's `lines[5].quantity`. Any other field is kept as it is.
 */
export function formLineField(field: string, sent: readonly number[]): string {
  return field.replace(/^lines\[(\d+)\]/, (whole, index: string) => {
    const line = sent[Number(index)];
    return line === undefined ? whole : `lines[${line}]`;
  });
}
