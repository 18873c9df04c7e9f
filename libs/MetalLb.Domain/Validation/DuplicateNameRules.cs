using MetalLb.Domain.Config;

namespace MetalLb.Domain.Validation;

/// <summary>
/// Two objects of one kind with the same name would overwrite each other on apply: report the second (pools are
/// reported by <see cref="PoolRules"/> with MetalLB's own wording).
/// </summary>
public static class DuplicateNameRules
{
    public static void Check(ValidationContext ctx)
    {
        var source = ctx.Source;
        Check(ctx, source.L2Advertisements, "l2advertisements");
        Check(ctx, source.BgpAdvertisements, "bgpadvertisements");
        Check(ctx, source.Peers, "bgppeers");
        Check(ctx, source.BfdProfiles, "bfd profile");
        Check(ctx, source.Communities, "community object");
    }

    private static void Check(ValidationContext ctx, IEnumerable<IMetalLbObject> objects, string what)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var obj in objects)
        {
            if (!seen.Add(obj.Metadata.Name))
            {
                ctx.Error(obj, "metadata.name", $"duplicate definition of {what} \"{obj.Metadata.Name}\"");
            }
        }
    }
}
