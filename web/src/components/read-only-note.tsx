/** Says, instead of a form, that the signed-in key may only read here. */
export function ReadOnlyNote({ what }: { readonly what: string }) {
  return <p className="small muted" data-testid="read-only">Your key may only read: sign in with an operator or admin key to {what}.</p>;
}
