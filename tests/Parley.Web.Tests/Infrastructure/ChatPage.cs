using Microsoft.Playwright;

using static Microsoft.Playwright.Assertions;

namespace Parley.Web.Tests.Infrastructure;

/// <summary>The chat page as a person uses it: type a nickname, type lines and press Enter, read what shows.</summary>
public sealed class ChatPage(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator Messages => Page.Locator("#messages li");

    public ILocator Banner => Page.Locator("#banner");

    public static async Task<ChatPage> SignInAsync(BrowserFixture browser, Uri url, string nick)
    {
        var chat = new ChatPage(await browser.OpenAsync(url));
        await chat.Page.FillAsync("#nick", nick);
        await chat.Page.PressAsync("#nick", "Enter");
        await Expect(chat.Page.Locator("#me")).ToHaveTextAsync(nick);
        return chat;
    }

    public async Task SayAsync(string text)
    {
        await Page.FillAsync("#input", text);
        await Page.PressAsync("#input", "Enter");
    }

    /// <summary>The message line from <paramref name="sender"/> with exactly <paramref name="text"/>.</summary>
    public ILocator Message(string sender, string text) =>
        Page.Locator("#messages li[data-kind=message]").Filter(new() { Has = Page.Locator(".sender", new() { HasTextString = sender }) })
            .Filter(new() { Has = Page.Locator(".text", new() { HasTextString = text }) });

    public Task ExpectMessageAsync(string sender, string text) => Expect(Message(sender, text)).ToHaveCountAsync(1);

    public Task ExpectMemberAsync(string nick) => Expect(Page.Locator("#members li", new() { HasTextString = nick })).ToHaveCountAsync(1);

    public Task OpenConversationAsync(string key) => Page.Locator($"#conversations button[data-key='{key}']").ClickAsync();

    public async ValueTask CloseAsync() => await Page.Context.CloseAsync();
}
