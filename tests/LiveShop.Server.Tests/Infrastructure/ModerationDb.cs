using System.Globalization;
using System.Text;
using LiveShop.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Server.Tests.Infrastructure;

/// <summary>Reads the app's database directly, to check what a call stored (or did not).</summary>
public static class ModerationDb
{
    public static async Task<T> ReadAsync<T>(this LiveShopFactory factory, Func<LiveShopDbContext, Task<T>> read)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<LiveShopDbContext>());
    }

    /// <summary>The highest stored room-event sequence of the show (0 when none).</summary>
    public static async Task<long> LastSequenceAsync(this LiveShopFactory factory, Guid showId) =>
        await factory.ReadAsync(db => db.RoomEvents.Where(e => e.ShowId == showId).MaxAsync(e => (long?)e.Sequence)) ?? 0;

    /// <summary>Every stored room event's payload of the show, in sequence order (what a reconnecting client could ever be sent).</summary>
    public static Task<List<string>> StoredPayloadsAsync(this LiveShopFactory factory, Guid showId) =>
        factory.ReadAsync(db => db.RoomEvents.Where(e => e.ShowId == showId).OrderBy(e => e.Sequence).Select(e => e.Payload).ToListAsync());

    /// <summary>
    /// Everything a moderation or room call could change about one show, as readable text: the show's
    /// status and settings, its stored room events (payloads included, so a redaction shows), questions
    /// and votes, restrictions, held messages, audit lines, moderators and flash sales.
    /// Two equal fingerprints mean the calls between them changed nothing.
    /// </summary>
    public static Task<string> FingerprintAsync(this LiveShopFactory factory, Guid showId) => factory.ReadAsync(async db =>
    {
        var text = new StringBuilder();
        void Line(string name, object? value) => text.Append(name).Append(": ").Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append('\n');

        var show = await db.Shows.AsNoTracking().SingleAsync(s => s.Id == showId);
        Line("show", $"{show.Status} v{show.Version} live={show.WentLiveAt:O} ended={show.EndedAt:O} co-host={show.CoHostId}");
        Line("settings", $"approval={show.QuestionsNeedApproval} global={show.AllowGlobalModerators} slow={show.SlowModeSeconds} announcement={show.AnnouncementText ?? "-"} by={show.AnnouncementByName ?? "-"}");
        Line("blocklist", show.Blocklist.Replace('\n', '|'));

        var events = await db.RoomEvents.AsNoTracking().Where(e => e.ShowId == showId).ToListAsync();
        foreach (var e in events.OrderBy(e => e.Sequence))
        {
            Line($"event {e.Sequence}", $"{e.Kind} {e.Payload}");
        }

        var questions = await db.Questions.AsNoTracking().Where(q => q.ShowId == showId).ToListAsync();
        foreach (var q in questions.OrderBy(q => q.Id))
        {
            Line($"question {q.Id}", $"{q.Status} votes={q.Votes} v{q.Version} answer={q.Answer ?? "-"}");
        }

        var questionIds = questions.Select(q => q.Id).ToList();
        var votes = await db.QuestionVotes.AsNoTracking().Where(v => questionIds.Contains(v.QuestionId)).ToListAsync();
        foreach (var v in votes.OrderBy(v => v.QuestionId).ThenBy(v => v.UserId))
        {
            Line("vote", $"{v.QuestionId} by {v.UserId}");
        }

        var restrictions = await db.ShowRestrictions.AsNoTracking().Where(r => r.ShowId == showId).ToListAsync();
        foreach (var r in restrictions.OrderBy(r => r.UserId))
        {
            Line($"restriction {r.UserId}", $"{r.Kind} until={r.Until:O} by={r.ByName}");
        }

        var held = await db.HeldMessages.AsNoTracking().Where(h => h.ShowId == showId).ToListAsync();
        foreach (var h in held.OrderBy(h => h.Id))
        {
            Line($"held {h.Id}", $"{h.Status} {h.Text}");
        }

        Line("audit lines", await db.ModerationActions.CountAsync(a => a.ShowId == showId));
        var moderators = await db.ShowModerators.AsNoTracking().Where(m => m.ShowId == showId).Select(m => m.UserId).ToListAsync();
        Line("moderators", string.Join(", ", moderators.Order()));

        var sales = await db.FlashSales.AsNoTracking().Where(s => s.ShowId == showId).ToListAsync();
        foreach (var s in sales.OrderBy(s => s.Id))
        {
            Line($"flash sale {s.Id}", $"sold={s.Sold} ended={s.EndedAt:O} reason={s.EndReason}");
        }

        return text.ToString();
    });
}
