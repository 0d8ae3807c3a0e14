declare module 'natural/lib/natural/inflectors/noun_inflector.js' {
  export default class NounInflector {
    pluralize(word: string): string;
    singularize(word: string): string;
  }
}
