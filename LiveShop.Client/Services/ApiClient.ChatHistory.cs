using System.Globalization;
using LiveShop.Shared;
using LiveShop.Shared.Realtime;

namespace LiveShop.Client.Services;

// Reading a show's stored chat back (issue 15): a big room sends each viewer a sample; every line is here.
public sealed partial class ApiClient
{
    /// <summary>A page of the show's stored chat, oldest first: the <paramref name="take"/> lines before <paramref name="before"/> (null: the newest).</summary>
    public Task<ChatHistoryPage> ShowChatAsync(Guid showId, long? before, int take)
    {
        var query = before is { } cursor
            ? string.Create(CultureInfo.InvariantCulture, $"?before={cursor}&take={take}")
            : string.Create(CultureInfo.InvariantCulture, $"?take={take}");
        return GetAsync(ApiRoutes.ShowChat(showId) + query, Json.ChatHistoryPage);
    }
}
