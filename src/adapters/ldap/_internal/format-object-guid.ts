/**
 * Active Directory's `objectGUID` (16 bytes, the first three fields little-endian) as the standard GUID
 * string `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, the form AD tools show; `null` when it is not 16 bytes.
 */
export function formatObjectGuid(bytes: Uint8Array): string | null {
  if (bytes.length !== 16) return null;
  const hex = (indexes: readonly number[]): string =>
    indexes.map((index) => (bytes[index] ?? 0).toString(16).padStart(2, "0")).join("");
  return [hex([3, 2, 1, 0]), hex([5, 4]), hex([7, 6]), hex([8, 9]), hex([10, 11, 12, 13, 14, 15])].join("-");
}
