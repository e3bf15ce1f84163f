export function PurchasingPage(_props: Record<string, unknown>) {
  return <section><h1>PurchasingPage</h1></section>;
}
