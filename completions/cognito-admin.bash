# bash completion for cognito-admin. Generated from the command tree by `cognito-admin completion bash`; do not edit.
# Install: cognito-admin completion bash > ~/.local/share/bash-completion/completions/cognito-admin

declare -gA _cognito_admin_children=(
  [':']='profile pool client user group identity doctor completion help'
  [':profile']='init set list show use remove'
  [':profile:init']=''
  [':profile:set']=''
  [':profile:list']=''
  [':profile:show']=''
  [':profile:use']=''
  [':profile:remove']=''
  [':pool']='create list describe delete'
  [':pool:create']=''
  [':pool:list']=''
  [':pool:describe']=''
  [':pool:delete']=''
  [':client']='create list describe delete'
  [':client:create']=''
  [':client:list']=''
  [':client:describe']=''
  [':client:delete']=''
  [':user']='create invite get list update delete disable enable confirm sign-out set-password reset-password groups'
  [':user:create']=''
  [':user:invite']=''
  [':user:get']=''
  [':user:list']=''
  [':user:update']=''
  [':user:delete']=''
  [':user:disable']=''
  [':user:enable']=''
  [':user:confirm']=''
  [':user:sign-out']=''
  [':user:set-password']=''
  [':user:reset-password']=''
  [':user:groups']=''
  [':group']='create list get update delete add remove members'
  [':group:create']=''
  [':group:list']=''
  [':group:get']=''
  [':group:update']=''
  [':group:delete']=''
  [':group:add']=''
  [':group:remove']=''
  [':group:members']=''
  [':identity']='create list describe delete set-roles credentials developer-login'
  [':identity:create']=''
  [':identity:list']=''
  [':identity:describe']=''
  [':identity:delete']=''
  [':identity:set-roles']=''
  [':identity:credentials']=''
  [':identity:developer-login']=''
  [':doctor']=''
  [':completion']=''
  [':help']=''
)
declare -gA _cognito_admin_options=(
  [':']='-V --version -p --profile --aws-profile --region --endpoint --pool --client --identity-pool -o --output --json -y --yes --no-input --no-color --debug -q --quiet -h --help'
  [':profile']='-h --help'
  [':profile:init']='--issuer -h --help'
  [':profile:set']='--issuer --client-secret-stdin --default -h --help'
  [':profile:list']='-h --help'
  [':profile:show']='-h --help'
  [':profile:use']='-h --help'
  [':profile:remove']='-h --help'
  [':pool']='-h --help'
  [':pool:create']='--sign-in --mfa --totp --sms-role-arn --password-min-length --password-require --temp-password-days --auto-verify --required --deletion-protection --with-client --flows --secret --save-profile --dry-run -h --help'
  [':pool:list']='--limit -h --help'
  [':pool:describe']='-h --help'
  [':pool:delete']='-h --help'
  [':client']='-h --help'
  [':client:create']='--flows --secret --access-token-validity --id-token-validity --refresh-token-validity --save-profile --show-secret -h --help'
  [':client:list']='--limit -h --help'
  [':client:describe']='--show-secret -h --help'
  [':client:delete']='-h --help'
  [':user']='-h --help'
  [':user:create']='--email --phone --attr --email-verified --phone-verified --temp-password-stdin --invite --group -h --help'
  [':user:invite']='--invite -h --help'
  [':user:get']='-h --help'
  [':user:list']='--filter --status --group --attributes --limit -h --help'
  [':user:update']='--attr --remove-attr -h --help'
  [':user:delete']='-h --help'
  [':user:disable']='-h --help'
  [':user:enable']='-h --help'
  [':user:confirm']='-h --help'
  [':user:sign-out']='-h --help'
  [':user:set-password']='--permanent --password-stdin -h --help'
  [':user:reset-password']='-h --help'
  [':user:groups']='--limit -h --help'
  [':group']='-h --help'
  [':group:create']='--description --precedence --role-arn -h --help'
  [':group:list']='--limit -h --help'
  [':group:get']='-h --help'
  [':group:update']='--description --precedence --role-arn --remove-role -h --help'
  [':group:delete']='--force -h --help'
  [':group:add']='--from-file --concurrency -h --help'
  [':group:remove']='--from-file --concurrency -h --help'
  [':group:members']='--limit -h --help'
  [':identity']='-h --help'
  [':identity:create']='--user-pool --allow-guests --developer-provider --server-side-token-check -h --help'
  [':identity:list']='--limit -h --help'
  [':identity:describe']='-h --help'
  [':identity:delete']='-h --help'
  [':identity:set-roles']='--authenticated --guest -h --help'
  [':identity:credentials']='--guest --format --flow --role-arn --id-token -h --help'
  [':identity:developer-login']='--provider --login --duration --identity-id -h --help'
  [':doctor']='-h --help'
  [':completion']='-h --help'
  [':help']='-h --help'
)
declare -gA _cognito_admin_valued=(
  [':']=' -p --profile --aws-profile --region --endpoint --pool --client --identity-pool -o --output '
  [':profile']='  '
  [':profile:init']=' --issuer '
  [':profile:set']=' --issuer '
  [':profile:list']='  '
  [':profile:show']='  '
  [':profile:use']='  '
  [':profile:remove']='  '
  [':pool']='  '
  [':pool:create']=' --sign-in --mfa --sms-role-arn --password-min-length --password-require --temp-password-days --auto-verify --required --with-client --flows --save-profile '
  [':pool:list']=' --limit '
  [':pool:describe']='  '
  [':pool:delete']='  '
  [':client']='  '
  [':client:create']=' --flows --access-token-validity --id-token-validity --refresh-token-validity --save-profile '
  [':client:list']=' --limit '
  [':client:describe']='  '
  [':client:delete']='  '
  [':user']='  '
  [':user:create']=' --email --phone --attr --invite --group '
  [':user:invite']=' --invite '
  [':user:get']='  '
  [':user:list']=' --filter --status --group --attributes --limit '
  [':user:update']=' --attr --remove-attr '
  [':user:delete']='  '
  [':user:disable']='  '
  [':user:enable']='  '
  [':user:confirm']='  '
  [':user:sign-out']='  '
  [':user:set-password']='  '
  [':user:reset-password']='  '
  [':user:groups']=' --limit '
  [':group']='  '
  [':group:create']=' --description --precedence --role-arn '
  [':group:list']=' --limit '
  [':group:get']='  '
  [':group:update']=' --description --precedence --role-arn '
  [':group:delete']='  '
  [':group:add']=' --from-file --concurrency '
  [':group:remove']=' --from-file --concurrency '
  [':group:members']=' --limit '
  [':identity']='  '
  [':identity:create']=' --user-pool --developer-provider '
  [':identity:list']=' --limit '
  [':identity:describe']='  '
  [':identity:delete']='  '
  [':identity:set-roles']=' --authenticated --guest '
  [':identity:credentials']=' --format --flow --role-arn --id-token '
  [':identity:developer-login']=' --provider --login --duration --identity-id '
  [':doctor']='  '
  [':completion']='  '
  [':help']='  '
)
declare -gA _cognito_admin_choices=(
  [':|-p']='@profiles'
  [':|--profile']='@profiles'
  [':|-o']='table json ndjson csv text'
  [':|--output']='table json ndjson csv text'
  [':pool:create|--mfa']='off optional on'
  [':identity:credentials|--format']='json env credential-process'
  [':identity:credentials|--flow']='enhanced basic'
)
_cognito_admin_profile_args=' :profile:init :profile:set :profile:show :profile:use :profile:remove '

