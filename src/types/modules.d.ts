// The xliff package ships no types; these cover the calls made here.
declare module 'xliff/js2xliff' {
  const js2xliff: (js: import('../i18n/exchange.js').XliffJs) => Promise<string>;
  export default js2xliff;
}
declare module 'xliff/jsToXliff12' {
  const jsToXliff12: (js: import('../i18n/exchange.js').XliffJs) => Promise<string>;
  export default jsToXliff12;
}
declare module 'xliff/xliff2js' {
  const xliff2js: (xml: string) => Promise<import('../i18n/exchange.js').XliffJs>;
  export default xliff2js;
}
declare module 'xliff/xliff12ToJs' {
  const xliff12ToJs: (xml: string) => Promise<import('../i18n/exchange.js').XliffJs>;
  export default xliff12ToJs;
}
