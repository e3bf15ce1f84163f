import { useCallback, useEffect, useId, useRef, useState, type RefObject } from 'react';
import { errorField } from '../api/describe-error';

/** A submit the form's own check refused: the field at fault (null: none in particular) and what to do, in words (a title and its detail, where it needs both). */
export interface Refusal {
  readonly field: string | null;
  readonly message: string;
  readonly detail?: string;
}

/** The attributes that tie a control to the field name refusals use, and mark it while one names it. */
export interface FieldMarks {
  readonly 'data-field': string;
  readonly 'aria-invalid': true | undefined;
  readonly 'aria-describedby': string | undefined;
}

export interface FormCheck {
  /** For the <form>: the invalid field's control is looked for among its elements (form="…" ones included). */
  readonly ref: RefObject<HTMLFormElement | null>;
  /** The id of the error text (FormStatus puts it there); an invalid control is described by it. */
  readonly errorId: string;
  /** The form's own refusal of the last submit, or null. */
  readonly refusal: Refusal | null;
  /** Spread on the control of `field` (keeping the control's own `describedBy` ids). */
  marks(field: string, describedBy?: string): FieldMarks;
  /** Shows `refusal` in place of the last action's message, or clears both (null); true when the submit may go on. */
  check(refusal: Refusal | null): boolean;
}

/** No action: a form whose every refusal is its own (the sign-in form). */
const NO_ACTION = { error: null, clear: () => {} };

/**
 * One form's invalid field, whether its own check refused the submit or the API did through the
 * form's `action` (a 4xx whose details name a field, renamed to the form's field by `fromApi`
 * when the form numbers lines differently): the field's control is marked (aria-invalid,
 * aria-describedby pointing at the error text) and takes the keyboard focus at each new refusal.
 * A control marked `lines[0]` also stands for what lies inside it (`lines[0].quantity`).
 */
export function useFormCheck(action: { readonly error: unknown; clear(): void } = NO_ACTION, fromApi: (field: string) => string = (field) => field): FormCheck {
  const ref = useRef<HTMLFormElement>(null);
  const errorId = useId();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const apiField = errorField(action.error);
  const invalid = refusal !== null ? refusal.field : apiField === null ? null : fromApi(apiField);
  useEffect(() => {
    if (invalid === null || ref.current === null) return;
    const control = [...ref.current.elements].find((element) => covers(element.getAttribute('data-field'), invalid));
    if (control instanceof HTMLElement) control.focus();
    // A new refusal, even one like the last, moves the focus again; typing in between does not.
  }, [refusal, action.error]);
  const { clear } = action;
  const check = useCallback((next: Refusal | null) => {
    setRefusal(next);
    clear();
    return next === null;
  }, [clear]);
  const marks = (field: string, describedBy?: string): FieldMarks => {
    const marked = invalid !== null && covers(field, invalid);
    return {
      'data-field': field,
      'aria-invalid': marked ? true : undefined,
      'aria-describedby': [describedBy, marked ? errorId : undefined].filter((id) => id !== undefined).join(' ') || undefined,
    };
  };
  return { ref, errorId, refusal, marks, check };
}

/** Whether the control of `field` is the one at fault for `invalid`, or holds it. */
function covers(field: string | null, invalid: string): boolean {
  return field !== null && (invalid === field || invalid.startsWith(`${field}.`) || invalid.startsWith(`${field}[`));
}
