using System.Globalization;
using System.Net;
using System.Net.Sockets;
using NetLens.Core;

namespace NetLens.Cli.Commands.Port;

/// <summary>"HOST:PORT[/PROTO]" for `port test` ("198.18.0.1:8080", "[2001:db8::1]:53/udp", "server:22/tcp") and "PORT[/PROTO]" for `port listen`.</summary>
public static class PortTestTarget
{
    public static (string Host, int Port, string? Protocol) ParseEndpoint(string text)
    {
        var (body, protocol) = SplitProtocol(text);
        string host;
        string portText;
        if (body.StartsWith('['))
        {
            var close = body.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || close + 1 >= body.Length || body[close + 1] != ':')
            {
                throw new UsageException($"'{text}': expected [IPv6]:PORT");
            }

            host = body[1..close];
            portText = body[(close + 2)..];
        }
        else
        {
            var colon = body.LastIndexOf(':');
            if (colon <= 0 || body.IndexOf(':', StringComparison.Ordinal) != colon)
            {
                throw new UsageException($"'{text}': expected HOST:PORT (IPv6 addresses in brackets: [2001:db8::1]:80)");
            }

            host = body[..colon];
            portText = body[(colon + 1)..];
        }

        return (host, Port(portText, text), protocol);
    }

    public static (int Port, string? Protocol) ParsePort(string text)
    {
        var (body, protocol) = SplitProtocol(text);
        return (Port(body, text), protocol);
    }

    /// <summary>The host's address: itself when numeric, else the first the resolver gives (IPv4 first, as nmap does without -6).</summary>
    public static IPAddress Resolve(string host)
    {
        if (IPAddress.TryParse(host, out var address))
        {
            return address;
        }

        IPAddress[] addresses;
        try
        {
            addresses = Dns.GetHostAddresses(host);
        }
        catch (SocketException e)
        {
            throw new UsageException($"cannot resolve {InputText.Quote(host)}: {e.Message}");
        }
        catch (ArgumentException)
        {
            // "" (this host to the resolver) or a name over 255 characters: .NET's words name its parameter, not the input.
            throw new UsageException($"{InputText.Quote(host)} is neither an address nor a host name");
        }

        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
            ?? throw new UsageException($"'{host}' resolves to no address");
    }

    private static (string Body, string? Protocol) SplitProtocol(string text)
    {
        var slash = text.LastIndexOf('/');
        if (slash < 0)
        {
            return (text, null);
        }

        var protocol = text[(slash + 1)..].ToLowerInvariant();
        return protocol is "tcp" or "udp" ? (text[..slash], protocol) : throw new UsageException($"'{text}': protocol '{protocol}' is not tcp or udp");
    }

    private static int Port(string text, string whole) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535
            ? port
            : throw new UsageException($"'{whole}': '{text}' is not a port (1-65535)");
}
