namespace MetalLb.Hosting.Bgp;

/// <summary>Something that must act when the sealing key changes: re-seal (the allocator) or unseal again (an announcer).</summary>
public interface IPasswordKeyListener
{
    Task OnKeyChangedAsync(CancellationToken cancellationToken);
}
