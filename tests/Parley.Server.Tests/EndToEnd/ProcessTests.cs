using System.Net;

using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.EndToEnd;

/// <summary>The `parley` executable as a user runs it: server and client processes.</summary>
public sealed class ProcessTests
{
    [Fact]
    public async Task SigtermTellsEveryClientAndExitsZero()
    {
        await using var server = ParleyProcess.Start("server", "--text-port", "0", "--json-port", "0", "--http-port", "0", "--irc-port", "0");
        var listening = await server.WaitForLineAsync(l => l.StartsWith("listening text ", StringComparison.Ordinal));
        var endPoint = IPEndPoint.Parse(listening["listening text ".Length..]);

        await using var prompted = await RawClient.ConnectAsync(endPoint);
        Assert.Equal("NICK", await prompted.ReceiveAsync());
        await prompted.SendAsync("pat\n");
        await prompted.ReadLineUntilAsync(l => l == "Connected to server!");
        await using var registered = await RawClient.ConnectAsync(endPoint);
        await registered.SendAsync("REGISTER reg CHAT/1.0\n");
        Assert.Equal("200 Registration successful", await registered.ReadLineAsync());

        server.Terminate();
        Assert.Equal("Server is shutting down.", await prompted.ReadLineUntilAsync(l => l.StartsWith("Server", StringComparison.Ordinal)));
        Assert.Equal("DISCONNECT CHAT/1.0", await registered.ReadLineUntilAsync(l => l.StartsWith("DISCONNECT", StringComparison.Ordinal)));
        Assert.True(await prompted.WaitForCloseAsync());
        Assert.True(await registered.WaitForCloseAsync());
        Assert.Equal(0, await server.WaitForExitAsync());
    }

    [Fact]
    public async Task TwoClientProcessesAndSeedDialectClientsShareTheRoom()
    {
        await using var server = await TestServer.StartAsync();
        var address = server.Text.ToString();
        await using var alice = ParleyProcess.Start("client", address, "--name", "alice", "--protocol", "text");
        await alice.WaitForLineAsync(l => l == "* alice joined");
        await using var bob = ParleyProcess.Start("client", address, "--name", "bob", "--protocol", "text");
        await bob.WaitForLineAsync(l => l == "* bob joined");
        await alice.WaitForLineAsync(l => l == "* bob joined");

        await using var unframed = await RawClient.ConnectAsync(server.Text);
        Assert.Equal("NICK", await unframed.ReceiveAsync());
        await unframed.SendAsync("Kholaif");
        await unframed.ReceiveUntilAsync("Connected to server!");
        await using var registered = await RawClient.ConnectAsync(server.Text);
        await registered.SendAsync("REGISTER reggie CHAT/1.0\n");
        Assert.Equal("200 Registration successful", await registered.ReadLineAsync());
        await bob.WaitForLineAsync(l => l == "* reggie joined");

        await alice.WriteLineAsync("hello from alice");
        Assert.Equal("alice: hello from alice", await bob.WaitForLineAsync(l => l.Contains("hello", StringComparison.Ordinal)));
        await unframed.ReceiveUntilAsync("alice: hello from alice");
        Assert.Equal("@alice: hello from alice", await registered.ReadLineUntilAsync(l => l.Contains("hello", StringComparison.Ordinal)));

        await unframed.SendAsync("Kholaif: hi all");
        Assert.Equal("Kholaif: hi all", await alice.WaitForLineAsync(l => l.Contains("hi all", StringComparison.Ordinal)));
        await registered.SendAsync("@reggie: and me\n");
        Assert.Equal("reggie: and me", await bob.WaitForLineAsync(l => l.Contains("and me", StringComparison.Ordinal)));

        await bob.WriteLineAsync("Bye from Client");
        Assert.Equal("* bob left", await alice.WaitForLineAsync(l => l.Contains("bob left", StringComparison.Ordinal)));
        Assert.Equal(0, await bob.WaitForExitAsync());
        alice.CloseInput();
        Assert.Equal(0, await alice.WaitForExitAsync());
    }

    [Fact]
    public async Task JsonClientProcessesUseRoomsAndPrivateMessagesBesideATextClient()
    {
        await using var server = await TestServer.StartAsync();
        var json = server.Json.ToString();
        await using var alice = ParleyProcess.Start("client", json, "--name", "alice");
        await alice.WaitForLineAsync(l => l == "* alice joined #general");
        await using var bob = ParleyProcess.Start("client", json, "--name", "bob");
        await bob.WaitForLineAsync(l => l == "* bob joined #general");
        await using var text = await RawClient.ConnectAsync(server.Text);
        Assert.Equal("NICK", await text.ReceiveAsync());
        await text.SendAsync("tex\n");
        await text.ReadLineUntilAsync(l => l == "Connected to server!");
        await alice.WaitForLineAsync(l => l == "* tex joined #general");

        await alice.WriteLineAsync("/join #rust");
        await alice.WaitForLineAsync(l => l == "* alice joined #rust");
        await bob.WriteLineAsync("/join #rust");
        await alice.WaitForLineAsync(l => l == "* bob joined #rust");
        await bob.WriteLineAsync("hello rust");
        Assert.Equal("bob: hello rust", await alice.WaitForLineAsync(l => l.Contains("hello rust", StringComparison.Ordinal)));
        await bob.WriteLineAsync("/msg alice psst");
        Assert.Equal("bob (private): psst", await alice.WaitForLineAsync(l => l.Contains("psst", StringComparison.Ordinal)));

        // The text client stays in #general: it sees #general traffic and none of #rust's.
        await alice.WriteLineAsync("/part");
        await alice.WriteLineAsync("back in general");
        Assert.Equal("alice: back in general", await text.ReadLineUntilAsync(l => l.Contains("general", StringComparison.Ordinal)));
        await text.SendAsync("tex: hi json\n");
        Assert.Equal("[#general] tex: hi json", await bob.WaitForLineAsync(l => l.Contains("hi json", StringComparison.Ordinal)));

        alice.CloseInput();
        bob.CloseInput();
        Assert.Equal(0, await alice.WaitForExitAsync());
        Assert.Equal(0, await bob.WaitForExitAsync());
    }
}
