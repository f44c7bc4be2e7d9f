// The bash completion script: the tree as associative arrays, and one function that walks
// COMP_WORDS to the current command. Profile names are listed when completion runs.
import { fnName, lookupTables, profileArgumentKeys, quote as q, type CommandSpec, type Rows } from './tree.js';

export function bashScript(root: CommandSpec, bin: string): string {
  const fn = fnName(bin);
  const tables = lookupTables(root);
  const table = (name: string, rows: Rows) =>
    [`declare -gA ${fn}_${name}=(`, ...rows.map(([k, v]) => `  [${q(k)}]=${q(v)}`), ')'].join('\n');
  return `# bash completion for ${bin}. Generated from the command tree by \`${bin} completion bash\`; do not edit.
# Install: ${bin} completion bash > ~/.local/share/bash-completion/completions/${bin}

${table('children', tables.children)}
${table('options', tables.options)}
${table('valued', tables.valued)}
${table('choices', tables.choices)}
${fn}_profile_args=${q(profileArgumentKeys(root))}

${fn}_profiles() {
  command ${bin} profile list -o text --no-input 2>/dev/null | cut -f1
}

${fn}() {
  local cur prev key=":" word i skip=0 values
  COMPREPLY=()
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    if ((skip)); then skip=0; continue; fi
    if [[ $word == -* ]]; then
      [[ \${${fn}_valued[$key]} == *" $word "* || \${${fn}_valued[:]} == *" $word "* ]] && skip=1
      continue
    fi
    if [[ " \${${fn}_children[$key]} " == *" $word "* ]]; then
      if [[ $key == ":" ]]; then key=":$word"; else key="$key:$word"; fi
    fi
  done
  if ((skip)); then
    values="\${${fn}_choices[$key|$prev]:-\${${fn}_choices[:|$prev]}}"
    [[ $values == @profiles ]] && values="$(${fn}_profiles)"
    COMPREPLY=($(compgen -W "$values" -- "$cur"))
  elif [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "\${${fn}_options[$key]} \${${fn}_options[:]}" -- "$cur"))
  elif [[ -n \${${fn}_children[$key]} ]]; then
    COMPREPLY=($(compgen -W "\${${fn}_children[$key]}" -- "$cur"))
  elif [[ \${${fn}_profile_args} == *" $key "* ]]; then
    COMPREPLY=($(compgen -W "$(${fn}_profiles)" -- "$cur"))
  fi
  return 0
}

complete -F ${fn} ${bin}
`;
}
