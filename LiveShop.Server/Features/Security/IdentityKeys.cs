using System.Buffers.Text;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using LiveShop.Shared.Orders;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Features.Security;

/// <summary>
/// Section <c>Identities</c>: how bans and flash-sale caps recognise a person behind fresh accounts
/// (docs/security.md, "Bans and caps").
/// </summary>
public sealed class IdentityOptions
{
    public const string Section = "Identities";

    /// <summary>
    /// The HMAC key (base64, at least 32 bytes) for the stored keys of browsers, addresses, shipping
    /// addresses and cards. Without it one is made on first start and stored beside the Data Protection
    /// keys, encrypted by them (set it when several instances must agree). Never in the repository.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>A flash sale's per-buyer cap also counts units by browser, shipping address and card.</summary>
    public bool CapFlashSalesByIdentity { get; set; } = true;

    /// <summary>A timeout or ban also covers the browsers and addresses the user was seen with in the show.</summary>
    public bool RestrictByIdentity { get; set; } = true;
}

/// <summary>
/// The one place that turns a browser id, a client address, a shipping address or a card number into
/// a stored key: a keyed hash (HMAC-SHA256, truncated to 128 bits, base64url), prefixed by its kind so
/// keys of different kinds never match. The raw value is never stored or logged; without the secret a
/// key cannot be turned back into an address.
/// </summary>
public sealed class IdentityKeys
{
    public const int MaxLength = 32;

    /// <summary>The visitor cookie's tag: HMAC-SHA256 cut to 16 bytes, 22 characters of base64url.</summary>
    private const int VisitorTagBytes = 16;

    private const int VisitorTagChars = 22;

    /// <summary>A visitor cookie's length: 32 hex digits, a dot, the tag.</summary>
    private const int VisitorValueLength = 32 + 1 + VisitorTagChars;

    private readonly byte[] _secret;

    public IdentityKeys(IOptions<IdentityOptions> options, IDataProtectionProvider protection, IConfiguration configuration, IHostEnvironment environment, ILogger<IdentityKeys> logger)
    {
        if (options.Value.Secret is { Length: > 0 } configured)
        {
            _secret = Convert.FromBase64String(configured);
            if (_secret.Length < 32)
            {
                throw new InvalidOperationException("Identities:Secret must be at least 32 bytes (base64).");
            }
        }
        else
        {
            _secret = StoredSecret(protection, Data.DataExtensions.KeysDirectory(configuration, environment), logger);
        }
    }

    /// <summary>Keys made with a given secret (tests).</summary>
    internal IdentityKeys(byte[] secret) => _secret = secret;

    /// <summary>
    /// Without a configured secret: one made on first start and kept beside the Data Protection keys,
    /// encrypted by them, so keys survive restarts wherever those keys do. A file that cannot be read
    /// (keys lost or rotated away) is replaced, and the log says so once.
    /// </summary>
    private static byte[] StoredSecret(IDataProtectionProvider protection, string folder, ILogger logger)
    {
        var protector = protection.CreateProtector("LiveShop.IdentityKeys.v1");
        var path = Path.Combine(folder, "identity-keys.secret");
        if (File.Exists(path))
        {
            try
            {
                return protector.Unprotect(File.ReadAllBytes(path));
            }
            catch (CryptographicException)
            {
                logger.LogWarning("The stored identity-key secret could not be decrypted (Data Protection keys changed): a new one is made, and earlier browser, address and card keys no longer match.");
            }
        }

        var secret = RandomNumberGenerator.GetBytes(32);
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(path, protector.Protect(secret));
        return secret;
    }

    public string Visitor(Guid visitorId) => Key('v', visitorId.ToString("N"));

    /// <summary>
    /// The visitor cookie's value for <paramref name="visitorId"/>: <c>{id:N}.{tag}</c>, the tag a keyed
    /// hash of the id, so only this server (or one sharing its secret) can issue a visitor id.
    /// </summary>
    public string SignVisitor(Guid visitorId)
    {
        var id = visitorId.ToString("N");
        Span<char> tag = stackalloc char[VisitorTagChars];
        VisitorTag(id, tag);
        return string.Concat(id, ".", tag);
    }

