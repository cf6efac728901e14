using System.Security.Cryptography;
using LiveShop.Server.Features.Security;

namespace LiveShop.Server.Tests.Features.Security;

/// <summary>The visitor cookie's value is signed: only the server's secret makes one that verifies.</summary>
public class IdentityKeysTests
{
    private readonly IdentityKeys _keys = new(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void VerifyVisitor_ASignedValue_GivesItsId()
    {
        var id = Guid.NewGuid();

        var value = _keys.SignVisitor(id);

        Assert.Matches("^[0-9a-f]{32}\\.[A-Za-z0-9_-]{22}$", value);
        Assert.Equal(id, _keys.VerifyVisitor(value));
    }

    [Fact]
    public void VerifyVisitor_BareIdsWrongTagsAndOtherSecrets_GiveNothing()
    {
        var id = Guid.NewGuid();
        var value = _keys.SignVisitor(id);
        var otherTag = _keys.SignVisitor(Guid.NewGuid())[32..];
        var flipped = value[..^1] + (value[^1] == 'A' ? 'B' : 'A');

        Assert.All(
            new string?[]
            {
                null, "", id.ToString("N"), id.ToString(), id.ToString("N") + otherTag, flipped, value[..^1], value + "A",
                value.ToUpperInvariant(), new IdentityKeys(RandomNumberGenerator.GetBytes(32)).SignVisitor(id),
            },
            forged => Assert.Null(_keys.VerifyVisitor(forged)));
    }
}
