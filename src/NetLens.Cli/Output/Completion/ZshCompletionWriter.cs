using System.Text;

namespace NetLens.Cli.Output.Completion;

/// <summary>
/// The zsh completion: the bash script's functions run by zsh's own bashcompinit, so both shells offer the same words
/// from one table. Works sourced and as an autoloaded _netlens in $fpath.
/// </summary>
public static class ZshCompletionWriter
{
    public static string Write(IReadOnlyList<CommandNode> tree, string version)
    {
        var script = new StringBuilder();
        script.Append($"""
            #compdef netlens
            # zsh completion for netlens {version}, written by `netlens completion zsh` (bash's functions, through bashcompinit).
            # Use: source <(netlens completion zsh), or save it as _netlens in a directory of $fpath

            autoload -U +X bashcompinit && bashcompinit

            """);
        script.Append(BashCompletionWriter.Functions(tree));
        script.Append("""
            complete -o default -F __netlens_complete netlens

            # loaded by compinit at the first TAB: that TAB is completed too
            if [[ ${zsh_eval_context[-1]} == loadautofunc ]]; then
                _bash_complete -o default -F __netlens_complete
            fi

            """);
        return script.ToString();
    }
}
