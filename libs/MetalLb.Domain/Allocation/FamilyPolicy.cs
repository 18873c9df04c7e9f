namespace MetalLb.Domain.Allocation;

/// <summary>A Service's <c>spec.ipFamilyPolicy</c>; nil (and anything unknown) means SingleStack.</summary>
internal enum FamilyPolicy
{
    SingleStack,
    PreferDualStack,
    RequireDualStack,
}
