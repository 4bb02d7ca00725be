namespace Parley.Client.Bench;

/// <summary>A process's CPU time so far (user + system) and resident memory at one moment.</summary>
public readonly record struct ProcessSample(double CpuSeconds, long RssKiB);
