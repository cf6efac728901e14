namespace LiveShop.Server.Features.Security;

/// <summary>
/// Configuration section <c>Security</c>: which other sites may call the API and the hub, and what the
/// Content-Security-Policy allows beyond LiveShop's own needs (see docs/security.md).
/// </summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>
    /// Origins (<c>https://shop.example</c>) trusted like this site itself for unsafe API calls and the hub, besides the
    /// request's own scheme and host. Empty by default: a page from any other origin is refused with 403.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>Sources added to the Content-Security-Policy, directive by directive.</summary>
    public CspSources ContentSecurityPolicy { get; set; } = new();

    /// <summary>Each list is appended to its directive as written (<c>https://cdn.example</c>, <c>wss://media.example</c>).</summary>
    public sealed class CspSources
    {
        public List<string> ScriptSrc { get; set; } = [];

        public List<string> StyleSrc { get; set; } = [];

        public List<string> ImgSrc { get; set; } = [];

        public List<string> MediaSrc { get; set; } = [];

        public List<string> ConnectSrc { get; set; } = [];

        public List<string> FrameSrc { get; set; } = [];

        public List<string> FontSrc { get; set; } = [];
    }

    /// <summary>The settings that cannot work: an allowed origin that is not <c>scheme://host[:port]</c>, a source with a quote, semicolon or line break.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var origin in AllowedOrigins)
        {
            if (CrossSiteRequests.NormalizeOrigin(origin) is null)
            {
                yield return $"Security:AllowedOrigins: “{origin}” is not an origin such as https://shop.example.";
            }
        }

        var csp = ContentSecurityPolicy;
        foreach (var source in csp.ScriptSrc.Concat(csp.StyleSrc).Concat(csp.ImgSrc).Concat(csp.MediaSrc).Concat(csp.ConnectSrc).Concat(csp.FrameSrc).Concat(csp.FontSrc))
        {
            if (string.IsNullOrWhiteSpace(source) || source.IndexOfAny([';', ',', '\r', '\n']) >= 0)
            {
                yield return $"Security:ContentSecurityPolicy: “{source}” is not a single source expression.";
            }
        }
    }
}
