using System.Globalization;
using NetLens.Core.Addressing;

namespace NetLens.Core.Sockets;

/// <summary>
/// Parses ss's FILTER words: `[state S | exclude S]... [EXPRESSION]` where EXPRESSION joins
/// `sport|dport OP :PORT` and `src|dst PREFIX[:PORT]` with and/or/not and parentheses (ss(8)).
/// </summary>
public sealed class SocketFilterParser
{
    private readonly List<string> _tokens;
    private readonly Func<string, int?>? _servicePort;
    private int _position;

    private SocketFilterParser(List<string> tokens, Func<string, int?>? servicePort)
    {
        _tokens = tokens;
        _servicePort = servicePort;
    }

    /// <summary>Throws <see cref="UsageException"/> with the word that is wrong.</summary>
    /// <param name="words">The filter's words as the command line gave them.</param>
    /// <param name="servicePort">
    /// Service name → port (`:ssh` → 22), as ss looks names up in the services file; null takes numbers only.
    /// </param>
    public static SocketFilter Parse(IReadOnlyList<string> words, Func<string, int?>? servicePort = null)
    {
        var parser = new SocketFilterParser(Tokenize(string.Join(' ', words)), servicePort);
        return parser.ParseFilter();
    }

    private SocketFilter ParseFilter()
    {
        SocketStateSet? states = null;
        while (Peek() is { } word && (Is(word, "state") || Is(word, "exclude") || Is(word, "excl")))
        {
            _position++;
            var name = Next() ?? throw new UsageException($"\"{word}\" needs a state name (established, listening, time-wait…)");
            var set = SocketWords.ParseStateName(name) ?? throw new UsageException($"unknown socket state \"{name}\" (see ss(8): established, syn-sent, listening, time-wait, connected, all…)");
            states = Is(word, "state")
                ? (states ?? SocketStateSet.None).With(set)
                : new SocketStateSet((states ?? SocketStateSet.All).Mask & ~set.Mask);
        }

        var condition = Peek() is null ? null : ParseOr();
        if (Peek() is { } extra)
        {
            throw new UsageException($"unexpected \"{extra}\" in the filter");
        }

        return new SocketFilter(states, condition);
    }

    private SocketCondition ParseOr()
    {
        var left = ParseAnd();
        while (Peek() is { } word && (Is(word, "or") || word is "||" or "|"))
        {
            _position++;
            left = new OrCondition(left, ParseAnd());
        }

        return left;
    }

    private SocketCondition ParseAnd()
    {
        var left = ParseUnary();
        while (Peek() is { } word && !Is(word, "or") && word is not ("||" or "|" or ")"))
        {
            if (Is(word, "and") || word is "&&" or "&")
            {
                _position++;
            }

            left = new AndCondition(left, ParseUnary());
        }

        return left;
    }

    private SocketCondition ParseUnary()
    {
        var word = Next() ?? throw new UsageException("the filter ends where a condition was expected");
        if (Is(word, "not") || word == "!")
        {
            return new NotCondition(ParseUnary());
        }

        if (word == "(")
        {
            var inner = ParseOr();
            if (Next() != ")")
            {
                throw new UsageException("a \"(\" in the filter is never closed");
            }

            return inner;
        }

        if (Is(word, "sport") || Is(word, "dport"))
        {
            var side = Is(word, "sport") ? EndpointSide.Source : EndpointSide.Destination;
            var comparison = TryComparison() ?? PortComparison.Equal;
            var text = Next() ?? throw new UsageException($"\"{word}\" needs a port (:443)");
            return new PortCondition(side, comparison, PortOrService(text.TrimStart(':'), text));
        }

        if (Is(word, "src") || Is(word, "dst"))
        {
            var side = Is(word, "src") ? EndpointSide.Source : EndpointSide.Destination;
            var comparison = TryComparison() ?? PortComparison.Equal;
            var text = Next() ?? throw new UsageException($"\"{word}\" needs an address or prefix (198.18.0.0/15)");
            SocketCondition condition = ParseEndpoint(side, text);
            return comparison switch
            {
                PortComparison.Equal => condition,
                PortComparison.NotEqual => new NotCondition(condition),
                _ => throw new UsageException($"\"{word}\" takes = or != only"),
            };
        }

        throw new UsageException($"unknown filter word \"{word}\" (use state, sport, dport, src, dst, and, or, not)");
    }

