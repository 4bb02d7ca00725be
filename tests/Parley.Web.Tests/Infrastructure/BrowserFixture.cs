using Microsoft.Playwright;

namespace Parley.Web.Tests.Infrastructure;

/// <summary>
/// One headless Debian Chromium for the whole assembly (Playwright's own browser download cannot work here, so
/// <see cref="ExecutablePath"/> names the system browser; scripts/test.sh installs it). Tests get a fresh
/// context (own storage, own WebSocket) per page.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>Every Playwright wait and expectation is bounded by this.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"{ExecutablePath} is missing: run `apt-get install -y chromium` (scripts/test.sh does).");
        }

        Assertions.SetDefaultExpectTimeout((float)Timeout.TotalMilliseconds);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Timeout = (float)Timeout.TotalMilliseconds,
        });
    }

    /// <summary>A new page in its own context, opened at <paramref name="url"/>.</summary>
    public async Task<IPage> OpenAsync(Uri url, ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = viewport ?? new ViewportSize { Width = 1100, Height = 700 } });
        context.SetDefaultTimeout((float)Timeout.TotalMilliseconds);
        var page = await context.NewPageAsync();
        await page.GotoAsync(url.ToString());
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
