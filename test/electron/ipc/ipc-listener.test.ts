import { describe, expect, it } from 'vitest';
import { createIpcListener } from '../../../electron/ipc/ipc-listener';
import { isTrustedSender } from '../../../electron/ipc/sender-policy';
import { ok } from '../../../shared/result';

const topFrame = { url: 'app://clerk-review/index.html', parent: null };

function event(frame: { url: string; parent: unknown } | null, senderId = 1) {
  return { senderFrame: frame, sender: { id: senderId } } as never;
}

describe('IPC sender check', () => {
  const calls: unknown[] = [];
  const listener = createIpcListener('settings:get', async (channel, args) => (calls.push([channel, args]), ok('done')), (id) => id === 1);

  it("accepts the app's own top frame", async () => {
    expect(await listener(event(topFrame), undefined)).toEqual({ ok: true, value: 'done' });
  });

  it('refuses an iframe of the app', async () => {
    expect(await listener(event({ url: 'app://clerk-review/x.html', parent: topFrame }), undefined)).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });

  it('refuses a page from another origin', async () => {
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other-host/index.html', 'not a url']) {
      expect(await listener(event({ url, parent: null }), undefined)).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    }
  });

  it('refuses web contents that are not an app window, and frames that are gone', async () => {
    expect(await listener(event(topFrame, 2), undefined)).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(await listener(event(null), undefined)).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });

  it('only the trusted call reached the dispatcher', () => {
    expect(calls).toEqual([['settings:get', undefined]]);
    expect(isTrustedSender({ frameUrl: 'app://clerk-review/', isTopFrame: true, isAppWindow: true })).toBe(true);
  });
});
