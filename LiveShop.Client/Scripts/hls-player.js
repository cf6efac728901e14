// The viewer's Stream URL player: HLS (.m3u8) through hls.js where Media Source Extensions exist,
// the browser's own HLS otherwise (Safari on iOS), MP4/WebM natively. It autoplays muted, recovers
// from stalls and network drops without a reload (backoff 1 s, 2 s, 4 s … 15 s), and reports to .NET:
//   OnPlayerState("playing" | "reconnecting" | "paused")
//   OnPlayingDate(epochMs)   the wall-clock date of the frame on screen (EXT-X-PROGRAM-DATE-TIME), ~2×/s
// Bundled by esbuild into wwwroot/js/bundles/hls-player.js (see LiveShop.Client.csproj). hls.js (~100 kB brotli) is a
// chunk of its own, imported only when a URL is an HLS playlist: an MP4 show never downloads it.

/** hls.js once loadHls() has imported it. */
let Hls = null;

/** Imports hls.js (its own chunk) the first time an HLS playlist plays. */
async function loadHls() {
    Hls ??= (await import('hls.js/light')).default;
    return Hls;
}

const HLS_PATTERN = /\.m3u8($|[?#])/i;
const MAX_BACKOFF_MS = 15000;
const STALL_GRACE_MS = 1500;
const NATIVE_STALL_RELOAD_MS = 6000;
const DATE_REPORT_MS = 500;

/** True when the URL names an HLS playlist. */
export function isHls(url) {
    return HLS_PATTERN.test(url ?? '');
}

/**
 * Starts playing url in the video element and returns a controller with setMuted(muted),
 * toggleFullscreen(container), playingDate() and dispose(). dotnet may be null (no reports).
 */
export function createPlayer(video, url, dotnet, options) {
    const player = new StreamPlayer(video, url, dotnet, options ?? {});
    player.start();
    return player;
}

class StreamPlayer {
    constructor(video, url, dotnet, options) {
        this.video = video;
        this.url = url;
        this.dotnet = dotnet;
        this.loop = options.loop === true;
        this.hls = null;
        this.state = null;
        this.attempt = 0;
        this.retryTimer = 0;
        this.stallTimer = 0;
        this.lastDateReport = 0;
        this.disposed = false;
        this.listeners = [];
    }

    start() {
        const video = this.video;
        video.muted = true;
        video.playsInline = true;
        this.on(video, 'playing', () => this.onPlaying());
        this.on(video, 'timeupdate', () => this.onTimeUpdate());
        this.on(video, 'waiting', () => this.onStall());
        this.on(video, 'stalled', () => this.onStall());
        this.on(video, 'error', () => this.onNativeError());
        this.on(video, 'ended', () => this.onEnded());
        this.on(window, 'online', () => this.retryNow());

        if (isHls(this.url)) {
            loadHls().then(
                hls => {
                    if (this.disposed) {
                        return;
                    }
                    if (hls.isSupported()) {
                        this.startHls();
                    } else {
                        this.startNative();
                    }
                },
                () => this.disposed || this.startNative());
        } else {
            this.startNative();
        }
    }

    /** MP4/WebM, or HLS where the browser plays it itself (Safari/iOS). */
    startNative() {
        const video = this.video;
        this.native = true;
        // The prerendered page may already carry the URL (MP4 starts before WebAssembly): keep it.
        if (video.getAttribute('src') !== this.url) {
            video.src = this.url;
        }
        this.play();
    }

    startHls() {
        const hls = new Hls({
            // Live edge: a few segments behind, like every HLS player; the room waits for it (sync).
            liveSyncDurationCount: 3,
            manifestLoadingMaxRetry: 2,
            levelLoadingMaxRetry: 2,
            fragLoadingMaxRetry: 3,
        });
        this.hls = hls;
        hls.on(Hls.Events.MEDIA_ATTACHED, () => hls.loadSource(this.url));
        hls.on(Hls.Events.MANIFEST_PARSED, () => this.play());
        hls.on(Hls.Events.ERROR, (_, data) => this.onHlsError(data));
        hls.attachMedia(this.video);
    }

    onHlsError(data) {
        if (this.disposed) {
            return;
        }
        if (!data.fatal) {
            if (data.details === Hls.ErrorDetails.BUFFER_STALLED_ERROR) {
                this.onStall();
            }
            return;
        }
        this.setState('reconnecting');
        const hls = this.hls;
        switch (data.type) {
            case Hls.ErrorTypes.MEDIA_ERROR:
                // Decoder trouble: hls.js's documented recovery, then a full restart if it repeats.
                if (this.attempt++ < 2) {
                    hls.recoverMediaError();
                } else {
                    this.scheduleRetry(() => this.restartHls());
                }
                break;
            case Hls.ErrorTypes.NETWORK_ERROR:
                this.scheduleRetry(() => {
                    if (hls.levels && hls.levels.length > 0) {
                        hls.startLoad();
                    } else {
                        hls.loadSource(this.url);
                    }
                });
                break;
            default:
                this.scheduleRetry(() => this.restartHls());
                break;
        }
    }

    restartHls() {
        this.hls?.destroy();
        this.hls = null;
        this.startHls();
    }

    onNativeError() {
        if (this.disposed || !this.native) {
            return;
        }
        this.setState('reconnecting');
        this.scheduleRetry(() => this.reloadNative());
    }

    reloadNative() {
        const video = this.video;
        video.src = this.url;
        video.load();
        this.play();
    }

    onStall() {
        if (this.disposed || this.stallTimer) {
            return;
        }
        // A short wait is buffering, not a drop: say "Reconnecting…" only if it lasts.
        this.stallTimer = setTimeout(() => {
            this.stallTimer = 0;
            if (this.disposed || this.isPlaying()) {
                return;
            }
            this.setState('reconnecting');
            if (this.native) {
                this.stallTimer = setTimeout(() => {
                    this.stallTimer = 0;
                    if (!this.disposed && !this.isPlaying()) {
                        this.scheduleRetry(() => this.reloadNative());
                    }
                }, NATIVE_STALL_RELOAD_MS);
            } else if (this.hls) {
                // hls.js retries segments itself; nudge the loader in case it gave up quietly.
                this.hls.startLoad();
            }
        }, STALL_GRACE_MS);
    }

    onPlaying() {
        clearTimeout(this.stallTimer);
        this.stallTimer = 0;
        this.attempt = 0;
        this.setState('playing');
    }

    onEnded() {
        if (this.loop) {
            this.video.currentTime = 0;
            this.play();
        }
    }

    onTimeUpdate() {
        if (!this.isPlaying()) {
            return;
        }
        if (this.state !== 'playing') {
            this.onPlaying();
        }
        const now = performance.now();
        if (now - this.lastDateReport < DATE_REPORT_MS) {
            return;
        }
        this.lastDateReport = now;
        const date = this.playingDate();
        if (date !== null) {
            this.report('OnPlayingDate', date);
        }
    }

    /** The date (ms since the epoch) of the frame on screen, or null when the stream carries none. */
    playingDate() {
        const hlsDate = this.hls?.playingDate;
        if (hlsDate instanceof Date && !Number.isNaN(hlsDate.getTime())) {
            return hlsDate.getTime();
        }
        // Safari's native HLS exposes EXT-X-PROGRAM-DATE-TIME as the timeline's start date.
        if (this.native && typeof this.video.getStartDate === 'function') {
            const start = this.video.getStartDate().getTime();
            if (!Number.isNaN(start) && start > 0) {
                return start + this.video.currentTime * 1000;
            }
        }
        return null;
    }

    isPlaying() {
        const v = this.video;
        return !v.paused && !v.ended && v.readyState > 2;
    }

    scheduleRetry(action) {
        clearTimeout(this.retryTimer);
        const delay = Math.min(1000 * 2 ** Math.min(this.attempt, 4), MAX_BACKOFF_MS);
        this.attempt++;
        this.pendingRetry = action;
        this.retryTimer = setTimeout(() => {
            this.retryTimer = 0;
            this.pendingRetry = null;
            if (!this.disposed) {
                action();
            }
        }, delay);
    }

    retryNow() {
        if (this.pendingRetry && !this.disposed) {
            clearTimeout(this.retryTimer);
            const action = this.pendingRetry;
            this.pendingRetry = null;
            action();
        }
    }

    play() {
        const playing = this.video.play();
        if (playing) {
            playing.catch(() => {
                // Autoplay refused even muted (rare): the viewer taps the unmute button to start.
                if (!this.disposed && this.video.paused) {
                    this.setState('paused');
                }
            });
        }
    }

    setMuted(muted) {
        this.video.muted = muted;
        if (!muted && this.video.paused) {
            this.play();
        }
    }

    toggleFullscreen(container) {
        const doc = document;
        if (doc.fullscreenElement || doc.webkitFullscreenElement) {
            (doc.exitFullscreen ?? doc.webkitExitFullscreen)?.call(doc);
            return;
        }
        const target = container ?? this.video.closest('.ls-player') ?? this.video;
        if (target.requestFullscreen) {
            target.requestFullscreen().catch(() => this.video.webkitEnterFullscreen?.());
        } else if (target.webkitRequestFullscreen) {
            target.webkitRequestFullscreen();
        } else {
            // iOS Safari: only the video element itself goes full screen.
            this.video.webkitEnterFullscreen?.();
        }
    }

    setState(state) {
        if (this.state === state) {
            return;
        }
        this.state = state;
        this.report('OnPlayerState', state);
    }

    report(method, value) {
        if (this.dotnet && !this.disposed) {
            this.dotnet.invokeMethodAsync(method, value).catch(() => { });
        }
    }

    on(target, type, handler) {
        target.addEventListener(type, handler);
        this.listeners.push(() => target.removeEventListener(type, handler));
    }

    dispose() {
        this.disposed = true;
        clearTimeout(this.retryTimer);
        clearTimeout(this.stallTimer);
        this.listeners.forEach(off => off());
        this.listeners = [];
        this.hls?.destroy();
        this.hls = null;
        if (this.native) {
            this.video.removeAttribute('src');
            this.video.load();
        }
    }
}
