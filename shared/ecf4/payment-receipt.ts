import type { PaymentSummary } from '../domain/ecf-status';
import { el, elAttrs, optional, type XmlElement } from '../xml/xml-writer';
import { ublPaymentMeans } from '../ecf/write-payment-message';
import { ns4 } from './namespaces';

const { cac, cbc, payment, paymentreceipt } = ns4;

/**
 * The ECF 4.0 `PaymentReceiptMessage` (payment:PaymentMessageType, UBL 2.0 parts) of a NotifyFilingReviewComplete:
 * who paid, each fee the court charges for what it accepted, how it was paid (the last four card digits only: the
 * service never holds more) and the amount paid. `charged` false: nothing is charged (the filing was rejected or
 * cancelled) and the receipt names only the payer, as the schema requires a receipt in every callback.
 */
export function paymentReceiptMessage4(summary: PaymentSummary, charged: boolean): XmlElement {
  const currency = [{ ns: null, name: 'currencyID', value: summary.currency ?? 'USD' }];
  const amount = (value: number): string => value.toFixed(2);
  const means = ublPaymentMeans(summary, null);
  const charges = charged ? summary.charges : [];
  const paid = charged ? (summary.totalAmount ?? charges.reduce((sum, charge) => sum + (charge.amount ?? 0), 0)) : null;
  return el(paymentreceipt, 'PaymentReceiptMessage',
    optional(payment, 'FeeExceptionReasonCode', summary.feeExceptionReason),
    el(payment, 'PayerName', summary.payerName ?? ''),
    charges.map((charge, index) =>
      el(cac, 'AllowanceCharge',
        el(cbc, 'ID', String(index + 1)),
        el(cbc, 'ChargeIndicator', 'true'),
        optional(cbc, 'AllowanceChargeReason', charge.reason),
        el(cbc, 'SequenceNumeric', String(index + 1)),
        elAttrs(cbc, 'Amount', currency, amount(charge.amount ?? 0)),
        index === 0 ? means : null)),
    el(cac, 'Address'),
    el(cac, 'Payment', paid === null ? null : elAttrs(cbc, 'PaidAmount', currency, amount(paid))));
}
