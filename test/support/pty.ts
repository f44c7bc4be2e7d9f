// Runs a program in a real pseudo-terminal, the way an operator's shell does, and reads back
// what it drew. The terminal is made by python3's pty module (no native Node addon needed): a
// small driver forks the program on a pty of the given size and relays bytes between the pty
// and its own pipes, which this helper reads and writes.
import { spawn, spawnSync } from 'node:child_process';

const DRIVER = String.raw`
import errno, fcntl, os, pty, select, struct, sys, termios
rows, cols = int(sys.argv[1]), int(sys.argv[2])
argv = sys.argv[3:]
pid, fd = pty.fork()
if pid == 0:
    # The child's stdio is the terminal's slave side: size it before the program starts.
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
    os.execvp(argv[0], argv)

def write_all(target, data):
    while data:
        data = data[os.write(target, data):]

stdin_open = True
while True:
    readable, _, _ = select.select([fd] + ([0] if stdin_open else []), [], [])
    if fd in readable:
        try:
            data = os.read(fd, 65536)
        except OSError as e:
            if e.errno != errno.EIO:
                raise
            data = b''
        if not data:
            break
        write_all(1, data)
    if 0 in readable:
        data = os.read(0, 65536)
        if data:
            write_all(fd, data)
        else:
            stdin_open = False
_, status = os.waitpid(pid, 0)
code = os.waitstatus_to_exitcode(status)
sys.exit(128 - code if code < 0 else code)
`;

let available: boolean | undefined;

/** True when python3 with the pty module is on PATH (it is on Linux and macOS). */
export function ptyAvailable(): boolean {
  available ??= spawnSync('python3', ['-c', 'import pty, termios, fcntl'], { stdio: 'ignore' }).status === 0;
  return available;
}

export interface PtyOptions {
  env?: Record<string, string | undefined>;
  rows?: number;
  cols?: number;
  /** The program is killed after this long; default 30 s. */
  timeoutMs?: number;
}

export interface PtySession {
  /** Everything the program drew on the terminal so far: raw bytes as text, escape codes and all. */
  readonly output: string;
  /** Types on the terminal's keyboard (Enter is "\r"). */
  write(text: string): void;
  /**
   * Resolves with the offset just past the first match found at or after `from` (default 0),
   * so that "the prompt appeared again" is `waitFor(prompt, { from: previousMatchEnd })`.
   */
  waitFor(pattern: string | RegExp, options?: { from?: number; timeoutMs?: number }): Promise<number>;
  /** The program's exit code (128 + signal when killed). */
  readonly exited: Promise<number>;
  kill(): void;
}

export function spawnPty(argv: string[], options: PtyOptions = {}): PtySession {
  const child = spawn('python3', ['-c', DRIVER, String(options.rows ?? 24), String(options.cols ?? 80), ...argv], {
    env: { TERM: 'xterm-256color', ...(options.env ?? process.env) } as NodeJS.ProcessEnv,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  let driverErrors = '';
  const waiters = new Set<() => void>();
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    output += chunk;
    for (const check of [...waiters]) check();
  });
  child.stderr.on('data', (chunk) => (driverErrors += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
  let done = false;
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done = true;
      for (const check of [...waiters]) check();
      if (driverErrors.trim()) output += `\n[pty driver] ${driverErrors}`;
      resolve(code ?? (signal ? 137 : 1));
    });
  });

  return {
    get output() {
      return output;
    },
    write(text) {
      child.stdin.write(text);
    },
    waitFor(pattern, { from = 0, timeoutMs = 15_000 } = {}) {
      return new Promise<number>((resolve, reject) => {
        const find = (): number | undefined => {
          const rest = output.slice(from);
          if (typeof pattern === 'string') {
            const at = rest.indexOf(pattern);
            return at < 0 ? undefined : from + at + pattern.length;
          }
          const match = new RegExp(pattern.source, pattern.flags.replace('g', '')).exec(rest);
          return match ? from + match.index + match[0].length : undefined;
        };
        const timeout = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${String(pattern)} on the terminal; it shows:\n${screenText(output)}`));
        }, timeoutMs);
        const check = () => {
          const at = find();
          if (at !== undefined || done) {
            clearTimeout(timeout);
            waiters.delete(check);
            if (at !== undefined) resolve(at);
            else reject(new Error(`the program ended before ${String(pattern)} appeared; the terminal shows:\n${screenText(output)}`));
          }
        };
        waiters.add(check);
        check();
      });
    },
    exited,
    kill() {
      child.kill('SIGKILL');
    },
  };
}

// ---- reading what was drawn ----------------------------------------------------------------------

/** Without ANSI escape sequences (colours, cursor moves, erases) and carriage returns. */
export function stripAnsi(text: string): string {
  return text
    .replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '')
    .replace(/\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g, '')
    .replace(/\u001b[()][0-9A-Za-z]/g, '')
    .replace(/\u001b[=>78]/g, '')
    .replace(/\r/g, '');
}

/** The terminal's text as lines (escape codes removed; a redrawn prompt shows once per draw). */
export function screenText(raw: string): string {
  return stripAnsi(raw);
}

/**
 * Finds a QR code drawn with qrcode-terminal's small mode (half blocks: each character cell holds
 * two modules, "▀" light-over-dark in its palette) and turns it back into the module matrix,
 * true = dark. Its frame is a top row of "▄" and a "█" column each side. Text beside the code
 * (after its right edge) is ignored. Returns undefined when there is no such drawing.
 */
export function qrFromHalfBlocks(text: string): { modules: boolean[][]; width: number; height: number } | undefined {
  const lines = stripAnsi(text).split('\n');
  const top = lines.findIndex((l) => /^▄{10,}/.test(l));
  if (top < 0) return undefined;
  const width = /^▄+/.exec(lines[top]!)![0].length;
  const size = width - 2;
  const rows = Math.ceil(size / 2);
  const body = lines.slice(top + 1, top + 1 + rows).map((l) => [...l].slice(0, width));
  if (body.length < rows || body.some((cells) => cells.length < width || cells[0] !== '█' || cells[width - 1] !== '█')) {
    return undefined;
  }
  // The palette, read backwards: dark modules are blank, light ones are drawn.
  const halves: Record<string, [boolean, boolean]> = { '█': [false, false], '▀': [false, true], '▄': [true, false], ' ': [true, true] };
  const modules: boolean[][] = [];
  for (const cells of body) {
    const upper: boolean[] = [];
    const lower: boolean[] = [];
    for (const cell of cells.slice(1, width - 1)) {
      const pair = halves[cell];
      if (!pair) return undefined;
      upper.push(pair[0]);
      lower.push(pair[1]);
    }
    modules.push(upper, lower);
  }
  // An odd module count leaves a light half-row below the code as its bottom frame.
  let height = rows + 1;
  if (size % 2 === 1) modules.pop();
  else height += 1;
  return { modules, width, height };
}
