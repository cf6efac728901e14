namespace LiveShop.Client.Services;

/// <summary>
/// Keeps return URLs on this site, so a crafted sign-in link cannot send people elsewhere. Browsers drop tabs and
/// newlines from a URL and read <c>\</c> as <c>/</c>, so <c>/&#9;/example.org</c> and <c>/\example.org</c> would leave the
/// site: anything with a control character or a backslash is refused, also after percent-decoding it, as is anything
/// that is not a path starting with a single <c>/</c>. Refused addresses become <c>/</c>.
/// </summary>
public static class SafeReturn
{
    private static readonly Uri Probe = new("http://return.liveshop.invalid/");

    public static string Path(string? returnUrl) => IsLocalPath(returnUrl) ? returnUrl! : "/";

    public static bool IsLocalPath(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || returnUrl.Length > 2048 || returnUrl[0] != '/')
        {
            return false;
        }

        // Check the text as given and as it reads once or twice percent-decoded ("%2F%5C" is "/\").
        var form = returnUrl;
        for (var round = 0; round < 3; round++)
        {
            if (!IsPlainLocal(form))
            {
                return false;
            }

            var decoded = Uri.UnescapeDataString(form);
            if (decoded == form)
            {
                break;
            }

            form = decoded;
        }

        // Last word to the URL parser: resolved against this site, it must stay on this site.
        return Uri.TryCreate(Probe, returnUrl, out var resolved) && resolved.Host == Probe.Host && resolved.Scheme == Probe.Scheme;
    }

    private static bool IsPlainLocal(string form)
    {
        var cut = form.IndexOfAny(['?', '#']);
        var path = cut < 0 ? form : form[..cut];
        if (path.Length == 0 || path[0] != '/' || (path.Length > 1 && path[1] is '/' or '\\'))
        {
            return false;
        }

        foreach (var c in path)
        {
            if (c == '\\' || char.IsControl(c) || char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        // Controls in the query are dropped by browsers too; they have no business in a return address.
        return !form.Any(char.IsControl);
    }
}
