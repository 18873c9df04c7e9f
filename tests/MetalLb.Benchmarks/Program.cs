using BenchmarkDotNet.Running;
using MetalLb.Benchmarks.BgpSend;
using MetalLb.Benchmarks.BusLatency;
using MetalLb.Benchmarks.InitialSync;
using MetalLb.Benchmarks.L2Failover;
using MetalLb.Benchmarks.Webhook;

if (args.Length > 0 && args[0] == WebhookLoadBenchmark.Mode)
{
    return await WebhookLoadBenchmark.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == BusLatencyBenchmark.Mode)
{
    return await BusLatencyBenchmark.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == InitialSyncBenchmark.Mode)
{
    return await InitialSyncBenchmark.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == L2FailoverBenchmark.Mode)
{
    return await L2FailoverBenchmark.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == BgpSendBenchmark.Mode)
{
    return await BgpSendBenchmark.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == L2Probe.Mode)
{
    return L2Probe.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(MetalLb.Benchmarks.ValidationBenchmarks).Assembly).Run(args);
return 0;
