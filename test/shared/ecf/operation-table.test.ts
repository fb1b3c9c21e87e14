import { describe, expect, it } from 'vitest';
import { endpointAt, operationTable, operationUrl, serviceBaseUrl } from '../../../shared/ecf/operation-table';

describe('one row per operation: endpoint, SOAPAction, idempotent', () => {
  it('a connection is one base URL; the extension URL older versions stored names the same service', () => {
    expect(serviceBaseUrl('https://efm.court.example/efm/')).toBe('https://efm.court.example/efm');
    expect(serviceBaseUrl('https://efm.court.example/efm/clerk-review')).toBe('https://efm.court.example/efm');
    expect(serviceBaseUrl('https://efm.court.example/FilingReviewMDE?wsdl')).toBe('https://efm.court.example');
    expect(operationUrl('https://efm.court.example/efm', 'ReviewFiling')).toBe('https://efm.court.example/efm/FilingReviewMDE');
    expect(operationUrl('https://efm.court.example/efm/clerk-review', 'GetPolicy')).toBe('https://efm.court.example/efm/CourtPolicyMDE');
    expect(operationUrl('https://efm.court.example/efm', 'SubmitFilingReview')).toBe('https://efm.court.example/efm/clerk-review');
  });

  it('finds the endpoint a path serves, under any prefix, and nothing for other paths', () => {
    expect(endpointAt('/efm/CourtRecordMDE')).toBe('CourtRecordMDE');
    expect(endpointAt('/CourtRecordMDE/')).toBe('CourtRecordMDE');
    expect(endpointAt('/xCourtRecordMDE')).toBeNull();
    expect(endpointAt('/')).toBeNull();
  });

  it('only operations that change nothing when repeated are retried', () => {
    const retried = Object.values(operationTable).filter((row) => !row.idempotent).map((row) => row.operation).sort();
    expect(retried).toEqual(['ReassignEnvelope', 'RecordDocketing', 'RecordFiling4', 'ResolveDocketingException', 'ReviewFiling', 'ReviewFiling4', 'SubmitFilingReview']);
  });
});
