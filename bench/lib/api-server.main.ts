/**
 * Child process of the API benchmark: the API exactly as `npm start` boots it
 * (`bootstrap()`: config from the environment, migrations, HTTP), reporting its
 * port to the parent over IPC and closing when the parent says `stop` or goes away.
 */
import 'reflect-metadata';
import { bootstrap } from '../../apps/api/src/bootstrap';

async function main(): Promise<void> {
  const app = await bootstrap();
  const address = app.getHttpServer().address();
  let closing = false;
  const close = () => {
    if (closing) return;
    closing = true;
    void app
      .close()
      .catch(() => undefined)
      .finally(() => process.exit(0)); // process.exit still writes a --cpu-prof profile
  };
  process.on('message', (message) => message === 'stop' && close());
  process.on('disconnect', close);
  process.send?.({ port: typeof address === 'object' && address ? address.port : undefined });
}

main().catch((error: unknown) => {
  process.stderr.write(`API for the benchmark failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
