// The zsh completion script: the same tables and walk as the bash one, in zsh's own terms
// (words/CURRENT, compadd with descriptions for commands).
import { allNodes, fnName, lookupTables, profileArgumentKeys, quote as q, type CommandSpec, type Rows } from './tree.js';

export function zshScript(root: CommandSpec, bin: string): string {
  const fn = fnName(bin);
  const tables = lookupTables(root);
  const table = (name: string, rows: Rows) =>
    [`typeset -gA ${fn}_${name}`, `${fn}_${name}=(`, ...rows.map(([k, v]) => `  ${q(k)} ${q(v)}`), ')'].join('\n');
  const described = allNodes(root).flatMap((n) => n.children.map((c): [string, string] => [`${n.key}|${c.name}`, c.description]));
  return `#compdef ${bin}
# zsh completion for ${bin}. Generated from the command tree by \`${bin} completion zsh\`; do not edit.
# Install: ${bin} completion zsh > "\${fpath[1]}/_${bin}"  (then start a new shell)

${table('children', tables.children)}
${table('descriptions', described)}
${table('options', tables.options)}
${table('valued', tables.valued)}
${table('choices', tables.choices)}
${fn}_profile_args=${q(profileArgumentKeys(root))}

${fn}_profiles() {
  command ${bin} profile list -o text --no-input 2>/dev/null | cut -f1
}

${fn}() {
  local cur=\${words[CURRENT]} prev=\${words[CURRENT-1]} key=":" word values child
  local -i i skip=0
  local -a names descs
  for ((i = 2; i < CURRENT; i++)); do
    word=\${words[i]}
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
    values=\${${fn}_choices[$key|$prev]:-\${${fn}_choices[:|$prev]}}
    [[ $values == @profiles ]] && values=$(${fn}_profiles)
    compadd -- \${=values}
  elif [[ $cur == -* ]]; then
    compadd -- \${=${fn}_options[$key]} \${=${fn}_options[:]}
  elif [[ -n \${${fn}_children[$key]} ]]; then
    for child in \${=${fn}_children[$key]}; do
      names+=($child)
      descs+=("$child -- \${${fn}_descriptions[$key|$child]}")
    done
    compadd -l -d descs -- $names
  elif [[ \${${fn}_profile_args} == *" $key "* ]]; then
    compadd -- \${(f)"$(${fn}_profiles)"}
  fi
}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  ${fn} "$@"
else
  compdef ${fn} ${bin}
fi
`;
}
