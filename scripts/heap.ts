/**
 * The heap in use after full garbage collections, also in a process started without --expose-gc (as `npm test`
 * starts its files): heap is compared after collecting, so garbage a busy machine has not collected yet cannot look
 * like growth.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

const collectGarbage: () => void = (globalThis as { gc?: () => void }).gc ?? (() => {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
})();

/** Heap used, in MB, after two full collections. */
export function heapAfterGcMb(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed / 2 ** 20;
}
