const { writeFileSync } = require('node:fs');

/**
 * Prints one plain closing line, `jest: N passed, N failed, N skipped`, after
 * Jest's own summary, so tools that read a run's last lines can count it. Under
 * `npm test` (test/run-all.mjs, two Jest runs side by side) the counts go to the file
 * named by BRO_JEST_SUMMARY_FILE instead, and the runner prints the one line for both.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const counts = {
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
    };
    if (process.env.BRO_JEST_SUMMARY_FILE) writeFileSync(process.env.BRO_JEST_SUMMARY_FILE, JSON.stringify(counts));
    else process.stdout.write(`jest: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
  }
}
module.exports = SummaryReporter;
