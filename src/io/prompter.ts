// Every question the tool asks goes through here. It never asks when prompting is not
// allowed (no terminal, --no-input, CI); instead the gap becomes a usage error that names the
// flag or environment variable that answers it.
import { Interrupted, UsageError } from '../errors.js';
import type { IOStreams } from './streams.js';

/** How to give the same answer without a prompt, for the usage error. */
export interface Alternative {
  flag?: string;
  env?: string;
  what: string;
  /** How to keep the answer for every later command (a profile), added to the hint. */
  keep?: string;
}

export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
}

export interface Prompter {
  readonly canPrompt: boolean;
  input(message: string, alt: Alternative, options?: { default?: string; validate?: (v: string) => true | string }): Promise<string>;
  password(message: string, alt: Alternative): Promise<string>;
  confirm(message: string, alt: Alternative, defaultAnswer?: boolean): Promise<boolean>;
  /** A searchable list: typing narrows the choices. */
  search<T>(message: string, choices: Choice<T>[], alt: Alternative): Promise<T>;
}

export function missing(alt: Alternative): UsageError {
  const ways = [alt.flag, alt.env].filter(Boolean).join(' or ');
  return new UsageError(`${alt.what} is required${ways ? `: pass ${ways}` : ''}`, {
    hint: `prompts are off (no terminal, --no-input or CI is set)${alt.keep ? `; ${alt.keep}` : ''}`,
  });
}

type Inquirer = typeof import('@inquirer/prompts');

export class InquirerPrompter implements Prompter {
  private lib?: Inquirer;

  constructor(
    private readonly streams: IOStreams,
    readonly canPrompt: boolean,
  ) {}

  async input(message: string, alt: Alternative, options: { default?: string; validate?: (v: string) => true | string } = {}) {
    const { input } = await this.load(alt);
    return this.ask(() => input({ message, default: options.default, validate: options.validate, required: true }, this.context()));
  }

  async password(message: string, alt: Alternative) {
    const { password } = await this.load(alt);
    return this.ask(() => password({ message, mask: '*', validate: (v) => (v ? true : 'required') }, this.context()));
  }

  async confirm(message: string, alt: Alternative, defaultAnswer = false) {
    const { confirm } = await this.load(alt);
    return this.ask(() => confirm({ message, default: defaultAnswer }, this.context()));
  }

  async search<T>(message: string, choices: Choice<T>[], alt: Alternative): Promise<T> {
    const { search } = await this.load(alt);
    return this.ask(() =>
      search<T>(
        {
          message,
          pageSize: 12,
          source: (term) => {
            const needle = (term ?? '').toLowerCase();
            return choices.filter(
              (c) => c.name.toLowerCase().includes(needle) || String(c.value).toLowerCase().includes(needle),
            );
          },
        },
        this.context(),
      ),
    );
  }

  private async load(alt: Alternative): Promise<Inquirer> {
    if (!this.canPrompt) throw missing(alt);
    this.lib ??= await import('@inquirer/prompts');
    return this.lib;
  }

  private context() {
    // Prompts draw on stderr so that stdout stays data only, even mid-pipeline.
    return { input: this.streams.stdin, output: this.streams.stderr, clearPromptOnDone: false };
  }

  private async ask<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if ((err as Error)?.name === 'ExitPromptError' || (err as Error)?.name === 'AbortPromptError') {
        throw new Interrupted();
      }
      throw err;
    }
  }
}
