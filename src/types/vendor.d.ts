declare module 'opencc-js/dict/TSCharacters' {
  /** OpenCC Traditional-to-Simplified character table: "T S|T S|..." (a value may list several candidates) */
  const table: string;
  export default table;
}
declare module 'opencc-js/dict/TWVariantsRev' {
  const table: string;
  export default table;
}
declare module 'opencc-js/dict/HKVariantsRev' {
  const table: string;
  export default table;
}
declare module 'natural/lib/natural/distance/levenshtein_distance.js' {
  export function DamerauLevenshteinDistance(source: string, target: string, options?: Record<string, unknown>): number;
}
