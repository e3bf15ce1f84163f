import type { ReactNode } from 'react';
import { DEFINITIONS, type FigureName } from '../definitions';

/**
 * A KPI tile: the figure, its label, and its definition printed under it (SPEC §8: definitions
 * beside every figure) and on hover.
 */
export function KpiTile({ label, value, definition, sub, tone }: {
  readonly label: string;
  readonly value: ReactNode;
  readonly definition: FigureName;
  readonly sub?: ReactNode;
  readonly tone?: 'good' | 'warn' | 'bad' | undefined;
}) {
  const text = DEFINITIONS[definition];
  return (
    <div className={`tile${tone ? ` tile-${tone}` : ''}`} title={text} data-figure={definition}>
      <div className="tile-label">{label}</div>
      <div className="tile-value">{value}</div>
      {sub ? <div className="tile-sub">{sub}</div> : null}
      <p className="tile-def">{text}</p>
    </div>
  );
}

/** A table header whose hover (and screen-reader description) gives the column's definition. */
export function Th({ children, definition, className }: { readonly children: ReactNode; readonly definition?: FigureName; readonly className?: string }) {
  return (
    <th scope="col" className={className} title={definition ? DEFINITIONS[definition] : undefined}>
      {definition ? <span className="defined">{children}</span> : children}
    </th>
  );
}

/** A labelled figure in a definition list, with its definition on hover. */
export function Stat({ label, value, definition }: { readonly label: string; readonly value: ReactNode; readonly definition: FigureName }) {
  return (
    <div className="stat" title={DEFINITIONS[definition]} data-figure={definition}>
      <dt><span className="defined">{label}</span></dt>
      <dd>{value}</dd>
    </div>
  );
}
