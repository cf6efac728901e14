// Keeps the keyboard inside an open bottom sheet (Tab and Shift+Tab wrap around) and gives focus back to
// whatever opened it when it closes. Escape inside the sheet is the component's own (BottomSheet.razor.cs);
// Escape while focus is somewhere else on the page (the app bar's theme toggle, say) closes it through `owner`.
const focusable = 'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function trap(sheet, owner) {
  const opener = document.activeElement instanceof HTMLElement && !sheet.contains(document.activeElement) ? document.activeElement : null;
  const onKeyDown = e => {
    if (e.key === 'Escape' && !sheet.contains(document.activeElement)) {
      owner?.invokeMethodAsync('CloseFromKeyboardAsync');
      return;
    }

    if (e.key !== 'Tab') {
      return;
    }

    const items = [...sheet.querySelectorAll(focusable)].filter(el => el.getClientRects().length > 0);
    if (items.length === 0) {
      e.preventDefault();
      sheet.focus();
      return;
    }

    const first = items[0];
    const last = items[items.length - 1];
    const active = document.activeElement;
    if (e.shiftKey && (active === first || active === sheet || !sheet.contains(active))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (active === last || !sheet.contains(active))) {
      e.preventDefault();
      first.focus();
    }
  };

  // On the document, so a Tab from anywhere (focus lost to the body after a step re-rendered) comes back in.
  document.addEventListener('keydown', onKeyDown, true);
  sheet.focus({ preventScroll: true });
  return {
    release() {
      document.removeEventListener('keydown', onKeyDown, true);
      const active = document.activeElement;
      const lost = active === null || active === document.body || !active.isConnected || sheet.contains(active);
      if (opener && opener.isConnected && lost) {
        opener.focus({ preventScroll: true });
      }
    },
  };
}

export function release(handle) {
  handle?.release();
}
