/**
 * A dispatcher in its own process, configured only from the environment as `restock worker` is:
 * the crash test kills it with SIGKILL in the middle of its work. SIGTERM stops it cleanly.
 */
import { storeOptionsFromEnv } from '../../../src/config.js';
import { openStore } from '../../../src/storage/open-store.js';
import { startWorker } from '../../../src/worker/dispatcher.js';
import { workerConfigFromEnv } from '../../../src/worker/worker-config.js';

const options = storeOptionsFromEnv();
const config = workerConfigFromEnv();
if (!options.ok || !config.ok) throw new Error(`bad settings: ${JSON.stringify([options, config])}`);
const store = await openStore(options.value);
const worker = startWorker({ store, config: config.value });
process.stdout.write('worker ready\n');
process.on('SIGTERM', () => {
  void worker.stop().then(() => store.close()).then(() => process.exit(0));
});
