#!/usr/bin/env node
/**
 * `npm test`: everything CI runs, so that the run stays under ten minutes on a 2-core
 * machine (ADR 0035, ADR 0036).
 *   1. the build and the web's unit tests, side by side: the Jest runs need the build
 *      (the browser specs serve dist/web, the fault suite runs dist's api and worker).
 *   2. at the same time, each printed whole when it ends (except the first, live):
 *      - the Jest projects unit, integration, e2e and browser (output live);
 *      - the fault suite, two files at a time (each file has servers, a database and a
 *        queue prefix of its own; its scenarios mostly wait on outages and recoveries);
 *      - the checks: typecheck, then lint. They are CPU-bound and one thread each, and
 *        the Jest runs leave a core's worth of waiting to fill: run before Jest, they
 *        kept both cores busy for 80 s that Jest could not use.
 * A failing check no longer stops the run before Jest: every step runs, and the run
 * fails if any step did. The run ends with one closing line,
 * `jest: N passed, N failed, N skipped`, summed over both Jest runs, as the single-run
 * reporter prints it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const started = Date.now();
const seconds = (since) => `${Math.round((Date.now() - since) / 1000)} s`;

/**
 * Runs `npm run <script> [-- args]`; `live` streams the output, otherwise it is kept for later.
 * `nice` lowers the step's CPU priority (and its children's): in phase 2 the two cores are
 * busy, and the steps are not equally sensitive to waiting for them (see below).
 */
function run(script, args = [], { live = false, env = {}, nice = 0 } = {}) {
  const t0 = Date.now();
  const npm = ['npm', 'run', '--silent', script, ...(args.length ? ['--', ...args] : [])];
  const [command, ...rest] = nice ? ['nice', '-n', String(nice), ...npm] : npm;
  const child = spawn(command, rest, {
    stdio: live ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  const out = [];
  if (!live) {
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => out.push(d));
  }
  return new Promise((resolve) =>
    child.on('close', (code) => resolve({ script, code: code ?? 1, output: Buffer.concat(out).toString(), took: seconds(t0) })),
  );
}

function report(result) {
  if (result.output) process.stdout.write(result.output.endsWith('\n') ? result.output : `${result.output}\n`);
  console.log(`== ${result.script}: ${result.code === 0 ? 'ok' : `failed (exit ${result.code})`} in ${result.took}`);
}

/** Runs the steps two at a time; resolves with every result (a failure does not stop the others). */
async function pool(steps, width) {
  const results = [];
  const queue = [...steps];
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let step = queue.shift(); step; step = queue.shift()) {
        const result = await run(step);
        report(result);
        results.push(result);
      }
    }),
  );
  return results;
}

const phase1 = await pool(['build', 'test:web'], 2);
if (phase1.some((r) => r.code !== 0)) {
  console.log(`npm test: failed before the Jest runs, after ${seconds(started)}`);
  process.exit(1);
}

const summaries = mkdtempSync(join(tmpdir(), 'bro-test-summary-'));
const summaryEnv = (name) => ({ BRO_JEST_SUMMARY_FILE: join(summaries, `${name}.json`) });
// Priorities for the busy cores: the fault suite first (its burst scenarios are CPU-bound and
// must settle within their deadlines), then the other Jest projects (mostly waiting), and the
// checks only on what is left (nothing in them waits on a clock).
const checks = (async () => {
  const results = [];
  for (const step of ['typecheck', 'lint']) results.push(await run(step, [], { nice: 19 }));
  return results;
})();
const faults = run('jest', ['--selectProjects', 'faults', '--maxWorkers', '2'], { env: summaryEnv('faults') });
const main = await run('jest', ['--selectProjects', 'unit', 'integration', 'e2e', 'browser'], {
  live: true,
  env: summaryEnv('main'),
  nice: 5,
});
console.log(`== jest (unit, integration, e2e, browser): ${main.code === 0 ? 'ok' : `failed (exit ${main.code})`} in ${main.took}`);
const faultRun = await faults;
report({ ...faultRun, script: 'jest (faults)' });
const checkRuns = await checks;
checkRuns.forEach(report);

const total = { passed: 0, failed: 0, skipped: 0 };
for (const name of ['main', 'faults']) {
  try {
    const counts = JSON.parse(readFileSync(join(summaries, `${name}.json`), 'utf8'));
    for (const k of Object.keys(total)) total[k] += counts[k];
  } catch {
    total.failed += 1; // a Jest run that did not finish counts as a failure
  }
}
rmSync(summaries, { recursive: true, force: true });
const failedChecks = checkRuns.filter((r) => r.code !== 0).map((r) => r.script);
if (failedChecks.length) console.log(`npm test: ${failedChecks.join(' and ')} failed`);
console.log(`npm test took ${seconds(started)}`);
console.log(`jest: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(main.code === 0 && faultRun.code === 0 && !failedChecks.length ? 0 : 1);
