using Microsoft.Extensions.DependencyInjection;

using Npgsql;

using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Cluster;

/// <summary>Starting cluster nodes on one test database, and what the resilience tests do to that database.</summary>
internal static class ClusterTestNodes
{
    public static Task<TestServer> StartAsync(
        PostgresTestDatabase database, IDictionary<string, string?>? extra = null, Action<IServiceCollection>? services = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Parley:Server:Postgres"] = database.ConnectionString,

            // Test clients send faster than people do.
            ["Parley:Server:MessagesPerSecond"] = "0",

            // Slow enough that no node is reaped on a loaded machine unless a test means it.
            ["Parley:Cluster:HeartbeatInterval"] = "00:00:01",
            ["Parley:Cluster:NodeLease"] = "00:05:00",
            ["Parley:Cluster:ReconnectMaxDelay"] = "00:00:00.500",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return TestServer.StartAsync(settings, services);
    }

    /// <summary>Runs SQL as the test server's administrator (outside the test's own database).</summary>
    public static async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresTestDatabase.AdminConnectionString);
        await connection.OpenAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Sends <paramref name="text"/> (tagged with the attempt) from <paramref name="sender"/>, which must run
    /// with echo on, until the sender sees it delivered; each refused attempt is told with an error first: how a person
    /// retries while the database comes back. Returns the text that was delivered and its id.</summary>
    public static async Task<(string Text, long Id)> SendUntilDeliveredAsync(JsonClient sender, string text, TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        for (var attempt = 0; ; attempt++)
        {
            var left = until - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"{text} was never delivered.");
            }

            var tagged = $"{text} #{attempt}";
            await sender.SendAsync($$"""{"type":"message","message":"{{tagged}}"}""" + "\n");
            var frame = await sender.ReadUntilAsync(
                f => (f.Str("type") == "message" && f.Str("message") == tagged) || (f.Str("type") == "error" && f.Str("code") == "history-unavailable"),
                left);
            if (frame.Str("type") == "message")
            {
                return (tagged, frame.Num("id")!.Value);
            }
        }
    }
}
