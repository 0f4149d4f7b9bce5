// `zibo find` on a real pseudo-terminal (python3's pty module): the built binary is started on a 100x30 terminal,
// keys are typed as raw bytes once the screen shows what a person would wait for, and the exit code, the screen
// and the OSC 52 sequence are checked. Also: no terminal on stdin → exit 2 with the hint.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/core/corpus.js';
import { citations } from '../../src/core/cite.js';
import { createCtx } from '../../src/cli/context.js';
import { finderSearch } from '../../src/find/run.js';
import { fakeIO } from '../helpers/cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/zibo.cjs');
const HAS_PTY = spawnSync('python3', ['-c', 'import pty, termios, fcntl'], { stdio: 'ignore' }).status === 0;

// argv[1]: JSON {cols, rows, argv, env, steps, stdinNull}. A step is ["wait", text] (until the screen, escape codes
// removed, has shown text since the last wait), ["send", text], ["resize", columns] or ["sleep", seconds]. Prints JSON
// {code, out, failed}.
const DRIVER = String.raw`
import sys, os, pty, fcntl, termios, struct, subprocess, json, re, select, time
cfg = json.loads(sys.argv[1])
master, slave = pty.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack('HHHH', cfg['rows'], cfg['cols'], 0, 0))
stdin = subprocess.DEVNULL if cfg.get('stdinNull') else slave
# The terminal becomes the child's controlling terminal, so that resizing it sends SIGWINCH as a real one does.
ctty = (lambda: fcntl.ioctl(1, termios.TIOCSCTTY, 0)) if not cfg.get('stdinNull') else None
p = subprocess.Popen(cfg['argv'], stdin=stdin, stdout=slave, stderr=slave, close_fds=True, start_new_session=True, env=cfg['env'], preexec_fn=ctty)
os.close(slave)
out = b''
seen = 0
ANSI = re.compile(r'\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07')
def pump(timeout):
    global out
    r, _, _ = select.select([master], [], [], timeout)
    if r:
        try:
            b = os.read(master, 65536)
        except OSError:
            return False
        if not b:
            return False
        out += b
    return True
failed = None
for kind, arg in cfg['steps']:
    if kind == 'send':
        os.write(master, arg.encode())
    elif kind == 'resize':
        seen = len(out)  # what a later wait looks for must come after the resize
        fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack('HHHH', cfg['rows'], arg, 0, 0))
    elif kind == 'sleep':
        end = time.time() + arg
        while time.time() < end and pump(0.02): pass
    elif kind == 'wait':
        end = time.time() + 10
        while True:
            text = ANSI.sub('', out[seen:].decode('utf8', 'replace'))
            if arg in text:
                seen = len(out)
                break
            if time.time() > end or not pump(0.05):
                failed = arg
                break
    if failed: break
end = time.time() + 10
while p.poll() is None and time.time() < end:
    pump(0.05)
if p.poll() is None:
    p.kill()
while pump(0.05): pass
print(json.dumps({'code': p.wait(), 'out': out.decode('utf8', 'replace'), 'failed': failed}))
`;

type Step = ['wait' | 'send', string] | ['sleep' | 'resize', number];

function onTerminal(args: string[], steps: Step[], o: { stdinNull?: boolean } = {}) {
  const env: Record<string, string | undefined> = { ...process.env, LANG: 'en_US.UTF-8', TERM: 'xterm-256color' };
  for (const k of ['LC_ALL', 'LC_MESSAGES', 'NO_COLOR', 'FORCE_COLOR', 'CI']) delete env[k];
  const cfg = { cols: 100, rows: 30, argv: ['node', BIN, ...args], env, steps, stdinNull: o.stdinNull };
  const r = spawnSync('python3', ['-c', DRIVER, JSON.stringify(cfg)], { encoding: 'utf8', timeout: 60_000 });
  return JSON.parse(r.stdout) as { code: number; out: string; failed: string | null };
}

const plain = (s: string) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07/g, '');
const osc52 = (s: string) => [...s.matchAll(/\x1b\]52;c;([A-Za-z0-9+/=]*)\x07/g)].map((m) => Buffer.from(m[1]!, 'base64').toString('utf8'));

