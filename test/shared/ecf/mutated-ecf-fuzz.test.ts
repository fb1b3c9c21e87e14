import { describe, expect, it } from 'vitest';
import { makeDemoEnvelopes } from '../../../electron/efm-sim/demo-envelopes';
import { findFilingMessages, readFilingMessage } from '../../../shared/ecf/filing-message';
import { writeFilingMessage } from '../../../shared/ecf/write-filing-message';
import { defaultXmlLimits, parseXml } from '../../../shared/xml/safe-xml';
import { mutations, random } from '../../fixtures/xml-mutations';

describe('10,000 mutated ECF FilingMessages through the reader at production limits (#11: XML)', () => {
  it('never throws, refuses or reads each one, and prints the share that still parses and the slowest', () => {
    const rnd = random(20261202);
    const originals = makeDemoEnvelopes().slice(0, 40).map((demo) => writeFilingMessage(demo.envelope, 'urn:demo:efsp'));
    const names = Object.keys(mutations);
    let parsed = 0;
    let read = 0;
    let slowest = 0;
    let overOneSecond = 0;
    let slowestCase = '';
    const refusedBy: Record<string, number> = {};
    const total = 10_000;
    for (let n = 0; n < total; n++) {
      let text = originals[n % originals.length] ?? '';
      // One to three mutations on top of each other.
      const applied: string[] = [];
      for (let m = 1 + Math.floor(rnd() * 3); m > 0; m--) { const name = names[Math.floor(rnd() * names.length)] ?? 'flip'; applied.push(name); text = (mutations[name] ?? mutations.flip!)(text, rnd); }
      const started = performance.now();
      const root = parseXml(text, defaultXmlLimits);
      if (root.ok) {
        parsed += 1;
        const messages = findFilingMessages(root.value);
        if (messages.length > 0 && messages.every((message) => readFilingMessage(message).ok)) read += 1;
      } else {
        refusedBy[root.error.kind] = (refusedBy[root.error.kind] ?? 0) + 1;
        expect(root.error.message.length).toBeGreaterThan(0);
      }
      const elapsed = performance.now() - started;
      if (elapsed > 1000) overOneSecond += 1;
      if (elapsed > slowest) slowestCase = `${applied.join(' + ')}, ${text.length} characters`;
      slowest = Math.max(slowest, elapsed);
    }
    const share = (k: number): string => `${((100 * k) / total).toFixed(1)} %`;
    console.log(`fuzz: messages ${total}, parsed ${share(parsed)}, read as filings ${share(read)}, slowest ${slowest.toFixed(0)} ms (${slowestCase}), over 1 s ${overOneSecond}, refused ${JSON.stringify(refusedBy)}`);
    // Mutation must not be so gentle that nothing is refused, nor so harsh that nothing is read.
    expect(parsed).toBeLessThan(total);
    expect(read).toBeGreaterThan(0);
  }, 300_000);
});
