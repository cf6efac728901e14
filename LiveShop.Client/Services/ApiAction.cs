namespace LiveShop.Client.Services;

/// <summary>
/// Runs a page's API call and turns a refusal into the sentence to show: the server's own (already in the caller's
/// language), or <c>unreachable</c> when the network failed. Null when the call went through.
/// </summary>
public static class ApiAction
{
    public static async Task<string?> RunAsync(Func<Task> action, string unreachable)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            return e is ApiException api ? api.Message : unreachable;
        }
    }
}
