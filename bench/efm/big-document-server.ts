// Child process for bench/efm: the simulator serving one 50 MB PDF, so the parent measures only the client's memory.
import { createHash, randomBytes } from 'node:crypto';
import { PDFDocument, PDFName } from '@cantoo/pdf-lib';
import { makeDemoEnvelopes } from '../../electron/efm-sim/demo-envelopes';
import { EfmSimulator } from '../../electron/efm-sim/efm-simulator';

const size = Number(process.env.BENCH_DOCUMENT_MB ?? 50) * 1024 * 1024;
// A real PDF made large by an incompressible embedded stream (as a scanned exhibit is).
const document = await PDFDocument.create({ updateMetadata: false });
const page = document.addPage();
const payload = document.context.register(document.context.stream(randomBytes(size), { Type: 'EmbeddedFile' }));
page.node.set(PDFName.of('CRDBenchPayload'), payload);
const bytes = await document.save({ useObjectStreams: false });
const sha256 = createHash('sha256').update(bytes).digest('hex');
const simulator = await new EfmSimulator({
  envelopes: makeDemoEnvelopes(5),
  documents: { get: async () => ({ bytes, sha256, contentType: 'application/pdf' as const }) },
}).start();
process.stdout.write(`${JSON.stringify({ url: simulator.url, bytes: bytes.length })}\n`);
process.on('SIGTERM', () => void simulator.close().then(() => process.exit(0)));
