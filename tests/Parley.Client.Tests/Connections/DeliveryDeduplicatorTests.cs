using Parley.Client.Connections;
using Parley.Protocols.Json;

namespace Parley.Client.Tests.Connections;

public sealed class DeliveryDeduplicatorTests
{
    private static readonly DateTimeOffset Time = new(2026, 11, 22, 3, 0, 0, 123, TimeSpan.Zero);

    [Fact]
    public void SecondCopyOfAMessageIdIsDropped()
    {
        var dedup = new DeliveryDeduplicator();
        var frame = new ServerFrame { Type = ServerFrameType.Message, Id = 7, User = "ola", Message = "hi" };
        Assert.True(dedup.IsFirstCopy(frame));
        Assert.False(dedup.IsFirstCopy(frame));
        Assert.True(dedup.IsFirstCopy(new ServerFrame { Type = ServerFrameType.Message, Id = 8, User = "ola", Message = "hi" }));
    }

    [Fact]
    public void ServerNewsIsKnownByItsTimeAndText()
    {
        var dedup = new DeliveryDeduplicator();
        var news = new ServerFrame { Type = ServerFrameType.Joined, TypeName = "joined", User = "server", Message = "sue joined #general", Time = Time };
        Assert.True(dedup.IsFirstCopy(news));
        Assert.False(dedup.IsFirstCopy(news));
        Assert.True(dedup.IsFirstCopy(new ServerFrame { Type = ServerFrameType.Joined, TypeName = "joined", User = "server", Message = "bob joined #general", Time = Time }));
    }

    [Fact]
    public void FramesWithNeitherIdNorTimeAlwaysPass()
    {
        var dedup = new DeliveryDeduplicator();
        var bare = new ServerFrame { Type = ServerFrameType.Message, User = "peer", Message = "same" };
        Assert.True(dedup.IsFirstCopy(bare));
        Assert.True(dedup.IsFirstCopy(bare));
    }

    [Fact]
    public void OnlyTheLastFewAreRemembered()
    {
        var dedup = new DeliveryDeduplicator(remember: 2);
        Assert.True(dedup.IsFirstCopy(new ServerFrame { Type = ServerFrameType.Message, Id = 1 }));
        Assert.True(dedup.IsFirstCopy(new ServerFrame { Type = ServerFrameType.Message, Id = 2 }));
        Assert.True(dedup.IsFirstCopy(new ServerFrame { Type = ServerFrameType.Message, Id = 3 }));
        Assert.True(dedup.IsFirstCopy(new ServerFrame { Type = ServerFrameType.Message, Id = 1 }));
    }

    [Fact]
    public void SeedStyleServerNewsIsShownAsItsText()
    {
        var news = new ServerFrame { Type = ServerFrameType.Joined, User = "server", Message = "sue joined #general" };
        Assert.Equal(new NoticeReceived("sue joined #general", ServerFrameMapper.ServerUser), ServerFrameMapper.Map(news, seedStyle: true));
    }
}
