// Runs the Filing Review service's suite a second time on a real PostgreSQL server: every service database the
// tests open becomes a scratch database there (electron/service/db/open-database.ts). `.ci/run` starts Debian's
// PostgreSQL and sets CRD_SCRATCH_POSTGRES; without it this says so and passes, so `npm test` works anywhere.
import { spawnSync } from 'node:child_process';

const server = process.env.CRD_SCRATCH_POSTGRES;
if (!server) {
  console.log('test:postgres: skipped (set CRD_SCRATCH_POSTGRES=postgres://user:password@host/postgres to run the service suite on PostgreSQL)');
  process.exit(0);
}
const suite = ['test/electron/service', 'test/electron/efm', 'test/electron/efm-sim-lease-book.test.ts', 'test/electron/efm-sim-hostile.test.ts', 'test/electron/outbox/outbox-delivery.test.ts', 'test/electron/cms'];
// The kill -9 restart test runs the service as its own process on a data folder (PGlite): it ran in test:unit.
const result = spawnSync('npx', ['vitest', 'run', ...suite, '--exclude', 'test/electron/service/service-restart.test.ts'], { stdio: 'inherit', env: process.env });
process.exit(result.status ?? 1);
