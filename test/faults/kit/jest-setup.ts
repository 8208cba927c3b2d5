import { stopEverything } from './services';

// Fault tests wait out outages and recoveries; whatever a file started is stopped even when it fails.
// 600 s a test: each bounds its own steps (a worker's start-up 90 s, a burst 120 s, settling 60–90 s), and
// npm test runs the suite two files at a time beside the other Jest projects (ADR 0036), where the CPU-bound
// ones (several-processes, worker-killed) ran past 180 s on a loaded machine. The cap only stops a hung test.
jest.setTimeout(600_000);
afterAll(() => stopEverything(), 60_000);
