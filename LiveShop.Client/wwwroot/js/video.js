// Video control for the show player. Autoplay needs the element muted (browser policy);
// the viewer unmutes with a tap.
export function start(video) {
    if (!video) {
        return;
    }
    video.muted = true;
    const playing = video.play();
    if (playing) {
        playing.catch(() => { /* the poster stays; the user can tap play */ });
    }
}

export function setMuted(video, muted) {
    if (!video) {
        return;
    }
    video.muted = muted;
    if (!muted && video.paused) {
        video.play().catch(() => { });
    }
}
