#!/usr/bin/env node
/**
 * `npm test`: everything CI runs, in two phases, so that the run stays under ten
 * minutes on a 2-core machine (ADR 0035).
 *   1. typecheck, lint, the web's unit tests and the build — two at a time (each is
 *      mostly one thread); each step's output is printed whole when it ends.
 *   2. the Jest projects unit, integration, e2e and browser (output live) beside the
 *      fault suite (its own PostgreSQL-free servers, serial, mostly waiting on outages
 *      and recoveries; output printed when it ends).
 * The run ends with one closing line, `jest: N passed, N failed, N skipped`, summed
 * over both Jest runs, as the single-run reporter prints it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const started = Date.now();
const seconds = (since) => `${Math.round((Date.now() - since) / 1000)} s`;

/** Runs `npm run <script> [-- args]`; `live` streams the output, otherwise it is kept for later. */
function run(script, args = [], { live = false, env = {} } = {}) {
  const t0 = Date.now();
  const child = spawn('npm', ['run', '--silent', script, ...(args.length ? ['--', ...args] : [])], {
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

const phase1 = await pool(['typecheck', 'lint', 'test:web', 'build'], 2);
if (phase1.some((r) => r.code !== 0)) {
  console.log(`npm test: failed before the Jest runs, after ${seconds(started)}`);
  process.exit(1);
}

const summaries = mkdtempSync(join(tmpdir(), 'bro-test-summary-'));
const summaryEnv = (name) => ({ BRO_JEST_SUMMARY_FILE: join(summaries, `${name}.json`) });
const faults = run('jest', ['--selectProjects', 'faults', '--runInBand'], { env: summaryEnv('faults') });
const main = await run('jest', ['--selectProjects', 'unit', 'integration', 'e2e', 'browser'], { live: true, env: summaryEnv('main') });
console.log(`== jest (unit, integration, e2e, browser): ${main.code === 0 ? 'ok' : `failed (exit ${main.code})`} in ${main.took}`);
const faultRun = await faults;
report({ ...faultRun, script: 'jest (faults)' });

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
console.log(`npm test took ${seconds(started)}`);
console.log(`jest: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(main.code === 0 && faultRun.code === 0 ? 0 : 1);
