namespace MetalLb.TestSupport.Bgp;

/// <summary>Starts a router fixture by kind, for tests that run the same scenario against every daemon.</summary>
public static class BgpRouters
{
    public static async Task<IBgpRouter> StartAsync(BgpRouterKind kind, BgpRouterOptions options) => kind switch
    {
        BgpRouterKind.GoBgp => await GoBgpRouter.StartAsync(options).ConfigureAwait(false),
        BgpRouterKind.Bird => await BirdRouter.StartAsync(options).ConfigureAwait(false),
        BgpRouterKind.Frr => await FrrRouter.StartAsync(options).ConfigureAwait(false),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
