using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SupportAgent.Core.Handoff;
using static Microsoft.Playwright.Assertions;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Browser;

[Collection(WidgetBrowserCollection.Name)]
public sealed class WidgetTests(WidgetBrowserFixture fixture)
{
    [BrowserFact]
    public async Task ACustomerAsksAKnowledgeQuestionAndSeesACitedAnswer()
    {
        var keys = await fixture.CreateTenantAsync("cited");
        var shop = await fixture.OpenShopAsync("cited", keys.Widget);

        await shop.OpenChatAsync();
        await shop.AskAsync("How long does shipping to Canada take?");

        var answer = shop.Answers().Last;
        await Expect(answer).ToContainTextAsync("5 to 8 business days");
        await Expect(answer.Locator(".sa-sources .sa-source")).ToHaveTextAsync("[1] International shipping — Canada");
        await Expect(answer.GetByRole(AriaRole.Group, new() { Name = "Was this answer helpful?" }).GetByRole(AriaRole.Button, new() { Name = "No", Exact = true })).ToBeVisibleAsync();
        await Screens.CaptureAsync(shop, "widget-desktop");
    }

    [BrowserFact]
    public async Task ThumbsDownOnAnAnswerIsRecorded()
    {
        var keys = await fixture.CreateTenantAsync("thumbs");
        var shop = await fixture.OpenShopAsync("thumbs", keys.Widget);
        await shop.OpenChatAsync();
        await shop.AskAsync("How do I return a jacket?");
        var answer = shop.Answers().Last;
        await Expect(answer.Locator(".sa-sources .sa-source")).ToHaveCountAsync(1);

        var down = answer.GetByRole(AriaRole.Button, new() { Name = "No", Exact = true });
        await down.ClickAsync();

        await Expect(down).ToHaveAttributeAsync("aria-pressed", "true");
        var messageId = await answer.GetAttributeAsync("data-message-id");
        var feedback = await EventuallyAsync(() => fixture.App.InDatabaseAsync(db =>
            db.Feedback.AsNoTracking().FirstOrDefaultAsync(f => f.MessageId == messageId)));
        Assert.False(feedback.Helpful);
        Assert.Equal(FeedbackSource.Customer, feedback.Source);
        Assert.Equal("thumbs", feedback.TenantId);
    }

    [BrowserFact]
    public async Task OnANarrowPhoneScreenTheOpenWidgetFillsTheScreen()
    {
        var keys = await fixture.CreateTenantAsync("mobile");
        var shop = await fixture.OpenShopAsync("mobile", keys.Widget, width: 390, height: 760);

        await shop.OpenChatAsync();
        await shop.AskAsync("Which cards do you accept?");

        await Expect(shop.Answers().Last).ToContainTextAsync("Visa");
        var panel = await shop.GetByRole(AriaRole.Dialog).BoundingBoxAsync();
        Assert.Equal(390, panel!.Width, 1);
        Assert.Equal(760, panel.Height, 1);
        await Expect(shop.GetByRole(AriaRole.Button, new() { Name = "Close chat" })).ToBeVisibleAsync();
        await Screens.CaptureAsync(shop, "widget-mobile");
    }

    internal static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe) where T : class
    {
        for (var i = 0; i < 50; i++)
        {
            if (await probe() is { } value) return value;
            await Task.Delay(100);
        }
        throw new TimeoutException("The expected record never appeared.");
    }
}

/// <summary>The console's browser tests: one server and one Chromium, tests one after another.</summary>
[CollectionDefinition(Name)]
[SlowCollection]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

/// <summary>
/// The widget's browser tests, on a server and Chromium of their own: the two browser collections run side by side
/// instead of one long chain at the end of the suite.
/// </summary>
[CollectionDefinition(Name)]
[SlowCollection]
public sealed class WidgetBrowserCollection : ICollectionFixture<WidgetBrowserFixture>
{
    public const string Name = "Widget browser";
}

public sealed class WidgetBrowserFixture : BrowserFixture;
