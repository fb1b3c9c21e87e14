import { describe, expect, it } from 'vitest';
import { makeDemoEnvelopes } from '../../../electron/efm-sim/demo-envelopes';
import { findFilingMessages, readFilingMessage } from '../../../shared/ecf/filing-message';
import { writeFilingMessage } from '../../../shared/ecf/write-filing-message';
import { defaultXmlLimits, parseXml } from '../../../shared/xml/safe-xml';

/** A small, seeded generator: the same 10,000 messages on every run, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hostile = ['<', '>', '&', '"', "'", '&#0;', '&#x110000;', '&amp', ']]>', '<![CDATA[', '<!--', '<?pi ', '\u0000', '\uFFFE', '\uD800', '<!DOCTYPE x [<!ENTITY a "b">]>', 'xmlns:nc="urn:wrong"', ' a="1" a="2"'];
type Mutation = (text: string, rnd: () => number) => string;
const at = (text: string, rnd: () => number): number => Math.floor(rnd() * text.length);
const mutations: Record<string, Mutation> = {
  flip: (t, r) => { const i = at(t, r); return t.slice(0, i) + String.fromCharCode(t.charCodeAt(i) ^ (1 << Math.floor(r() * 7))) + t.slice(i + 1); },
  remove: (t, r) => { const i = at(t, r); return t.slice(0, i) + t.slice(i + 1 + Math.floor(r() * 200)); },
  duplicate: (t, r) => { const i = at(t, r); const j = Math.min(t.length, i + Math.floor(r() * 2000)); return t.slice(0, j) + t.slice(i, j) + t.slice(j); },
  truncate: (t, r) => t.slice(0, at(t, r)),
  insertHostile: (t, r) => { const i = at(t, r); return t.slice(0, i) + (hostile[Math.floor(r() * hostile.length)] ?? '') + t.slice(i); },
  renameElement: (t, r) => { const i = t.indexOf('<', at(t, r)); return i < 0 ? t : `${t.slice(0, i + 1)}x${t.slice(i + 1)}`; },
  wrongNamespace: (t, r) => t.replace(/xmlns:(\w+)="[^"]*"/, (_, p: string) => `xmlns:${p}="urn:mutated:${Math.floor(r() * 1000)}"`),
  deepNesting: (t, r) => { const i = t.indexOf('>', at(t, r)); const n = 100 + Math.floor(r() * 400); return i < 0 ? t : t.slice(0, i + 1) + '<d>'.repeat(n) + '</d>'.repeat(n) + t.slice(i + 1); },
  manyAttributes: (t, r) => { const i = t.indexOf('<nc:', at(t, r)); const n = 200 + Math.floor(r() * 2000); return i < 0 ? t : `${t.slice(0, i + 4)}X ${Array.from({ length: n }, (_, k) => `a${k}="${k}"`).join(' ')} ${t.slice(i + 4)}`; },
  hugeText: (t, r) => { const i = t.indexOf('</nc:', at(t, r)); return i < 0 ? t : t.slice(0, i) + 'A'.repeat(10_000 + Math.floor(r() * 300_000)) + t.slice(i); },
  swapValues: (t, r) => t.replace(/>([^<]{1,40})</, () => `>${String(r()).repeat(3)}<`),
};

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