    /// <summary>
    /// The visitor id a cookie value carries, or null when it is not one this server signed (a bare id,
    /// a wrong or truncated tag, anything else). The tag is compared in constant time.
    /// </summary>
    public Guid? VerifyVisitor(string? value)
    {
        if (value is not { Length: VisitorValueLength } || value[32] != '.'
            || !Guid.TryParseExact(value.AsSpan(0, 32), "N", out var visitorId))
        {
            return null;
        }

        Span<char> expected = stackalloc char[VisitorTagChars];
        VisitorTag(value.AsSpan(0, 32), expected);
        return CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(expected), MemoryMarshal.AsBytes(value.AsSpan(33))) ? visitorId : null;
    }

    /// <summary>Its own domain ("ls_vid:"), so a cookie's tag never equals the stored key <see cref="Visitor"/> of the same id.</summary>
    private void VisitorTag(ReadOnlySpan<char> id, Span<char> tag)
    {
        Span<byte> message = stackalloc byte[7 + 32];
        var written = Encoding.ASCII.GetBytes("ls_vid:", message);
        written += Encoding.ASCII.GetBytes(id, message[written..]);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_secret, message[..written], mac);
        Base64Url.EncodeToChars(mac[..VisitorTagBytes], tag);
    }

    /// <summary>A client address as <see cref="ClientAddress.Of"/> gives it (IPv6 already cut to its /64).</summary>
    public string Address(string clientAddress) => Key('a', clientAddress);

    /// <summary>Name- and phone-independent: country, postal code and address lines, ignoring case, spaces and punctuation.</summary>
    public string Shipping(ShippingAddressDto address) =>
        Key('s', string.Join('|', Fold(address.Country), Fold(address.PostalCode), Fold(address.Line1), Fold(address.Line2)));

    /// <summary>A gift's "address" before its recipient gives one: the buyer's gifts share one key, so they count together.</summary>
    public string GiftShipping(Guid buyerId) => Key('g', buyerId.ToString("N"));

    /// <summary>
    /// The token of a gift's link (<see cref="Features.Gifts.GiftLinks"/>): a keyed hash of the order's id, so the link can be
    /// shown to its buyer again without being stored, and only this server (or one sharing its secret) can make one.
    /// </summary>
    public string GiftToken(Guid orderId) => Key('t', "gift:" + orderId.ToString("N"));

    /// <summary>Whether <paramref name="token"/> is the gift link token of <paramref name="orderId"/> (compared in constant time).</summary>
    public bool IsGiftToken(Guid orderId, string? token) =>
        token is { Length: > 0 and <= MaxLength } && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(GiftToken(orderId)), Encoding.ASCII.GetBytes(token));

    /// <summary>A card number's digits (<see cref="TestCards.Normalize"/>), or null when there are none.</summary>
    public string? Card(string? cardNumber) => TestCards.Normalize(cardNumber) is { Length: > 0 } digits ? Key('c', digits) : null;

    /// <summary>Letters and digits only, lower case, compatibility-normalised (full-width digits count as digits).</summary>
    internal static string Fold(string? text)
    {
        var builder = new StringBuilder();
        foreach (var c in (text ?? "").Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLower(c, CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private string Key(char kind, string value)
    {
        var mac = HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(kind + ":" + value));
        return kind + "_" + Convert.ToBase64String(mac, 0, 16).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}

public static class IdentityExtensions
{
    /// <summary>The identity keys, and the room registry that bans reach fresh guests by (docs/security.md, "Bans and caps").</summary>
    public static WebApplicationBuilder AddLiveShopIdentities(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<IdentityOptions>().BindConfiguration(IdentityOptions.Section)
            .Validate(o => o.Secret is not { Length: > 0 } secret || IsKey(secret), "Identities:Secret must be base64 of at least 32 bytes.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IdentityKeys>();
        builder.Services.AddSingleton<Moderation.RoomIdentities>();
        return builder;
    }

    private static bool IsKey(string secret)
    {
        var bytes = new byte[secret.Length];
        return Convert.TryFromBase64String(secret, bytes, out var length) && length >= 32;
    }
}