    private PortComparison? TryComparison()
    {
        PortComparison? comparison = Peek()?.ToLowerInvariant() switch
        {
            "=" or "==" or "eq" => PortComparison.Equal,
            "!=" or "ne" or "neq" => PortComparison.NotEqual,
            "<" or "lt" => PortComparison.Less,
            "<=" or "le" => PortComparison.LessOrEqual,
            ">" or "gt" => PortComparison.Greater,
            ">=" or "ge" => PortComparison.GreaterOrEqual,
            _ => null,
        };
        if (comparison is not null)
        {
            _position++;
        }

        return comparison;
    }

    /// <summary>`198.18.0.0/15`, `198.18.0.1:80`, `[2001:db8::1]:80`, `2001:db8::/32`, `*`, `:80`, `*:80`.</summary>
    private AddressCondition ParseEndpoint(EndpointSide side, string text)
    {
        string host = text;
        int? port = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw new UsageException($"\"{text}\" has no closing ]");
            }

            host = text[1..close];
            if (close + 1 < text.Length)
            {
                port = ParsePortSuffix(text[(close + 1)..], text);
            }
        }
        else if (text.Count(c => c == ':') == 1)
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            host = text[..colon];
            port = ParsePortSuffix(text[colon..], text);
        }

        if (host is "" or "*")
        {
            return new AddressCondition(side, null, port);
        }

        if (IpPrefix.TryParse(host, out var prefix))
        {
            return new AddressCondition(side, prefix, port);
        }

        var address = SocketFilter.ParseAddress(host) ?? throw new UsageException($"\"{text}\" is not an address or prefix (198.18.0.0/15, [2001:db8::1]:80)");
        return new AddressCondition(side, IpPrefix.Host(address), port);
    }

    private int? ParsePortSuffix(string suffix, string text)
    {
        if (suffix is ":" or ":*")
        {
            return null;
        }

        return PortOrService(suffix.TrimStart(':'), text);
    }

    /// <summary>A number, or a service name looked up as ss does (getservbyname): `:ssh` is 22, an unknown name is an error.</summary>
    private int PortOrService(string port, string text)
    {
        if (ParsePort(port) is { } number)
        {
            return number;
        }

        if (port.Length == 0 || char.IsAsciiDigit(port[0]) || port.Contains(':', StringComparison.Ordinal))
        {
            throw new UsageException($"\"{text}\" is not a port (write :443 or a service name such as :https)");
        }

        return _servicePort?.Invoke(port)
            ?? throw new UsageException($"\"{text}\": no service \"{port}\" in the services file (write the port number, :443)");
    }

    private static int? ParsePort(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535 ? port : null;

    private string? Peek() => _position < _tokens.Count ? _tokens[_position] : null;

    private string? Next() => _position < _tokens.Count ? _tokens[_position++] : null;

    private static bool Is(string word, string keyword) => string.Equals(word, keyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>Words split on spaces; parentheses and comparison operators stand alone even when written against a word.</summary>
    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if (IsOperatorChar(c))
            {
                var start = i;
                while (i < text.Length && IsOperatorChar(text[i]))
                {
                    i++;
                }

                tokens.Add(text[start..i]);
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')') && !IsOperatorChar(text[i]))
                {
                    i++;
                }

                tokens.Add(text[start..i]);
            }
        }

        return tokens;
    }

    private static bool IsOperatorChar(char c) => c is '=' or '!' or '<' or '>' or '&' or '|';
}
