/**
 * n2words ships ES modules with an `exports` map that `moduleResolution: node` does not read;
 * Node 20.19+ loads them through require(). Only the function the checks call is declared.
 */
declare module 'n2words/*' {
  export function toCardinal(
    value: number | string | bigint,
    options?: Record<string, string | boolean>,
  ): string;
}
