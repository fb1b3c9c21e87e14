import { createHash } from 'node:crypto';
import type { Api } from '../../shared/ipc/create-api';
import { expect, test } from './loopback-fixture';

type PageWindow = { api: Api };

test('signs in to the embedded demo EFM and works the queue through window.api (SOAP behind the IPC contract)', async ({ page, app }) => {
  await page.goto(app.url);
  const outcome = await page.evaluate(async () => {
    const { api } = window as unknown as PageWindow;
    const before = await api.queue.page({});
    const wrong = await api.session.signIn({ username: 'clerk1', password: 'nope' });
    const session = await api.session.signIn({ username: 'clerk1', password: 'demo-clerk1' });
    const queue = await api.queue.page({ pageSize: 5 });
    if (!queue.ok) return { error: queue.error };
    const first = queue.value.items[0];
    if (!first) return { error: 'empty queue' };
    const envelope = await api.envelope.get({ envelopeId: first.envelopeId });
    if (!envelope.ok) return { error: envelope.error };
    const documentId = envelope.value.documents[0]?.documentId ?? '';
    const document = await api.document.get({ envelopeId: first.envelopeId, documentId });
    const claim = await api.claim.acquire({ envelopeId: first.envelopeId });
    return {
      before: before.ok ? 'ok' : before.error.code,
      wrong: wrong.ok ? 'ok' : wrong.error.code,
      session: session.ok ? session.value.username : session.error.code,
      total: queue.value.totalCount,
      oldestFirst: queue.value.items.every((item, i, all) => i === 0 || (all[i - 1]?.submittedAt ?? '') <= item.submittedAt),
      filings: envelope.value.envelope.filings.length,
      // The raw FilingMessage stays in the main process (the contract strips it).
      rawXmlExposed: 'filingMessageXml' in envelope.value,
      isBytes: document.ok && document.value.bytes instanceof Uint8Array,
      header: document.ok ? String.fromCharCode(...document.value.bytes.subarray(0, 5)) : null,
      bytes: document.ok ? Array.from(document.value.bytes) : [],
      sha256: document.ok ? document.value.sha256 : null,
      holder: claim.ok ? claim.value.holder : claim.error.code,
    };
  });
  if ('error' in outcome) throw new Error(JSON.stringify(outcome.error));
  expect(outcome).toMatchObject({ rawXmlExposed: false, before: 'unauthorized', wrong: 'unauthorized', session: 'clerk1', total: 200, oldestFirst: true, isBytes: true, header: '%PDF-', holder: 'clerk1' });
  expect(outcome.filings).toBeGreaterThan(0);
  // The bytes crossed the WebSocket intact.
  expect(createHash('sha256').update(Buffer.from(outcome.bytes)).digest('hex')).toBe(outcome.sha256);
});
