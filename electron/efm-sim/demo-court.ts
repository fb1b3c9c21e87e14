import type { CourtPolicy } from '../../shared/domain/court-policy';

/** The demo court's policy: the code lists a clerk picks from in demo mode. */
export const demoCourtPolicy: CourtPolicy = {
  version: 'demo-1',
  courtId: 'demo:superior',
  courtName: 'Superior Court of Demo County',
  timeZone: 'America/Chicago',
  caseNumberPattern: '^\\d{4}-(CV|CR|FA|PR|SC)-\\d{6}$',
  // The clerk types the number (manual case assignment); `--case-numbers record-system` lets the record system.
  caseNumbering: 'clerk',
  caseCategories: [
    { code: 'CV', name: 'Civil' },
    { code: 'CR', name: 'Criminal' },
    { code: 'FA', name: 'Family' },
    { code: 'PR', name: 'Probate' },
    { code: 'SC', name: 'Small claims' },
  ],
  courtLocations: [
    { code: 'DT', name: 'Downtown Courthouse' },
    { code: 'NB', name: 'North Branch' },
    { code: 'EV', name: 'East Valley Justice Center' },
  ],
  judges: [
    { code: 'J-101', name: 'Hon. Alicia Rivera' },
    { code: 'J-102', name: 'Hon. Marcus Chen' },
    { code: 'J-103', name: 'Hon. Priya Natarajan' },
    { code: 'J-104', name: 'Hon. Samuel Okafor' },
  ],
  filingCodes: [
    { code: 'CV-COMPLT', name: 'Complaint' },
    { code: 'CV-SUMM', name: 'Summons' },
    { code: 'CV-ANSWER', name: 'Answer' },
    { code: 'CV-MOT', name: 'Motion' },
    { code: 'CV-MSJ', name: 'Motion for Summary Judgment' },
    { code: 'CV-POS', name: 'Proof of Service' },
    { code: 'CR-MOT', name: 'Criminal Motion' },
    { code: 'CR-SUBST', name: 'Substitution of Attorney' },
    { code: 'FA-PET', name: 'Petition for Dissolution' },
    { code: 'FA-RESP', name: 'Response to Petition' },
    { code: 'FA-FL150', name: 'Income and Expense Declaration' },
    { code: 'PR-PET', name: 'Petition for Probate' },
    { code: 'SC-CLAIM', name: "Plaintiff's Claim" },
    { code: 'GEN-NOTICE', name: 'Notice' },
    { code: 'GEN-DECL', name: 'Declaration' },
  ],
  documentTypes: [
    { code: 'LEAD', name: 'Lead document' },
    { code: 'EXHIBIT', name: 'Exhibit' },
    { code: 'ATTACH', name: 'Attachment' },
    { code: 'PROPORD', name: 'Proposed order' },
  ],
  rejectionReasons: [
    { code: 'WRONG-CASE', name: 'Filed in the wrong case' },
    { code: 'MISSING-SIGNATURE', name: 'Document not signed' },
    { code: 'ILLEGIBLE', name: 'Document illegible or incomplete' },
    { code: 'REDACTION', name: 'Personal information not redacted' },
    { code: 'ENCRYPTED', name: 'Document is encrypted or password protected' },
    { code: 'CORRUPT', name: 'Document is damaged or cannot be opened' },
    { code: 'FEE', name: 'Filing fee not paid or waiver missing' },
    { code: 'WRONG-CODE', name: 'Wrong filing code and cannot be corrected' },
    { code: 'DUPLICATE', name: 'Duplicate submission' },
  ],
};
