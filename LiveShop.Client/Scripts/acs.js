// Azure Communication Services video in the browser, through @azure/communication-calling (bundled by
// esbuild into wwwroot/js/bundles/acs.js; see LiveShop.Client.csproj). The server hands out the Room
// id and a short-lived token (POST /api/shows/{id}/video/acs-session); this module only joins.
//   joinAsViewer(container, session, dotnet)     a Consumer: renders the host's video, incoming audio muted
//   joinAsPresenter(preview, session, dotnet, o) the host: picks camera/mic, mirrored local preview, sends
// Both report to .NET with OnAcsState(state, reason): "connecting" | "waiting" | "live" |
// "reconnecting" | "ended" | "error", and ask .NET for a fresh token with RefreshAcsToken() before
// the current one runs out. The token is never logged.
import { CallClient, LocalVideoStream, VideoStreamRenderer } from '@azure/communication-calling';
import { AzureCommunicationTokenCredential } from '@azure/communication-common';

function credential(session, dotnet) {
    return new AzureCommunicationTokenCredential({
        token: session.token,
        refreshProactively: true,
        tokenRefresher: async () => await dotnet.invokeMethodAsync('RefreshAcsToken'),
    });
}

function report(dotnet, state, reason) {
    dotnet?.invokeMethodAsync('OnAcsState', state, reason ?? null).catch(() => { });
}

function describe(error) {
    if (error?.name === 'NotAllowedError') {
        return 'The browser was not allowed to use the camera or microphone.';
    }
    return error?.message || String(error);
}

/** Joins the show's Room as a Consumer and renders every video the host sends into container. */
export async function joinAsViewer(container, session, dotnet) {
    const viewer = new Viewer(container, dotnet);
    await viewer.join(session);
    return viewer;
}

class Viewer {
    constructor(container, dotnet) {
        this.container = container;
        this.dotnet = dotnet;
        this.renderers = new Map();
        this.disposed = false;
    }

    async join(session) {
        report(this.dotnet, 'connecting');
        try {
            this.client = new CallClient();
            this.agent = await this.client.createCallAgent(credential(session, this.dotnet), { displayName: 'Viewer' });
            this.call = this.agent.join({ roomId: session.roomId }, { audioOptions: { muted: true } });
        } catch (error) {
            report(this.dotnet, 'error', describe(error));
            return;
        }

        this.call.on('stateChanged', () => this.onCallState());
        this.call.on('remoteParticipantsUpdated', e => {
            e.added.forEach(p => this.watchParticipant(p));
            e.removed.forEach(p => p.videoStreams.forEach(s => this.stopRendering(s)));
            this.reportVideo();
        });
        this.call.remoteParticipants.forEach(p => this.watchParticipant(p));
    }

    onCallState() {
        const state = this.call.state;
        if (state === 'Connected') {
            // Autoplay rules: start with the host's audio muted; the player's button unmutes.
            this.call.muteIncomingAudio().catch(() => { });
            this.reportVideo();
        } else if (state === 'Disconnected') {
            const code = this.call.callEndReason?.code;
            report(this.dotnet, code && code !== 0 ? 'error' : 'ended', code && code !== 0 ? `The video room closed the connection (code ${code}).` : null);
        } else if (state === 'LocalHold' || state === 'RemoteHold') {
            report(this.dotnet, 'reconnecting');
        }
    }

    watchParticipant(participant) {
        participant.videoStreams.forEach(s => this.watchStream(s));
        participant.on('videoStreamsUpdated', e => {
            e.added.forEach(s => this.watchStream(s));
            e.removed.forEach(s => this.stopRendering(s));
            this.reportVideo();
        });
    }

    watchStream(stream) {
        const update = () => stream.isAvailable ? this.render(stream) : this.stopRendering(stream);
        stream.on('isAvailableChanged', update);
        update();
    }

    async render(stream) {
        if (this.disposed || this.renderers.has(stream.id)) {
            return;
        }
        const renderer = new VideoStreamRenderer(stream);
        this.renderers.set(stream.id, renderer);
        try {
            const view = await renderer.createView({ scalingMode: 'Fit' });
            view.target.dataset.acsStream = String(stream.id);
            this.container.appendChild(view.target);
        } catch (error) {
            this.renderers.delete(stream.id);
            renderer.dispose();
            report(this.dotnet, 'error', describe(error));
            return;
        }
        this.reportVideo();
    }

    stopRendering(stream) {
        const renderer = this.renderers.get(stream.id);
        if (renderer) {
            this.renderers.delete(stream.id);
            renderer.dispose();
        }
        this.reportVideo();
    }

