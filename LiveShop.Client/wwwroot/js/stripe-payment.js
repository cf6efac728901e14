// Stripe's Payment Element for one order: card data goes from this page to Stripe, never to LiveShop.
// Stripe.js must come from js.stripe.com (PCI): it is loaded at run time, once, when a buyer pays by card.
const mounted = new Map();
let loading;

function loadStripe() {
  if (window.Stripe) {
    return Promise.resolve(window.Stripe);
  }

  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = 'https://js.stripe.com/v3';
    script.async = true;
    script.onload = () => resolve(window.Stripe);
    script.onerror = () => {
      loading = undefined;
      reject(new Error('Stripe.js could not be loaded.'));
    };
    document.head.appendChild(script);
  });
  return loading;
}

/** Mounts the Payment Element for the PaymentIntent's client secret into the element with this id. */
export async function mount(elementId, publishableKey, clientSecret) {
  const Stripe = await loadStripe();
  const stripe = Stripe(publishableKey);
  const elements = stripe.elements({ clientSecret });
  const payment = elements.create('payment');
  payment.mount('#' + elementId);
  mounted.set(elementId, { stripe, elements, payment });
}

/**
 * Confirms the payment. Redirects only for methods that need it (3-D Secure in a new page), back to returnUrl.
 * Returns { status, error }: status is the PaymentIntent's ('succeeded', 'processing', …) or null; error is Stripe's sentence.
 */
export async function confirm(elementId, returnUrl) {
  const entry = mounted.get(elementId);
  if (!entry) {
    return { status: null, error: 'The card form is not ready yet.' };
  }

  const result = await entry.stripe.confirmPayment({
    elements: entry.elements,
    redirect: 'if_required',
    confirmParams: { return_url: returnUrl },
  });
  return result.error
    ? { status: result.error.payment_intent?.status ?? null, error: result.error.message ?? 'The payment did not go through.' }
    : { status: result.paymentIntent?.status ?? null, error: null };
}

export function unmount(elementId) {
  mounted.get(elementId)?.payment.destroy();
  mounted.delete(elementId);
}
