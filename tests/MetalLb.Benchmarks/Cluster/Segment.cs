namespace MetalLb.Benchmarks.Cluster;

/// <summary>A measured stretch of a Service's way from the create call to an announcer's consumer.</summary>
internal enum Segment
{
    CreateCall,
    CreateReturnedToCache,
    CacheToHanded,
    CacheToPublished,
    HandedToReceived,
    CacheToReceived,
    CreateReturnedToReceived,
    CreateStartToReceived,
}