    reportVideo() {
        if (this.disposed || this.call?.state !== 'Connected') {
            return;
        }
        report(this.dotnet, this.renderers.size > 0 ? 'live' : 'waiting');
    }

    async setMuted(muted) {
        if (this.call) {
            await (muted ? this.call.muteIncomingAudio() : this.call.unmuteIncomingAudio());
        }
    }

    async dispose() {
        this.disposed = true;
        this.renderers.forEach(r => r.dispose());
        this.renderers.clear();
        try {
            await this.call?.hangUp();
        } catch { /* already gone */ }
        await this.agent?.dispose().catch(() => { });
    }
}

/**
 * Asks for the camera and microphone, shows the host a mirrored preview in preview, and joins the
 * Room as Presenter sending the chosen camera and microphone. options: { cameraId, microphoneId }.
 * Returns a controller: devices(), useCamera(id), useMicrophone(id), setMicMuted(b), setCameraOn(b), dispose().
 */
export async function joinAsPresenter(preview, session, dotnet, options) {
    const studio = new Studio(preview, dotnet);
    await studio.join(session, options ?? {});
    return studio;
}

class Studio {
    constructor(preview, dotnet) {
        this.preview = preview;
        this.dotnet = dotnet;
        this.disposed = false;
    }

    async join(session, options) {
        report(this.dotnet, 'connecting');
        try {
            this.client = new CallClient();
            this.devicesManager = await this.client.getDeviceManager();
            await this.devicesManager.askDevicePermission({ audio: true, video: true });
            this.cameras = await this.devicesManager.getCameras();
            this.microphones = await this.devicesManager.getMicrophones();
            if (this.cameras.length === 0) {
                report(this.dotnet, 'error', 'No camera was found on this device.');
                return;
            }
            const camera = this.cameras.find(c => c.id === options.cameraId) ?? this.cameras[0];
            const microphone = this.microphones.find(m => m.id === options.microphoneId) ?? this.microphones[0];
            if (microphone) {
                await this.devicesManager.selectMicrophone(microphone);
            }
            this.localVideo = new LocalVideoStream(camera);
            await this.showPreview();
            this.agent = await this.client.createCallAgent(credential(session, this.dotnet), { displayName: 'Host' });
            this.call = this.agent.join({ roomId: session.roomId }, {
                videoOptions: { localVideoStreams: [this.localVideo] },
                audioOptions: { muted: false },
            });
            this.call.on('stateChanged', () => {
                const state = this.call.state;
                if (state === 'Connected') {
                    report(this.dotnet, 'live');
                } else if (state === 'Disconnected') {
                    const code = this.call.callEndReason?.code;
                    report(this.dotnet, code && code !== 0 ? 'error' : 'ended', code && code !== 0 ? `The video room closed the connection (code ${code}).` : null);
                } else if (state === 'LocalHold' || state === 'RemoteHold') {
                    report(this.dotnet, 'reconnecting');
                }
            });
        } catch (error) {
            report(this.dotnet, 'error', describe(error));
        }
    }

    async showPreview() {
        this.previewRenderer?.dispose();
        this.previewRenderer = new VideoStreamRenderer(this.localVideo);
        // Mirrored for the host only, like a mirror; viewers get the camera as it is.
        const view = await this.previewRenderer.createView({ isMirrored: true, scalingMode: 'Crop' });
        this.preview.replaceChildren(view.target);
    }

    devices() {
        const list = items => (items ?? []).map(d => ({ id: d.id, name: d.name || 'Unnamed device' }));
        return { cameras: list(this.cameras), microphones: list(this.microphones) };
    }

    async useCamera(id) {
        const camera = this.cameras?.find(c => c.id === id);
        if (camera && this.localVideo) {
            await this.localVideo.switchSource(camera);
        }
    }

    async useMicrophone(id) {
        const microphone = this.microphones?.find(m => m.id === id);
        if (microphone) {
            await this.devicesManager.selectMicrophone(microphone);
        }
    }

    async setMicMuted(muted) {
        if (this.call) {
            await (muted ? this.call.mute() : this.call.unmute());
        }
    }

    async setCameraOn(on) {
        if (!this.call || !this.localVideo) {
            return;
        }
        if (on) {
            await this.call.startVideo(this.localVideo);
            await this.showPreview();
        } else {
            await this.call.stopVideo(this.localVideo);
            this.previewRenderer?.dispose();
            this.previewRenderer = null;
        }
    }

    async dispose() {
        this.disposed = true;
        this.previewRenderer?.dispose();
        try {
            await this.call?.hangUp();
        } catch { /* already gone */ }
        await this.agent?.dispose().catch(() => { });
    }
}
