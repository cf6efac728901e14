// The host's browser camera over WebRTC: one RTCPeerConnection per viewer on the host, one on each
// viewer. Signalling goes through .NET (the live hub); this module only does the media.
// See docs/camera.md.

const iceConfig = iceServers => ({
    iceServers: (iceServers || []).map(s => ({ urls: s.urls, username: s.username ?? undefined, credential: s.credential ?? undefined })),
});

const toInit = c => ({ candidate: c.candidate, sdpMid: c.sdpMid ?? null, sdpMLineIndex: c.sdpMLineIndex ?? null });

// A peer connection that holds back remote ICE candidates until its remote description is set.
function track(pc) {
    const pending = [];
    return {
        pc,
        async setRemote(description) {
            await pc.setRemoteDescription(description);
            while (pending.length) {
                await pc.addIceCandidate(pending.shift()).catch(() => { });
            }
        },
        async addIce(candidate) {
            if (pc.remoteDescription) {
                await pc.addIceCandidate(toInit(candidate)).catch(() => { });
            } else {
                pending.push(toInit(candidate));
            }
        },
    };
}

// ---- Host ----------------------------------------------------------------------------------

// The console's player shows the stream as sent (unmirrored), next to the studio's mirrored preview.
let studioStream = null;
const studioWatchers = new Set();

function showStudioStream(stream) {
    studioStream = stream;
    for (const video of studioWatchers) {
        video.srcObject = stream;
        if (stream) {
            video.play().catch(() => { });
        }
    }
}

export function watchStudio(video) {
    video.muted = true;
    studioWatchers.add(video);
    if (studioStream) {
        video.srcObject = studioStream;
        video.play().catch(() => { });
    }
}

export function unwatchStudio(video) {
    studioWatchers.delete(video);
}

class Studio {
    constructor(dotnet, preview, iceServers) {
        this.dotnet = dotnet;
        this.preview = preview;
        this.config = iceConfig(iceServers);
        this.stream = null;
        this.peers = new Map();
        this.micMuted = false;
        this.cameraOff = false;
    }

    // Opens the camera and microphone (asking permission the first time) and shows the preview.
    // Returns the devices, with labels once permission is given.
    async start(cameraId, micId) {
        const stream = await navigator.mediaDevices.getUserMedia({
            video: cameraId ? { deviceId: { exact: cameraId } } : { width: { ideal: 1280 }, height: { ideal: 720 } },
            audio: micId ? { deviceId: { exact: micId } } : true,
        });
        const old = this.stream;
        this.stream = stream;
        this.applyToggles();
        this.preview.srcObject = stream;
        this.preview.muted = true;
        this.preview.play().catch(() => { });
        showStudioStream(stream);
        // Every viewer's peer switches to the new tracks without renegotiating.
        for (const { pc } of this.peers.values()) {
            for (const sender of pc.getSenders()) {
                const next = stream.getTracks().find(t => t.kind === sender.track?.kind);
                if (next) {
                    await sender.replaceTrack(next);
                }
            }
        }
        old?.getTracks().forEach(t => t.stop());
        return await this.devices();
    }

    async devices() {
        const all = await navigator.mediaDevices.enumerateDevices();
        const current = kind => this.stream?.getTracks().find(t => t.kind === kind)?.getSettings().deviceId ?? null;
        return {
            cameras: all.filter(d => d.kind === 'videoinput').map(d => ({ id: d.deviceId, label: d.label || 'Camera' })),
            microphones: all.filter(d => d.kind === 'audioinput').map(d => ({ id: d.deviceId, label: d.label || 'Microphone' })),
            camera: current('video'),
            microphone: current('audio'),
        };
    }

    applyToggles() {
        this.stream?.getAudioTracks().forEach(t => t.enabled = !this.micMuted);
        // A disabled video track sends black frames: viewers keep their connection.
        this.stream?.getVideoTracks().forEach(t => t.enabled = !this.cameraOff);
    }

    setMicMuted(muted) { this.micMuted = muted; this.applyToggles(); }

    setCameraOff(off) { this.cameraOff = off; this.applyToggles(); }

