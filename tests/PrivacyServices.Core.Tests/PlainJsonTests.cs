using CsCheck;
using PrivacyServices.Apis;
using PrivacyServices.Http;

namespace PrivacyServices.Core.Tests;

/// <summary>
/// PlainJson.ParsePlain reads JSON straight into plain values (the per-call path of small answers); it must give exactly what
/// the tree-based ToPlain(Parse(...)) gives, and fail the same way.
/// </summary>
public sealed class PlainJsonTests
{
    private static readonly Gen<string> Scalar = Gen.OneOf(
        Gen.String.Select(v => System.Text.Json.JsonSerializer.Serialize(v)),
        Gen.Long.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Double.Where(double.IsFinite).Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)),
        Gen.OneOf<string>("null", "true", "false", "-0", "1e400", "123456789012345678901234567890", "\"2025-06-15T08:30:00Z\""));

    private static readonly Gen<string> Name = Gen.OneOf(
        Gen.OneOf<string>("projectId", "ProjectID", "serviceName", "subscriptions", "created", "updated", "region", "a", "A"),
        Gen.String.Select(v => System.Text.Json.JsonSerializer.Serialize(v)[1..^1]));

    private static readonly Gen<string> Json = Gen.Recursive<string>((depth, json) => depth >= 4
        ? Scalar
        : Gen.Frequency(
            (3, Scalar),
            (1, json.Array[0, 5].Select(items => "[" + string.Join(",", items) + "]")),
            (1, json.Select(item => "[/* a comment */ " + item + " // another\n]")),
            (2, Gen.Select(Name, json).Array[0, 6].Select(fields => "{" + string.Join(",", UniqueNames(fields).Select(f => $"\"{f.Item1}\":{f.Item2}")) + "}"))));

    /// <summary>
    /// Names differing only in case are one field to both readers, but a JObject keeps each spelling apart and the tree's
    /// conversion then lets the later spelling win by first position, where the direct reader lets the later value win.
    /// Vendors do not send such twins; the comparison leaves them out.
    /// </summary>
    private static IEnumerable<(string, string)> UniqueNames(IEnumerable<(string, string)> fields) =>
        fields.GroupBy(f => System.Text.RegularExpressions.Regex.Unescape(f.Item1), StringComparer.OrdinalIgnoreCase).Select(g => g.First());

    [Fact]
    public void ParsePlain_gives_what_the_JToken_tree_gives_or_fails_alike() =>
        Gen.OneOf(Json, Json.Select(j => j.Length > 1 ? j[..^1] : j), Gen.String).Where(text => !StartsWithComment(text)).Sample(text =>
        {
            var expected = Outcome(() => PlainJson.ToPlain(PlainJson.Parse(text, "GET x")));
            var actual = Outcome(() => PlainJson.ParsePlain(text, "GET x"));
            Assert.Equal(expected.Failed, actual.Failed);
            if (!expected.Failed)
            {
                AssertSamePlain(expected.Value, actual.Value);
            }
        }, iter: 5000);

    /// <summary>The tree path takes a leading comment for the value itself (JToken.ReadFrom stops at the first token).</summary>
    private static bool StartsWithComment(string text) => text.TrimStart().StartsWith('/');

    [Fact]
    public void A_leading_comment_is_skipped_and_a_body_of_only_a_comment_is_malformed()
    {
        Assert.Equal(1L, ((Dictionary<string, object?>)PlainJson.ParsePlain("/* note */ {\"a\":1}", "GET x")!)["a"]);
        Assert.Equal(PrivacyErrorKind.InvalidResponse, Assert.Throws<PrivacyServiceException>(() => PlainJson.ParsePlain("// only a comment", "GET x")).Kind);
    }

    [Fact]
    public void ParsePlain_reports_empty_and_malformed_bodies_as_invalid_responses()
    {
        foreach (var text in new[] { "", "   ", "{\"a\":", "[1,2", "{\"a\" 1}" })
        {
            var error = Assert.Throws<PrivacyServiceException>(() => PlainJson.ParsePlain(text, "GET projectInfo"));
            Assert.Equal(PrivacyErrorKind.InvalidResponse, error.Kind);
            Assert.StartsWith("GET projectInfo did not return valid JSON", error.Message);
        }
    }

    [Fact]
    public void ParsePlain_refuses_nesting_beyond_128_levels()
    {
        var deep = new string('[', 200) + new string(']', 200);
        Assert.Equal(PrivacyErrorKind.InvalidResponse, Assert.Throws<PrivacyServiceException>(() => PlainJson.ParsePlain(deep, "GET x")).Kind);
    }

    [Fact]
    public void ReadDateValue_reads_what_ReadDate_reads_from_the_same_JSON() =>
        Gen.OneOf(
            Gen.Long.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Gen.Long[1, 253402300799000].Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Gen.DateTimeOffset.Select(d => System.Text.Json.JsonSerializer.Serialize(d)),
            Gen.OneOf<string>("\"2025-06-15T08:30:00Z\"", "\"2025-06-15 08:30\"", "\"not a date\"", "1.5", "true", "null", "123456789012345678901234567890"))
        .Sample(json =>
        {
            var token = PlainJson.Parse(json, "x");
            Assert.Equal(PlainJson.ReadDate(token), PlainJson.ReadDateValue(PlainJson.ParsePlain(json, "x")));
        }, iter: 3000);

    [Fact]
    public void A_project_is_read_from_plain_fields_with_every_unknown_field_kept()
    {
        var fields = (IReadOnlyDictionary<string, object?>)PlainJson.ParsePlain(
            "{\"ProjectId\":\"p-1\",\"serviceName\":\"Demo\",\"subscriptions\":[{\"topic\":\"t\",\"events\":[\"ACCESS\"]}]," +
            "\"created\":\"2024-03-01T10:00:00Z\",\"updated\":1750000000,\"region\":\"eu-north-1\",\"limits\":{\"rps\":5}}",
            "GET projectInfo")!;

        var project = TeliaProjectsClient.Read(fields, "requested");

        Assert.Equal("p-1", project.ProjectId);
        Assert.Equal("Demo", project.ServiceName);
        var subscription = Assert.IsType<Dictionary<string, object?>>(Assert.Single(project.Subscriptions));
        Assert.Equal(new object?[] { "ACCESS" }, subscription["EVENTS"]);
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.Zero), project.Created);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1750000000), project.Updated);
        Assert.Equal(new[] { "limits", "region" }, project.AdditionalProperties.Keys.OrderBy(k => k));
        Assert.Equal(5L, ((IDictionary<string, object?>)project.AdditionalProperties["limits"]!)["rps"]);
    }

    [Fact]
    public void A_project_without_an_id_or_with_an_object_for_one_keeps_the_requested_id()
    {
        Assert.Equal("requested", TeliaProjectsClient.Read(new Dictionary<string, object?>(), "requested").ProjectId);
        var odd = (IReadOnlyDictionary<string, object?>)PlainJson.ParsePlain("{\"projectId\":{\"x\":1},\"serviceName\":[1]}", "x")!;
        var project = TeliaProjectsClient.Read(odd, "requested");
        Assert.Equal("requested", project.ProjectId);
        Assert.Null(project.ServiceName);
        Assert.Equal("42", TeliaProjectsClient.Read(new Dictionary<string, object?> { ["projectId"] = 42L }, "requested").ProjectId);
    }

    private static (bool Failed, object? Value) Outcome(Func<object?> parse)
    {
        try
        {
            return (false, parse());
        }
        catch (PrivacyServiceException ex)
        {
            Assert.Equal(PrivacyErrorKind.InvalidResponse, ex.Kind);
            return (true, null);
        }
    }

    private static void AssertSamePlain(object? expected, object? actual)
    {
        switch (expected)
        {
            case Dictionary<string, object?> fields:
                var actualFields = Assert.IsType<Dictionary<string, object?>>(actual);
                Assert.Equal(fields.Keys.OrderBy(k => k, StringComparer.Ordinal), actualFields.Keys.OrderBy(k => k, StringComparer.Ordinal));
                foreach (var field in fields)
                {
                    AssertSamePlain(field.Value, actualFields[field.Key]);
                }

                break;
            case object?[] items:
                var actualItems = Assert.IsType<object?[]>(actual);
                Assert.Equal(items.Length, actualItems.Length);
                for (var i = 0; i < items.Length; i++)
                {
                    AssertSamePlain(items[i], actualItems[i]);
                }

                break;
            default:
                Assert.Equal(expected?.GetType(), actual?.GetType());
                Assert.Equal(expected, actual);
                break;
        }
    }
}
