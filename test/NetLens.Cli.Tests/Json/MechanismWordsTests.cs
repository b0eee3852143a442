using NetLens.Cli.Output.Json;
using NetLens.Core.Probing;
using NetLens.Engines.Scan;

namespace NetLens.Cli.Tests.Json;

public class MechanismWordsTests
{
    [Fact]
    public void Every_probe_mechanism_has_one_snake_case_word_of_the_list()
    {
        var words = Enum.GetValues<ProbeMechanism>().Select(MechanismWords.Of).ToList();

        Assert.Equal(["raw_socket", "icmp_datagram", "udp_error_queue", "tcp_connect"], words);
        Assert.All(words, w => Assert.Contains(w, MechanismWords.All));
    }

    [Theory]
    [InlineData(ScanEngine.ConnectMechanism, "tcp_connect")]
    [InlineData(ScanEngine.SynMechanism, "raw_socket")]
    [InlineData(ScanEngine.RawDiscoveryMechanism, "raw_socket")]
    [InlineData(ScanEngine.UdpMechanism, "udp_error_queue")]
    [InlineData("udp-errqueue", "udp_error_queue")]
    public void Scan_and_port_test_words_become_the_same_spelling_as_trace(string toolWord, string json)
    {
        Assert.Equal(json, MechanismWords.Of(toolWord));
    }

    [Fact]
    public void Every_word_is_snake_case()
    {
        Assert.All(MechanismWords.All, w => Assert.Matches("^[a-z]+(_[a-z]+)*$", w));
    }
}
