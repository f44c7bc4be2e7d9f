// `cognito-admin doctor`: explains the setup and what is wrong with it.
import { Command } from 'commander';
import { examples, handler, type Runtime } from '../shared.js';

export function registerDoctor(program: Command, runtime: Runtime): void {
  examples(
    program
      .command('doctor')
      .description('Show every resolved setting and where it came from, and check credentials, pool and app client')
      .action(
        handler(runtime, async (ctx) => {
          const { doctor } = await import('./run.js');
          await doctor(ctx);
        }),
      ),
    'doctor',
    'doctor --profile prod -o json',
  );
}
