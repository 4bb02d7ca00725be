namespace Parley.Web.Tests.Infrastructure;

/// <summary>Browser tests run one class at a time and share <see cref="BrowserFixture"/> (two cores, one browser).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
