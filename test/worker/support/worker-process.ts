/**
 * A dispatcher in its own process, configured only from the environment as `restock worker` is:
 * the crash test kills it with SIGKILL in the middle of its work. SIGTERM stops it cleanly.
 */
import { storeOptionsFromEnv } from '../../../src/config.js';
import { openStore } from '../../../src/storage/open-store.js';
import { startWorker } from '../../../src/worker/dispatcher.js';
import { workerConfigFromEnv } from '../../../src/worker/worker-config.js';

const store = await openStore(storeOptionsFromEnv());
const worker = startWorker({ store, config: workerConfigFromEnv() });
process.stdout.write('worker ready\n');
process.on('SIGTERM', () => {
  void worker.stop().then(() => store.close()).then(() => process.exit(0));
});
