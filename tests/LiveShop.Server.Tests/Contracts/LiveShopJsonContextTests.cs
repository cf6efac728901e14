using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using LiveShop.Shared;
using LiveShop.Shared.Accounts;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using LiveShop.Shared.Video;

namespace LiveShop.Server.Tests.Contracts;

/// <summary>
/// The published (trimmed) browser client reads and writes JSON only through <see cref="LiveShopJsonContext"/>: a wire
/// type missing there breaks it in production while every Debug test still passes. These tests make forgetting one fail.
/// </summary>
public sealed class LiveShopJsonContextTests
{
    private static readonly HashSet<Type> Listed = typeof(LiveShopJsonContext).GetCustomAttributesData()
        .Where(a => a.AttributeType == typeof(JsonSerializableAttribute))
        .Select(a => (Type)a.ConstructorArguments[0].Value!)
        .ToHashSet();

    [Fact]
    public void Context_EveryPublicRecordAndEnumOfShared_IsListed()
    {
        var wireTypes = typeof(LiveShopJsonContext).Assembly.GetExportedTypes()
            .Where(t => t.IsEnum || IsRecord(t))
            .ToList();

        Assert.NotEmpty(wireTypes);
        // A generic record (PageDto<T>) is listed by its closed forms: at least one must be there.
        var missing = wireTypes
            .Where(t => t.IsGenericTypeDefinition
                ? !Listed.Any(l => l.IsGenericType && l.GetGenericTypeDefinition() == t)
                : !Listed.Contains(t))
            .Select(t => t.FullName).Order().ToList();
        Assert.True(missing.Count == 0,
            "Add [JsonSerializable(typeof(...))] to LiveShop.Shared/LiveShopJsonContext.cs for: " + string.Join(", ", missing));
    }

    [Fact]
    public void Context_EveryTypeInTheHubContracts_IsListed()
    {
        var used = new[] { typeof(ILiveShowHub), typeof(ILiveShowClient) }
            .SelectMany(contract => contract.GetMethods())
            .SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType))
            .Select(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Task<>) ? t.GetGenericArguments()[0] : t)
            .Where(t => t != typeof(Task))
            .Distinct()
            .ToList();

        var missing = used.Where(t => !Listed.Contains(t)).Select(t => t.ToString()).Order().ToList();
        Assert.True(missing.Count == 0,
            "The hub sends these types, which LiveShop.Shared/LiveShopJsonContext.cs does not list: " + string.Join(", ", missing));
    }

    /// <summary>The server writes with reflection (ASP.NET Core's web defaults); the client reads with the context: the same JSON.</summary>
    [Fact]
    public void Context_SameJsonAsTheServersReflection()
    {
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var at = new DateTimeOffset(2026, 12, 5, 20, 0, 0, TimeSpan.FromHours(8));
        object[] samples =
        [
            new RegisterRequest("ana@example.com", "Passw0rd-x", "Ana", AsHost: true),
            new ShowListDto([], [], []),
            new CameraViewersDto(Guid.NewGuid(), 20, 20, 1),
            new ChatSettingsEvent(7, at, new LiveShop.Shared.Moderation.ChatSettingsDto(5, null)),
        ];

        foreach (var sample in samples)
        {
            var type = sample is RoomEvent ? typeof(RoomEvent) : sample.GetType();
            var info = LiveShopJsonContext.Default.GetTypeInfo(type)!;
            var viaContext = JsonSerializer.Serialize(sample, info);
            Assert.Equal(JsonSerializer.Serialize(sample, type, web), viaContext);
            Assert.Equal(viaContext, JsonSerializer.Serialize(JsonSerializer.Deserialize(viaContext, info), info));
        }
    }

    [Fact]
    public void Context_RoomEventKeepsItsTypeDiscriminator()
    {
        RoomEvent sent = new ReactionsEvent(3, DateTimeOffset.UnixEpoch, Added: 2, Total: 40);

        var json = JsonSerializer.Serialize(sent, LiveShopJsonContext.Default.RoomEvent);

        Assert.Contains($"\"$type\":\"{RoomEventKinds.Reactions}\"", json, StringComparison.Ordinal);
        Assert.Equal(sent, JsonSerializer.Deserialize(json, LiveShopJsonContext.Default.RoomEvent));
    }

    private static bool IsRecord(Type type) =>
        type.IsClass && type.GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance) is not null;
}
