import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/cli';
import { pdfCorpus, type PdfCorpus } from '../../fixtures/pdf-corpus';

let corpus: PdfCorpus;
beforeAll(async () => {
  corpus = await pdfCorpus();
}, 120_000);

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => void (out += t), err: (t) => void (err += t), appRoot: path.resolve('.') });
  return { code, out, err };
}

describe('clerk-review pdf inspect', () => {
  it('classifies a signed PDF as JSON, with its signature', async () => {
    const { code, out } = await cli('pdf', 'inspect', corpus.files.signed, '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ kind: 'signed', canStamp: true, pageCount: 3, signatures: [{ field: 'FilerSignature', coversWholeFile: true }] });
  });

  it('exits 1 with the reason for an encrypted PDF', async () => {
    const { code, out } = await cli('pdf', 'inspect', corpus.files.encrypted);
    expect(code).toBe(1);
    expect(out).toContain('encrypted (cannot be stamped)');
  });
});

describe('clerk-review stamp', () => {
  it('writes a stamped copy with the fields given and reports both hashes', async () => {
    const output = path.join(corpus.dir, 'cli-stamped.pdf');
    const { code, out } = await cli('stamp', corpus.files.plain, output, '--preset', 'filed', '--preset', 'page-footer', '--field', 'caseNumber=2026-CV-77', '--time', '2026-11-22T16:15:00Z', '--json');
    expect(code).toBe(0);
    const summary = JSON.parse(out) as { stampedSha256: string; stamps: unknown[] };
    expect(summary.stamps).toHaveLength(4);
    expect(existsSync(output)).toBe(true);
    const original = readFileSync(corpus.files.plain);
    expect(readFileSync(output).subarray(0, original.length).equals(original)).toBe(true);
  });

  it('refuses to overwrite the original and explains unknown presets and fields', async () => {
    expect((await cli('stamp', corpus.files.plain, corpus.files.plain)).code).toBe(2);
    expect(await cli('stamp', corpus.files.plain, '/tmp/x.pdf', '--preset', 'nope')).toMatchObject({ code: 2, err: expect.stringContaining('unknown preset "nope"') });
    expect(await cli('stamp', corpus.files.plain, '/tmp/x.pdf', '--field', 'judge=X')).toMatchObject({ code: 2, err: expect.stringContaining('--field takes NAME=VALUE') });
  });

  it('exits 1 and writes nothing for a damaged PDF', async () => {
    const output = path.join(corpus.dir, 'never-written.pdf');
    const { code, err } = await cli('stamp', corpus.files.truncated, output);
    expect(code).toBe(1);
    expect(err).toContain('damaged');
    expect(existsSync(output)).toBe(false);
  });

  it('prints usage for an unknown command', async () => {
    expect(await cli('frobnicate')).toMatchObject({ code: 2, err: expect.stringContaining('clerk-review stamp IN.pdf OUT.pdf') });
  });
});

describe('clerk-review ecf inspect', () => {
  const examples = path.resolve('..', 'shared', 'ecf5', 'examples');

  it('prints the envelope: case, parties, attorneys, filings with their documents', async () => {
    const { code, out } = await cli('ecf', 'inspect', path.join(examples, 'tyler-reviewfilingrequest.xml'));
    expect(code).toBe(0);
    expect(out).toMatch(/^Envelope /);
    expect(out).toContain('Filings (2):');
    expect(out).toMatch(/parent: .*cid:/);
  });

  it('gives the JSON model', async () => {
    const { code, out } = await cli('ecf', 'inspect', path.join(examples, 'new-civil-filing.xml'), '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ ok: true, envelope: { case: { isNew: true }, filings: [{ filingCode: '661' }] } });
  });

  it('reads ECF 4.0 files as it reads ECF 5 ones: the same JSON shape, with ecfVersion (#17)', async () => {
    const five = JSON.parse((await cli('ecf', 'inspect', path.join(examples, 'new-civil-filing.xml'), '--json')).out);
    const file = path.resolve('test', 'fixtures', 'ecf4', 'ReviewFilingRequestMessage-civil-existing-two-filings.xml');
    const { code, out } = await cli('ecf', 'inspect', file, '--json');
    expect(code).toBe(0);
    const four = JSON.parse(out);
    expect(five.ecfVersion).toBe('5.0');
    expect(four).toMatchObject({ ok: true, ecfVersion: '4.0', envelope: { case: { number: '2026-CV-001187' }, filings: [{ filingCode: 'MSJ' }, { filingCode: 'NOA' }] } });
    expect(Object.keys(four.envelope).sort()).toEqual(Object.keys(five.envelope).sort());
    const text = await cli('ecf', 'inspect', path.resolve('..', 'shared', 'tyler', 'ecf4', 'fixtures', 'CoreFilingMessage-new-civil.xml'));
    expect(text.out).toContain('ECF 4.0');
    expect(text.out).toContain('Filings (1):');
  });

  it('exits 1 with a clear error for the non-well-formed example', async () => {
    const { code, err } = await cli('ecf', 'inspect', path.join(examples, 'civil-complaint-001-ReviewFilingRequest-04.xml'));
    expect(code).toBe(1);
    expect(err).toContain('not well-formed XML');
  });
});

describe('clerk-review efm ping', () => {
  it('reports how fast the demo EFM answered and how many envelopes wait', async () => {
    const { EfmSimulator } = await import('../../../electron/efm-sim/efm-simulator');
    const { runEfmPing } = await import('../../../electron/cli/efm-commands');
    const simulator = await new EfmSimulator().start();
    let out = '';
    let err = '';
    const io = { out: (t: string) => void (out += t), err: (t: string) => void (err += t), appRoot: '.' };
    expect(await runEfmPing([simulator.url, '--user', 'clerk1'], io, { CLERK_REVIEW_EFM_PASSWORD: 'demo-clerk1' })).toBe(0);
    expect(out).toMatch(/answered in \d+ ms; 200 envelope\(s\) awaiting review/);
    expect(await runEfmPing([simulator.url, '--user', 'clerk1'], io, { CLERK_REVIEW_EFM_PASSWORD: 'nope' })).toBe(1);
    expect(err).toContain('unauthorized');
    await simulator.close();
  });
});

describe('clerk-review efm-sim options (court IT configures the service)', () => {
  it('takes filer callbacks, registered workstation certificates and TLS files, and names what is wrong', async () => {
    const { simulatorOptionsFromArgs } = await import('../../../electron/cli/efm-commands');
    const { parseCliArgs, UsageError } = await import('../../../electron/cli/cli-args');
    const { makeSelfSignedIdentity } = await import('../../../electron/demo/self-signed-identity');
    const identity = makeSelfSignedIdentity('Workstation 17');
    const files: Record<string, string> = { 'ws17.pem': identity.certPem, 'key.pem': identity.keyPem, 'notes.txt': 'not a certificate' };
    const read = (file: string): string => {
      const text = files[file];
      if (text === undefined) throw new Error('ENOENT');
      return text;
    };
    const parse = (...argv: string[]) => simulatorOptionsFromArgs(parseCliArgs(argv, []), read);
    expect(parse('--port', '8085', '--filer-callback', 'efsp=https://efsp.example/FilingAssemblyMDE', '--request-signer', 'ws17.pem', '--tls-key', 'key.pem', '--tls-cert', 'ws17.pem',
      '--filer-callback-ecf4', 'efsp4=https://efsp4.example/FilingAssemblyMDEPort')).toEqual({
      port: 8085,
      filerCallbacks: { endpoints: { efsp: 'https://efsp.example/FilingAssemblyMDE' }, ecf4Endpoints: { efsp4: 'https://efsp4.example/FilingAssemblyMDEPort' } },
      requestSigners: [identity.certPem],
      tls: { keyPem: identity.keyPem, certPem: identity.certPem },
    });
    expect(parse()).toEqual({ port: 0 });
    expect(parse('--cms-ecf', '4.0')).toEqual({ port: 0, demoRecordSystemEcf: '4.0' });
    expect(parse('--cms', 'https://cms.example/CourtRecordMDEPort', '--cms-ecf', '4.0')).toMatchObject({
      recordSystem: { url: 'https://cms.example/CourtRecordMDEPort', ecfVersion: '4.0' },
    });
    for (const [argv, message] of [
      [['--filer-callback', 'efsp'], /ACCOUNT=URL/],
      [['--filer-callback', 'efsp=file:///etc/passwd'], /http or https/],
      [['--filer-callback-ecf4', 'efsp=ftp://efsp.example/'], /--filer-callback-ecf4 takes ACCOUNT=URL/],
      [['--cms-ecf', '4.0', '--cms-drop', '/tmp/drop'], /not with --cms-drop/],
      [['--cms', 'https://cms.example/CourtRecordMDEPort', '--cms-ecf', '4.1'], /5\.0 or 4\.0/],
      [['--cms', 'https://cms.example/CourtRecordMDEPort', '--cms-ecf', '4.0', '--case-numbers', 'record-system'], /clerks to number new cases/],
      [['--request-signer', 'notes.txt'], /not a PEM certificate/],
      [['--request-signer', 'missing.pem'], /cannot be read/],
      [['--tls-key', 'key.pem'], /go together/],
      [['--port', '70000'], /0–65535/],
      [['--host', '0.0.0.0'], /needs --tls-key and --tls-cert/],
    ] as const) {
      expect(() => parse(...argv), argv.join(' ')).toThrow(UsageError);
      expect(() => parse(...argv), argv.join(' ')).toThrow(message);
    }
  });
});
