namespace MetalLb.Benchmarks.L2Failover;

/// <summary>How the announcing node is taken away.</summary>
internal enum FailoverKind
{
    /// <summary>SIGKILL of the announcer: no goodbye, its peers notice the missing heartbeats.</summary>
    Kill,

    /// <summary>SIGTERM: the announcer says goodbye.</summary>
    Terminate,

    /// <summary>The node's bridge port goes down; the process lives on and tells its peers it has no usable link.</summary>
    LinkDown,
}
