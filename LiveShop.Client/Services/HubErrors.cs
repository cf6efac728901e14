using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR;

namespace LiveShop.Client.Services;

/// <summary>Reads the server's "[code] sentence" HubException messages.</summary>
public static partial class HubErrors
{
    /// <summary>The human sentence, without the framework's prefix and the code.</summary>
    public static string Sentence(HubException exception)
    {
        var match = CodedMessage().Match(exception.Message);
        return match.Success ? match.Groups["text"].Value : exception.Message;
    }

    /// <summary>The stable code, or null.</summary>
    public static string? Code(HubException exception)
    {
        var match = CodedMessage().Match(exception.Message);
        return match.Success ? match.Groups["code"].Value : null;
    }

    [GeneratedRegex(@"\[(?<code>[a-z0-9-]+)\] (?<text>.*)$", RegexOptions.Singleline)]
    private static partial Regex CodedMessage();
}
