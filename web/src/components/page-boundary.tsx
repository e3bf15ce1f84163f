import { Component, type ReactNode } from 'react';

interface PageBoundaryState {
  readonly failure: 'download' | 'page' | null;
}

/**
 * Stands between the shell and a page: a page that cannot be downloaded (the server was upgraded
 * while this tab stayed open, so its file names changed, or the network dropped) or that fails
 * while drawing says so and offers a reload, instead of leaving a blank screen. Keyed by the
 * route, so going to another page starts afresh.
 */
export class PageBoundary extends Component<{ readonly children: ReactNode }, PageBoundaryState> {
  override state: PageBoundaryState = { failure: null };

  static getDerivedStateFromError(error: unknown): PageBoundaryState {
    const message = error instanceof Error ? error.message : String(error);
    const download = /dynamically imported module|Importing a module script failed|error loading dynamically imported/i.test(message);
    return { failure: download ? 'download' : 'page' };
  }

  override render() {
    const { failure } = this.state;
    if (!failure) return this.props.children;
    return (
      <section role="alert">
        <h1>{failure === 'download' ? 'This page could not be downloaded' : 'This page stopped working'}</h1>
        <p>
          {failure === 'download'
            ? 'The server may have been upgraded since this tab was opened, or the connection dropped. Reloading fetches the current dashboard; nothing you saved is lost.'
            : 'Something in this page failed while drawing it. Reloading usually helps; nothing you saved is lost.'}
        </p>
        <button type="button" onClick={() => window.location.reload()}>Reload the dashboard</button>
      </section>
    );
  }
}
