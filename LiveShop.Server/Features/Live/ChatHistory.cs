using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Realtime;
using LiveShop.Shared;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Live;

/// <summary>
/// A show's stored chat, read back page by page from the newest: a big room sends each viewer a sample,
/// and this is where every line is (deleted lines excepted: their stored event no longer holds the text).
/// Public like the show and its room.
/// </summary>
public sealed class ChatHistory(LiveShopDbContext db, KnownShows shows)
{
    /// <param name="showId">The show.</param>
    /// <param name="before">Lines before this sequence (null: the newest).</param>
    /// <param name="take">Lines per page, 1–<see cref="Limits.ChatHistoryPageMax"/> (null: the most).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<ChatHistoryPage> PageAsync(Guid showId, long? before, int? take, CancellationToken cancellationToken = default)
    {
        if (before is < 1)
        {
            throw DomainException.Invalid(ProblemCodes.ValidationFailed, "“before” is a sequence number, 1 or more.");
        }

        if (take is < 1 or > Limits.ChatHistoryPageMax)
        {
            throw DomainException.Invalid(ProblemCodes.ValidationFailed, "A page holds 1 to {0} chat lines.", Limits.ChatHistoryPageMax);
        }

        await shows.RequireAsync(db, showId, cancellationToken);
        var size = take ?? Limits.ChatHistoryPageMax;
        var query = db.RoomEvents.AsNoTracking().Where(e => e.ShowId == showId && e.Kind == RoomEventKinds.Chat);
        if (before is { } cursor)
        {
            query = query.Where(e => e.Sequence < cursor);
        }

        // One more than the page: whether there is anything before it.
        var rows = await query.OrderByDescending(e => e.Sequence).Take(size + 1).ToListAsync(cancellationToken);
        var page = rows.Take(size).OrderBy(e => e.Sequence).Select(e => (ChatPostedEvent)e.ToEvent()).ToList();
        var lines = page.Select(l => l.Message.ClientMessageId is null ? l : l with { Message = l.Message with { ClientMessageId = null } }).ToList();
        return new ChatHistoryPage(showId, lines, rows.Count > size ? lines[0].Sequence : null);
    }
}

public static class ChatHistoryEndpoints
{
    public static IEndpointRouteBuilder MapChatHistoryEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(ApiRoutes.Shows + "/{id:guid}/chat", GetAsync).WithTags("Shows").WithName("ShowChat")
            .WithSummary("A show's stored chat, newest page first; ?before=SEQ pages back, ?take=N (1–100) lines per page.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<ChatHistoryPage>> GetAsync(Guid id, long? before, int? take, ChatHistory history, CancellationToken cancellationToken) =>
        TypedResults.Ok(await history.PageAsync(id, before, take, cancellationToken));
}
