import { useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';

/**
 * A form's draft of a record that is read again while the form is open (after the form's own
 * save, or a change made elsewhere): every field that still shows what this form last sent (or,
 * with no save pending, the record as it was) follows the record as read; every field the person
 * changed since keeps what they typed, a field typed back to its old value after a save too, so
 * nothing typed in the moment between a save and its read-back is lost.
 * `sending(draft)` tells it what a save sends.
 */
export function useFollowedDraft<D extends object>(record: D): [D, Dispatch<SetStateAction<D>>, (sent: D) => void] {
  const [draft, setDraft] = useState<D>(record);
  const followed = useRef<D>(record);
  const sent = useRef<D | null>(null);
  const key = JSON.stringify(record);
  useEffect(() => {
    const settled = sent.current ? [sent.current] : [followed.current];
    followed.current = record;
    sent.current = null;
    setDraft((typed) => followRecord(typed, settled, record));
  }, [key]);
  return [draft, setDraft, (draftSent) => { sent.current = draftSent; }];
}

/** `typed` with each field that equals that field of one of the `settled` drafts taken from `record`. */
function followRecord<D extends object>(typed: D, settled: readonly D[], record: D): D {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const fields = Object.keys(record) as (keyof D)[];
  return Object.fromEntries(fields.map((field) => [field, settled.some((d) => same(d[field], typed[field])) ? record[field] : typed[field]])) as D;
}
