import type { PaymentSummary } from '../domain/ecf-status';
import { el, elAttrs, optional, serializeXml, type XmlElement } from '../xml/xml-writer';
import { ns } from './namespaces';

const { cac, cbc, ecf, nc, payment } = ns;

/**
 * Writes `payment:PaymentMessage` (UBL 2.2 components) from a payment summary: how the embedded EFM hands the
 * envelope's payment to the review screen. Only the last four card digits exist here, so only they are written.
 */
export function writePaymentMessage(summary: PaymentSummary, payerRole = 'Filer'): string {
  const currency = summary.currency ?? 'USD';
  const amount = (value: number): string => value.toFixed(2);
  const means = ublPaymentMeans(summary, '1');
  return serializeXml(
    el(payment, 'PaymentMessage',
      el(cac, 'Address'),
      summary.charges.map((charge, index) =>
        el(cac, 'AllowanceCharge',
          el(cbc, 'ID', String(index + 1)),
          el(cbc, 'ChargeIndicator', 'true'),
          optional(cbc, 'AllowanceChargeReason', charge.reason),
          el(cbc, 'SequenceNumeric', String(index + 1)),
          elAttrs(cbc, 'Amount', [{ ns: null, name: 'currencyID', value: currency }], amount(charge.amount ?? 0)),
          index === 0 ? means : null)),
      summary.totalAmount === null ? null : el(cac, 'PaymentMandate', elAttrs(cbc, 'MaximumPaidAmount', [{ ns: null, name: 'currencyID', value: currency }], amount(summary.totalAmount))),
      optional(ecf, 'FeeExceptionReasonCode', summary.feeExceptionReason),
      el(payment, 'CorrectedPaymentIndicator', 'false'),
      el(payment, 'Payer', el(nc, 'EntityPerson', el(ecf, 'PersonAugmentation', el(ecf, 'CaseParticipantRoleCode', payerRole))))),
    { payment, cac, cbc, ecf, nc },
  );
}

/**
 * UBL `cac:PaymentMeans` (the same in the UBL 2.0 of ECF 4 and the UBL 2.2 of ECF 5): how it was paid, with the card
 * masked to its last four digits; null when the summary names no method. `id`: the means' `cbc:ID`, when written.
 */
export function ublPaymentMeans(summary: PaymentSummary, id: string | null): XmlElement | null {
  if (!summary.method) return null;
  return el(cac, 'PaymentMeans',
    id === null ? null : el(cbc, 'ID', id),
    el(cbc, 'PaymentMeansCode', summary.method),
    summary.cardType || summary.cardLast4
      ? el(cac, 'CardAccount',
          el(cbc, 'PrimaryAccountNumberID', `************${summary.cardLast4 ?? '0000'}`),
          el(cbc, 'NetworkID', summary.cardType ?? 'card'),
          optional(cbc, 'CardTypeCode', summary.cardType),
          optional(cbc, 'HolderName', summary.payerName))
      : null);
}

/**
 * The PaymentMessage that goes with the envelope to the record system and back to the filer as the receipt: the
 * masked summary the court kept, or null when the filer paid nothing and claimed no fee exception.
 */
export function paymentReceiptXml(summary: PaymentSummary): string | null {
  const paid = summary.totalAmount !== null || summary.charges.length > 0 || summary.method !== null || summary.feeExceptionReason !== null;
  return paid ? writePaymentMessage(summary) : null;
}
