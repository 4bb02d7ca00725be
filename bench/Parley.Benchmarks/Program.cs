using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Parley.Benchmarks.FanOutBenchmarks).Assembly).Run(args);
