import { exitProcess, loadConfig } from '@bro/platform';
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

/**
 * `npm start`: runs the api and the worker side by side (after migrate and seed) and
 * stops both when either stops or on Ctrl-C.
 */
function main(): void {
  const config = loadConfig();
  const dist = join(__dirname, '..', '..', '..');
  const children: ChildProcess[] = [
    spawn(process.execPath, [join(dist, 'api/src/main.js')], { stdio: 'inherit' }),
    spawn(process.execPath, [join(dist, 'worker/src/main.js')], { stdio: 'inherit' }),
  ];
  let stopping = false;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    setTimeout(() => exitProcess(code), 10_000).unref();
    const exited = children.map((c) =>
      c.exitCode === null ? new Promise<void>((resolve) => c.once('exit', () => resolve())) : Promise.resolve(),
    );
    void Promise.all(exited).then(() => exitProcess(code));
  };
  for (const child of children) child.once('exit', (code) => stop(code ?? 1));
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));

  const base = `http://localhost:${config.PORT}`;
  process.stdout.write(
    [
      '',
      `  Bro is starting: the web app at ${base}/ and API docs at ${base}/docs`,
      `  Sign in (dev mode): curl -X POST ${base}/v1/auth/dev-token -H 'content-type: application/json' -d '{"username":"koordinator.mette"}'`,
      '  Demo users: koordinator.mette, laege.holm, laege.berg, brobygger.anna, brobygger.jonas, medcom.gateway (Roskilde); koordinator.svend (Svendborg)',
      '',
    ].join('\n') + '\n',
  );
}

main();
