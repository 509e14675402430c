import type { ServiceLog } from './json-line-log.js';
import type { RunningServer } from './listen.js';

/**
 * On SIGINT or SIGTERM: stop accepting connections, run `onClosed` (close the database), exit 0.
 * Only a service's `main.ts` calls this.
 */
export function closeOnSignals(
  running: RunningServer,
  log: ServiceLog,
  onClosed: () => void = () => undefined,
): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    running
      .close()
      .catch((error: unknown) => log.error('closing the server failed', { error: String(error) }))
      .finally(() => {
        onClosed();
        process.exit(0);
      });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
