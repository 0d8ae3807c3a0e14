export { aggregate, FRAME_CATEGORIES, UNDP_CATEGORIES, type AggregateSettings } from './aggregate.js';
export { wilsonInterval } from './wilson.js';
