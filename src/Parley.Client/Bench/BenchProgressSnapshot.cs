namespace Parley.Client.Bench;

/// <summary>What the live display shows: the phase and running totals (not limited to the window).</summary>
public sealed record BenchProgressSnapshot(
    string Phase, int Connected, int Clients, int ConnectFailures, long Sent, long Received, int Disconnects, double Rate, TimeSpan Elapsed);
