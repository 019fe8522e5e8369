using PrivacyServices.Http;
using Xunit;

namespace PrivacyServices.Core.Tests.LiveRamp;

public sealed class LinkHeaderTests
{
    private static readonly Uri Context = new("https://api.liveramp.com/privacy/v2/consent-files?cursor=abc");

    [Fact]
    public void Finds_an_absolute_next_link()
    {
        var next = LinkHeader.FindNext(new[] { "<https://api.liveramp.com/privacy/v2/consent-files?cursor=def>; rel=\"next\"" }, Context);
        Assert.Equal("https://api.liveramp.com/privacy/v2/consent-files?cursor=def", next!.AbsoluteUri);
    }

    [Theory]
    [InlineData("</privacy/v2/consent-files?cursor=2>; rel=next", "https://api.liveramp.com/privacy/v2/consent-files?cursor=2")]
    [InlineData("<?cursor=2>; rel=next", "https://api.liveramp.com/privacy/v2/consent-files?cursor=2")]
    [InlineData("<consent-files?page=3>; rel=next", "https://api.liveramp.com/privacy/v2/consent-files?page=3")]
    [InlineData("<//other.example/x>; rel=next", "https://other.example/x")]
    public void Resolves_relative_references_against_the_request_uri(string header, string expected)
    {
        Assert.Equal(expected, LinkHeader.FindNext(new[] { header }, Context)!.AbsoluteUri);
    }

    [Fact]
    public void Picks_next_among_several_links_with_commas_and_semicolons_inside_uris_and_quotes()
    {
        const string header =
            "<https://api.liveramp.com/x?a=1,2;3>; rel=\"prev\"; title=\"one, two; three\", " +
            "<https://api.liveramp.com/x?page=last>; rel=\"last\", " +
            "<https://api.liveramp.com/x?b=4,5>; title=\"the \\\"next\\\" one\"; rel=\"next\"";
        var links = LinkHeader.Parse(header);

        Assert.Equal(3, links.Count);
        Assert.Equal("https://api.liveramp.com/x?a=1,2;3", links[0].Target);
        Assert.Equal("one, two; three", links[0].Parameters["title"]);
        Assert.Equal("the \"next\" one", links[2].Parameters["title"]);
        Assert.Equal("https://api.liveramp.com/x?b=4,5", LinkHeader.FindNext(new[] { header }, Context)!.AbsoluteUri);
    }

    [Theory]
    [InlineData("<https://a.example/2>; rel=\"last next\"")]
    [InlineData("<https://a.example/2>; REL=NEXT")]
    [InlineData("<https://a.example/2> ; rel = \"Next\"")]
    [InlineData("garbage without brackets, <https://a.example/2>; rel=next")]
    [InlineData("<https://a.example/1>; rel=prev junk, <https://a.example/2>; rel=next")]
    public void Relation_types_are_space_separated_and_case_insensitive_and_malformed_links_are_skipped(string header)
    {
        Assert.Equal("https://a.example/2", LinkHeader.FindNext(new[] { header }, Context)!.AbsoluteUri);
    }

    [Fact]
    public void Only_the_first_rel_parameter_counts()
    {
        Assert.Null(LinkHeader.FindNext(new[] { "<https://a.example/2>; rel=prev; rel=next" }, Context));
    }

    [Fact]
    public void Several_header_fields_are_one_list()
    {
        var next = LinkHeader.FindNext(new[] { "<https://a.example/1>; rel=prev", "<https://a.example/3>; rel=next" }, Context);
        Assert.Equal("https://a.example/3", next!.AbsoluteUri);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("<https://a.example/1>; rel=prev")]
    [InlineData("<https://a.example/1>")]
    [InlineData("<https://a.example/1; rel=next")]
    [InlineData("<https://a.example/1>; title=\"unclosed, <https://a.example/2>; rel=next")]
    public void No_next_link_gives_null(string header)
    {
        Assert.Null(LinkHeader.FindNext(new[] { header }, Context));
    }
}
