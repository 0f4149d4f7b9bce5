// Runs a command on a pseudo-terminal of a fixed size, through python3's pty module (no native node-pty): stdin,
// stdout and stderr are the terminal, the size is set with TIOCSWINSZ before the command starts, and everything
// written to the terminal is returned once the command has exited.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'bin/zibo.cjs');

/** Whether python3 with pty, termios and fcntl is here (the pty tests are skipped otherwise). */
export const HAS_PTY = spawnSync('python3', ['-c', 'import pty, termios, fcntl, select'], { stdio: 'ignore' }).status === 0;

// argv: cols rows timeout json(argv) json(env) cwd keys keysAfter (keys are typed once, keysAfter seconds in). Prints the exit code on the first line, then the screen bytes.
const PTY = String.raw`
import sys, os, pty, fcntl, termios, struct, subprocess, json, select, time
cols, rows, timeout = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
argv, env, cwd = json.loads(sys.argv[4]), json.loads(sys.argv[5]), sys.argv[6]
keys, keys_at = sys.argv[7].encode(), time.time() + float(sys.argv[8])
master, slave = pty.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
p = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, close_fds=True, start_new_session=True, env=env, cwd=cwd)
os.close(slave)
out = b''
end = time.time() + timeout
while time.time() < end:
    if keys and time.time() >= keys_at:
        os.write(master, keys)
        keys = b''
    r, _, _ = select.select([master], [], [], 0.1)
    if r:
        try:
            b = os.read(master, 65536)
        except OSError:
            break
        if not b:
            break
        out += b
    elif p.poll() is not None:
        break
try:
    code = p.wait(timeout=max(0.5, end - time.time()))
except subprocess.TimeoutExpired:
    os.killpg(p.pid, 9)
    p.wait()
    code = 124
sys.stdout.buffer.write(str(code).encode() + b'\n' + out)
`;

export interface PtyOptions {
  cols: number;
  rows?: number;
  /** Added to the environment (NO_COLOR, FORCE_COLOR and COLUMNS are removed first). */
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Seconds before the command is killed (exit code 124): a pager waiting for a key must not hang the suite. */
  timeout?: number;
  /** Typed on the terminal once, `keysAfter` seconds (default 1) after the start: `q` quits a pager. */
  keys?: string;
  keysAfter?: number;
}

export interface PtyResult {
  code: number;
  /** Everything written to the terminal, with \r\n turned into \n (escape codes kept). */
  screen: string;
}

/** Runs argv on a pseudo-terminal. */
export function onTerminal(argv: string[], o: PtyOptions): PtyResult {
  const env: Record<string, string | undefined> = { ...process.env, TERM: 'xterm-256color' };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  delete env.COLUMNS;
  delete env.LINES;
  Object.assign(env, o.env);
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const r = spawnSync(
    'python3',
    ['-c', PTY, String(o.cols), String(o.rows ?? 40), String(o.timeout ?? 20), JSON.stringify(argv), JSON.stringify(env), o.cwd ?? ROOT, o.keys ?? '', String(o.keysAfter ?? 1)],
    { encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  const nl = r.stdout.indexOf('\n');
  return { code: Number(r.stdout.slice(0, nl)), screen: r.stdout.slice(nl + 1).replace(/\r\n/g, '\n') };
}

/** Runs the built zibo on a pseudo-terminal. */
export const zibo = (args: string[], o: PtyOptions): PtyResult => onTerminal([process.execPath, BIN, ...args], o);
