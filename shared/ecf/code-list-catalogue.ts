/**
 * The code lists a court publishes, by the name Tyler gives each file (`filing`, `casecategory`, …), with the ECF
 * 5.0 element each is for (§5.2.2), the Genericode short name OASIS gives it, and the type of each known column.
 * Columns a court adds beyond these are kept as text.
 */

/** How a column's values are read. */
export type ColumnType = 'text' | 'boolean' | 'decimal';

/** One list of the catalogue. */
export interface CatalogueEntry {
  /** Tyler's list name (also its file name, `filing.xml` or `filing.zip`). */
  readonly name: string;
  /** The ECF element the list gives values for (what `policyresponse:ECFElementNameText` names). */
  readonly element: string;
  /** Genericode short names used for it (OASIS `CaseCategoryCode`, …). */
  readonly shortNames: readonly string[];
  /** Columns that are not text. */
  readonly typed: Readonly<Record<string, ColumnType>>;
  /** Columns that, with `code`, make a row unique (a filing code is unique per case category and type). */
  readonly qualifiers: readonly string[];
}

const bool = 'boolean' as const;
const decimal = 'decimal' as const;

/** Every list the desktop and the service read from a court policy. */
export const codeListCatalogue: readonly CatalogueEntry[] = [
  {
    name: 'location',
    element: 'ecf:CourtLocationCode',
    shortNames: ['CourtLocationCode', 'LocationCode'],
    typed: {},
    qualifiers: [],
  },
  {
    name: 'casecategory',
    element: 'ecf:CaseCategoryCode',
    shortNames: ['CaseCategoryCode'],
    typed: {},
    qualifiers: [],
  },
  {
    name: 'casetype',
    element: 'ecf:CaseTypeCode',
    shortNames: ['CaseTypeCode'],
    typed: { fee: decimal, initial: bool, willfileddate: bool },
    qualifiers: ['casecategory'],
  },
  {
    name: 'filing',
    element: 'ecf:RegisterActionDescriptionCode',
    shortNames: ['RegisterActionDescriptionCode', 'FilingCode'],
    typed: { fee: decimal, iscourtuseonly: bool, useduedate: bool, isproposedorder: bool },
    qualifiers: ['casecategory', 'casetypeid', 'filingtype'],
  },
  {
    name: 'documenttype',
    element: 'ecf:DocumentTypeCode',
    shortNames: ['DocumentTypeCode'],
    typed: { iscourtuseonly: bool, isdefault: bool },
    qualifiers: ['filingcodeid'],
  },
  {
    name: 'filingcomponent',
    element: 'ecf:FilingComponentCode',
    shortNames: ['FilingComponentCode'],
    typed: { required: bool, allowmultiple: bool },
    qualifiers: ['filingcodeid'],
  },
  {
    name: 'partytype',
    element: 'ecf:CaseParticipantRoleCode',
    shortNames: ['CaseParticipantRoleCode', 'PartyTypeCode'],
    typed: { isavailablefornewparties: bool, isrequired: bool },
    qualifiers: ['casetypeid'],
  },
  {
    name: 'optionalservices',
    element: 'ecf:OptionalServiceCode',
    shortNames: ['OptionalServiceCode'],
    typed: { fee: decimal, multiplier: bool },
    qualifiers: ['filingcodeid'],
  },
  {
    name: 'filingstatus',
    element: 'ecf:FilingStatusCode',
    shortNames: ['FilingStatusCode'],
    typed: {},
    qualifiers: [],
  },
  {
    name: 'servicetype',
    element: 'ecf:ServiceTypeCode',
    shortNames: ['ServiceTypeCode'],
    typed: { fee: decimal },
    qualifiers: [],
  },
  {
    name: 'error',
    element: 'cbrn:ErrorCodeText',
    shortNames: ['ErrorCodeText', 'ErrorCode'],
    typed: {},
    qualifiers: [],
  },
  {
    name: 'country',
    element: 'nc:LocationCountryName',
    shortNames: ['LocationCountryName', 'CountryCode'],
    typed: {},
    qualifiers: [],
  },
  {
    name: 'state',
    element: 'nc:LocationStateName',
    shortNames: ['LocationStateName', 'StateCode'],
    typed: {},
    qualifiers: ['countrycode'],
  },
  { name: 'judge', element: 'j:CaseJudge', shortNames: ['CaseJudge', 'JudgeCode'], typed: {}, qualifiers: [] },
  // ECF has no element for these four; Clerk Review Desk courts publish them as extension lists the same way.
  {
    name: 'rejectionreason',
    element: 'crd:RejectionReasonCode',
    shortNames: ['RejectionReasonCode'],
    typed: {},
    qualifiers: [],
  },
  {
    name: 'casenumberpattern',
    element: 'crd:CaseNumberPattern',
    shortNames: ['CaseNumberPattern'],
    typed: {},
    qualifiers: [],
  },
  { name: 'timezone', element: 'crd:CourtTimeZone', shortNames: ['CourtTimeZone'], typed: {}, qualifiers: [] },
  { name: 'casenumbering', element: 'crd:CaseNumbering', shortNames: ['CaseNumbering'], typed: {}, qualifiers: [] },
];

const byName = new Map(codeListCatalogue.map((entry) => [entry.name, entry]));

/** The catalogue entry for a list name, ECF element, Genericode short name or canonical URI; null when unknown. */
export function catalogueEntry(identifier: string): CatalogueEntry | null {
  const direct = byName.get(identifier.toLowerCase());
  if (direct) return direct;
  // A canonical URI names the list in its last path segment (…/v5.0/CaseCategoryCode, …:gc:CaseCategoryCode).
  const last = identifier.split(/[/:#]/).filter(Boolean).at(-1) ?? identifier;
  const bare = last.replace(/\.(gc|xml|zip)$/i, '').replace(/-\d[\w.-]*$/, '');
  return (
    codeListCatalogue.find(
      (entry) =>
        entry.element === identifier ||
        entry.name === bare.toLowerCase() ||
        entry.shortNames.some((short) => short.toLowerCase() === bare.toLowerCase()),
    ) ?? null
  );
}
