using System.Net;
using System.Text;
using NetLens.Cli.Commands.Routing;
using NetLens.Cli.Commands.Routing.Batch;
using NetLens.Core;
using NetLens.Engines.Routing.Batch;

namespace NetLens.Cli.Tests.Routing;

/// <summary>Batch lines read from bytes: addresses in every spelling, options shared, blank and comment lines kept in place.</summary>
public class BatchQuestionsTests
{
    private static BatchQuestions Parse(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return BatchQuestions.Parse(bytes, bytes.Length, new BatchQuestionParser(new RouteGetOptions { Target = string.Empty }), "test");
    }

    [Theory]
    [InlineData("198.18.0.1", true)]
    [InlineData("2001:db8:1:2:3:4:5:6", true)]
    [InlineData("2001:db8:0:2:3:4:5:6", true)]
    [InlineData("2001:db8::3:4:5:6", true)]
    [InlineData("2001:0db8:0001:0002:0003:0004:0005:0006", false)]
    [InlineData("2001:DB8:1:2:3:4:5:6", false)]
    [InlineData("2001:db8:0:0:3:4:5:6", false)]
    [InlineData("0:0:0:0:0:ffff:c612:1", false)]
    [InlineData("::ffff:198.18.0.1", true)]
    public void Every_spelling_reads_as_IPAddress_reads_it_and_knows_whether_answers_print_it_so(string text, bool canonical)
    {
        var questions = Parse(text + "\n");

        var address = questions.AddressOf(0);
        var expected = IPAddress.Parse(text);
        Assert.Equal(expected, Rebuild(address));
        Assert.Equal(canonical, address.Canonical);
        Assert.Equal(expected.ToString() == text, address.Canonical);
        Assert.Equal(text, Encoding.UTF8.GetString(questions.AddressTextOf(0)));
    }

    [Fact]
    public void Blank_and_comment_lines_are_skipped_in_place_and_options_are_shared()
    {
        var questions = Parse("198.18.0.1 mark 0x10\r\n\n  # note\n\t198.18.0.2   mark 0x10  \n2001:db8::1 mark 0x10\n198.18.0.3");

        Assert.Equal(6, questions.LineCount);
        Assert.Equal(BatchQuestions.Skipped, questions.OptionsOf(1));
        Assert.Equal(BatchQuestions.Skipped, questions.OptionsOf(2));
        Assert.Equal(questions.OptionsOf(0), questions.OptionsOf(3));
        Assert.NotEqual(questions.OptionsOf(0), questions.OptionsOf(4));
        Assert.Equal(0x10u, questions.Options[questions.OptionsOf(4)].Mark);
        Assert.Equal("198.18.0.2", Encoding.UTF8.GetString(questions.AddressTextOf(3)));
        Assert.Equal("198.18.0.3", Encoding.UTF8.GetString(questions.AddressTextOf(5)));
    }

    [Theory]
    [InlineData("198.18.0.1\n198.18.0.256\n", "test line 2: ")]
    [InlineData("198.18.0.1\n198.18.0.2 mark\n", "test line 2: ")]
    [InlineData("2001:db8:1:2:3:4:5:6:7\n", "test line 1: ")]
    public void A_bad_line_is_named(string text, string prefix)
    {
        var error = Assert.Throws<UsageException>(() => Parse(text));

        Assert.StartsWith(prefix, error.Message, StringComparison.Ordinal);
    }

    private static IPAddress Rebuild(BatchAddress address)
    {
        var bytes = new byte[address.Ipv6 ? 16 : 4];
        if (address.Ipv6)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(bytes, address.Bits);
        }
        else
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)address.Bits);
        }

        return new IPAddress(bytes);
    }
}
