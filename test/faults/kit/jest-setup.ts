import { stopEverything } from './services';

// Fault tests wait out outages and recoveries; whatever a file started is stopped even when it fails.
jest.setTimeout(180_000);
afterAll(() => stopEverything(), 60_000);
