import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Validates the Compose deployment offline with Debian's docker-compose (no Docker engine runs here). */
const dockerCompose = (() => {
  try {
    execFileSync('docker-compose', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!dockerCompose)
  console.warn(
    'SKIPPED docker-compose.yml validation: docker-compose is not installed (apt-get install -y docker-compose)',
  );

describe.skipIf(!dockerCompose)('the Docker Compose deployment', () => {
  it('is a valid compose file with .env.example as its .env', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'confab-compose-'));
    try {
      copyFileSync('docker-compose.yml', path.join(dir, 'docker-compose.yml'));
      copyFileSync('.env.example', path.join(dir, '.env'));
      execFileSync('docker-compose', ['-f', path.join(dir, 'docker-compose.yml'), 'config', '-q'], {
        cwd: dir,
      });
      const resolved = execFileSync(
        'docker-compose',
        ['-f', path.join(dir, 'docker-compose.yml'), 'config'],
        {
          cwd: dir,
          encoding: 'utf8',
        },
      );
      for (const service of ['server:', 'worker:', 'postgres:', 'redis:', 'meilisearch:'])
        expect(resolved).toContain(service);
      expect(resolved).toContain('postgresql://confab:change-me-postgres@postgres:5432/confab');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs the server as a non-root user in a multi-stage image with a health check', () => {
    const dockerfile = readFileSync('Dockerfile', 'utf8');
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK /m);
  });
});
