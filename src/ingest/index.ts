export { findDocuments, type DocumentFile } from './find-documents.js';
export { decodeText } from './decode-text.js';
export { readDocument, DEFAULT_INGEST_SETTINGS, type IngestSettings, type ReadResult } from './read-document.js';
export { htmlToText, tidyParagraphs } from './html-to-text.js';
export { markdownToText } from './markdown-to-text.js';
