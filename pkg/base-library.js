// WeChat's base library option (`baseLibrary`, e.g. "2.32.3"): the text read into the number the
// core compares with its table of what each version switches on (src/base_library.rs FEATURES).
// Loaded with the option only: its parsing and wording are not part of the core download.

const PART = 2 ** 20;

/**
 * `baseLibrary` for the core: `major·2⁴⁰ + minor·2²⁰ + patch` (src/base_library.rs
 * `Version::unpack`). A version is two or three parts of 1 to 6 digits ("3.0" is 3.0.0); anything
 * else throws, naming the option as the core's errors do.
 */
export function packBaseLibrary(text) {
  if (typeof text !== 'string') {
    // Worded and typed as the core's option errors (`Error`, WeChat's type names).
    throw new Error(`createAuthorizer: option baseLibrary must be a string (got ${Object.prototype.toString.call(text).slice(8, -1)})`);
  }
  if (!/^\d{1,6}\.\d{1,6}(\.\d{1,6})?$/.test(text)) {
    throw new Error('createAuthorizer: option baseLibrary must be a version such as "2.32.3"');
  }
  const [major, minor, patch = 0] = text.split('.').map(Number);
  return (major * PART + minor) * PART + patch;
}
