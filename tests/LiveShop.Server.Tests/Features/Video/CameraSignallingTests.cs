using System.Net.Http.Json;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Video;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Video;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveShop.Server.Tests.Features.Video;

/// <summary>
/// The hub as the camera's signalling channel: only the show's host starts its camera and offers, only a
/// viewer who asked answers, every message goes to exactly one connection, payloads are bounded.
/// </summary>
public class CameraSignallingTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    private const string Offer = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n";
    private const string Answer = "v=0\r\no=- 3 4 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n";
    private static readonly CameraIceCandidateDto Candidate = new("candidate:1 1 udp 2122260223 192.168.1.2 54321 typ host", "0", 0);

    [Fact]
    public async Task StartCamera_OnlyTheShowsHost_OthersRefusedWithTheirReason()
    {
        var (_, show, console) = await CameraPeer.CameraShowAsync(factory, "Camera: who may start");
        await using var _console = console;
        var viewer = await factory.SignInAsync(DemoSeeder.ViewerAccount.Email);
        var guest = await factory.GuestAsync("Guest Camera");
        var otherHost = await factory.RegisterAsync(asHost: true, "Other Host");
        var moderator = await factory.SignInAsync(DemoSeeder.ModeratorAccount.Email);
        await using var anonymous = await CameraPeer.JoinAsync(factory, show.Id);

        foreach (var (who, expected) in new[] { (viewer, ProblemCodes.Forbidden), (guest, ProblemCodes.Forbidden), (otherHost, ProblemCodes.NotShowHost), (moderator, ProblemCodes.Forbidden) })
        {
            await using var peer = await CameraPeer.JoinAsync(factory, show.Id, who.Cookies);
            var refusal = await Assert.ThrowsAsync<HubException>(peer.StartCameraAsync);
            Assert.Contains($"[{expected}]", refusal.Message, StringComparison.Ordinal);
        }

        Assert.Contains($"[{ProblemCodes.NotSignedIn}]", (await Assert.ThrowsAsync<HubException>(anonymous.StartCameraAsync)).Message, StringComparison.Ordinal);

        // Nobody became the camera: a viewer's request finds none.
        var notStarted = await Assert.ThrowsAsync<HubException>(anonymous.RequestAsync);
        Assert.Contains($"[{ProblemCodes.CameraNotStarted}]", notStarted.Message, StringComparison.Ordinal);

        var started = await console.StartCameraAsync();
        Assert.Equal(new CameraViewersDto(show.Id, 0, 20, 0), started);
        Assert.False(started.CapReached);
    }

    [Fact]
    public async Task StartCamera_ShowWithAStreamUrl_Refused()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Camera: a stream URL show");
        await using var console = await CameraPeer.JoinAsync(factory, room.Show.Id, room.Host.Cookies);

        var refusal = await Assert.ThrowsAsync<HubException>(console.StartCameraAsync);

        Assert.Contains($"[{ProblemCodes.CameraNotCameraShow}]", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestCamera_BeforeTheShowIsLive_Refused_ThenAcceptedOnceLive()
    {
        var (_, show, console) = await CameraPeer.CameraShowAsync(factory, "Camera: scheduled", goLive: false);
        await using var _console = console;
        await console.StartCameraAsync();
        await using var viewer = await CameraPeer.JoinAsync(factory, show.Id);

        var refusal = await Assert.ThrowsAsync<HubException>(viewer.RequestAsync);
        Assert.Contains($"[{ProblemCodes.ShowNotLive}]", refusal.Message, StringComparison.Ordinal);

        await console.Connection.InvokeAsync<ShowStatusEvent>(nameof(ILiveShowHub.GoLive), show.Id);
        await viewer.RequestAsync();

        Assert.Equal(viewer.Id, (await console.NextAsync(nameof(ILiveShowClient.CameraViewerRequested)))[1]);
    }

    [Fact]
    public async Task Relay_OfferAnswerAndCandidates_ReachExactlyTheirPeer()
    {
        var (_, show, console) = await CameraPeer.CameraShowAsync(factory, "Camera: relay");
        await using var _console = console;
        await console.StartCameraAsync();
        await using var alice = await CameraPeer.JoinAsync(factory, show.Id);
        await using var bob = await CameraPeer.JoinAsync(factory, show.Id, (await factory.SignInAsync(DemoSeeder.ViewerAccount.Email)).Cookies);

        await alice.RequestAsync();
        Assert.Equal(new object?[] { show.Id, alice.Id }, await console.NextAsync(nameof(ILiveShowClient.CameraViewerRequested)));
        Assert.Equal(1, ((CameraViewersDto)(await console.NextAsync(nameof(ILiveShowClient.CameraViewers)))[0]!).DirectViewers);
        await bob.RequestAsync();
        Assert.Equal(bob.Id, (await console.NextAsync(nameof(ILiveShowClient.CameraViewerRequested)))[1]);

        await console.OfferAsync(alice.Id, Offer);
        Assert.Equal(new object?[] { show.Id, Offer }, await alice.NextAsync(nameof(ILiveShowClient.CameraOffer)));
        await alice.AnswerAsync(Answer);
        Assert.Equal(new object?[] { show.Id, alice.Id, Answer }, await console.NextAsync(nameof(ILiveShowClient.CameraAnswer)));

        await console.IceAsync(alice.Id, Candidate);
        Assert.Equal(new object?[] { show.Id, null, Candidate }, await alice.NextAsync(nameof(ILiveShowClient.CameraIceCandidate)));
        await alice.IceAsync(null, Candidate);
        Assert.Equal(new object?[] { show.Id, alice.Id, Candidate }, await console.NextAsync(nameof(ILiveShowClient.CameraIceCandidate)));

        // Bob, waiting for his own offer, saw nothing of Alice's session.
        await bob.SettleAsync();
        Assert.DoesNotContain(bob.Unread(), k => k is nameof(ILiveShowClient.CameraOffer) or nameof(ILiveShowClient.CameraIceCandidate));
    }

    [Fact]
    public async Task Offer_FromAnyoneButTheCamera_OrToAnUnknownConnection_Refused()
    {
        var (host, show, console) = await CameraPeer.CameraShowAsync(factory, "Camera: offers");
        await using var _console = console;
        await console.StartCameraAsync();
        await using var viewer = await CameraPeer.JoinAsync(factory, show.Id);
        await using var bystander = await CameraPeer.JoinAsync(factory, show.Id);
        await using var hostSecondWindow = await CameraPeer.JoinAsync(factory, show.Id, host.Cookies);
        await viewer.RequestAsync();

        // A viewer (or the host's other window, which is not the camera) cannot offer.
        foreach (var impostor in new[] { bystander, hostSecondWindow })
        {
            var refusal = await Assert.ThrowsAsync<HubException>(() => impostor.OfferAsync(viewer.Id, Offer));
            Assert.Contains($"[{ProblemCodes.NotShowHost}]", refusal.Message, StringComparison.Ordinal);
        }

        // The camera cannot offer to a connection that did not ask, is unknown, or watches another show.
        var (_, otherShow, otherConsole) = await CameraPeer.CameraShowAsync(factory, "Camera: another show");
        await using var _otherConsole = otherConsole;
        await otherConsole.StartCameraAsync();
        await using var otherViewer = await CameraPeer.JoinAsync(factory, otherShow.Id);
        await otherViewer.RequestAsync();
        foreach (var target in new[] { bystander.Id, "no-such-connection", otherViewer.Id })
        {
            var refusal = await Assert.ThrowsAsync<HubException>(() => console.OfferAsync(target, Offer));
            Assert.Contains($"[{ProblemCodes.CameraPeerUnknown}]", refusal.Message, StringComparison.Ordinal);
            var ice = await Assert.ThrowsAsync<HubException>(() => console.IceAsync(target, Candidate));
            Assert.Contains($"[{ProblemCodes.CameraPeerUnknown}]", ice.Message, StringComparison.Ordinal);
        }

        await viewer.SettleAsync();
        await otherViewer.SettleAsync();
        Assert.DoesNotContain(nameof(ILiveShowClient.CameraOffer), viewer.Unread());
        Assert.DoesNotContain(nameof(ILiveShowClient.CameraOffer), otherViewer.Unread());
    }

    [Fact]
    public async Task Answer_OnlyFromAViewerWhoReceivedAnOffer()
    {
        var (_, show, console) = await CameraPeer.CameraShowAsync(factory, "Camera: answers");
        await using var _console = console;
        await console.StartCameraAsync();
        await using var asked = await CameraPeer.JoinAsync(factory, show.Id);
        await using var stranger = await CameraPeer.JoinAsync(factory, show.Id);
        await asked.RequestAsync();

        // Asked but not yet offered; never asked; the camera itself.
        foreach (var peer in new[] { asked, stranger, console })
        {
            var refusal = await Assert.ThrowsAsync<HubException>(() => peer.AnswerAsync(Answer));
            Assert.Contains($"[{ProblemCodes.CameraPeerUnknown}]", refusal.Message, StringComparison.Ordinal);
        }

        // A viewer without a session cannot send candidates either, nor name a target.
        Assert.Contains($"[{ProblemCodes.CameraPeerUnknown}]", (await Assert.ThrowsAsync<HubException>(() => stranger.IceAsync(null, Candidate))).Message, StringComparison.Ordinal);
        Assert.Contains($"[{ProblemCodes.CameraPeerUnknown}]", (await Assert.ThrowsAsync<HubException>(() => asked.IceAsync(stranger.Id, Candidate))).Message, StringComparison.Ordinal);

        await console.SettleAsync();
        Assert.DoesNotContain(console.Unread(), k => k is nameof(ILiveShowClient.CameraAnswer) or nameof(ILiveShowClient.CameraIceCandidate));
        await stranger.SettleAsync();
        Assert.DoesNotContain(nameof(ILiveShowClient.CameraIceCandidate), stranger.Unread());
    }

    [Fact]
    public async Task Payloads_EmptyOrOversized_RefusedAndNotDelivered()
    {
        var (_, show, console) = await CameraPeer.CameraShowAsync(factory, "Camera: payloads");
        await using var _console = console;
        await console.StartCameraAsync();
        await using var viewer = await CameraPeer.JoinAsync(factory, show.Id);
        await viewer.RequestAsync();

        var oversized = Offer + new string('a', CameraLimits.SdpMaxLength);
        foreach (var sdp in new[] { "", "   ", "hello", oversized })
        {
            var refusal = await Assert.ThrowsAsync<HubException>(() => console.OfferAsync(viewer.Id, sdp));
            Assert.Contains($"[{ProblemCodes.CameraSignalInvalid}]", refusal.Message, StringComparison.Ordinal);
        }

        foreach (var candidate in new[] { Candidate with { Candidate = "" }, Candidate with { Candidate = "candidate:" + new string('1', CameraLimits.CandidateMaxLength) }, Candidate with { SdpMid = new string('m', 100) } })
        {
            var refusal = await Assert.ThrowsAsync<HubException>(() => console.IceAsync(viewer.Id, candidate));
            Assert.Contains($"[{ProblemCodes.CameraSignalInvalid}]", refusal.Message, StringComparison.Ordinal);
        }

        await viewer.SettleAsync();
        Assert.Empty(viewer.Unread());

        // Still waiting for its offer: the refused ones changed nothing.
        await console.OfferAsync(viewer.Id, Offer);
        await viewer.NextAsync(nameof(ILiveShowClient.CameraOffer));
        var tooLongAnswer = await Assert.ThrowsAsync<HubException>(() => viewer.AnswerAsync(Answer + new string('a', CameraLimits.SdpMaxLength)));
        Assert.Contains($"[{ProblemCodes.CameraSignalInvalid}]", tooLongAnswer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IceCandidates_PastTheSessionsBudget_Refused_ANewRequestStartsOver()
    {
        var (_, show, console) = await CameraPeer.CameraShowAsync(factory, "Camera: candidate budget");
        await using var _console = console;
        await console.StartCameraAsync();
        await using var viewer = await CameraPeer.JoinAsync(factory, show.Id);
        await viewer.RequestAsync();
        for (var i = 0; i < ICameraSessions.CandidateBudget / 2; i++)
        {
            await viewer.IceAsync(null, Candidate);
            await console.IceAsync(viewer.Id, Candidate);
        }

        var refusal = await Assert.ThrowsAsync<HubException>(() => viewer.IceAsync(null, Candidate));

        Assert.Contains($"[{ProblemCodes.CameraSignalInvalid}]", refusal.Message, StringComparison.Ordinal);
        Assert.Contains($"[{ProblemCodes.CameraSignalInvalid}]", (await Assert.ThrowsAsync<HubException>(() => console.IceAsync(viewer.Id, Candidate))).Message, StringComparison.Ordinal);
        await viewer.RequestAsync();
        await viewer.IceAsync(null, Candidate);
    }

    [Fact]
    public async Task Disconnect_HostLeaves_ViewersPaused_HostReloads_RoomAskedAgain()
    {
        var (host, show, console) = await CameraPeer.CameraShowAsync(factory, "Camera: host reload");
        await console.StartCameraAsync();
        await using var viewer = await CameraPeer.JoinAsync(factory, show.Id);
        await viewer.RequestAsync();

        await console.DisposeAsync();
        Assert.Equal(show.Id, (await viewer.NextAsync(nameof(ILiveShowClient.CameraPaused)))[0]);
        Assert.Contains($"[{ProblemCodes.CameraNotStarted}]", (await Assert.ThrowsAsync<HubException>(viewer.RequestAsync)).Message, StringComparison.Ordinal);

        await using var reloaded = await CameraPeer.JoinAsync(factory, show.Id, host.Cookies);
        await reloaded.StartCameraAsync();
        Assert.Equal(show.Id, (await viewer.NextAsync(nameof(ILiveShowClient.CameraAvailable)))[0]);
        await viewer.RequestAsync();
        Assert.Equal(viewer.Id, (await reloaded.NextAsync(nameof(ILiveShowClient.CameraViewerRequested)))[1]);
    }
}

/// <summary>The direct-viewer cap (2 here): the next viewer is refused with the reason, the host is told, a leaver frees a place.</summary>
public class CameraViewerCapTests(CameraCapLiveShopFactory factory) : IClassFixture<CameraCapLiveShopFactory>
{
    [Fact]
    public async Task RequestCamera_PastTheCap_RefusedAndHostTold_ALeaverFreesAPlace()
    {
        var (_, show, console) = await CameraPeer.CameraShowAsync(factory, "Camera: cap");
        await using var _console = console;
        var started = await console.StartCameraAsync();
        Assert.Equal(CameraCapLiveShopFactory.Cap, started.Cap);
        Assert.Equal(CameraCapLiveShopFactory.Cap, (await factory.NewBrowser().GetFromJsonAsync<VideoOptionsDto>(ApiRoutes.VideoOptions))!.CameraViewerCap);
        var first = await CameraPeer.JoinAsync(factory, show.Id);
        await using var second = await CameraPeer.JoinAsync(factory, show.Id);
        await using var third = await CameraPeer.JoinAsync(factory, show.Id);
        await first.RequestAsync();
        await second.RequestAsync();
        await first.RequestAsync(); // asking again keeps its place

        var refusal = await Assert.ThrowsAsync<HubException>(third.RequestAsync);

        Assert.Contains($"[{ProblemCodes.CameraViewerCapReached}]", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("stream URL or Azure Communication Services", refusal.Message, StringComparison.Ordinal);
        CameraViewersDto viewers;
        do
        {
            viewers = (CameraViewersDto)(await console.NextAsync(nameof(ILiveShowClient.CameraViewers)))[0]!;
        }
        while (viewers.Refused == 0);
        Assert.Equal(new CameraViewersDto(show.Id, 2, 2, 1), viewers);
        Assert.True(viewers.CapReached);

        // The first viewer closes its page: the host closes that peer, and the place goes to the next who asks.
        var firstId = first.Id;
        await first.DisposeAsync();
        Assert.Equal(new object?[] { show.Id, firstId }, await console.NextAsync(nameof(ILiveShowClient.CameraViewerLeft)));
        await third.RequestAsync();
        Assert.Equal(third.Id, (await console.NextAsync(nameof(ILiveShowClient.CameraViewerRequested)))[1]);
    }
}
