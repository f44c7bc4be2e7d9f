// Opens a URL in the person's browser: $BROWSER (the Unix convention: a ':'-separated list of
// commands, `%s` standing for the URL), else the platform's opener. Never through a shell, so
// nothing in the URL is interpreted. Says whether a browser was started; the caller prints the
// URL when not.
import { spawn } from 'node:child_process';

type Env = Record<string, string | undefined>;

export type OpenResult = 'opened' | 'no-display' | 'failed';

export function browserCommand(url: string, env: Env, platform: NodeJS.Platform): [string, string[]] | 'no-display' {
  const configured = env.BROWSER?.split(':').map((c) => c.trim()).find(Boolean);
  if (configured) {
    const [command, ...args] = configured.split(/\s+/);
    return args.some((a) => a.includes('%s')) ? [command!, args.map((a) => a.replace(/%s/g, url))] : [command!, [...args, url]];
  }
  if (platform === 'darwin') return ['open', [url]];
  if (platform === 'win32') return ['rundll32', ['url.dll,FileProtocolHandler', url]];
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return 'no-display';
  return ['xdg-open', [url]];
}

export function openBrowser(url: string, env: Env, platform: NodeJS.Platform = process.platform): Promise<OpenResult> {
  const command = browserCommand(url, env, platform);
  if (command === 'no-display') return Promise.resolve('no-display');
  return new Promise<OpenResult>((resolve) => {
    let child;
    try {
      child = spawn(command[0], command[1], { detached: true, stdio: 'ignore', env: env as NodeJS.ProcessEnv, shell: false });
    } catch {
      resolve('failed');
      return;
    }
    child.once('error', () => resolve('failed'));
    child.once('spawn', () => {
      child.unref();
      resolve('opened');
    });
  });
}
