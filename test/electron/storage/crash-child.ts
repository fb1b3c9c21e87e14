// A writer killed at random by crash-kill.test.ts: appends journal entries (0.1–5 MB stamped renditions) and audit
// records, printing each acknowledgement only after the call resolved (fsynced). Bundled by the test, run as plain node.
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { AuditLog } from '../../../electron/audit/audit-log';
import { WorkstationKey } from '../../../electron/keys/workstation-key';
import { OutboxJournal } from '../../../electron/outbox/outbox-journal';
import { memoryCipher } from '../../../electron/secrets/secret-store';
import { journalPayload } from '../../fixtures/journal-payloads';

async function main(): Promise<void> {
  const [dir = '', run = '0'] = process.argv.slice(2);
  const say = (line: string): void => void process.stdout.write(`${line}\n`);
  const key = await WorkstationKey.load(dir, memoryCipher);
  const journal = new OutboxJournal(dir, key, { segmentBytes: 24 * 1024 * 1024, retentionMs: 0 });
  const opened = await journal.open();
  say(`open torn=${opened.truncatedBytes} damaged=${opened.damaged}`);
  const audit = new AuditLog(path.join(dir, 'audit'), { signer: key, workstationId: 'crash-test' });
  const verified = await audit.verify();
  say(`audit ${verified.valid ? 'ok' : 'bad'} records=${verified.records}${verified.problem ? ` ${verified.problem.reason}` : ''}`);
  say('ready');
  for (let i = 0; ; i++) {
    const id = `crash-${run}-${i}`;
    // Log-uniform sizes between 0.1 and 5 MB; one entry in ten stays undelivered (and small) for good.
    const keep = i % 10 === 3;
    const size = keep ? 100 * 1024 : Math.round(100 * 1024 * Math.exp(Math.random() * Math.log(50)));
    const bytes = new Uint8Array(randomBytes(size));
    const sha = createHash('sha256').update(bytes).digest('hex');
    say(`begin ${id}`);
    await journal.record(journalPayload(id, bytes, `ENV-${run}`), 'clerk1');
    say(`ack ${id} ${sha} ${keep ? 'keep' : 'deliver'}`);
    const record = await audit.append({ user: 'clerk1', action: 'submit', object: id, outcome: 'ok', detail: sha.slice(0, 16) });
    say(`audit-ack ${record.seq} ${record.hash}`);
    if (!keep) {
      await journal.delivered(id);
      say(`delivered ${id}`);
    }
    if (i % 8 === 7) await journal.compact();
  }
}

main().catch((error: unknown) => {
  process.stdout.write(`error ${(error as Error).stack ?? String(error)}\n`);
  process.exit(3);
});
