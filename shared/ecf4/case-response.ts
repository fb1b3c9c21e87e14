import type { Element } from '@xmldom/xmldom';
import type { CaseSummary } from '../domain/case-summary';
import { descendants, textAt } from '../xml/xml-query';
import { readParties4 } from './core-filing-message';
import { caseTypeElements4, ns4 } from './namespaces';

const { nc } = ns4;

/** The case elements directly below an ECF 4 message: `nc:Case` and the case-type elements standing for it. */
function caseElements4(message: Element): Element[] {
  const found: Element[] = [];
  for (let node = message.firstChild; node; node = node.nextSibling) {
    if (node.nodeType !== 1) continue;
    const element = node as Element;
    const isCase = (element.namespaceURI === nc && element.localName === 'Case')
      || caseTypeElements4.some(({ local, uri }) => element.namespaceURI === uri && element.localName === local);
    if (isCase) found.push(element);
  }
  return found;
}

/** An ECF 4 case as a summary (number, title, category, party names), or null when the court gave it no number. */
export function readCaseSummary4(kase: Element): CaseSummary | null {
  const caseNumber = textAt(kase, [nc, 'CaseDocketID']);
  if (!caseNumber) return null;
  return {
    caseNumber,
    title: textAt(kase, [nc, 'CaseTitleText']),
    category: textAt(kase, [nc, 'CaseCategoryText']),
    parties: readParties4(kase).map((party) => party.name),
  };
}

/** The message of this name in an ECF 4 namespace: `root` itself or the first one inside it; null when none. */
function messageIn(root: Element, namespace: string, local: string): Element | null {
  if (root.namespaceURI === namespace && root.localName === local) return root;
  return descendants(root, namespace, local)[0] ?? null;
}

/**
 * The cases of an ECF 4.0 `CaseListResponseMessage` (GetCaseList of an ECF 4 court record system), found anywhere
 * below `root`; cases without a docket number are left out (nothing to warn about).
 */
export function readCaseListResponse4(root: Element): CaseSummary[] {
  const message = messageIn(root, ns4.caselistresponse, 'CaseListResponseMessage');
  return message ? caseElements4(message).flatMap((kase) => readCaseSummary4(kase) ?? []) : [];
}

/** The case of an ECF 4.0 `CaseResponseMessage` (GetCase), or null when it names none with a number. */
export function readCaseResponse4(root: Element): CaseSummary | null {
  const message = messageIn(root, ns4.caseresponse, 'CaseResponseMessage');
  const [kase] = message ? caseElements4(message) : [];
  return kase ? readCaseSummary4(kase) : null;
}
