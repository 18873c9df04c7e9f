using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(MetalLb.Benchmarks.ValidationBenchmarks).Assembly).Run(args);