_cognito_admin_profiles() {
  command cognito-admin profile list -o text --no-input 2>/dev/null | cut -f1
}

_cognito_admin() {
  local cur prev key=":" word i skip=0 values
  COMPREPLY=()
  cur="${COMP_WORDS[COMP_CWORD]}"
  prev="${COMP_WORDS[COMP_CWORD-1]}"
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="${COMP_WORDS[i]}"
    if ((skip)); then skip=0; continue; fi
    if [[ $word == -* ]]; then
      [[ ${_cognito_admin_valued[$key]} == *" $word "* || ${_cognito_admin_valued[:]} == *" $word "* ]] && skip=1
      continue
    fi
    if [[ " ${_cognito_admin_children[$key]} " == *" $word "* ]]; then
      if [[ $key == ":" ]]; then key=":$word"; else key="$key:$word"; fi
    fi
  done
  if ((skip)); then
    values="${_cognito_admin_choices[$key|$prev]:-${_cognito_admin_choices[:|$prev]}}"
    [[ $values == @profiles ]] && values="$(_cognito_admin_profiles)"
    COMPREPLY=($(compgen -W "$values" -- "$cur"))
  elif [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "${_cognito_admin_options[$key]} ${_cognito_admin_options[:]}" -- "$cur"))
  elif [[ -n ${_cognito_admin_children[$key]} ]]; then
    COMPREPLY=($(compgen -W "${_cognito_admin_children[$key]}" -- "$cur"))
  elif [[ ${_cognito_admin_profile_args} == *" $key "* ]]; then
    COMPREPLY=($(compgen -W "$(_cognito_admin_profiles)" -- "$cur"))
  fi
  return 0
}

complete -F _cognito_admin cognito-admin

