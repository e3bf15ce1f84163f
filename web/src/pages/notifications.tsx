export function NotificationsPage(_props: Record<string, unknown>) {
  return <section><h1>NotificationsPage</h1></section>;
}
