import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/** Prints why each skipped test was skipped, so a skip is never silent. */
export default class SkipReasonReporter implements Reporter {
  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status !== 'skipped') return;
    const reason = test.annotations.find((a) => a.type === 'skip')?.description ?? 'no reason given';
    console.log(`SKIPPED: ${test.titlePath().slice(1).join(' › ')} — ${reason}`);
  }
}
