# data/completion/ftl.bash - bash completion for ftl(1)
#
# 'make install' puts it in $(PREFIX)/share/bash-completion/completions/ftl,
# where bash-completion loads it the first time 'ftl' is completed; or
# source it.  Every name comes from the ftl being completed, at the time
# of the TAB: 'ftl help --list WHAT' (commands, kinds, formats, langs, and
# the tables of the case named by -c, $FTL_CASE or ./case.ftl) and the
# option lines of 'ftl COMMAND [TOPIC] --help'.  So the completion knows
# what that binary knows and cannot go stale; each TAB runs ftl once or
# twice.  Anything else completes as a file name.
#
# SPDX-License-Identifier: MIT

# The options of the help text that the command "$@" prints: those on its
# usage lines and at the start of its option lines (up to the two spaces
# where the prose begins), as tests/e2e/t_docs.sh reads them.
_ftl_options()
{
    "$@" 2>/dev/null | awk '
        /^ *(usage:|ftl )/ || /^ +-/ {
            line = $0
            if (line ~ /^ +-/) {
                sub(/^ +/, "", line)
                sub(/  .*/, "", line)
            }
            n = split(line, w, /[][ ,|.=]+/)
            for (i = 1; i <= n; i++)
                if (w[i] ~ /^--?[a-zA-Z][a-zA-Z0-9-]*$/)
                    print w[i]
        }' | sort -u
}

# COMPREPLY: the words of $1 (one a line or space-separated) that start
# with the word being completed.
_ftl_reply()
{
    mapfile -t COMPREPLY < <(compgen -W "$1" -- "$_ftl_cur")
}

_ftl_files()
{
    compopt -o filenames 2>/dev/null
    mapfile -t COMPREPLY < <(compgen -f -- "$_ftl_cur")
}

# 'ftl COMMAND ...' after the command word (at index $2): a kind or format
# first where the command takes one, then its options or files.
_ftl_command()
{
    local ftl=$1 at=$2 cmd=${COMP_WORDS[$2]} topic=
    local next=$((at + 1))

    [ "$COMP_CWORD" -gt "$next" ] && topic=${COMP_WORDS[$next]}
    case $cmd in
    collect | export)
        if [ "$COMP_CWORD" -eq "$next" ] && [[ $_ftl_cur != -* ]]; then
            local what=kinds
            [ "$cmd" = export ] && what=formats
            _ftl_reply "$("$ftl" help --list "$what" 2>/dev/null)"
            return
        fi ;;
    help)
        if [ "$_ftl_prev" = --list ]; then
            _ftl_reply "commands kinds formats langs tables"
        elif [ "$COMP_CWORD" -eq "$next" ]; then
            _ftl_reply "$("$ftl" help --list commands 2>/dev/null) --list"
        elif [ "$COMP_CWORD" -eq $((next + 1)) ]; then
            case $topic in
            collect) _ftl_reply "$("$ftl" help --list kinds 2>/dev/null)" ;;
            export) _ftl_reply "$("$ftl" help --list formats 2>/dev/null)" ;;
            esac
        fi
        return ;;
    esac
    if [[ $_ftl_cur == -* ]]; then
        # the options of the kind or format when one is given
        if [ -n "$topic" ] && [[ $topic != -* ]]; then
            _ftl_reply "$(_ftl_options "$ftl" help "$cmd" "$topic")"
        else
            _ftl_reply "$(_ftl_options "$ftl" "$cmd" --help)"
        fi
    else
        _ftl_files
    fi
}

_ftl()
{
    local ftl=${COMP_WORDS[0]} i w at= case=()
    local _ftl_cur=${COMP_WORDS[COMP_CWORD]}
    local _ftl_prev=
    [ "$COMP_CWORD" -gt 0 ] && _ftl_prev=${COMP_WORDS[COMP_CWORD - 1]}
    ftl=${ftl/#\~/$HOME}
    COMPREPLY=()

    # the command word (after -c CASE), and the case, wherever -c stands
    for ((i = 1; i < ${#COMP_WORDS[@]}; i++)); do
        w=${COMP_WORDS[i]}
        case $w in
        -c | --case)
            [ $((i + 1)) -lt "$COMP_CWORD" ] &&
                case=(-c "${COMP_WORDS[i + 1]}")
            i=$((i + 1)) ;;
        --case=*) case=(-c "${w#--case=}") ;;
        -*) ;;
        *) [ -z "$at" ] && [ "$i" -lt "$COMP_CWORD" ] && at=$i ;;
        esac
    done

    case $_ftl_prev in
    -c | --case | -o | --output | --iocs | --rules | --staff)
        _ftl_files
        return ;;
    --table)
        _ftl_reply "$("$ftl" "${case[@]}" help --list tables 2>/dev/null)"
        return ;;
    --lang)
        _ftl_reply "$("$ftl" help --list langs 2>/dev/null)"
        return ;;
    --for)
        _ftl_reply "spreadsheet timesketch"
        return ;;
    esac
    if [ -z "$at" ]; then
        if [[ $_ftl_cur == -* ]]; then
            _ftl_reply "$(_ftl_options "$ftl" --help)"
        else
            _ftl_reply "$("$ftl" help --list commands 2>/dev/null)"
        fi
        return
    fi
    _ftl_command "$ftl" "$at"
}

complete -F _ftl ftl
