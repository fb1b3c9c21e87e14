import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkstation, type Workstation } from '../../fixtures/main-services-fixture';

let ws: Workstation;
const pushed: unknown[] = [];
beforeAll(async () => {
  // The court's EFM runs three minutes ahead of this workstation.
  ws = await startWorkstation('crd-clock-', { now: () => Date.now() + 180_000 });
  ws.services.bus.connect((event, payload) => void (event === 'clock:changed' && pushed.push(payload)));
});
afterAll(() => ws.close());

describe("the EFM's clock against the workstation's", () => {
  it('a skew over the limit is told to the screens (app:info and clock:changed), with how far', async () => {
    expect((await ws.call('app:info')).clock).toBeNull();
    await ws.signIn('clerk1');
    const clock = (await ws.call('app:info')).clock as { skewMs: number; limitMs: number; overLimit: boolean };
    expect(clock.overLimit).toBe(true);
    expect(clock.limitMs).toBe(120_000);
    expect(Math.abs(clock.skewMs - 180_000)).toBeLessThan(10_000);
    expect(pushed[0]).toMatchObject({ overLimit: true });
  });
});
