namespace NetLens.Core.Tests;

public class NearestWordTests
{
    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("gte", "get", 1)]
    [InlineData("opn", "open", 1)]
    [InlineData("ROUTE", "route", 0)]
    [InlineData("", "abc", 3)]
    [InlineData("abc", "", 3)]
    [InlineData("ca", "abc", 3)]
    public void Distance_counts_insertions_deletions_substitutions_and_swaps(string a, string b, int expected)
    {
        Assert.Equal(expected, NearestWord.Distance(a, b));
        Assert.Equal(expected, NearestWord.Distance(b, a));
    }

    [Theory]
    [InlineData("rout", "route")]
    [InlineData("routs", "routes")]
    [InlineData("gte", "get")]
    [InlineData("opn", "open")]
    [InlineData("--chek", "--check")]
    [InlineData("sock", "sockets")]
    public void A_plausible_typo_finds_the_word_meant(string typed, string expected)
    {
        string[] words = ["routes", "route", "sockets", "scan", "trace", "port", "get", "open", "close", "--check", "--json"];

        Assert.Equal(expected, NearestWord.Find(typed, words));
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("x")]
    [InlineData("zz")]
    public void A_word_far_from_every_candidate_finds_none(string typed)
    {
        Assert.Null(NearestWord.Find(typed, ["routes", "route", "scan", "port"]));
    }
}
