// Tells the live connection (LiveShowConnection.NetworkReturn.cs) the moment the device is back: the browser's
// `online` event (the network returned), and the page becoming visible again (a phone waking up, a tab brought
// back). The connection then tries at once instead of sitting out its retry delay.
export function watch(owner) {
  let wentOffline = false;
  const tell = why => owner.invokeMethodAsync('NetworkReturnedAsync', why, wentOffline).catch(() => { });
  const onOffline = () => { wentOffline = true; };
  const onOnline = () => { tell('online'); wentOffline = false; };
  const onVisibility = () => {
    if (document.visibilityState === 'visible' && navigator.onLine !== false) {
      tell('visible');
    }
  };

  window.addEventListener('offline', onOffline);
  window.addEventListener('online', onOnline);
  document.addEventListener('visibilitychange', onVisibility);
  return {
    dispose() {
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('online', onOnline);
      document.removeEventListener('visibilitychange', onVisibility);
    },
  };
}

export function unwatch(handle) {
  handle?.dispose();
}
