using System.Text;

namespace NetLens.Cli.Output.Completion;

/// <summary>
/// The bash completion script, written from the command tree: a table per command path (its subcommands, its options,
/// what each option's value is) and one function that reads the line up to the cursor. Names this host has (namespaces,
/// interfaces, addresses, services) are asked of netlens itself when TAB is pressed, inside the line's --netns.
/// </summary>
public static class BashCompletionWriter
{
    public static string Write(IReadOnlyList<CommandNode> tree, string version)
    {
        var script = new StringBuilder();
        script.Append($"""
            # bash completion for netlens {version}, written by `netlens completion bash`.
            # Use: source <(netlens completion bash), or save it as /usr/share/bash-completion/completions/netlens


            """);
        script.Append(Functions(tree));
        script.Append("complete -o default -F __netlens_complete netlens\n");
        return script.ToString();
    }

    /// <summary>The functions alone (no `complete` line): zsh runs the same ones through bashcompinit.</summary>
    public static string Functions(IReadOnlyList<CommandNode> tree)
    {
        var script = new StringBuilder();
        Table(script, "__netlens_subcommands", "the subcommands under a command path ('' is netlens itself)",
            tree.Where(n => n.Subcommands.Count > 0).Select(n => (ShellWords.Quote(n.Path), ShellWords.Quote(string.Join(' ', n.Subcommands)))));
        Table(script, "__netlens_options", "the options a command path takes",
            tree.Select(n => (ShellWords.Quote(n.Path), ShellWords.Quote(string.Join(' ', n.Options.SelectMany(o => o.Names))))));
        Table(script, "__netlens_value", "what follows an option (PATH|OPTION): none for a flag, else the kind of its value",
            tree.SelectMany(n => n.Options.Where(o => o.Value != CompletionValue.None)
                .SelectMany(o => o.Names.Select(name => (ShellWords.Quote($"{n.Path}|{name}"), ShellWords.Quote(ValueWord(o)))))),
            fallback: "none", argumentCount: 2);
        Table(script, "__netlens_argument", "what a command path's argument is, where names fit it",
            tree.Where(n => n.Argument != CompletionValue.None).Select(n => (ShellWords.Quote(n.Path), ShellWords.Quote(ShellWords.Kind(n.Argument)))));
        script.Append(Complete);
        return script.ToString();
    }

    private static string ValueWord(OptionNode option) =>
        option.Value == CompletionValue.Choice ? $"choice:{string.Join(' ', option.Choices)}" : ShellWords.Kind(option.Value);

    private static void Table(StringBuilder script, string name, string why, IEnumerable<(string Key, string Value)> rows, string? fallback = null, int argumentCount = 1)
    {
        var key = argumentCount == 1 ? "$1" : "$1|$2";
        script.Append($"# {why}\n{name}() {{\n    case \"{key}\" in\n");
        foreach (var (k, v) in rows)
        {
            script.Append($"        {k}) echo {v} ;;\n");
        }

        if (fallback is not null)
        {
            script.Append($"        *) echo {fallback} ;;\n");
        }

        script.Append("    esac\n}\n\n");
    }

    // The line is read from COMP_LINE up to the cursor, not from COMP_WORDS: bash splits words at ':' and '=', which
    // would cut fe80::1%eth0 and [2001:db8::1]:53 into pieces. Written for bash and for zsh's bashcompinit (sh emulation,
    // arrays from 0), so no bash-only expansions and no `read -a`.
    private const string Complete = """
        # the words netlens itself lists: namespaces, interfaces, addresses, services (in the line's --netns)
        __netlens_names() {
            if [ -n "$3" ]; then
                "$2" completion values "$1" --netns "$3" 2>/dev/null
            else
                "$2" completion values "$1" 2>/dev/null
            fi
        }

        __netlens_offer() {
            local kind="$1" cur="$2" netlens="$3" netns="$4"
            case "$kind" in
                file) COMPREPLY=($(compgen -f -- "$cur")) ;;
                dir) COMPREPLY=($(compgen -d -- "$cur")) ;;
                choice:*) COMPREPLY=($(compgen -W "${kind#choice:}" -- "$cur")) ;;
                namespaces|interfaces|addresses|services) COMPREPLY=($(compgen -W "$(__netlens_names "$kind" "$netlens" "$netns")" -- "$cur")) ;;
                *) COMPREPLY=() ;;
            esac
        }

        __netlens_complete() {
            local line="${COMP_LINE:0:$COMP_POINT}"
            local -a words
            # split at blanks, no globbing ([2001:db8::1]:53 is no pattern); zsh's sh emulation splits the same way
            local IFS=$' \t\n'
            set -f
            words=( $line )
            set +f
            case "$line" in *' '|'') words+=('') ;; esac
            local count=${#words[@]}
            local cur="${words[count-1]}" netlens="${words[0]}" path='' netns='' word kind i
            COMPREPLY=()
            for ((i = 1; i < count - 1; i++)); do
                word="${words[i]}"
                case "$word" in
                    -*)
                        kind=$(__netlens_value "$path" "$word")
                        if [ "$kind" != none ]; then
                            if ((i + 1 == count - 1)); then
                                __netlens_offer "$kind" "$cur" "$netlens" "$netns"
                                __netlens_after_colon "$cur"
                                return 0
                            fi
                            ((i++))
                            [ "$word" = --netns ] && netns="${words[i]}"
                        fi
                        ;;
                    *)
                        case " $(__netlens_subcommands "$path") " in
                            *" $word "*) path="${path:+$path }$word" ;;
                        esac
                        ;;
                esac
            done
            case "$cur" in
                -*) COMPREPLY=($(compgen -W "$(__netlens_options "$path")" -- "$cur")) ;;
                *)
                    kind=$(__netlens_argument "$path")
                    if [ -n "$kind" ]; then
                        __netlens_offer "$kind" "$cur" "$netlens" "$netns"
                    fi
                    COMPREPLY+=($(compgen -W "$(__netlens_subcommands "$path")" -- "$cur"))
                    ;;
            esac
            __netlens_after_colon "$cur"
            return 0
        }

        # bash completes only the part after the last ':' of an address (COMP_WORDBREAKS): offer that part
        __netlens_after_colon() {
            case "$1" in
                *:*)
                    if [ -z "${ZSH_VERSION:-}" ] && [[ "$COMP_WORDBREAKS" == *:* ]]; then
                        local prefix="${1%"${1##*:}"}" i
                        for ((i = 0; i < ${#COMPREPLY[@]}; i++)); do
                            COMPREPLY[i]="${COMPREPLY[i]#"$prefix"}"
                        done
                    fi
                    ;;
            esac
        }


        """;
}
