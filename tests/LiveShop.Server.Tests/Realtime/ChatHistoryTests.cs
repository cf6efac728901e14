using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveShop.Server.Tests.Realtime;

/// <summary>
/// Scroll-back (<c>GET /api/shows/{id}/chat?before=&amp;take=</c>): a big room's viewer is sent a sample, and
/// here is every stored line, page by page from the newest, deleted lines left out.
/// </summary>
public class ChatHistoryTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    [Fact]
    public async Task ShowChat_PagedBackToTheStart_EveryStoredLineInOrder_DeletedLinesLeftOut()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Scroll-back");
        List<ChatPostedEvent> posted = [];
        for (var i = 1; i <= 25; i++)
        {
            posted.Add(await room.ChatAsync(room.HostRoom.Connection, $"line {i}", Guid.NewGuid()));
            if (i == 12)
            {
                // Not chat: pages hold chat lines only, and the cursor walks over the rest.
                await room.PinAsync(LiveRoom.Lineup[0]);
            }
        }

        var deleted = posted[6];
        await room.HostRoom.Connection.InvokeAsync<ChatDeletedEvent>(nameof(ILiveShowHub.DeleteChat), room.Show.Id, deleted.Message.Id);

        // A stranger's browser, not signed in: the chat is as public as the show.
        using var anyone = factory.NewBrowser();
        List<IReadOnlyList<ChatPostedEvent>> pages = [];
        var url = ApiRoutes.ShowChat(room.Show.Id) + "?take=10";
        while (true)
        {
            var page = (await anyone.GetFromJsonAsync<ChatHistoryPage>(url))!;
            Assert.Equal(room.Show.Id, page.ShowId);
            pages.Insert(0, page.Lines);
            if (page.Before is not { } before)
            {
                break;
            }

            Assert.Equal(page.Lines[0].Sequence, before);
            url = ApiRoutes.ShowChat(room.Show.Id) + $"?before={before}&take=10";
        }

        Assert.Equal([4, 10, 10], pages.Select(p => p.Count));
        var read = pages.SelectMany(p => p).ToList();
        Assert.Equal(posted.Where(p => p != deleted).Select(p => (p.Sequence, p.Message.Text)), read.Select(l => (l.Sequence, l.Message.Text)));
        Assert.All(read, l => Assert.Null(l.Message.ClientMessageId));

        // No take: the newest page of up to 100 lines.
        var all = (await anyone.GetFromJsonAsync<ChatHistoryPage>(ApiRoutes.ShowChat(room.Show.Id)))!;
        Assert.Equal(read.Select(l => l.Sequence), all.Lines.Select(l => l.Sequence));
        Assert.Null(all.Before);
    }

    [Theory]
    [InlineData("?before=0", "en", "“before” is a sequence number, 1 or more.")]
    [InlineData("?before=-5", "el", "Το «before» είναι αριθμός σειράς, 1 ή μεγαλύτερος.")]
    [InlineData("?take=0", "en", "A page holds 1 to 100 chat lines.")]
    [InlineData("?take=101", "el", "Μια σελίδα χωράει από 1 έως 100 μηνύματα συνομιλίας.")]
    [InlineData("?take=ten", "en", null)]
    [InlineData("?before=1e3", "zh-TW", null)]
    public async Task ShowChat_BadCursorOrPageSize_400InTheCallersLanguage(string query, string language, string? detail)
    {
        await using var room = await LiveRoom.StartAsync(factory, "Scroll-back refusals", goLive: false);
        using var anyone = factory.NewBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Get, ApiRoutes.ShowChat(room.Show.Id) + query);
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));

        using var response = await anyone.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ProblemCodes.ValidationFailed, problem.GetProperty("code").GetString());
        var said = problem.GetProperty("detail").GetString();
        if (detail is not null)
        {
            Assert.Equal(detail, said);
        }
        else if (language == "zh-TW")
        {
            Assert.Contains(said!, c => c >= '\u4e00' && c <= '\u9fff');
        }
    }

    [Fact]
    public async Task ShowChat_UnknownShow_404()
    {
        using var anyone = factory.NewBrowser();

        using var response = await anyone.GetAsync(ApiRoutes.ShowChat(Guid.NewGuid()) + "?take=10");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ProblemCodes.ShowNotFound, problem.GetProperty("code").GetString());
    }
}
