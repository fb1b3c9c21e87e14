// Benchmarks for the EFM client against the embedded simulator:
//  1. GetReviewQueue with 5,000 items: client-side parse time (median of 5) and end-to-end call time (median of 5).
//  2. GetEnvelopeDocument of a 50 MB PDF over MTOM: time (median of 5) and the client process's peak memory.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { EfmClient } from '../../electron/efm/efm-client';
import { makeDemoEnvelopes } from '../../electron/efm-sim/demo-envelopes';
import { EfmSimulator } from '../../electron/efm-sim/efm-simulator';
import { readQueueResponse } from '../../shared/ecf/clerk-review-service';
import { readSoapEnvelope, soapEnvelope } from '../../electron/soap/soap-envelope';
import { queueResponseElement } from '../../shared/ecf/clerk-review-service';
import type { QueuePage } from '../../shared/domain/review-queue';
import { readQueueAnswerStream } from '../../shared/ecf/queue-answer-stream';
import { SaxesParser } from 'saxes';

const runs = 5;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const fmt = (values: number[]): string => `median ${median(values).toFixed(1)} ms of ${values.length} [${values.map((v) => v.toFixed(1)).join(', ')}]`;

// 1. Queue of 5,000.
const simulator = await new EfmSimulator({ envelopes: makeDemoEnvelopes(5000) }).start();
const clerk = new EfmClient({ endpoint: simulator.url, credentials: { username: 'clerk1', password: 'demo-clerk1' } });
const endToEnd: number[] = [];
let page: QueuePage | null = null;
await clerk.getReviewQueue({ pageSize: 5000 }); // warm-up
for (let i = 0; i < runs; i++) {
  const started = performance.now();
  const result = await clerk.getReviewQueue({ pageSize: 5000 });
  endToEnd.push(performance.now() - started);
  if (!result.ok) throw new Error(result.error.message);
  page = result.value;
}
if (!page) throw new Error('no page');
const responseXml = soapEnvelope(queueResponseElement(page));
const parse: number[] = [];
const warm = readSoapEnvelope(responseXml);
if (warm.ok) readQueueResponse(warm.value.body);
for (let i = 0; i < runs; i++) {
  const started = performance.now();
  const message = readSoapEnvelope(responseXml);
  if (!message.ok) throw new Error(message.error.message);
  readQueueResponse(message.value.body);
  parse.push(performance.now() - started);
}
// The reader the client uses for unsigned answers (one streaming pass), against the floor of a bare saxes pass over
// the same text (namespaces resolved, nothing collected).
const streamed: number[] = [];
const floor: number[] = [];
for (let i = 0; i < runs + 1; i++) {
  let started = performance.now();
  const answer = readQueueAnswerStream(responseXml);
  if (!answer.ok || answer.value.kind !== 'page') throw new Error('stream reader failed');
  if (i > 0) streamed.push(performance.now() - started);
  started = performance.now();
  const bare = new SaxesParser({ xmlns: true });
  let elements = 0;
  bare.on('opentag', () => void (elements += 1));
  bare.write(responseXml).close();
  if (i > 0) floor.push(performance.now() - started);
}
await simulator.close();
console.log(`GetReviewQueue, 5,000 items (${(responseXml.length / 1048576).toFixed(1)} MiB of XML)`);
console.log(`  client parse into the DOM (signed answers; SOAP envelope + queue items): ${fmt(parse)}`);
const ratio = median(streamed) / median(floor);
console.log(`bench queue-page-parse-5000: ${median(streamed).toFixed(1)} ms (floor ${median(floor).toFixed(1)} ms, ratio ${ratio.toFixed(2)}, target ≤ 1.5× floor: ${ratio <= 1.5 ? 'met' : 'not met'})`);
console.log(`  end to end against the simulator:           ${fmt(endToEnd)}`);

// 2. 50 MB document, server and each client in their own processes.
const child = spawn(process.execPath, ['--import', 'tsx', 'bench/efm/big-document-server.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
const first = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
const { url, bytes } = JSON.parse(first) as { url: string; bytes: number };
const probe = new EfmClient({ endpoint: url, credentials: { username: 'clerk1', password: 'demo-clerk1' } });
const envelopeId = 'ENV-2026-000001';
const detail = await probe.getEnvelope(envelopeId);
if (!detail.ok) throw new Error(detail.error.message);
const documentId = detail.value.documents[0]?.documentId ?? '';
const times: number[] = [];
const growth: number[] = [];
for (let i = 0; i < runs; i++) {
  // Each download in a fresh client process: its peak RSS above its own start-up RSS is the client's cost.
  const out = await new Promise<string>((resolve, reject) => {
    const run = spawn(process.execPath, ['--import', 'tsx', 'bench/efm/document-client.ts', url, envelopeId, documentId], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    run.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    run.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`client exited ${code}`))));
  });
  const measured = JSON.parse(out) as { ms: number; baseline: number; peak: number; bytes: number };
  times.push(measured.ms);
  growth.push(measured.peak - measured.baseline);
}
child.kill('SIGTERM');
const mb = (n: number): string => (n / 1048576).toFixed(1);
console.log(`GetEnvelopeDocument, ${mb(bytes)} MiB PDF over MTOM (server in a child process)`);
console.log(`  time:  ${fmt(times)}`);
console.log(`  client peak memory above its start-up RSS: median ${mb(median(growth))} MiB = ${(median(growth) / bytes).toFixed(2)}× the document [${growth.map(mb).join(', ')}] (target < 3×)`);
