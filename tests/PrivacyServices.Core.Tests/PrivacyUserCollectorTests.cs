using Xunit;
using CsCheck;
using PrivacyServices.Apis;

namespace PrivacyServices.Core.Tests;

public sealed class PrivacyUserCollectorTests
{
    [Fact]
    public void Rows_with_the_same_key_become_one_user_in_first_seen_order()
    {
        var collector = new PrivacyUserCollector();
        collector.Add("alice", "email", "alice@example.com", "standard");
        collector.Add("bob", "email", "bob@example.com", null);
        collector.Add("alice", "ECID", "4436365767", "STANDARD");
        collector.Add("alice", "loyalty", "12AD45", "integrationcode");
        collector.Add("alice", "email", " alice@example.com ", "");

        var (valid, rejected) = collector.Build();
        Assert.Empty(rejected);
        Assert.Equal(new[] { "alice", "bob" }, valid.Select(u => u.Key));
        Assert.Equal(new[] { "email", "ECID", "loyalty" }, valid[0].UserIds.Select(i => i.Namespace));
        Assert.Equal(new[] { "standard", "standard", "integrationCode" }, valid[0].UserIds.Select(i => i.Type));
        Assert.Equal("standard", valid[1].UserIds[0].Type);
        Assert.Equal(5, collector.RowCount);
        Assert.Equal(1, collector.DuplicateRowCount);
        Assert.Equal(2, collector.UserCount);
    }

    [Fact]
    public void Keys_are_case_sensitive()
    {
        var collector = new PrivacyUserCollector();
        collector.Add("User1", "email", "a@example.com", null);
        collector.Add("user1", "email", "b@example.com", null);
        Assert.Equal(2, collector.Build().Valid.Count);
    }

    [Fact]
    public void Nine_ids_pass_and_ten_are_refused_naming_the_user_and_the_limit()
    {
        var collector = new PrivacyUserCollector();
        for (var i = 0; i < 9; i++)
        {
            collector.Add("nine", "email", $"n{i}@example.com", null);
        }

        for (var i = 0; i < 10; i++)
        {
            collector.Add("ten", "email", $"t{i}@example.com", null);
        }

        var (valid, rejected) = collector.Build();
        Assert.Equal("nine", Assert.Single(valid).Key);
        var refused = Assert.Single(rejected);
        Assert.Equal("ten", refused.User.Key);
        Assert.Equal("PrivacyServices.Adobe.TooManyUserIds", refused.ErrorId);
        Assert.Contains("'ten'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("at most 9", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "v", "standard", "PrivacyServices.Adobe.UserIdIncomplete", "Namespace")]
    [InlineData("email", " ", "standard", "PrivacyServices.Adobe.UserIdIncomplete", "Value")]
    [InlineData("email", "v", "bogus", "PrivacyServices.Adobe.UnknownUserIdType", "'bogus'")]
    public void A_user_with_a_bad_id_is_refused_whole(string @namespace, string value, string type, string errorId, string mentioned)
    {
        var collector = new PrivacyUserCollector();
        collector.Add("u", "email", "good@example.com", null);
        collector.Add("u", @namespace, value, type);
        var (valid, rejected) = collector.Build();
        Assert.Empty(valid);
        var refused = Assert.Single(rejected);
        Assert.Equal(errorId, refused.ErrorId);
        Assert.Equal(@namespace.Length == 0 ? "Namespace" : value.Trim().Length == 0 ? "Value" : "Type", refused.Parameter);
        Assert.Contains(mentioned, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_blank_key_is_an_argument_error()
    {
        Assert.Throws<ArgumentException>(() => new PrivacyUserCollector().Add("  ", "email", "v", null));
    }

    [Fact]
    public void Batches_hold_at_most_1000_users_in_order()
    {
        var collector = new PrivacyUserCollector();
        for (var i = 0; i < 2100; i++)
        {
            collector.Add("user" + i, "email", $"user{i}@example.com", null);
        }

        var batches = PrivacyUserCollector.Batch(collector.Build().Valid);
        Assert.Equal(new[] { 1000, 1000, 100 }, batches.Select(b => b.Count));
        Assert.Equal("user1000", batches[1][0].Key);
        Assert.Throws<ArgumentOutOfRangeException>(() => PrivacyUserCollector.Batch(batches[0], 1001));
        Assert.Empty(PrivacyUserCollector.Batch(Array.Empty<Models.PrivacyUser>()));
    }

    [Fact]
    public void Every_row_lands_in_exactly_one_user_of_exactly_one_batch()
    {
        var row = Gen.Select(Gen.Int[0, 40], Gen.Int[0, 12], Gen.OneOf(Gen.Const("email"), Gen.Const("ECID")));
        Gen.Select(row.Array[0, 300], Gen.Int[1, 50]).Sample(input =>
        {
            var (rows, size) = input;
            var collector = new PrivacyUserCollector();
            foreach (var (key, value, ns) in rows)
            {
                collector.Add("k" + key, ns, "v" + value, null);
            }

            var (valid, rejected) = collector.Build();
            var batches = PrivacyUserCollector.Batch(valid, size);
            Assert.All(batches, b => Assert.InRange(b.Count, 1, size));
            var batched = batches.SelectMany(b => b).ToList();
            Assert.Equal(valid.Select(u => u.Key), batched.Select(u => u.Key));
            var expected = rows.Select(r => ("k" + r.Item1, r.Item3, "v" + r.Item2)).Distinct().GroupBy(r => r.Item1).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(expected.Count, valid.Count + rejected.Count);
            Assert.All(valid, u => Assert.Equal(expected[u.Key], u.UserIds.Count));
            Assert.All(rejected, r => Assert.True(expected[r.User.Key] > 9));
            Assert.All(valid, u => Assert.InRange(u.UserIds.Count, 1, 9));
        });
    }
}
