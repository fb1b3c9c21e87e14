import type { Element } from '@xmldom/xmldom';
import type { PaymentSummary } from '../domain/ecf-status';
import { err, ok, type Result } from '../result';
import { attr, child, children, descendants, textAt } from '../xml/xml-query';
import type { EcfReadError } from './ecf-read-error';
import { ns } from './namespaces';
import { ns4 } from '../ecf4/namespaces';

const { cac, cbc, ecf, payment } = ns;

/** The PaymentMessage of a message (itself, or inside it): ECF 5.0's or ECF 4.0's, with its version's namespace. */
function findPaymentMessage(root: Element): { message: Element; namespace: string } | null {
  for (const namespace of [payment, ns4.payment]) {
    if (root.namespaceURI === namespace && root.localName === 'PaymentMessage') return { message: root, namespace };
    const inside = descendants(root, namespace, 'PaymentMessage')[0];
    if (inside) return { message: inside, namespace };
  }
  return null;
}

/**
 * Reads `payment:PaymentMessage` (ECF 5.0, or ECF 4.0's with the same UBL parts) into a summary for the clerk.
 * Card numbers, security codes and chip data are never copied out of the message: only the card type and the
 * last four digits.
 */
export function readPaymentMessage(root: Element): Result<PaymentSummary, EcfReadError> {
  const found = findPaymentMessage(root);
  if (!found) return err({ kind: 'wrong-message', message: `No payment:PaymentMessage in ${root.nodeName}` });
  const { message, namespace } = found;
  // ECF 4.0 names the fee exception and the payer in its own namespace; ECF 5.0 has them in ecf: and UBL.
  const ecf4 = namespace === ns4.payment;
  const charges = children(message, cac, 'AllowanceCharge').map((charge) => ({
    reason: textAt(charge, [cbc, 'AllowanceChargeReason']) ?? textAt(charge, [cbc, 'AllowanceChargeReasonCode']),
    amount: amount(textAt(charge, [cbc, 'Amount'])),
    currency: attr(child(charge, cbc, 'Amount'), '', 'currencyID'),
  }));
  const means = descendants(message, cac, 'PaymentMeans')[0] ?? null;
  const card = child(means, cac, 'CardAccount');
  const pan = textAt(card, [cbc, 'PrimaryAccountNumberID'])?.replace(/\D/g, '') ?? '';
  const total = charges.reduce<number | null>((sum, charge) => (charge.amount === null ? sum : (sum ?? 0) + charge.amount), null);
  return ok({
    totalAmount: total ?? amount(textAt(message, [cac, 'PaymentMandate'], [cbc, 'MaximumPaidAmount'])),
    currency: charges.find((c) => c.currency)?.currency ?? null,
    charges: charges.map(({ reason, amount: value }) => ({ reason, amount: value })),
    method: textAt(means, [cbc, 'PaymentMeansCode']),
    cardType: textAt(card, [cbc, 'CardTypeCode']),
    cardLast4: pan.length >= 4 ? pan.slice(-4) : null,
    payerName: textAt(card, [cbc, 'HolderName']) ?? textAt(message, [cac, 'PayerParty'], [cac, 'PartyName'], [cbc, 'Name'])
      ?? (ecf4 ? textAt(message, [namespace, 'PayerName']) : null),
    feeExceptionReason: textAt(message, [ecf4 ? namespace : ecf, 'FeeExceptionReasonCode']),
  });
}

function amount(value: string | null): number | null {
  const parsed = value === null ? NaN : Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}
