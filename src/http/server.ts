import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from './app.js';

export interface ServerOptions extends AppOptions {
  readonly port: number;
  readonly host?: string | undefined;
  /** How long in-flight requests may take to finish after SIGTERM/SIGINT before the process exits anyway. */
  readonly shutdownTimeoutMs?: number | undefined;
  /** Install SIGTERM/SIGINT handlers (default true; tests turn it off). */
  readonly handleSignals?: boolean | undefined;
}

export interface RunningServer {
  readonly app: FastifyInstance;
  /** Where it listens, e.g. http://127.0.0.1:8080. */
  readonly url: string;
  /** Stops taking requests, lets in-flight ones finish, then closes the store. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts the HTTP service (`restock serve`). On SIGTERM or SIGINT it stops accepting connections,
 * answers new requests on open connections with 503, waits for in-flight requests, then closes
 * the store; if that takes longer than the timeout the process exits with status 1.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const app = await buildApp(options);
  let closing: Promise<void> | null = null;
  // Answers finished while closing end their keep-alive connection, so the server can stop.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });
  const url = await app.listen({ port: options.port, host: options.host ?? '127.0.0.1' });
  const close = (): Promise<void> => {
    closing ??= (async () => {
      try {
        await app.close();
      } finally {
        await options.store.close();
      }
    })();
    return closing;
  };
  if (options.handleSignals !== false) {
    const onSignal = (signal: NodeJS.Signals) => {
      app.log.info({ signal }, 'shutting down: finishing in-flight requests');
      const timer = setTimeout(() => {
        app.log.error('shutdown timed out; exiting');
        process.exit(1);
      }, options.shutdownTimeoutMs ?? 10_000);
      timer.unref();
      close().then(
        () => clearTimeout(timer),
        (error: unknown) => {
          app.log.error({ err: error }, 'shutdown failed');
          process.exitCode = 1;
        },
      );
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
    // Fastify refuses hooks once it listens; the HTTP server's close event comes with app.close().
    app.server.once('close', () => {
      process.removeListener('SIGTERM', onSignal);
      process.removeListener('SIGINT', onSignal);
    });
  }
  return { app, url, close };
}

/** `restock serve` prints the key this creates on a fresh installation (see app/api-keys.ts). */
export { ensureBootstrapKey } from '../app/api-keys.js';
