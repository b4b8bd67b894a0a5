import { startConfabServer } from './app.js';
import { configFromEnv } from './config.js';

const server = await startConfabServer(configFromEnv(process.env));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.drain().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
