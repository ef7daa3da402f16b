using EdgeePS.Catalog;
using EdgeePS.Settings;

namespace EdgeePS.Tests.Core;

/// <summary>
/// <see cref="ModelCatalog"/> on a fake clock: a listing is fresh for 30 minutes, a failure keeps the built-in list for
/// 2 minutes before the gateway is asked again, and each gateway has its own listing.
/// </summary>
public sealed class ModelCatalogTests
{
    private static readonly EdgeeEndpoint Gateway = EdgeeEndpoint.Parse("https://gateway.example");
    private static readonly EdgeeEndpoint Other = EdgeeEndpoint.Parse("https://other.example/v1");

    private readonly ObservedClock _clock = new();

    [Fact]
    public void A_listing_is_used_until_it_is_thirty_minutes_old()
    {
        var catalog = new ModelCatalog(_clock);
        catalog.Remember(Gateway, ["model-a", "model-b"]);

        _clock.Advance(ModelCatalog.FreshFor - TimeSpan.FromTicks(1));
        var fresh = catalog.TryGetRecent(Gateway, out var ids);
        _clock.Advance(TimeSpan.FromTicks(1));
        var stale = catalog.TryGetRecent(Gateway, out var afterwards);

        Assert.True(fresh);
        Assert.Equal(["model-a", "model-b"], ids);
        Assert.False(stale);
        Assert.Equal(ModelCatalog.BuiltIn, afterwards);
        Assert.Equal(TimeSpan.FromMinutes(30), ModelCatalog.FreshFor);
    }

    [Fact]
    public void After_a_failed_listing_the_built_in_list_serves_for_two_minutes_then_the_gateway_is_asked_again()
    {
        var catalog = new ModelCatalog(_clock);
        catalog.RememberFailure(Gateway);

        _clock.Advance(ModelCatalog.RetryListingAfter - TimeSpan.FromTicks(1));
        var stillRecent = catalog.TryGetRecent(Gateway, out var ids);
        _clock.Advance(TimeSpan.FromTicks(1));

        Assert.True(stillRecent);
        Assert.Equal(ModelCatalog.BuiltIn, ids);
        Assert.False(catalog.TryGetRecent(Gateway, out _));
        Assert.Equal(TimeSpan.FromMinutes(2), ModelCatalog.RetryListingAfter);
    }

    [Fact]
    public void An_empty_listing_falls_back_to_the_built_in_list_and_gateways_do_not_share_listings()
    {
        var catalog = new ModelCatalog(_clock);
        catalog.Remember(Gateway, []);
        catalog.Remember(Other, ["other-model"]);

        Assert.True(catalog.TryGetRecent(Gateway, out var empty));
        Assert.Equal(ModelCatalog.BuiltIn, empty);
        Assert.True(catalog.TryGetRecent(Other, out var other));
        Assert.Equal(["other-model"], other);
        Assert.False(new ModelCatalog(_clock).TryGetRecent(Gateway, out _));
    }
}
