using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Runtime.CompilerServices;
using NetLens.Core;

namespace NetLens.Cli.Parsing;

/// <summary>
/// Checks every option of a kind gets, in one place, before any command runs: a FILE/PATH/DIR is not empty (and a FILE or
/// PATH is not a directory), seconds and rates are finite and not negative, and a value that is not a number is said so
/// in words rather than with .NET's type names (``System.Nullable`1[…]``).
/// </summary>
public static class OptionChecks
{
    // The commands' options are static and the tree is built per run (tests run many): each option is checked once.
    private static readonly ConditionalWeakTable<Option, object> Checked = [];

    /// <summary>Adds the checks to every option of <paramref name="command"/> and its subcommands.</summary>
    public static void AddTo(Command command)
    {
        foreach (var option in command.Options)
        {
            if (Checked.TryAdd(option, option))
            {
                Add(option);
            }
        }

        foreach (var subcommand in command.Subcommands)
        {
            AddTo(subcommand);
        }
    }

    /// <summary>The error line's words for a parse error: System.CommandLine's own, except for a value that is not a number.</summary>
    public static string Describe(ParseError error)
    {
        var result = error.SymbolResult as OptionResult ?? (error.SymbolResult as ArgumentResult)?.Parent as OptionResult;
        if (result is { Option: { } option } && NumberKind(option.ValueType) is { } kind
            && error.Message.StartsWith("Cannot parse argument", StringComparison.Ordinal))
        {
            var token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
            return $"{option.Name} {InputText.Quote(token)} is not {kind}";
        }

        return error.Message;
    }

    private static void Add(Option option)
    {
        if (option.ValueType == typeof(double) || option.ValueType == typeof(double?))
        {
            option.Validators.Add(result => CheckFinite(result, option.Name));
        }
        else if (option.ValueType == typeof(string) && option.HelpName is "FILE" or "PATH" or "DIR")
        {
            option.Validators.Add(result => CheckPath(result, option.Name, option.HelpName));
        }
    }

    private static string? NumberKind(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying == typeof(int) || underlying == typeof(uint) || underlying == typeof(long) || underlying == typeof(ushort) || underlying == typeof(byte)
            ? "a whole number"
            : underlying == typeof(double) || underlying == typeof(float) ? "a number" : null;
    }

    // double.Parse reads "NaN", "Infinity" and "-1": a rate or a number of seconds is none of them.
    private static void CheckFinite(OptionResult result, string name)
    {
        foreach (var token in result.Tokens)
        {
            if (double.TryParse(token.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && (!double.IsFinite(value) || value < 0))
            {
                result.AddError($"{name} {InputText.Quote(token.Value)} must be a finite number, 0 or more");
            }
        }
    }

    private static void CheckPath(OptionResult result, string name, string helpName)
    {
        foreach (var token in result.Tokens)
        {
            if (string.IsNullOrWhiteSpace(token.Value))
            {
                result.AddError($"{name} needs a {(helpName == "DIR" ? "directory" : "file")} name, not an empty one");
            }
            else if (token.Value.Contains('\0', StringComparison.Ordinal))
            {
                result.AddError($"{name} {InputText.Quote(token.Value)} is not a path");
            }
            else if (helpName != "DIR" && Directory.Exists(token.Value))
            {
                result.AddError($"{name} {InputText.Quote(token.Value)} is a directory (name a file)");
            }
        }
    }
}
