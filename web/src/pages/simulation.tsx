export function SimulationPage(_props: Record<string, unknown>) {
  return <section><h1>SimulationPage</h1></section>;
}
