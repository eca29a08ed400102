/** Appends `value` to the list kept under `key` (in place: spreading a growing list is quadratic). */
export function addToList<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
