// `cognito-admin help [topic|command…]`: the topics above, or any command's help.
import { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { examples, handler, type Runtime } from '../shared.js';
import { TOPICS } from './topics.js';

export function registerHelp(program: Command, runtime: Runtime): void {
  program.helpCommand(false);
  examples(
    program
      .command('help')
      .description(`Show help for a command, or a topic: ${Object.keys(TOPICS).join(', ')}`)
      .argument('[topic...]', 'a topic, or a command such as "user create"')
      .action(
        handler(runtime, async (ctx, [words]) => {
          const topic = (words as string[]).join(' ');
          if (TOPICS[topic]) {
            ctx.out.text(TOPICS[topic]!.text);
            return;
          }
          let target: Command = program;
          for (const word of words as string[]) {
            const next = target.commands.find((c) => c.name() === word || c.aliases().includes(word));
            if (!next) {
              throw new UsageError(`no help for "${topic}"`, {
                hint: `topics: ${Object.keys(TOPICS).join(', ')}; or a command, e.g. \`cognito-admin help user create\``,
              });
            }
            target = next;
          }
          target.outputHelp();
        }),
      ),
    'help exit-codes',
    'help environment',
    'help user create',
  );
}
