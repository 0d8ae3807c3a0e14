export { tokenise, DEFAULT_TOKENISE_SETTINGS, type TokeniseSettings } from './tokenise.js';
export { detectLanguage } from './detect-language.js';
export { WINK_PIPES, type WinkPipeName } from './wink.js';
