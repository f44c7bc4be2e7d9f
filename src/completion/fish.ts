// The fish completion script: a function that walks the command line to the current command's
// key, and one `complete` line per command and option, conditioned on that key.
import { allNodes, fnName, quote as q, type CommandSpec } from './tree.js';

export function fishScript(root: CommandSpec, bin: string): string {
  const nodes = allNodes(root);
  const fn = fnName(bin).replace(/^_/, '__');
  const cases = (rows: Array<[string, string[]]>) =>
    rows.map(([key, values]) => `        case ${q(key)}\n            printf '%s\\n' ${values.map(q).join(' ')}`).join('\n');
  const lines: string[] = [];
  lines.push(`# fish completion for ${bin}. Generated from the command tree by \`${bin} completion fish\`; do not edit.`);
  lines.push(`# Install: ${bin} completion fish > ~/.config/fish/completions/${bin}.fish`);
  lines.push('');
  lines.push(`function ${fn}_children\n    switch $argv[1]\n${cases(nodes.filter((n) => n.children.length).map((n) => [n.key, n.children.map((c) => c.name)]))}\n    end\nend`);
  lines.push('');
  const valued = nodes
    .map((n): [string, string[]] => [n.key, n.options.filter((o) => o.takesValue).flatMap((o) => o.flags)])
    .filter(([, v]) => v.length);
  lines.push(`function ${fn}_valued\n    switch $argv[1]\n${cases(valued)}\n    end\nend`);
  lines.push('');
  lines.push(`function ${fn}_key
    set -l key ':'
    set -l skip 0
    for word in (commandline -opc)[2..-1]
        if test $skip = 1
            set skip 0
            continue
        end
        if string match -q -- '-*' $word
            if contains -- $word (${fn}_valued $key) (${fn}_valued ':')
                set skip 1
            end
            continue
        end
        if contains -- $word (${fn}_children $key)
            if test $key = ':'
                set key ":$word"
            else
                set key "$key:$word"
            end
        end
    end
    echo $key
end

function ${fn}_profiles
    command ${bin} profile list -o text --no-input 2>/dev/null | cut -f1
end

complete -c ${bin} -f`);
  for (const n of nodes) {
    const at = n.key === ':' ? '' : ` -n ${q(`test (${fn}_key) = '${n.key}'`)}`;
    for (const c of n.children) {
      lines.push(`complete -c ${bin} -n ${q(`test (${fn}_key) = '${n.key}'`)} -a ${q(c.name)} -d ${q(c.description)}`);
    }
    for (const o of n.options) {
      const parts = [`complete -c ${bin}${at}`];
      for (const flag of o.flags) parts.push(flag.startsWith('--') ? `-l ${flag.slice(2)}` : `-s ${flag.slice(1)}`);
      if (o.dynamic === 'profiles') parts.push(`-x -a ${q(`(${fn}_profiles)`)}`);
      else if (o.choices) parts.push(`-x -a ${q(o.choices.join(' '))}`);
      else if (o.takesValue) parts.push('-r');
      parts.push(`-d ${q(o.description)}`);
      lines.push(parts.join(' '));
    }
    if (n.profileArgument) {
      lines.push(`complete -c ${bin} -n ${q(`test (${fn}_key) = '${n.key}'`)} -a ${q(`(${fn}_profiles)`)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
