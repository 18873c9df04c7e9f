namespace MetalLb.Domain.Config;

/// <summary>A Service port as MetalLB's sharing rules see it: protocol and port.</summary>
public readonly record struct ServicePort(string Protocol, int Port)
{
    public override string ToString() => $"{Protocol}/{Port}";
}
