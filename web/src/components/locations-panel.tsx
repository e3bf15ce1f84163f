import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { useMayChange } from '../api/permissions';
import type { ChangedLocation, Location } from '../api/types';
import { useAction } from '../api/use-action';
import { useResource } from '../api/use-resource';
import { countOf } from '../format';
import { CODE_PATTERN, parsePriority } from '../parse-input';
import { Th } from './figure';
import { FormStatus } from './form-status';
import { EmptyState } from './notices';
import { ReadOnlyNote } from './read-only-note';
import { ResourceView } from './resource-view';
import { useFormCheck } from './use-form-check';

/**
 * The warehouses and shops stock is kept at (GET /locations), most preferred first: allocation
 * takes from the lowest priority number first. Operators and admins add, rename, re-prioritise,
 * and deactivate them (an inactive location keeps its stock but allocates nothing new).
 */
export function LocationsPanel() {
  const [version, setVersion] = useState(0);
  const mayChange = useMayChange();
  const locations = useResource<{ items: readonly Location[] }>('/locations', {}, version);
  const changed = () => setVersion((v) => v + 1);
  return (
    <>
      <p className="small muted">Orders are allocated from the location with the lowest priority number first. An inactive location keeps its stock but allocates nothing new.</p>
      {mayChange ? <NewLocation onCreated={changed} /> : <ReadOnlyNote what="add or change locations" />}
      <ResourceView resource={locations} feature="Locations">
        {(list) =>
          list.items.length === 0 ? (
            <EmptyState title="No locations yet"><p>Add the first warehouse or shop above; stock is always kept at a location.</p></EmptyState>
          ) : (
            <div className="table-wrap">
              <table className="table-stack">
                <caption className="sr-only">Locations, most preferred first</caption>
                <thead><tr><Th>Code</Th><Th>Name</Th><Th className="num">Priority</Th><Th>Active</Th>{mayChange ? <Th>Change</Th> : null}</tr></thead>
                <tbody>
                  {list.items.map((l) => <LocationRow key={l.code} location={l} mayChange={mayChange} onChanged={changed} />)}
                </tbody>
              </table>
            </div>
          )
        }
      </ResourceView>
    </>
  );
}

function LocationRow({ location, mayChange, onChanged }: { readonly location: Location; readonly mayChange: boolean; readonly onChanged: () => void }) {
  const [name, setName] = useState(location.name);
  const [priority, setPriority] = useState(String(location.priority));
  // The row shows what the server holds once a change (here or elsewhere) is read back.
  useEffect(() => {
    setName(location.name);
    setPriority(String(location.priority));
  }, [location.name, location.priority]);
  const action = useAction();
  const form = useFormCheck(action);
  const save = async (patch: Record<string, unknown>, said: string) => {
    const done = await action.run(
      () => api.patch<ChangedLocation>(`/locations/${encodeURIComponent(location.code)}`, patch),
      (changed) => [
        said,
        changed.movedAllocations > 0 ? `${countOf(changed.movedAllocations, 'allocated unit')} ${changed.movedAllocations === 1 ? 'is' : 'are'} now taken from other locations.` : '',
        ...changed.warnings.map((w) => `Note: ${w.message}.`),
      ].filter(Boolean).join(' '),
    );
    if (done) onChanged();
  };
  async function submit(event: FormEvent) {
    event.preventDefault();
    const refusal = name.trim() === '' ? { field: 'name', message: 'Name must not be empty.' }
      : parsePriority(priority) === null ? { field: 'priority', message: 'Priority must be a whole number from -1,000,000 to 1,000,000 (lower is preferred).' } : null;
    if (form.check(refusal)) await save({ name: name.trim(), priority: Number(priority.trim()) }, `Saved ${location.code}.`);
  }
  return (
    <tr>
      <td className="mono" data-label="Code">{location.code}</td>
      <td data-label="Name">{mayChange ? <input aria-label={`Name of ${location.code}`} maxLength={200} {...form.marks('name')} value={name} onChange={(e) => setName(e.target.value)} form={`location-${location.code}`} /> : location.name}</td>
      <td className="num" data-label="Priority">{mayChange ? <input aria-label={`Priority of ${location.code}`} inputMode="numeric" style={{ width: '6rem' }} {...form.marks('priority')} value={priority} onChange={(e) => setPriority(e.target.value)} form={`location-${location.code}`} /> : location.priority}</td>
      <td data-label="Active">{location.active ? 'yes' : <span className="pill">inactive</span>}</td>
      {mayChange ? (
        <td className="stack-whole">
          <form ref={form.ref} id={`location-${location.code}`} className="actions" onSubmit={submit} noValidate>
            <button type="submit" disabled={action.busy} aria-label={`Save ${location.code}`}>Save</button>
            <button type="button" disabled={action.busy} aria-label={`${location.active ? 'Deactivate' : 'Activate'} ${location.code}`} onClick={() => {
              if (location.active && !window.confirm(`Deactivate ${location.code}? No order is allocated from it any more: units orders hold there are taken from other locations' free stock where they have it. Its stock stays there and can still be counted, and its free units moved out.`)) return;
              void save({ active: !location.active }, `${location.code} is ${location.active ? 'inactive' : 'active'} now.`);
            }}>
              {location.active ? 'Deactivate' : 'Activate'}
            </button>
          </form>
          <FormStatus form={form} action={action} />
        </td>
      ) : null}
    </tr>
  );
}

function NewLocation({ onCreated }: { readonly onCreated: () => void }) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [priority, setPriority] = useState('');
  const action = useAction();
  const form = useFormCheck(action);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const refusal =
      !CODE_PATTERN.test(code.trim()) ? { field: 'code', message: 'Code must be 1–64 letters, digits, dots, underscores or hyphens.' }
        : name.trim() === '' ? { field: 'name', message: 'Name must not be empty.' }
          : priority.trim() !== '' && parsePriority(priority) === null ? { field: 'priority', message: 'Priority must be a whole number from -1,000,000 to 1,000,000 (lower is preferred), or empty.' } : null;
    if (!form.check(refusal)) return;
    const body = { code: code.trim(), name: name.trim(), ...(priority.trim() === '' ? {} : { priority: Number(priority.trim()) }) };
    const created = await action.run(() => api.post<Location>('/locations', body), (l) => `Added location ${l.code}.`);
    if (created) {
      setCode('');
      setName('');
      setPriority('');
      onCreated();
    }
  }
  return (
    <form ref={form.ref} className="toolbar" onSubmit={submit} aria-label="New location" noValidate>
      <div className="field"><label htmlFor="new-location-code">Code</label><input id="new-location-code" maxLength={64} {...form.marks('code')} value={code} onChange={(e) => setCode(e.target.value)} /></div>
      <div className="field"><label htmlFor="new-location-name">Name</label><input id="new-location-name" maxLength={200} {...form.marks('name')} value={name} onChange={(e) => setName(e.target.value)} /></div>
      <div className="field"><label htmlFor="new-location-priority">Priority (empty: 0)</label><input id="new-location-priority" inputMode="numeric" {...form.marks('priority')} value={priority} onChange={(e) => setPriority(e.target.value)} /></div>
      <div className="field"><span aria-hidden="true">&nbsp;</span><button type="submit" className="primary" disabled={action.busy}>Add location</button></div>
      <FormStatus form={form} action={action} />
    </form>
  );
}
