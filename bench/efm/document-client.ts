// Child process for bench/efm: downloads one document and reports its own memory, so the figure is the client's alone.
import { EfmClient } from '../../electron/efm/efm-client';

const [url, envelopeId, documentId] = process.argv.slice(2);
const client = new EfmClient({ endpoint: url ?? '', credentials: { username: 'clerk1', password: 'demo-clerk1' }, timeoutMs: 120_000 });
const baseline = process.memoryUsage().rss;
let peak = baseline;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 1);
const started = performance.now();
const result = await client.getDocument(envelopeId ?? '', documentId ?? '');
const ms = performance.now() - started;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
if (!result.ok) throw new Error(result.error.message);
process.stdout.write(`${JSON.stringify({ ms, baseline, peak, bytes: result.value.bytes.length })}\n`);
