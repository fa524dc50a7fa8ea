import { createLogger } from '../log/logger.node.ts';

const log = createLogger('process');
let installed = false;

/**
 * The last line of defence: an error nothing else caught is logged with its stack and the
 * process keeps serving every other account, rather than exiting and taking them all down.
 * Every known input path has its own error handling; this is for the one we missed.
 */
export function keepServingOnUnexpectedErrors(
  onError: (error: unknown) => void = () => undefined,
): void {
  if (installed) return;
  installed = true;
  process.on('uncaughtException', (error) => {
    log.error('unexpected error; Switchboard keeps running', {
      error: error instanceof Error ? error.stack : String(error),
    });
    onError(error);
  });
  process.on('unhandledRejection', (reason) => {
    log.error('unexpected rejected promise; Switchboard keeps running', {
      error: reason instanceof Error ? reason.stack : String(reason),
    });
    onError(reason);
  });
}
