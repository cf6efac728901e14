namespace LiveShop.Server.Features.Common;

/// <summary>The live (hub) connections of signed-in users, as features need them: closed when a user's access changes.</summary>
public interface IUserConnections
{
    /// <summary>
    /// Closes every open hub connection of the user on this server. The page reconnects as whoever the
    /// user now is, so group memberships (staff, hosts) that depended on a role they lost are gone.
    /// </summary>
    void Close(Guid userId);
}