    // A new peer for the viewer (closing any earlier one); returns the offer's SDP to send.
    async offerTo(viewerId) {
        this.close(viewerId);
        const pc = new RTCPeerConnection(this.config);
        const peer = track(pc);
        this.peers.set(viewerId, peer);
        this.stream?.getTracks().forEach(t => pc.addTrack(t, this.stream));
        pc.onicecandidate = e => {
            if (e.candidate && e.candidate.candidate) {
                this.dotnet.invokeMethodAsync('OnLocalIceAsync', viewerId, e.candidate.candidate, e.candidate.sdpMid, e.candidate.sdpMLineIndex).catch(() => { });
            }
        };
        pc.onconnectionstatechange = () => {
            if (pc.connectionState === 'failed' && this.peers.get(viewerId)?.pc === pc) {
                // The viewer re-requests by itself; drop the dead peer meanwhile.
                this.close(viewerId);
            }
        };
        const offer = await pc.createOffer();
        await pc.setLocalDescription(offer);
        return pc.localDescription.sdp;
    }

    async acceptAnswer(viewerId, sdp) {
        const peer = this.peers.get(viewerId);
        if (peer && peer.pc.signalingState === 'have-local-offer') {
            await peer.setRemote({ type: 'answer', sdp });
        }
    }

    async addIce(viewerId, candidate) {
        await this.peers.get(viewerId)?.addIce(candidate);
    }

    close(viewerId) {
        this.peers.get(viewerId)?.pc.close();
        this.peers.delete(viewerId);
    }

    closeAll() {
        [...this.peers.keys()].forEach(id => this.close(id));
    }

    connectedCount() {
        return [...this.peers.values()].filter(p => p.pc.connectionState === 'connected').length;
    }

    dispose() {
        this.closeAll();
        this.stream?.getTracks().forEach(t => t.stop());
        this.stream = null;
        this.preview.srcObject = null;
        showStudioStream(null);
    }
}

export function createStudio(dotnet, preview, iceServers) {
    return new Studio(dotnet, preview, iceServers);
}

// ---- Viewer --------------------------------------------------------------------------------

class Viewer {
    constructor(dotnet, video, iceServers) {
        this.dotnet = dotnet;
        this.video = video;
        this.config = iceConfig(iceServers);
        this.peer = null;
        this.requestedAt = 0;
        this.firstFrameMs = null;
        // Autoplay needs the element muted; the attribute alone does not mute an element Blazor inserted.
        video.muted = true;
        video.addEventListener('playing', () => {
            if (this.firstFrameMs === null && this.requestedAt) {
                this.firstFrameMs = Math.round(performance.now() - this.requestedAt);
                video.dataset.firstFrameMs = String(this.firstFrameMs);
            }
            this.dotnet.invokeMethodAsync('OnPlayingAsync').catch(() => { });
        });
    }

    // A fresh peer before each request, so candidates that race the offer have somewhere to wait.
    reset() {
        this.close();
        const pc = new RTCPeerConnection(this.config);
        this.peer = track(pc);
        this.requestedAt = performance.now();
        this.firstFrameMs = null;
        pc.ontrack = e => {
            const stream = e.streams[0] ?? new MediaStream([e.track]);
            if (this.video.srcObject !== stream) {
                this.video.srcObject = stream;
            }
            this.video.play().catch(() => { });
        };
        pc.onicecandidate = e => {
            if (e.candidate && e.candidate.candidate) {
                this.dotnet.invokeMethodAsync('OnLocalIceAsync', e.candidate.candidate, e.candidate.sdpMid, e.candidate.sdpMLineIndex).catch(() => { });
            }
        };
        pc.oniceconnectionstatechange = () => {
            if (this.peer?.pc === pc) {
                this.video.dataset.ice = pc.iceConnectionState;
                this.dotnet.invokeMethodAsync('OnIceStateAsync', pc.iceConnectionState).catch(() => { });
            }
        };
    }

    // Answers the host's offer; returns the answer's SDP to send.
    async acceptOffer(sdp) {
        if (!this.peer || this.peer.pc.signalingState !== 'stable' || this.peer.pc.remoteDescription) {
            this.reset();
        }
        const pc = this.peer.pc;
        await this.peer.setRemote({ type: 'offer', sdp });
        const answer = await pc.createAnswer();
        await pc.setLocalDescription(answer);
        return pc.localDescription.sdp;
    }

    async addIce(candidate) {
        await this.peer?.addIce(candidate);
    }

    setMuted(muted) {
        this.video.muted = muted;
        if (!muted && this.video.paused) {
            this.video.play().catch(() => { });
        }
    }

    close() {
        this.peer?.pc.close();
        this.peer = null;
    }

    dispose() {
        this.close();
        this.video.srcObject = null;
    }
}

export function createViewer(dotnet, video, iceServers) {
    return new Viewer(dotnet, video, iceServers);
}
