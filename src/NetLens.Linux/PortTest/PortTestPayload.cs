using System.Text;

namespace NetLens.Linux.PortTest;

/// <summary>
/// The datagrams `port test` sends and `port listen` answers: "netlens-test NONCE" and "netlens-reply NONCE",
/// so a reply proves this very probe reached the listener (not a stale or stray datagram).
/// </summary>
public static class PortTestPayload
{
    public const string TestPrefix = "netlens-test ";
    public const string ReplyPrefix = "netlens-reply ";

    public static byte[] Test(string nonce) => Encoding.ASCII.GetBytes(TestPrefix + nonce + "\n");

    /// <summary>The listener's answer: the probe's nonce back, or for anything else the datagram echoed after the reply prefix.</summary>
    public static byte[] Reply(ReadOnlySpan<byte> received)
    {
        var text = Encoding.ASCII.GetString(received);
        var body = text.StartsWith(TestPrefix, StringComparison.Ordinal) ? text[TestPrefix.Length..] : text;
        return Encoding.ASCII.GetBytes(ReplyPrefix + body);
    }

    public static bool IsReplyTo(ReadOnlySpan<byte> received, string nonce) =>
        Encoding.ASCII.GetString(received).TrimEnd('\n') == ReplyPrefix + nonce;
}
