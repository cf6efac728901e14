using Microsoft.AspNetCore.SignalR;

namespace LiveShop.Server.Features.Common;

/// <summary>
/// Turns a <see cref="DomainException"/> thrown inside a hub method into a HubException whose message
/// the client sees: "[code] sentence". Refusals are information, not errors: one Debug line each, no
/// stack trace. SignalR's dispatcher would log every exception a hub method throws (refusals included)
/// at Error with its stack trace, so its category is silenced (see <see cref="DispatcherCategory"/>) and
/// this filter logs the unexpected ones at Error itself.
/// </summary>
internal sealed partial class DomainExceptionHubFilter(ILogger<DomainExceptionHubFilter> logger, Microsoft.Extensions.Localization.IStringLocalizer<Resources.ServerText> text) : IHubFilter
{
    /// <summary>The logger category of SignalR's hub dispatcher ("Failed to invoke hub method", event 8).</summary>
    public const string DispatcherCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        // The connection's language is the one its opening request was answered in (cookie or Accept-Language):
        // refusals, and money or dates written into them, read in it.
        var culture = invocationContext.Context.GetHttpContext()?.Features.Get<Microsoft.AspNetCore.Localization.IRequestCultureFeature>()?.RequestCulture;
        if (culture is not null)
        {
            System.Globalization.CultureInfo.CurrentCulture = culture.Culture;
            System.Globalization.CultureInfo.CurrentUICulture = culture.UICulture;
        }

        try
        {
            return await next(invocationContext);
        }
        catch (DomainException refusal)
        {
            LogRefused(logger, invocationContext.HubMethodName, refusal.Code);
            throw new HubException($"[{refusal.Code}] {refusal.Localize(text)}");
        }
        catch (HubException refusal)
        {
            LogRefused(logger, invocationContext.HubMethodName, refusal.Message);
            throw;
        }
        catch (OperationCanceledException) when (invocationContext.Context.ConnectionAborted.IsCancellationRequested)
        {
            // The caller went away mid-call: nothing went wrong on this side.
            throw;
        }
        catch (Exception e) when (DatabaseOutage.Is(e))
        {
            // The database is away: nothing was committed; the caller may try again (the client does for its own calls).
            var outage = DomainException.DatabaseUnavailable();
            LogDatabaseAway(logger, invocationContext.HubMethodName, e.Message);
            throw new HubException($"[{outage.Code}] {outage.Localize(text)}");
        }
        catch (Exception e)
        {
            LogFailed(logger, invocationContext.HubMethodName, e);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Hub call {HubMethod} refused: {Code}.")]
    private static partial void LogRefused(ILogger logger, string hubMethod, string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub call {HubMethod} failed: the database is not answering ({Reason}).")]
    private static partial void LogDatabaseAway(ILogger logger, string hubMethod, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Hub call {HubMethod} failed.")]
    private static partial void LogFailed(ILogger logger, string hubMethod, Exception exception);
}
