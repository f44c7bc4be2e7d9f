// `cognito-admin completion bash|zsh|fish`: the completion script, generated from the command tree.
import { Argument, Command } from 'commander';
import { examples, handler, type Runtime } from '../shared.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;

export function registerCompletion(program: Command, runtime: Runtime): void {
  examples(
    program
      .command('completion')
      .description('Print the shell completion script for bash, zsh or fish')
      .addArgument(new Argument('<shell>', 'the shell').choices(SHELLS))
      .addHelpText(
        'after',
        `
Install:
  bash: cognito-admin completion bash > ~/.local/share/bash-completion/completions/cognito-admin
  zsh:  cognito-admin completion zsh > "\${fpath[1]}/_cognito-admin"
  fish: cognito-admin completion fish > ~/.config/fish/completions/cognito-admin.fish`,
      )
      .action(
        handler(runtime, async (ctx, [shell]) => {
          const { completionScript } = await import('../../completion/script.js');
          ctx.out.text(completionScript(program, shell as (typeof SHELLS)[number]));
        }),
      ),
    'completion bash > ~/.local/share/bash-completion/completions/cognito-admin',
    'completion zsh',
  );
}
