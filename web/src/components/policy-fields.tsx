import type { SimulationPolicy } from '../api/simulation-policy';
import { parseWholeNumber } from '../parse-input';
import type { FormCheck, Refusal } from './use-form-check';

/** The largest number of units or days a policy field takes here. */
const MAX_POLICY_NUMBER = 1_000_000_000;

export type PolicyKind = SimulationPolicy['kind'];

const FIELDS: Record<PolicyKind, readonly { readonly name: string; readonly label: string }[]> = {
  's-Q': [{ name: 'reorderPoint', label: 'Reorder point s' }, { name: 'orderQuantity', label: 'Order quantity Q' }],
  's-S': [{ name: 'reorderPoint', label: 'Reorder point s' }, { name: 'orderUpTo', label: 'Order up to S' }],
  'min-max': [{ name: 'min', label: 'Min' }, { name: 'max', label: 'Max' }],
  'R-S': [{ name: 'reviewPeriod', label: 'Review every R days' }, { name: 'orderUpTo', label: 'Order up to S' }],
  current: [],
};

export const POLICY_NAMES: Record<PolicyKind, string> = {
  's-Q': '(s, Q) fixed lot',
  's-S': '(s, S) order up to',
  'min-max': 'min / max',
  'R-S': '(R, S) periodic',
  current: 'current plan',
};

/** A policy being edited: its kind and its numbers as typed. */
export interface PolicyDraft {
  readonly kind: PolicyKind;
  readonly values: Readonly<Record<string, string>>;
}

/** The policy as the API takes it, with its numbers parsed. */
export function policyOf(draft: PolicyDraft): SimulationPolicy {
  const numbers = Object.fromEntries(FIELDS[draft.kind].map((f) => [f.name, Number(draft.values[f.name] ?? '')]));
  return { kind: draft.kind, ...numbers } as SimulationPolicy;
}

/** The first of a policy's numbers that is not a whole number, as a refusal naming the API's field (`policies[1].orderUpTo`), or null. */
export function policyProblem(draft: PolicyDraft, index: number): Refusal | null {
  const bad = FIELDS[draft.kind].find((f) => parseWholeNumber(draft.values[f.name] ?? '', MAX_POLICY_NUMBER) === null);
  return bad ? { field: `policies[${index}].${bad.name}`, message: `Policy ${index + 1}: ${bad.label} must be a whole number from 0 to ${MAX_POLICY_NUMBER.toLocaleString('en')}.` } : null;
}

/** The inputs of one policy: its kind, then the two numbers that kind needs, all labelled and marked when a refusal names them. */
export function PolicyFields({ index, draft, onChange, onRemove, form }: { readonly index: number; readonly draft: PolicyDraft; readonly onChange: (draft: PolicyDraft) => void; readonly onRemove?: (() => void) | undefined; readonly form: FormCheck }) {
  const id = `policy-${index}`;
  const field = `policies[${index}]`;
  return (
    <fieldset className="form-grid">
      <legend>Policy {index + 1}</legend>
      <div className="field">
        <label htmlFor={`${id}-kind`}>Kind</label>
        <select id={`${id}-kind`} {...form.marks(`${field}.kind`)} value={draft.kind} onChange={(e) => onChange({ kind: e.target.value as PolicyKind, values: draft.values })}>
          {(Object.keys(POLICY_NAMES) as PolicyKind[]).map((k) => <option key={k} value={k}>{POLICY_NAMES[k]}</option>)}
        </select>
      </div>
      {FIELDS[draft.kind].map((f) => (
        <div className="field" key={f.name}>
          <label htmlFor={`${id}-${f.name}`}>{f.label}</label>
          <input id={`${id}-${f.name}`} type="number" min={0} step={1} required {...form.marks(`${field}.${f.name}`)} value={draft.values[f.name] ?? ''} onChange={(e) => onChange({ kind: draft.kind, values: { ...draft.values, [f.name]: e.target.value } })} />
        </div>
      ))}
      {onRemove ? <div><button type="button" onClick={onRemove}>Remove policy {index + 1}</button></div> : null}
    </fieldset>
  );
}
