using System.Runtime.CompilerServices;

using CsCheck;

namespace Parley.Protocols.Tests.Fuzz;

/// <summary>
/// Runs a property over generated inputs. In CI it is a fixed corpus: the same <c>corpus</c> inputs, generated from
/// fixed PCG seeds, every run, so a red build always means a change in the code. By hand, scripts/fuzz.sh sets
/// <c>PARLEY_FUZZ_SECONDS</c>: then CsCheck samples random inputs for that long on every core and shrinks a failure
/// to a small example. A failure names its seed; <c>gen.Sample(assert, seed: "...")</c> replays and shrinks it.
/// </summary>
internal static class Property
{
    public const string SecondsVariable = "PARLEY_FUZZ_SECONDS";

    /// <summary>Where a long run appends "property: N inputs" (scripts/fuzz.sh prints it).</summary>
    public const string ReportVariable = "PARLEY_FUZZ_REPORT";

    public static void Check<T>(Gen<T> gen, Action<T> assert, int corpus = 200, [CallerMemberName] string property = "", [CallerFilePath] string file = "")
    {
        if (int.TryParse(Environment.GetEnvironmentVariable(SecondsVariable), out var seconds) && seconds > 0)
        {
            long inputs = 0;
            gen.Sample(value => { Interlocked.Increment(ref inputs); assert(value); }, time: seconds);
            if (Environment.GetEnvironmentVariable(ReportVariable) is { Length: > 0 } report)
            {
                File.AppendAllText(report, $"{Path.GetFileNameWithoutExtension(file)}.{property}: {inputs:N0} inputs in {seconds} s, no failure{Environment.NewLine}");
            }

            return;
        }

        for (var i = 0; i < corpus; i++)
        {
            var pcg = new PCG(1, 0x5EED_0000UL + ((ulong)i * 0x9E37_79B9_7F4A_7C15UL));
            var seed = pcg.ToString();
            var value = gen.Generate(pcg, null, out _);
            try
            {
                assert(value);
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException(
                    $"Property failed for corpus input {i} (seed {seed}): {CsCheck.Check.Print(value)}", ex);
            }
        }
    }

    /// <summary><see cref="Check{T}"/> for properties that must await (pipes, sockets).</summary>
    public static async Task CheckAsync<T>(Gen<T> gen, Func<T, Task> assert, int corpus = 50, [CallerMemberName] string property = "", [CallerFilePath] string file = "")
    {
        if (int.TryParse(Environment.GetEnvironmentVariable(SecondsVariable), out var seconds) && seconds > 0)
        {
            long inputs = 0;
            await gen.SampleAsync(async value => { Interlocked.Increment(ref inputs); await assert(value).ConfigureAwait(false); }, time: seconds).ConfigureAwait(false);
            if (Environment.GetEnvironmentVariable(ReportVariable) is { Length: > 0 } report)
            {
                File.AppendAllText(report, $"{Path.GetFileNameWithoutExtension(file)}.{property}: {inputs:N0} inputs in {seconds} s, no failure{Environment.NewLine}");
            }

            return;
        }

        for (var i = 0; i < corpus; i++)
        {
            var pcg = new PCG(1, 0x5EED_0000UL + ((ulong)i * 0x9E37_79B9_7F4A_7C15UL));
            var seed = pcg.ToString();
            var value = gen.Generate(pcg, null, out _);
            try
            {
                await assert(value).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException(
                    $"Property failed for corpus input {i} (seed {seed}): {CsCheck.Check.Print(value)}", ex);
            }
        }
    }
}
