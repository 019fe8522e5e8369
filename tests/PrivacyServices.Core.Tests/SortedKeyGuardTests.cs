using System.Globalization;
using CsCheck;
using PrivacyServices.Apis;

namespace PrivacyServices.Core.Tests;

public sealed class SortedKeyGuardTests
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    [Fact]
    public void Keys_sorted_ordinally_pass()
    {
        var guard = new SortedKeyGuard(Culture);
        Assert.All(new[] { "B", "a", "b", "user0010", "user0020" }, key => Assert.True(guard.TryAccept(key), key));
    }

    [Fact]
    public void Keys_sorted_as_Sort_Object_sorts_them_pass_case_variants_included()
    {
        var guard = new SortedKeyGuard(Culture);
        Assert.All(new[] { "a", "A", "b", "B", "c" }, key => Assert.True(guard.TryAccept(key), key));
    }

    [Fact]
    public void A_key_that_comes_back_is_refused_and_changes_nothing()
    {
        var guard = new SortedKeyGuard(Culture);
        Assert.True(guard.TryAccept("user0001"));
        Assert.True(guard.TryAccept("user0002"));
        Assert.False(guard.TryAccept("user0001"));
        Assert.Equal("user0002", guard.LastKey);
        Assert.True(guard.TryAccept("user0003"));
    }

    [Fact]
    public void A_case_variant_that_comes_back_within_its_run_is_refused()
    {
        var guard = new SortedKeyGuard(Culture);
        Assert.True(guard.TryAccept("a"));
        Assert.True(guard.TryAccept("A"));
        Assert.False(guard.TryAccept("a"));
    }

    [Fact]
    public void Grouped_but_unsorted_keys_are_refused_where_the_order_breaks()
    {
        var guard = new SortedKeyGuard(Culture);
        Assert.True(guard.TryAccept("user9"));
        Assert.False(guard.TryAccept("user10"));
    }

    [Fact]
    public void Once_an_order_broke_the_keys_must_follow_the_other_one()
    {
        var guard = new SortedKeyGuard(Culture);
        Assert.True(guard.TryAccept("a"));
        Assert.True(guard.TryAccept("B")); // the culture's order only: "B" < "a" ordinally
        Assert.True(guard.TryAccept("C"));
        Assert.False(guard.TryAccept("b")); // would follow "C" ordinally, but the ordinal order broke at "B"
    }

    [Fact]
    public void Any_key_seen_before_is_refused_when_it_comes_back_after_another_key() =>
        Gen.String[Gen.Char["aAbBcC0-9"], 1, 4].Array[2, 30].Sample(keys =>
        {
            // Sorted input (either order), then one earlier key again: never accepted.
            foreach (var sorted in new[] { keys.Distinct().Order(StringComparer.Ordinal).ToArray(), keys.Distinct().Order(StringComparer.Create(Culture, ignoreCase: true)).ToArray() })
            {
                var guard = new SortedKeyGuard(Culture);
                Assert.All(sorted, key => Assert.True(guard.TryAccept(key), key));
                foreach (var earlier in sorted.Take(sorted.Length - 1))
                {
                    Assert.False(guard.TryAccept(earlier), $"{earlier} after {string.Join(",", sorted)}");
                }
            }
        }, iter: 2000);
}
