import { hashOperatorPassword } from '../ops/operator-password';

/**
 * `npm run ops:password-hash`: reads a password from standard input (one line) and
 * prints the scrypt hash to put in OPS_PASSWORD_HASH. The password never goes on a
 * command line, where `ps` and shell history would keep it.
 */
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => (input += chunk));
process.stdin.on('end', () => {
  const password = input.replace(/\r?\n$/, '');
  if (password.length < 12) {
    process.stderr.write('ops:password-hash: use a password of at least 12 characters\n');
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`${hashOperatorPassword(password)}\n`);
});
