/**
 * On Ctrl-C, logs what it is doing, runs `cleanUp` (drop the bench database,
 * stop servers) and exits 130, so an interrupted run leaves nothing behind.
 * Returns the function that takes the handler off again once the run is done.
 */
export function cleanUpOnInterrupt(log: (line: string) => void, what: string, cleanUp: () => Promise<void>): () => void {
  const interrupted = () => {
    log(`interrupted: ${what}`);
    void cleanUp()
      .catch(() => undefined)
      .finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  return () => process.off('SIGINT', interrupted);
}