const corpus = loadCorpus();
const citeOf = (f: (typeof corpus.facts)[number]) => citations(f, corpus.releases.find((r) => r.id === f.release)!).zh;
// What the finder lists for a query, in its order (the binary runs the same search on the same data).
const hitsOf = finderSearch(createCtx(fakeIO().io, { loadCorpus: () => corpus }), {});

describe.skipIf(!HAS_PTY)('zibo find on a terminal', () => {
  it('type 公交, Down, Enter, Ctrl-Y, Esc, Esc: the fact, its source, the citation copied and printed, exit 0', () => {
    const hits = hitsOf('公交');
    const second = hits[1]!;
    expect(second.text).toContain('公交线路');
    // A wait takes in everything drawn so far, so the list for 公交 is waited for by its count, which the frame
    // drawn for 公 alone cannot show.
    expect(`1/${hitsOf('公').length}`).not.toContain(`1/${hits.length}`);
    const r = onTerminal(['find'], [
      ['wait', 'type to search'],
      ['send', '公'],
      ['send', '交'],
      ['wait', `1/${hits.length}`],
      ['send', '\x1b[B'],
      ['wait', `2/${hits.length}`],
      ['send', '\r'],
      ['wait', '孙振华'],
      ['send', '\x19'],
      ['wait', 'copied the citation'],
      ['send', '\x1b'],
      ['wait', 'Enter open'],
      ['send', '\x1b'],
    ]);
    expect(r.failed).toBeNull();
    expect(r.code).toBe(0);
    const screen = plain(r.out);
    expect(screen).toContain('“深化九大赋能”主题系列新闻发布会第六场');
    expect(screen).toContain('调整公交线路41条');
    const cite = citeOf(second);
    expect(osc52(r.out)).toEqual([cite]);
    expect(cite).toMatch(new RegExp(`孙振华.*${second.text}。$`));
    // printed below the finder after it has cleared itself
    expect(screen.trimEnd().endsWith(cite)).toBe(true);
    // every line the finder drew fits the terminal (the citation printed after it is plain output, like zibo cite)
    const drawn = screen.trimEnd().slice(0, -cite.length);
    for (const line of drawn.split(/\r?\n/)) expect([...line].reduce((n, c) => n + (/[\u2E80-\u9FFF\uFF00-\uFF60]/.test(c) ? 2 : 1), 0)).toBeLessThanOrEqual(100);
  });

  it('redraws to the new width when the terminal is resized', () => {
    const count = `1/${hitsOf('数据中心').length}`;
    const r = onTerminal(['find', '数据中心'], [['wait', 'Enter open'], ['sleep', 0.5], ['resize', 50], ['wait', count], ['send', '\x03']]);
    expect(r.failed).toBeNull();
    expect(r.code).toBe(130);
    // the frame drawn after the resize: every line within 50 columns (the first frame had lines of ~99)
    const widths = (s: string) => plain(s).split(/\r?\n/).map((l) => [...l].reduce((n, c) => n + (/[\u2E80-\u9FFF\uFF00-\uFF60]/.test(c) ? 2 : 1), 0));
    const after = widths(r.out.slice(r.out.lastIndexOf('1/')));
    expect(after.length).toBeGreaterThan(3);
    expect(Math.max(...after)).toBeLessThanOrEqual(50);
    expect(Math.max(...widths(r.out.slice(0, r.out.indexOf('Esc quit') + 8)))).toBeGreaterThan(50);
  });

  it('a query on the command line, Ctrl-C: exit 130', () => {
    const r = onTerminal(['find', 'gongjiao'], [['wait', '调整公交线路41条'], ['send', '\x03']]);
    expect(r.failed).toBeNull();
    expect(r.code).toBe(130);
  });

  it('stdout on a terminal but stdin not: exit 2 with the hint', () => {
    const r = onTerminal(['find'], [], { stdinNull: true });
    expect(r.code).toBe(2);
    expect(plain(r.out)).toMatch(/^zibo: .*zibo search/);
  });
});

describe('zibo find without a terminal', () => {
  it('zibo find < /dev/null: exit 2, one line on stderr naming zibo search, nothing on stdout', () => {
    const r = spawnSync('node', [BIN, 'find'], { input: '', encoding: 'utf8', env: { ...process.env, CI: 'true', LANG: 'C' } });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^zibo: [^\n]*`zibo search <query>`[^\n]*\n$/);
  });
});
