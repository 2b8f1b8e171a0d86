// Reads a password from standard input (one line, or everything piped) and prints its hash for CONSOLE_USERS_FILE.
import { hashPassword } from '../src/console/console-users.js';
async function readStdin() {
    if (process.stdin.isTTY)
        process.stderr.write('Password (then Enter): ');
    const chunks = [];
    for await (const chunk of process.stdin) {
        chunks.push(chunk);
        if (process.stdin.isTTY && String(chunk).includes('\n'))
            break;
    }
    return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}
const password = await readStdin();
if (password.length < 8) {
    process.stderr.write('console:hash-password: use at least 8 characters\n');
    process.exit(1);
}
process.stdout.write(`${await hashPassword(password)}\n`);
