using Parley.Client.Connections;

namespace Parley.Client.Tests.Connections;

public sealed class ChatEndpointTests
{
    [Theory]
    [InlineData(null, "127.0.0.1", 5000)]
    [InlineData("", "127.0.0.1", 5000)]
    [InlineData("6000", "127.0.0.1", 6000)]
    [InlineData("chat.example.org:7000", "chat.example.org", 7000)]
    [InlineData("localhost", "localhost", 5000)]
    [InlineData("10.0.0.2:5000", "10.0.0.2", 5000)]
    [InlineData("[::1]:5001", "::1", 5001)]
    [InlineData("[::1]", "::1", 5000)]
    [InlineData("::1", "::1", 5000)]
    public void Parses(string? text, string host, int port)
    {
        Assert.True(ChatEndpoint.TryParse(text, out var endpoint, out var error), error);
        Assert.Equal(new ChatEndpoint(host, port), endpoint);
    }

    [Theory]
    [InlineData("host:")]
    [InlineData("host:abc")]
    [InlineData("host:0")]
    [InlineData("host:65536")]
    [InlineData("70000")]
    [InlineData(":5000")]
    [InlineData("[::1")]
    [InlineData("[::1]5000")]
    [InlineData("fe80::1:zz")]
    public void Rejects(string text)
    {
        Assert.False(ChatEndpoint.TryParse(text, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void PrintsIPv6InBrackets()
    {
        Assert.Equal("[::1]:5000", new ChatEndpoint("::1", 5000).ToString());
    }
}
