import { useMemo, useState, type FormEvent } from 'react';
import { useMayChange } from '../api/permissions';
import { ReadOnlyNote } from '../components/read-only-note';
import { api } from '../api/client';
import { isMissingRoute } from '../api/describe-error';
import { ensureRoute } from '../api/catalogue';
import type { Simulation, SimulationOutcome } from '../api/types';
import { ROUTES } from '../api/routes';
import { useAction } from '../api/use-action';
import { Chart } from '../components/chart';
import { Th } from '../components/figure';
import { FormStatus } from '../components/form-status';
import { NotAvailable } from '../components/notices';
import { PolicyFields, policyOf, policyProblem, type PolicyDraft } from '../components/policy-fields';
import { useFormCheck } from '../components/use-form-check';
import { DEFINITIONS, type FigureName } from '../definitions';
import { formatMoney, formatNumber, formatPercent } from '../format';
import { CODE_PATTERN, parseCost } from '../parse-input';
import type { Route } from '../router';

const COLOURS = ['#1f5fbf', '#c2571a', '#1c7a3d', '#8e3cb5'];


const FIGURES: readonly { readonly label: string; readonly definition: FigureName; readonly value: (r: SimulationOutcome) => string }[] = [
  { label: 'Fill rate', definition: 'fillRate', value: (r) => formatPercent(r.fillRate) },
  { label: 'Cycle service level', definition: 'cycleServiceLevel', value: (r) => formatPercent(r.cycleServiceLevel) },
  { label: 'Average on hand', definition: 'avgOnHand', value: (r) => formatNumber(r.averageOnHand) },
  { label: 'Average backorders', definition: 'avgBackorders', value: (r) => formatNumber(r.averageBackorders) },
  { label: 'Stockout days', definition: 'stockoutDays', value: (r) => String(r.stockoutPeriods) },
  { label: 'Holding cost', definition: 'holdingCost', value: (r) => formatMoney(r.cost.holding) },
  { label: 'Ordering cost', definition: 'orderingCost', value: (r) => formatMoney(r.cost.ordering) },
  { label: 'Shortage cost', definition: 'shortageCost', value: (r) => formatMoney(r.mode === 'lost-sales' ? r.cost.lostSales : r.cost.backorder) },
  { label: 'Total cost', definition: 'totalCost', value: (r) => formatMoney(r.cost.total) },
];

const COST_FIELDS = [
  { name: 'orderingCost', label: 'Per purchase order' },
  { name: 'holdingCostPerUnitPeriod', label: 'Holding, per unit per day' },
  { name: 'backorderCostPerUnitPeriod', label: 'Backorder, per unit per day' },
  { name: 'lostSaleCostPerUnit', label: 'Lost sale, per unit' },
] as const;

