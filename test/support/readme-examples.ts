// Reads the shell examples of a Markdown file and the marker before each: the parser behind
// test/e2e/readme.test.ts (the convention is in the README's Development section).
//
//   <!-- readme-test: cognito-local -->            run on cognito-local (expected exit 0)
//   <!-- readme-test: moto, exit 3 -->             run on moto, expecting exit code 3
//   <!-- readme-test: fake-cognito -->             the suite's fake Cognito, with a pool and client in the environment
//   <!-- readme-test: local -->                    no emulator: commands that never call AWS
//   <!-- readme-test: skip: <why> -->              not run, for the reason given

export type Runner = 'cognito-local' | 'moto' | 'fake-cognito' | 'local' | 'skip';
const RUNNERS: readonly Runner[] = ['cognito-local', 'moto', 'fake-cognito', 'local', 'skip'];

export interface Example {
  /** The nearest heading above the block. */
  section: string;
  /** 1-based line of the opening fence. */
  line: number;
  code: string;
  /** Undefined when the block has no marker (or one that cannot be read). */
  runner?: Runner;
  exit: number;
  reason?: string;
}

const MARKER = /^<!--\s*readme-test:\s*(.*?)\s*-->$/;

export function parseReadme(markdown: string): Example[] {
  const lines = markdown.split('\n');
  const examples: Example[] = [];
  let section = '(top)';
  let inFence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (inFence !== undefined) {
      if (line.startsWith('```')) inFence = undefined;
      continue;
    }
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) section = heading[1]!.trim();
    const fence = /^```(\S*)/.exec(line);
    if (!fence) continue;
    inFence = fence[1]!;
    if (inFence !== 'sh' && inFence !== 'bash') continue;
    const end = lines.findIndex((l, k) => k > i && l.startsWith('```'));
    const code = lines.slice(i + 1, end < 0 ? undefined : end).join('\n');
    let k = i - 1;
    while (k >= 0 && lines[k]!.trim() === '') k--;
    const marker = k >= 0 ? MARKER.exec(lines[k]!.trim()) : null;
    examples.push({ section, line: i + 1, code, exit: 0, ...(marker ? readMarker(marker[1]!) : {}) });
  }
  return examples;
}

function readMarker(text: string): Partial<Example> {
  const skip = /^skip\s*[:—-]\s*(.+)$/.exec(text);
  if (skip) return { runner: 'skip', reason: skip[1]!.trim() };
  if (text === 'skip') return { runner: 'skip' };
  const [runner, ...options] = text.split(',').map((s) => s.trim());
  if (!RUNNERS.includes(runner as Runner)) return {};
  let exit = 0;
  for (const option of options) {
    const code = /^exit\s+(\d+)$/.exec(option);
    if (!code) return {};
    exit = Number(code[1]);
  }
  return { runner: runner as Runner, exit };
}
