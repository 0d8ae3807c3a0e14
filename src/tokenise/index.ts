export { checkTokeniser, tokenise, DEFAULT_TOKENISE_SETTINGS, TOKENISERS, type TokeniseSettings, type TokeniserName } from './tokenise.js';
export { detectLanguage } from './detect-language.js';
export { WINK_PIPES, type WinkPipeName } from './wink.js';
