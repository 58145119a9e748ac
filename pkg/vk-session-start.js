// A session's start (vk-session.js), loaded on the first start: the authorization every gated API
// gets (the scope's pop-up when undecided, the privacy layer when configured), then the host
// session's own start, or the callback with the core's start status for the failure. Each start's
// callback runs once, in a later microtask at the earliest; what it throws goes to onError.
// (No static import of the core's modules: this stays a file of its own.)

export async function startSession(host, api, callback, session, hostStart, decided) {
  const { codes, report } = host;
  let called = false;
  const answer = (status) => {
    if (called) return;
    called = true;
    try {
      if (typeof callback === 'function') callback(status);
    } catch (error) {
      report(error);
    }
  };
  try {
    const code = decided ?? (await host.gate(api)).code;
    if (code === codes.proceed && hostStart) {
      // The host's start calls back itself; an async one that rejects counts as one that threw.
      const started = Reflect.apply(hostStart, session, [answer]);
      if (started instanceof Promise) await started;
      return undefined;
    }
    // Authorized, and no session to start: the device has no VisionKit.
    answer(host.status(code === codes.proceed ? codes.notSupported : code));
  } catch (error) {
    report(error);
    answer(host.status(codes.apiFailed));
  }
  return undefined;
}
