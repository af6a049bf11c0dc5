// Vite (and so vitest) imports a file's text with the `?raw` suffix.
declare module '*.yaml?raw' {
  const text: string;
  export default text;
}
