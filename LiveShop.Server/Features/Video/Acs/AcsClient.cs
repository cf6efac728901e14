using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace LiveShop.Server.Features.Video.Acs;

/// <summary>A participant's role in an ACS Room (Rooms API 2024-04-15).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AcsRoomRole>))]
public enum AcsRoomRole
{
    /// <summary>Sends audio and video, shares the screen: the show's host (and co-host).</summary>
    Presenter,
    /// <summary>Could send audio and video, cannot share the screen.</summary>
    Attendee,
    /// <summary>Receives only: every viewer.</summary>
    Consumer,
}

/// <summary>An ACS user access token and when it stops working.</summary>
public sealed record AcsToken(string Token, DateTimeOffset ExpiresOn);

/// <summary>
/// The calls LiveShop makes to Azure Communication Services over REST (the .NET ACS SDKs are not
/// available to us): identities and their tokens (Identity API 2023-10-01) and Rooms (2024-04-15).
/// Every request is HMAC-signed with the access key; a failure raises <see cref="AcsServiceException"/>.
/// </summary>
public interface IAcsClient
{
    /// <summary>Creates an ACS identity, with a token of <paramref name="scopes"/> when any are given.</summary>
    Task<(string UserId, AcsToken? Token)> CreateIdentityAsync(IReadOnlyList<string> scopes, int tokenMinutes, CancellationToken cancellationToken = default);

    /// <summary>Issues a new token for an existing identity.</summary>
    Task<AcsToken> IssueTokenAsync(string userId, IReadOnlyList<string> scopes, int tokenMinutes, CancellationToken cancellationToken = default);

    /// <summary>Creates a Room open from <paramref name="validFrom"/> to <paramref name="validUntil"/> with these participants; returns its id.</summary>
    Task<string> CreateRoomAsync(DateTimeOffset validFrom, DateTimeOffset validUntil, IReadOnlyDictionary<string, AcsRoomRole> participants, CancellationToken cancellationToken = default);

    /// <summary>Adds participants to a Room, or changes their role (JSON merge patch: others are untouched).</summary>
    Task UpsertParticipantsAsync(string roomId, IReadOnlyDictionary<string, AcsRoomRole> participants, CancellationToken cancellationToken = default);
}

/// <summary>ACS answered with an error (after retries), or could not be reached.</summary>
public sealed class AcsServiceException(string message, int status, string? errorCode, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The HTTP status ACS answered with; 0 when it could not be reached.</summary>
    public int Status { get; } = status;

    /// <summary>ACS's own error code (<c>error.code</c>), when it gave one.</summary>
    public string? ErrorCode { get; } = errorCode;
}

/// <summary>
/// <see cref="IAcsClient"/> on an Azure.Core <see cref="HttpPipeline"/>: its retry policy (exponential,
/// 3 retries, on 408/429/500/502/503/504 and network errors, honouring Retry-After) with
/// <see cref="AcsHmacPolicy"/> signing every attempt. Creating a Room carries Repeatability-Request-ID
/// so a retried create does not make a second Room.
/// </summary>
public sealed class AcsClient : IAcsClient
{
    public const string IdentityApiVersion = "2023-10-01";
    public const string RoomsApiVersion = "2024-04-15";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Uri _endpoint;
    private readonly HttpPipeline _pipeline;
    private readonly TimeProvider _time;
    private readonly ILogger<AcsClient> _logger;

    public AcsClient(AcsConnectionString connection, TimeProvider time, ILogger<AcsClient> logger, HttpPipelineTransport? transport = null)
    {
        _endpoint = connection.Endpoint;
        _time = time;
        _logger = logger;
        var options = new AcsPipelineOptions();
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(400);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(4);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(15);
        options.Diagnostics.IsDistributedTracingEnabled = false;
        if (transport is not null)
        {
            options.Transport = transport;
        }

        _pipeline = HttpPipelineBuilder.Build(options, [], [new AcsHmacPolicy(new AcsRequestSigner(connection.AccessKey), time)], new ResponseClassifier());
    }

    public async Task<(string UserId, AcsToken? Token)> CreateIdentityAsync(IReadOnlyList<string> scopes, int tokenMinutes, CancellationToken cancellationToken = default)
    {
        object body = scopes.Count == 0 ? new { } : new CreateIdentityBody(scopes, tokenMinutes);
        var created = await SendAsync<IdentityAndTokenBody>(RequestMethod.Post, $"identities?api-version={IdentityApiVersion}", body, null, cancellationToken);
        if (string.IsNullOrEmpty(created.Identity?.Id) || (scopes.Count > 0 && string.IsNullOrEmpty(created.AccessToken?.Token)))
        {
            throw new AcsServiceException("Azure Communication Services answered the identity request without an identity or token.", 200, null);
        }

        return (created.Identity.Id, created.AccessToken is { Token: { Length: > 0 } token, ExpiresOn: var expires } ? new AcsToken(token, expires) : null);
    }

