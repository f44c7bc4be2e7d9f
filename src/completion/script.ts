// Picks the generator for a shell; the scripts under completions/ are this function's output.
import type { Command } from 'commander';
import { bashScript } from './bash.js';
import { fishScript } from './fish.js';
import { zshScript } from './zsh.js';
import { commandTree } from './tree.js';

export function completionScript(program: Command, shell: 'bash' | 'zsh' | 'fish'): string {
  const tree = commandTree(program);
  const bin = program.name();
  switch (shell) {
    case 'bash':
      return bashScript(tree, bin);
    case 'zsh':
      return zshScript(tree, bin);
    case 'fish':
      return fishScript(tree, bin);
  }
}
