using Microsoft.AspNetCore.SignalR;

namespace LiveShop.Server.Features.Common;

/// <summary>
/// Turns a <see cref="DomainException"/> thrown inside a hub method into a HubException whose message
/// the client sees: "[code] sentence".
/// </summary>
internal sealed class DomainExceptionHubFilter : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (DomainException refusal)
        {
            throw new HubException($"[{refusal.Code}] {refusal.Message}");
        }
    }
}
