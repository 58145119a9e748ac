// Plain values in and out of the shim: what counts as an options object, copies of the core's
// replies, and words for values that go into a message.

export const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

// Any object carrying a callback chooses the callback form, even one that is a parameter error
// (an array): otherwise the caller's callbacks never run and the returned Promise rejects unheard.
export const hasCallbacks = (options) => typeof options === 'object' && options !== null
  && (typeof options.success === 'function' || typeof options.fail === 'function' || typeof options.complete === 'function');

/** A deep copy of plain data (objects, arrays, primitives), the kind the core hands out. */
export function copyPlain(value) {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyPlain);
  const copy = {};
  for (const key of Object.keys(value)) copy[key] = copyPlain(value[key]);
  return copy;
}

export function copyReply(reply) {
  const copy = { ...reply };
  if (reply.data !== undefined) copy.data = { ...reply.data };
  return copy;
}

export function describeValue(value) {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined || value === null || typeof value !== 'object') return String(value);
  try {
    return JSON.stringify(value) ?? Object.prototype.toString.call(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

export function errorMessage(error) {
  if (error instanceof Error) return error.message || error.name;
  return describeValue(error);
}
