namespace MetalLb.Domain.Config;

/// <summary>Any object of a metallb.io kind.</summary>
public interface IMetalLbObject
{
    string Kind { get; }

    ObjectMeta Metadata { get; }
}
