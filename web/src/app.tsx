import { lazy, Suspense, useEffect, useState } from 'react';
import { RoleContext } from './api/permissions';
import { onUnauthorized } from './api/client';
import { Loading } from './components/notices';
import { PageBoundary } from './components/page-boundary';
import { href, useRoute, type Route } from './router';
import { clearSession, readSession, type Session } from './session';
import { SignIn } from './sign-in';

// The first download is the shell and the sign-in form; each page (and what only it uses: the
// charts, the purchasing forms) is fetched when it is first opened, and then kept.
const OverviewPage = lazy(() => import('./pages/overview').then((m) => ({ default: m.OverviewPage })));
const ItemsPage = lazy(() => import('./pages/items').then((m) => ({ default: m.ItemsPage })));
const ItemDetailPage = lazy(() => import('./pages/item-detail').then((m) => ({ default: m.ItemDetailPage })));
const OrdersPage = lazy(() => import('./pages/orders').then((m) => ({ default: m.OrdersPage })));
const BackordersPage = lazy(() => import('./pages/backorders').then((m) => ({ default: m.BackordersPage })));
const PurchasingPage = lazy(() => import('./pages/purchasing').then((m) => ({ default: m.PurchasingPage })));
const SimulationPage = lazy(() => import('./pages/simulation').then((m) => ({ default: m.SimulationPage })));
const NotificationsPage = lazy(() => import('./pages/notifications').then((m) => ({ default: m.NotificationsPage })));
const SettingsPage = lazy(() => import('./pages/settings').then((m) => ({ default: m.SettingsPage })));

const PAGES = [
  { path: '', label: 'Overview' },
  { path: 'items', label: 'Items' },
  { path: 'orders', label: 'Orders' },
  { path: 'backorders', label: 'Backorders' },
  { path: 'purchasing', label: 'Purchasing' },
  { path: 'simulation', label: 'Simulation' },
  { path: 'notifications', label: 'Notifications' },
  { path: 'settings', label: 'Settings' },
] as const;

/** The dashboard shell: sign-in gate, navigation, and the page for the current hash route. */
export function App() {
  const [session, setSession] = useState<Session | null>(() => readSession());
  const [notice, setNotice] = useState<string | null>(null);
  const route = useRoute();
  useEffect(
    () =>
      onUnauthorized(() => {
        clearSession();
        setSession(null);
        setNotice('The server no longer accepts your API key (it may have been revoked). Sign in again.');
      }),
    [],
  );
  useEffect(() => {
    const page = PAGES.find((p) => p.path === (route.segments[0] ?? ''));
    document.title = `${page?.label ?? 'Item'} · Restock`;
  }, [route]);
  if (!session) return <SignIn notice={notice} onSignedIn={(s) => { setNotice(null); setSession(s); }} />;
  const current = route.segments[0] ?? '';
  // Back to the sign-in form, which says why.
  const signOut = (why: string) => {
    clearSession();
    setNotice(why);
    setSession(null);
  };
  return (
    <div className="shell">
      <a className="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>Skip to content</a>
      <header className="top">
        <a className="brand" href={href([])}>Restock</a>
        <nav aria-label="Main">
          <ul>
            {PAGES.map((p) => (
              <li key={p.path}>
                <a href={href(p.path ? [p.path] : [])} aria-current={current === p.path ? 'page' : undefined}>{p.label}</a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          {session.role ? <span className="role" title="The role of the API key you signed in with">{session.role}</span> : null}
          <button type="button" onClick={() => signOut('You have signed out.')}>Sign out</button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <RoleContext.Provider value={session.role}>
          <PageBoundary key={route.segments.join('/')}>
            <Suspense fallback={<Loading what="Loading the page" />}>
              <Page route={route} session={session} onSignOut={signOut} />
            </Suspense>
          </PageBoundary>
        </RoleContext.Provider>
      </main>
    </div>
  );
}

function Page({ route, session, onSignOut }: { readonly route: Route; readonly session: Session; readonly onSignOut: (why: string) => void }) {
  const [first, second] = route.segments;
  switch (first) {
    case undefined:
      return <OverviewPage />;
    case 'items':
      return second ? <ItemDetailPage key={second} sku={second} /> : <ItemsPage route={route} />;
    case 'orders':
      return <OrdersPage route={route} />;
    case 'backorders':
      return <BackordersPage route={route} />;
    case 'purchasing':
      return <PurchasingPage route={route} />;
    case 'simulation':
      return <SimulationPage route={route} />;
    case 'notifications':
      return <NotificationsPage />;
    case 'settings':
      return <SettingsPage session={session} onSignOut={onSignOut} />;
    default:
      return (
        <section>
          <h1>Page not found</h1>
          <p>There is no page at this address. <a href={href([])}>Go to the overview</a>.</p>
        </section>
      );
  }
}