/** Replays an item's demand under two or more policies and shows their figures side by side. */
export function SimulationPage({ route }: { readonly route: Route }) {
  const [sku, setSku] = useState(route.params.get('sku') ?? '');
  const [mode, setMode] = useState<'backorder' | 'lost-sales'>('backorder');
  const [drafts, setDrafts] = useState<PolicyDraft[]>([
    { kind: 's-Q', values: { reorderPoint: '10', orderQuantity: '30' } },
    { kind: 's-S', values: { reorderPoint: '10', orderUpTo: '40' } },
  ]);
  const [costs, setCosts] = useState({ orderingCost: '', holdingCostPerUnitPeriod: '', backorderCostPerUnitPeriod: '', lostSaleCostPerUnit: '' });
  const [results, setResults] = useState<{ readonly sku: string; readonly outcomes: readonly SimulationOutcome[]; readonly costBasis: readonly string[]; readonly warnings: readonly string[] } | null>(null);
  const [missing, setMissing] = useState(false);
  const action = useAction();
  const form = useFormCheck(action);
  const mayChange = useMayChange();
  async function run(event: FormEvent) {
    event.preventDefault();
    // Costs are typed as money and sent in minor units (cents), as every amount of the API.
    const given = COST_FIELDS.filter((c) => costs[c.name].trim() !== '').map((c) => ({ ...c, minor: parseCost(costs[c.name]) }));
    const badCost = given.find((c) => c.minor === null);
    const refusal = !CODE_PATTERN.test(sku.trim()) ? { field: 'sku', message: 'Item sku must be 1–64 letters, digits, dots, underscores or hyphens.' }
      : badCost ? { field: `costs.${badCost.name}`, message: `${badCost.label}: the cost must be an amount such as 2.50 (up to four decimals, e.g. 0.005 a day).` }
        : drafts.map(policyProblem).find((problem) => problem !== null) ?? null;
    // A new run clears the last one's figures, so a refused run never shows them under its error.
    setResults(null);
    if (!form.check(refusal)) return;
    const body = { sku: sku.trim(), mode, policies: drafts.map(policyOf), ...(given.length > 0 ? { costs: Object.fromEntries(given.map((c) => [c.name, c.minor])) } : {}) };
    try {
      await ensureRoute(ROUTES.simulations);
    } catch (error) {
      setMissing(isMissingRoute(error));
      if (isMissingRoute(error)) return;
    }
    const answer = await action.run(() => api.post<Simulation>(ROUTES.simulations, body), () => null);
    if (answer) setResults({ sku: body.sku, outcomes: answer.results, costBasis: answer.costs.basis, warnings: answer.warnings });
  }
  return (
    <section aria-labelledby="simulation-title">
      <h1 id="simulation-title">Simulation</h1>
      <p className="muted">Replays an item’s demand history under each policy and compares what customers would have seen and what it would have cost.</p>
      {missing ? <NotAvailable feature="Policy simulation" /> : null}
      {!mayChange ? <ReadOnlyNote what="run simulations" /> : (
      <form ref={form.ref} className="card" onSubmit={run} aria-label="Simulation settings" noValidate>
        <div className="form-grid">
          <div className="field"><label htmlFor="sim-sku">Item sku</label><input id="sim-sku" required maxLength={64} {...form.marks('sku')} value={sku} onChange={(e) => setSku(e.target.value)} /></div>
          <div className="field">
            <label htmlFor="sim-mode">When stock runs out</label>
            <select id="sim-mode" {...form.marks('mode')} value={mode} onChange={(e) => setMode(e.target.value as 'backorder' | 'lost-sales')}>
              <option value="backorder">Customers wait (backorder)</option>
              <option value="lost-sales">Sales are lost</option>
            </select>
          </div>
        </div>
        <fieldset className="form-grid" style={{ marginTop: '0.75rem' }}>
          <legend>Costs (optional, amounts such as 2.50; left blank, the planner’s: its ordering cost, its holding rate of the item’s unit cost, the item’s price per lost sale)</legend>
          {COST_FIELDS.map((c) => (
            <div className="field" key={c.name}>
              <label htmlFor={`cost-${c.name}`}>{c.label}</label>
              <input id={`cost-${c.name}`} inputMode="decimal" placeholder="planner’s" {...form.marks(`costs.${c.name}`)} value={costs[c.name]} onChange={(e) => setCosts((all) => ({ ...all, [c.name]: e.target.value }))} />
            </div>
          ))}
        </fieldset>
        {drafts.map((d, i) => (
          <div key={i} style={{ marginTop: '0.75rem' }}>
            <PolicyFields index={i} draft={d} form={form} onChange={(next) => setDrafts((ds) => ds.map((x, j) => (j === i ? next : x)))}
              onRemove={drafts.length > 2 ? () => setDrafts((ds) => ds.filter((_x, j) => j !== i)) : undefined} />
          </div>
        ))}
        <div className="actions" style={{ marginTop: '0.75rem' }}>
          <button type="button" onClick={() => setDrafts((ds) => [...ds, { kind: 'min-max', values: { min: '10', max: '40' } }])} disabled={drafts.length >= 4}>Add a policy</button>
          <button type="submit" className="primary" disabled={action.busy}>{action.busy ? 'Running…' : 'Run simulation'}</button>
        </div>
        {/* A server without simulations says so above; the form's own refusals still show. */}
        {missing && !form.refusal ? null : <FormStatus form={form} action={action} />}
      </form>
      )}
      {results && results.outcomes.length > 0 ? (
        <>
          <h2>Results for {results.sku}</h2>
          {results.warnings.length > 0 ? <ul className="notice" data-testid="simulation-warnings">{results.warnings.map((w) => <li key={w}>{w}</li>)}</ul> : null}
          {results.costBasis.length > 0 ? <p className="muted small" data-testid="simulation-costs">Priced with {results.costBasis.join('; ')}.</p> : null}
          <Comparison results={results.outcomes} />
        </>
      ) : null}
    </section>
  );
}

function Comparison({ results }: { readonly results: readonly SimulationOutcome[] }) {
  const periods = Math.max(...results.map((r) => r.trajectory?.onHand.length ?? 0));
  const x = useMemo(() => Array.from({ length: periods }, (_v, i) => i + 1), [periods]);
  const series = useMemo(
    () => results.map((r, i) => ({ label: r.name, values: r.trajectory?.onHand ?? [], color: COLOURS[i % COLOURS.length] ?? '#333', width: 1.5 })),
    [results],
  );
  return (
    <>
      <h2>Results</h2>
      <div className="table-wrap">
        <table data-testid="simulation-results">
          <caption className="sr-only">Figures per policy</caption>
          <thead><tr><Th>Figure</Th>{results.map((r, i) => <th key={i} scope="col" className="num">{r.name}</th>)}</tr></thead>
          <tbody>
            {FIGURES.map((f) => (
              <tr key={f.label} title={DEFINITIONS[f.definition]}>
                <th scope="row"><span className="defined">{f.label}</span></th>
                {results.map((r, i) => <td key={i} className="num">{f.value(r)}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {periods > 0 ? <div style={{ marginTop: '1rem' }}><Chart title="Stock on hand at the end of each day, per policy" x={x} series={series} xLabel="day" yLabel="units" height={280} /></div> : null}
    </>
  );
}
