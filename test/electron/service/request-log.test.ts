import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EfmClient } from '../../../electron/efm/efm-client';
import { EfmSimulator, type RequestLogEntry } from '../../../electron/efm-sim/efm-simulator';

const entries: RequestLogEntry[] = [];
let service: EfmSimulator;
beforeAll(async () => {
  service = await new EfmSimulator({
    requestLog: (entry) => entries.push(entry),
    cms: { delayMs: 1, failureRate: 0, model: 'per-filing' },
  }).start();
});
afterAll(() => service.close());

const as = (username: string, password: string): EfmClient =>
  new EfmClient({ endpoint: service.url, credentials: { username, password }, retries: 0 });

describe("the service's request log (for court IT)", () => {
  it('one entry per request: operation, account, status, refusal code and time; never a password or content', async () => {
    expect((await as('clerk1', 'demo-clerk1').whoAmI()).ok).toBe(true);
    expect((await as('clerk1', 'not-the-password').whoAmI()).ok).toBe(false);
    expect((await as('clerk1', 'demo-clerk1').claim('ENV-NOPE')).ok).toBe(false);
    await new Promise((resolve) => setImmediate(resolve));
    const soap = entries.filter((entry) => entry.method === 'POST');
    expect(soap.map((e) => [e.operation, e.user, e.status, e.fault ?? null])).toEqual([
      ['WhoAmI', 'clerk1', 200, null],
      [null, null, 500, 'unauthorized'],
      ['ClaimEnvelope', 'clerk1', 500, 'not-found'],
    ]);
    for (const entry of soap) expect(entry.durationMs).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(entries)).not.toMatch(/demo-clerk1|not-the-password/);
  });
});
