import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemasDir } from '../../../electron/app/schemas-dir';
import { EfmSimulator } from '../../../electron/efm-sim/efm-simulator';
import { bundledValidators, xmllintAvailable } from '../../../electron/service/schema-validation';
import { readMessageReceipt4 } from '../../../shared/ecf4/message-receipt';
import { civilTwoFilings, civilTwoFilingsDocuments, ecf4FilingReviewClient, soapBodyOf } from '../../fixtures/ecf4-filer';
import { sharedDir, callWithBody } from '../../fixtures/soap-interop';
import { parsedRoot } from '../../fixtures/parsed-root';

/**
 * The schema check `clerk-review server` runs on every ECF message it takes or sends: the OASIS ECF 5.0 set and
 * Tyler's production ECF 4.0 set it ships in `schemas/`, through xmllint, asynchronously.
 */
const validators = bundledValidators(schemasDir());
let simulator: EfmSimulator;
beforeAll(async () => {
  simulator = await new EfmSimulator({ validateEcf: validators.ecf5, validateEcf4: validators.ecf4 }).start();
}, 60_000);
afterAll(() => simulator.close());

describe('the service\'s own schema check', () => {
  it('xmllint is here (CI installs libxml2-utils); the shipped sets tell valid messages from invalid ones', async () => {
    expect(xmllintAvailable()).toBe(true);
    const tyler = readFileSync(path.join(sharedDir, 'tyler', 'ecf4', 'fixtures', 'ReviewFilingRequestMessage-new-civil.xml'), 'utf8');
    expect(await validators.ecf4(tyler)).toEqual({ valid: true, output: '' });
    const broken = await validators.ecf4(tyler.replace(/<payment:PayerName>[^<]*<\/payment:PayerName>/, ''));
    expect(broken.valid).toBe(false);
    expect(broken.output).toMatch(/line \d+: .*(cac:AllowanceCharge|PayerName)/);
    const oasis = readFileSync(path.join(sharedDir, 'ecf5', 'examples', 'civil-complaint-021-ReviewFilingRequest-Answer-04.xml'), 'utf8');
    expect((await validators.ecf5(oasis)).valid).toBe(true);
    // Several at once all finish (two run, the rest wait their turn).
    const many = await Promise.all(Array.from({ length: 6 }, () => validators.ecf4(tyler)));
    expect(many.every((result) => result.valid)).toBe(true);
  }, 60_000);

  it('a service with the shipped check takes a valid ECF 4 filing and refuses an invalid one with ECF error 1', async () => {
    const client = await ecf4FilingReviewClient(simulator.url, 'efsp', 'demo-efsp');
    const receipt = async (xml: string) => {
      const root = parsedRoot(await callWithBody(client, 'ReviewFiling', soapBodyOf(xml), civilTwoFilingsDocuments));
      return readMessageReceipt4(root);
    };
    expect((await receipt(civilTwoFilings))?.errors[0]?.code).toBe('0');
    const invalid = await receipt(civilTwoFilings.replace('EFSP-2026-0042', 'EFSP-2026-0050').replace('<civil:ClassActionIndicator>false</civil:ClassActionIndicator>', ''));
    expect(invalid?.errors[0]).toMatchObject({ code: '1' });
    expect(invalid?.errors[0]?.text).toContain('not valid against the ECF 4.0 schemas');
  }, 60_000);
});
