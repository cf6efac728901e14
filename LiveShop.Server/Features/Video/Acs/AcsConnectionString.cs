namespace LiveShop.Server.Features.Video.Acs;

/// <summary>
/// The two parts of an ACS connection string, <c>endpoint=https://….communication.azure.com/;accesskey=…</c>:
/// the resource's endpoint and the decoded access key that signs every request.
/// </summary>
public sealed record AcsConnectionString(Uri Endpoint, byte[] AccessKey)
{
    /// <summary>Parses the string as the Azure portal shows it; refuses anything else with a message that says what is wrong (never the key).</summary>
    public static AcsConnectionString Parse(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new FormatException("Acs:ConnectionString is empty. Copy the connection string from the resource's Keys page: endpoint=https://….communication.azure.com/;accesskey=….");
        }

        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException("Acs:ConnectionString must be name=value pairs separated by ';' (endpoint=…;accesskey=…).");
            }

            // The key is Base64 and may end in '=': split at the first '=' only.
            parts[part[..equals].Trim()] = part[(equals + 1)..].Trim();
        }

        if (!parts.TryGetValue("endpoint", out var endpointText) || endpointText.Length == 0)
        {
            throw new FormatException("Acs:ConnectionString has no endpoint=https://….communication.azure.com/ part.");
        }

        if (!Uri.TryCreate(endpointText, UriKind.Absolute, out var endpoint) || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            throw new FormatException("The endpoint in Acs:ConnectionString must be an absolute https:// URL.");
        }

        if (!parts.TryGetValue("accesskey", out var keyText) || keyText.Length == 0)
        {
            throw new FormatException("Acs:ConnectionString has no accesskey=… part.");
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(keyText);
        }
        catch (FormatException)
        {
            throw new FormatException("The accesskey in Acs:ConnectionString is not Base64; copy it again from the resource's Keys page.");
        }

        if (key.Length == 0)
        {
            throw new FormatException("The accesskey in Acs:ConnectionString is empty.");
        }

        // Requests are made relative to the endpoint: make sure it ends in '/'.
        var normalized = endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");
        return new AcsConnectionString(normalized, key);
    }
}
