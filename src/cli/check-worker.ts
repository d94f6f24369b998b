/**
 * Worker thread for `capsflow check`: negotiates the batches the main thread hands it and answers with one
 * small outcome per pipeline (never the whole result: thousands of them cross the thread boundary).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { GstVersion } from '../negotiation/registry/registry.js';
import type { CheckBatch, CheckReply } from './commands/check.js';
import { checkOne } from './commands/check-one.js';

const data = workerData as { registry?: string; gst?: GstVersion } | undefined;
const registry = data?.registry;
const gst = data?.gst;

parentPort?.on('message', (batch: CheckBatch) => {
  void (async () => {
    try {
      for (const item of batch.items) {
        // the main thread times each pipeline from here (--timeout)
        parentPort?.postMessage({ start: item.id } satisfies CheckReply);
        const reply: CheckReply = { id: item.id, outcome: await checkOne(item, registry, gst) };
        parentPort?.postMessage(reply);
      }
      parentPort?.postMessage({ done: batch.batch } satisfies CheckReply);
    } catch (e) {
      // set-up errors (no engine, a registry that does not validate) end the whole check
      parentPort?.postMessage({ fatal: e instanceof Error ? e.message : String(e) } satisfies CheckReply);
    }
  })();
});
