import type { Element } from '@xmldom/xmldom';
import type { PaymentSummary } from '../domain/ecf-status';
import { err, ok, type Result } from '../result';
import { attr, child, children, descendants, textAt } from '../xml/xml-query';
import type { EcfReadError } from './ecf-read-error';
import { ns } from './namespaces';

const { cac, cbc, ecf, payment } = ns;

/**
 * Reads `payment:PaymentMessage` into a summary for the clerk. Card numbers, security codes and chip data are
 * never copied out of the message: only the card type and the last four digits.
 */
export function readPaymentMessage(root: Element): Result<PaymentSummary, EcfReadError> {
  const message = root.namespaceURI === payment && root.localName === 'PaymentMessage' ? root : (descendants(root, payment, 'PaymentMessage')[0] ?? null);
  if (!message) return err({ kind: 'wrong-message', message: `No payment:PaymentMessage in ${root.nodeName}` });
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
    payerName: textAt(card, [cbc, 'HolderName']) ?? textAt(message, [cac, 'PayerParty'], [cac, 'PartyName'], [cbc, 'Name']),
    feeExceptionReason: textAt(message, [ecf, 'FeeExceptionReasonCode']),
  });
}

function amount(value: string | null): number | null {
  const parsed = value === null ? NaN : Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}
