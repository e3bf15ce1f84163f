import { defaultWorkerConfig, type WorkerConfig } from '../../../src/worker/worker-config.js';

/** Production settings with short waits, and loopback allowed: the receivers run on 127.0.0.1. */
export function fastConfig(overrides: Partial<WorkerConfig> = {}): WorkerConfig {
  return {
    ...defaultWorkerConfig(),
    pollIntervalMs: 20,
    backoffBaseMs: 5,
    backoffMaxMs: 50,
    webhookTimeoutMs: 2_000,
    leaseMs: 10_000,
    disableAfterMs: 0,
    addressPolicy: { allowLoopback: true, allowPrivate: false },
    ...overrides,
  };
}