    public async Task<AcsToken> IssueTokenAsync(string userId, IReadOnlyList<string> scopes, int tokenMinutes, CancellationToken cancellationToken = default)
    {
        var issued = await SendAsync<TokenBody>(RequestMethod.Post, $"identities/{Uri.EscapeDataString(userId)}/:issueAccessToken?api-version={IdentityApiVersion}",
            new IssueTokenBody(scopes, tokenMinutes), null, cancellationToken);
        return string.IsNullOrEmpty(issued.Token)
            ? throw new AcsServiceException("Azure Communication Services answered the token request without a token.", 200, null)
            : new AcsToken(issued.Token, issued.ExpiresOn);
    }

    public async Task<string> CreateRoomAsync(DateTimeOffset validFrom, DateTimeOffset validUntil, IReadOnlyDictionary<string, AcsRoomRole> participants, CancellationToken cancellationToken = default)
    {
        var repeatability = new Dictionary<string, string>
        {
            ["Repeatability-Request-ID"] = Guid.NewGuid().ToString(),
            ["Repeatability-First-Sent"] = _time.GetUtcNow().ToString("r", System.Globalization.CultureInfo.InvariantCulture),
        };
        var room = await SendAsync<RoomBody>(RequestMethod.Post, $"rooms?api-version={RoomsApiVersion}",
            new CreateRoomBody(validFrom.ToUniversalTime(), validUntil.ToUniversalTime(), Participants(participants)), repeatability, cancellationToken);
        return string.IsNullOrEmpty(room.Id)
            ? throw new AcsServiceException("Azure Communication Services answered the create-room request without a room id.", 201, null)
            : room.Id;
    }

    public async Task UpsertParticipantsAsync(string roomId, IReadOnlyDictionary<string, AcsRoomRole> participants, CancellationToken cancellationToken = default) =>
        await SendAsync<JsonElement>(RequestMethod.Patch, $"rooms/{Uri.EscapeDataString(roomId)}/participants?api-version={RoomsApiVersion}",
            new ParticipantsBody(Participants(participants)), null, cancellationToken, "application/merge-patch+json");

    private static Dictionary<string, ParticipantBody> Participants(IReadOnlyDictionary<string, AcsRoomRole> participants) =>
        participants.ToDictionary(p => p.Key, p => new ParticipantBody(p.Value));

    private async Task<T> SendAsync<T>(RequestMethod method, string relative, object body, IReadOnlyDictionary<string, string>? headers, CancellationToken cancellationToken, string contentType = "application/json")
    {
        using var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(new Uri(_endpoint, relative));
        request.Headers.SetValue("Accept", "application/json");
        request.Headers.SetValue("Content-Type", contentType);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.SetValue(name, value);
        }

        request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(body, Json));
        var path = request.Uri.Path;
        var started = Stopwatch.GetTimestamp();
        try
        {
            await _pipeline.SendAsync(message, cancellationToken);
        }
        catch (RequestFailedException e)
        {
            _logger.LogWarning(e, "ACS {Method} {Path} could not be reached", method, path);
            throw new AcsServiceException("Azure Communication Services could not be reached.", 0, null, e);
        }

        var response = message.Response;
        _logger.LogInformation("ACS {Method} {Path} answered {Status} in {Elapsed} ms", method, path, response.Status, (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        if (response.IsError)
        {
            var error = TryReadError(response.Content);
            _logger.LogWarning("ACS {Method} {Path} refused: {Status} {Code} {Message}", method, path, response.Status, error?.Code, error?.Message);
            throw new AcsServiceException($"Azure Communication Services refused the request ({response.Status}{(error?.Code is { } code ? " " + code : "")}).", response.Status, error?.Code);
        }

        try
        {
            return response.Content.ToObjectFromJson<T>(Json)!;
        }
        catch (JsonException e)
        {
            throw new AcsServiceException("Azure Communication Services answered with JSON of an unexpected shape.", response.Status, null, e);
        }
    }

    private static ErrorDetail? TryReadError(BinaryData content)
    {
        try
        {
            return content.ToMemory().Length == 0 ? null : content.ToObjectFromJson<ErrorBody>(Json)?.Error;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed class AcsPipelineOptions : ClientOptions;

    private sealed record CreateIdentityBody(IReadOnlyList<string> CreateTokenWithScopes, int ExpiresInMinutes);

    private sealed record IssueTokenBody(IReadOnlyList<string> Scopes, int ExpiresInMinutes);

    private sealed record IdentityBody(string Id);

    private sealed record TokenBody(string Token, DateTimeOffset ExpiresOn);

    private sealed record IdentityAndTokenBody(IdentityBody? Identity, TokenBody? AccessToken);

    private sealed record ParticipantBody(AcsRoomRole Role);

    private sealed record CreateRoomBody(DateTimeOffset ValidFrom, DateTimeOffset ValidUntil, IReadOnlyDictionary<string, ParticipantBody> Participants);

    private sealed record ParticipantsBody(IReadOnlyDictionary<string, ParticipantBody> Participants);

    private sealed record RoomBody(string Id, DateTimeOffset ValidUntil);

    private sealed record ErrorDetail(string? Code, string? Message);

    private sealed record ErrorBody(ErrorDetail? Error);
}
