// How objects holding credentials show themselves: Node's util.inspect (and so
// console.log) calls the method under this symbol; browsers ignore it. Using the
// registered symbol avoids importing node:util, so the same code runs in browsers.

export const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

/** `Name { ...shown }`, styled by util.inspect when Node passes it in. */
export function inspectAs(name, shown, depth, options, inspect) {
  if (typeof inspect !== 'function') return shown;
  if (depth < 0) return options.stylize(`[${name}]`, 'special');
  // `depth` is what is left at this level: the shown object stands in for this one.
  return `${name} ${inspect(shown, { ...options, depth })}`;
}
